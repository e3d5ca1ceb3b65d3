/** The shared engine fixtures: the shipped article, and a short news item whose questions fall into each kind. */
import { loadCorpus, parseArticle } from '../../src/corpus.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';

let seed: Promise<Library> | undefined;

/** The library over `corpus/` (the shipped article), built on first use and shared by the file's tests. */
export function seedLibrary(): Promise<Library> {
  seed ??= loadCorpus('corpus').then((corpus) => buildLibrary(corpus));
  return seed;
}

/** The engine over `corpus/` (the shipped article): the one of {@link seedLibrary}. */
export async function seedEngine(): Promise<Engine> {
  return (await seedLibrary()).engine;
}

/** A short news item, written for the tests: every content word of {@link KIND_QUESTIONS} is chosen against it. */
export const BRIDGE_ARTICLE = [
  'New bridge opens over the Danube',
  '',
  'The new Danube bridge at Vidin opened to traffic on Saturday after four years of construction.',
  '',
  'The bridge cost 280 million euros, most of it paid by the European Union.',
  '',
  'Mayor Elena Petrova said the crossing would cut the journey to Romania by two hours.',
  '',
  'Lorry drivers welcomed the opening, although tolls will be charged from June.',
].join('\n');

/** The library over {@link BRIDGE_ARTICLE} alone (cheap: built per call). */
export function bridgeLibrary(): Library {
  return buildLibrary({ dir: 'inline', articles: [parseArticle('bridge', BRIDGE_ARTICLE)] });
}

/** The engine over {@link BRIDGE_ARTICLE} alone (cheap: built per call). */
export function bridgeEngine(): Engine {
  return createEngine({ dir: 'inline', articles: [parseArticle('bridge', BRIDGE_ARTICLE)] });
}

/** One question of each kind about {@link BRIDGE_ARTICLE}, for tests that follow a kind through a transport. */
export const KIND_QUESTIONS = {
  // "bridge", "cost" and an amount meet in one sentence.
  sure: 'How much did the bridge cost?',
  // The bridge is what the item is about; its length is never given.
  closest: 'How long is the bridge?',
  // Not one word of it is in the item.
  none: 'Who won the football match?',
} as const;
