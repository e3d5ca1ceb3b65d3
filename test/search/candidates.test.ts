import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { scoreSentences, type Bm25 } from '../../src/search/candidates.ts';
import { SentenceTerms } from '../../src/search/sentence-terms.ts';
import type { Match } from '../../src/search/rank.ts';

/** Sentences as analyzed terms: repeats (tf), shared and rare words, an empty one (it still counts in the average length). */
const SENTENCES = [
  'bridge open traffic saturday year construction',
  'bridge cost million euro union pay',
  'mayor petrova say cross cut journey romania hour',
  'lorri driver welcom open toll charg june',
  'bridge bridge toll euro',
  '',
  'volcano erupt monday night iceland',
  'resid evacu lava reach town volcano',
].map((s) => (s === '' ? [] : s.split(' ')));

const BM25: Bm25 = { k: 1.2, b: 0.7, d: 0.5 };

/** MiniSearch over the same terms, set up as the engine sets it up (terms in, no analysis of its own). */
function miniSearch(): MiniSearch<{ id: number; text: string }> {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize: (t) => (t === '' ? [] : t.split(' ')),
    processTerm: (t) => t,
  });
  ms.addAll(SENTENCES.map((terms, id) => ({ id, text: terms.join(' ') })));
  return ms;
}

function store(): SentenceTerms {
  const s = new SentenceTerms();
  for (const terms of SENTENCES) s.push(terms);
  return s;
}

const byId = (ms: Match[]): Array<[number, string, string[]]> =>
  [...ms].sort((a, b) => a.id - b.id).map((m) => [m.id, m.score.toFixed(9), Object.keys(m.match).sort()]);

describe('scoreSentences', () => {
  // Each case: a query of index terms with their boosts; the scores must be MiniSearch's to nine places.
  const cases: Array<{ why: string; boost: Record<string, number> }> = [
    { why: 'one common term: BM25 with its low IDF, tf 2 in sentence 4', boost: { bridge: 1 } },
    { why: 'several terms: summed, then times the number matched (MiniSearch quality)', boost: { bridge: 1, toll: 1, euro: 1 } },
    { why: 'a boosted term (a word of like meaning, searched at 0.4)', boost: { volcano: 1, lava: 0.4 } },
    { why: 'a term no sentence holds adds nothing', boost: { bridge: 1, tunnel: 1 } },
  ];
  for (const c of cases)
    it(`scores as MiniSearch does: ${c.why}`, () => {
      const boost = new Map(Object.entries(c.boost));
      const terms = [...boost.keys()];
      const expected = miniSearch().search(terms.join(' '), {
        tokenize: (t) => t.split(' '),
        processTerm: (t) => t,
        boostTerm: (t) => boost.get(t) ?? 1,
        bm25: BM25,
      }) as unknown as Match[];
      const got = scoreSentences(store(), SENTENCES.keys(), boost, BM25);
      expect(got.length).toBeGreaterThan(0);
      expect(byId(got)).toEqual(byId(expected));
    });

  it('scores only the sentences it is given', () => {
    const got = scoreSentences(store(), [0, 1], new Map([['bridge', 1]]), BM25);
    expect(got.map((m) => m.id).sort()).toEqual([0, 1]);
  });

  it("merges MiniSearch's own matches for unknown words (a typo) as MiniSearch merges a query's terms", () => {
    const ms = miniSearch();
    const options = { tokenize: (t: string) => t.split(' '), processTerm: (t: string) => t, bm25: BM25, fuzzy: (t: string) => (t === 'volcanp' ? 1 : false) };
    const whole = ms.search('lava volcanp', options) as unknown as Match[];
    const typo = ms.search('volcanp', options) as unknown as Match[];
    const got = scoreSentences(store(), SENTENCES.keys(), new Map([['lava', 1]]), BM25, typo);
    expect(byId(got)).toEqual(byId(whole));
    // Sentence 7 has both: matched twice, so its sum counts double.
    expect(got.find((m) => m.id === 7)?.queryTerms.sort()).toEqual(['lava', 'volcanp']);
  });

  it('counts a removed sentence out of the statistics, as MiniSearch counts a discarded one', async () => {
    const s = store();
    s.remove(4);
    const ms = miniSearch();
    ms.discard(4);
    await ms.vacuum();
    const expected = ms.search('bridge toll', { tokenize: (t) => t.split(' '), processTerm: (t) => t, bm25: BM25 }) as unknown as Match[];
    const boost = new Map([
      ['bridge', 1],
      ['toll', 1],
    ]);
    const got = scoreSentences(
      s,
      [...SENTENCES.keys()].filter((i) => i !== 4),
      boost,
      BM25,
    );
    expect(byId(got)).toEqual(byId(expected));
  });
});
