/** The shared engine fixture: the shipped article, loaded and indexed once per test file. */
import { loadCorpus } from '../../src/corpus.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';

let seed: Promise<Engine> | undefined;

/** The engine over `corpus/` (the shipped article), built on first use and shared by the file's tests. */
export function seedEngine(): Promise<Engine> {
  seed ??= loadCorpus('corpus').then((corpus) => createEngine(corpus));
  return seed;
}
