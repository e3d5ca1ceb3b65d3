/**
 * The engine's quality steps, each turned off on its own, so that
 * eval/RESULTS.md says what every step gives today, not just what it gave
 * when it was added.
 */
import type { EngineOptions } from '../src/search/options.ts';

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
  { name: 'without typo tolerance (fuzzy matching, question-word typos)', options: { fuzzy: false } },
  { name: 'without prefix matching', options: { prefix: false } },
  { name: 'without neighbour scores', options: { neighbourWeight: 0 } },
  { name: 'without compound tails (quake ~ earthquake)', options: { compoundTails: false } },
  { name: 'without words of like meaning (staff ~ employees)', options: { similarWords: 0 } },
  {
    name: 'all steps off (analyzer + BM25 only)',
    options: {
      lemmas: false,
      numbers: false,
      acronyms: false,
      contextWeight: 0,
      paragraphWeight: 0,
      typeBoost: 0,
      fuzzy: false,
      prefix: false,
      similarWords: 0,
    },
  },
];
