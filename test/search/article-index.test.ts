import { describe, expect, it } from 'vitest';
import { ArticleIndex } from '../../src/search/article-index.ts';

/** Term ids for the words of these tests, as the term store would give them. */
const vocabulary = new Map<string, number>();
const idOf = (w: string): number => {
  let id = vocabulary.get(w);
  if (id === undefined) vocabulary.set(w, (id = vocabulary.size));
  return id;
};
/** An article's term counts from its words. */
const words = (s: string | string[]): Map<number, number> => {
  const out = new Map<number, number>();
  for (const w of typeof s === 'string' ? s.split(' ') : s) out.set(idOf(w), (out.get(idOf(w)) ?? 0) + 1);
  return out;
};
/** A weighted query of words. */
const query = (q: Record<string, number>): Map<number, number> => new Map(Object.entries(q).map(([w, weight]) => [idOf(w), weight]));

function index(): ArticleIndex {
  const ix = new ArticleIndex();
  ix.add('bridge', words('bridge danub open bridge toll euro cost'));
  ix.add('volcano', words('volcano erupt iceland lava resid evacu'));
  ix.add('fire', words('forest fire greec hectar pine firefight itali'));
  ix.add('budget', words('budget euro cost parliament vote tax euro'));
  return ix;
}

describe('ArticleIndex.top', () => {
  // Each case: a weighted query and the articles expected, best first.
  const cases: Array<{ why: string; query: Record<string, number>; k: number; expected: string[] }> = [
    { why: 'a word only one article has picks it alone', query: { lava: 1 }, k: 3, expected: ['volcano'] },
    { why: 'a rare word outweighs a word two articles share', query: { euro: 1, danub: 1 }, k: 3, expected: ['bridge', 'budget'] },
    { why: 'k bounds the answer', query: { euro: 1, cost: 1, lava: 1, fire: 1 }, k: 2, expected: ['budget', 'bridge'] },
    { why: 'a weight scales a word: a weak "lava" loses to a full "euro"', query: { euro: 1, lava: 0.05 }, k: 1, expected: ['budget'] },
    { why: 'no article has the words: none', query: { tunnel: 1 }, k: 3, expected: [] },
  ];
  for (const c of cases)
    it(c.why, () => {
      expect(index().top(query(c.query), c.k)).toEqual(c.expected);
    });

  it('forgets a removed article, and a replaced one answers by its new words', () => {
    const ix = index();
    expect(ix.remove('volcano')).toBe(true);
    expect(ix.remove('volcano')).toBe(false);
    expect(ix.top(query({ lava: 1 }), 3)).toEqual([]);
    ix.add('fire', words('flood river rain'));
    expect(ix.top(query({ forest: 1 }), 3)).toEqual([]);
    expect(ix.top(query({ flood: 1 }), 3)).toEqual(['fire']);
    expect(ix.size).toBe(3);
  });

  it('keeps the best k of many articles (the bounded heap), best first', () => {
    const ix = new ArticleIndex();
    // Article i says "news" i times: more mentions, higher score.
    for (let i = 1; i <= 300; i++) ix.add(`a${i}`, words([...Array<string>(i).fill('news'), 'filler']));
    expect(ix.top(query({ news: 1 }), 3)).toEqual(['a300', 'a299', 'a298']);
  });
});
