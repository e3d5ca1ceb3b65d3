import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { expandTerm, scoreSentences, type Bm25, type QueryTerm } from '../../src/search/candidates.ts';
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

/** Every sentence id. */
const ALL = [...SENTENCES.keys()];

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

/** Exact index terms as a query, each its own question term. */
const exact = (boost: Record<string, number>): QueryTerm[] => Object.entries(boost).map(([term, weight]) => ({ term, source: term, weight }));

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
      const got = scoreSentences(store(), ALL, exact(c.boost), BM25).best(ALL.length);
      expect(got.length).toBeGreaterThan(0);
      expect(byId(got)).toEqual(byId(expected));
    });

  it('scores only the sentences it is given', () => {
    const got = scoreSentences(store(), [0, 1], exact({ bridge: 1 }), BM25).best(10);
    expect(got.map((m) => m.id).sort()).toEqual([0, 1]);
  });

  // Unknown question words, expanded in the vocabulary: scores and matched terms must be MiniSearch's own prefix and
  // fuzzy search over the same terms.
  const expansions: Array<{ why: string; query: string; prefix: boolean; fuzzy: number | false }> = [
    { why: 'a typo one edit away ("volcanp")', query: 'lava volcanp', prefix: false, fuzzy: 1 },
    { why: 'a prefix ("evac" of "evacu")', query: 'town evac', prefix: true, fuzzy: false },
    { why: 'both: a prefix match is not also counted as a typo ("tol" ~ "toll")', query: 'tol bridge', prefix: true, fuzzy: 1 },
  ];
  for (const c of expansions)
    it(`expands unknown words as MiniSearch does: ${c.why}`, () => {
      const ms = miniSearch();
      const vocabulary = new SearchableMap<true>();
      for (const terms of SENTENCES) for (const t of terms) vocabulary.set(t, true);
      const s = store();
      const weights = { prefix: 0.4, fuzzy: 0.3 };
      const expected = ms.search(c.query, {
        tokenize: (t) => t.split(' '),
        processTerm: (t) => t,
        bm25: BM25,
        weights,
        prefix: (t) => c.prefix && !s.has(t),
        fuzzy: (t) => (s.has(t) ? false : c.fuzzy),
      }) as unknown as Match[];
      const query = c.query
        .split(' ')
        .flatMap((t) =>
          s.has(t)
            ? exact({ [t]: 1 })
            : expandTerm(t, 1, vocabulary, { prefix: c.prefix, fuzzy: c.fuzzy, maxFuzzy: 2, prefixWeight: weights.prefix, fuzzyWeight: weights.fuzzy }),
        );
      const got = scoreSentences(s, ALL, query, BM25).best(ALL.length);
      expect(got.length).toBeGreaterThan(0);
      expect(byId(got)).toEqual(byId(expected));
      expect(got.map((m) => m.queryTerms.sort().join()).sort()).toEqual(expected.map((m) => m.queryTerms.sort().join()).sort());
    });

  it('counts a removed sentence out of the statistics, as MiniSearch counts a discarded one', async () => {
    const s = store();
    s.remove(4);
    const ms = miniSearch();
    ms.discard(4);
    await ms.vacuum();
    const expected = ms.search('bridge toll', { tokenize: (t) => t.split(' '), processTerm: (t) => t, bm25: BM25 }) as unknown as Match[];
    const got = scoreSentences(
      s,
      ALL.filter((i) => i !== 4),
      exact({ bridge: 1, toll: 1 }),
      BM25,
    ).best(ALL.length);
    expect(byId(got)).toEqual(byId(expected));
  });

  it('keeps the best k, best first, and gives any sentence its match with the same score', () => {
    const scored = scoreSentences(store(), ALL, exact({ bridge: 1, toll: 1, euro: 1 }), BM25);
    const all = scored.best(ALL.length);
    const two = scored.best(2);
    expect(two.map((m) => m.id)).toEqual(all.slice(0, 2).map((m) => m.id));
    expect(all.map((m) => m.score)).toEqual([...all.map((m) => m.score)].sort((a, b) => b - a));
    // Sentences 0, 1 and 5: two matches (5 is empty), with the scores of the full list.
    const some = scored.matchesIn([0, 1, 5]);
    expect(some.map((m) => [m.id, m.score])).toEqual([0, 1].map((id) => [id, all.find((m) => m.id === id)?.score]));
  });
});
