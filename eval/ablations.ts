/**
 * The engine's quality steps, each turned off on its own, so that
 * eval/RESULTS.md says what every step gives today (not just when it was added).
 */
import type { EngineOptions } from '../src/search/engine.ts';

export interface Ablation {
  name: string;
  options: Partial<EngineOptions>;
}

export const ABLATIONS: Ablation[] = [];
