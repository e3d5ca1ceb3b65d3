/**
 * The engine's quality steps, each turned off on its own (and the tried
 * steps that did not help, turned on), so that eval/RESULTS.md says what
 * every step gives today, not just what it gave when it was added.
 */
import type { EngineOptions } from '../src/search/engine.ts';

export interface Ablation {
  name: string;
  options: Partial<EngineOptions>;
}

export const ABLATIONS: Ablation[] = [
  { name: 'without WordNet lemmas (Porter stem only)', options: { lemmas: false } },
  { name: 'without number words / magnitudes', options: { numbers: false } },
  { name: 'without acronyms', options: { acronyms: false } },
  { name: 'without leaning-sentence context', options: { contextWeight: 0 } },
  { name: 'without paragraph score', options: { paragraphWeight: 0 } },
  { name: 'without question-type boost', options: { typeBoost: 0 } },
  { name: 'without fuzzy matching', options: { fuzzy: 0 } },
  { name: 'without prefix matching', options: { prefix: false } },
  { name: 'plus title words (weight 0.3), tried, off', options: { titleWeight: 0.3 } },
  { name: 'plus synonyms (weight 0.3), tried, off', options: { synonymWeight: 0.3 } },
  { name: 'plus phrase proximity bonus (weight 0.3), tried, off', options: { proximityWeight: 0.3 } },
  { name: 'plus "what X" head word at half weight, tried, off', options: { headWeight: 0.5 } },
  { name: 'without neighbour scores', options: { neighbourWeight: 0 } },
  {
    name: 'all steps off (analyzer + BM25 only)',
    options: { lemmas: false, numbers: false, acronyms: false, contextWeight: 0, paragraphWeight: 0, typeBoost: 0, fuzzy: 0, prefix: false },
  },
];
