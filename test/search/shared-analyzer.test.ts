import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine, engineAnalyzer } from '../../src/search/engine.ts';
import { BRIDGE_ARTICLE } from '../support/engine.ts';

const corpus = () => ({ dir: 'inline', articles: [parseArticle('bridge', BRIDGE_ARTICLE)] });

describe('engines sharing one analyzer (a library per chat)', () => {
  it('answer as engines with their own', () => {
    const analyzer = engineAnalyzer();
    const a = createEngine(corpus(), {}, { analyzer });
    const b = createEngine(corpus(), {}, { analyzer });
    const own = createEngine(corpus());
    for (const q of ['How much did the bridge cost?', 'Who is the mayor?'])
      for (const e of [a, b]) expect(e.ask(q).hits.map((h) => [h.sentence, h.score])).toEqual(own.ask(q).hits.map((h) => [h.sentence, h.score]));
  });

  it('refuse an analyzer that analyzes differently: the index and the questions would not meet', () => {
    expect(() => createEngine(corpus(), {}, { analyzer: engineAnalyzer({ lemmas: false }) })).toThrow(/shared analyzer/);
  });
});
