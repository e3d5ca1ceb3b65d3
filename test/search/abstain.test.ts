import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus.ts';
import { createEngine, Engine } from '../../src/search/engine.ts';

const SEED_DIR = new URL('../../corpus', import.meta.url).pathname;

describe('Engine.ask: answered or not, on the seed article', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine(await loadCorpus(SEED_DIR));
  });

  it.each([
    ['what was the 2014 trade volume?', 'the issue\'s own example'],
    ['Which nuclear test site is mentioned?', 'every content word is in sentence 4'],
    ['Chernobyl', 'a one-word query that the article covers'],
  ])('answers "%s" (%s)', (question) => {
    expect(engine.ask(question).answered).toBe(true);
  });

  it.each([
    ['What is the capital of France?', 'nothing of it is in the article'],
    ['Who is the president of Belarus?', '"Belarus" is everywhere in the article, "president" nowhere'],
    ['What is the population of Kazakhstan?', 'same: the country is the article\'s subject, the population is not'],
    ['How do I bake a chocolate cake?', 'another topic altogether'],
  ])('refuses "%s" (%s)', (question) => {
    expect(engine.ask(question).answered).toBe(false);
  });

  it('reports a confidence between 0 and 1', () => {
    const c = engine.ask('what was the 2014 trade volume?').confidence ?? -1;
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThanOrEqual(1);
  });

  it('ranks the same after serialize and restore', () => {
    const restored = Engine.restore(engine.corpus, JSON.parse(JSON.stringify(engine.serialize())) as ReturnType<Engine['serialize']>);
    const q = 'How much trade did they have in 2014?';
    expect(restored.ask(q)).toEqual(engine.ask(q));
  });
});
