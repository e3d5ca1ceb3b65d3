/**
 * Scores a chosen set of sentences (those of a big library's candidate
 * articles, see article-index.ts) the way MiniSearch scores its results,
 * from the compact term store instead of MiniSearch's posting lists.
 *
 * MiniSearch cannot score a subset of its documents without walking every
 * posting of every query term: on 10,000 articles that walk alone was 63% of
 * a question's time. Here the cost is the candidates' own terms. The formula
 * is MiniSearch's own (BM25+ over a sentence's distinct terms, times the
 * number of query terms matched), with the same corpus statistics, so a
 * sentence scores exactly as MiniSearch would score it:
 * test/search/candidates.test.ts checks that against MiniSearch itself.
 */
import type { Match } from './rank.ts';
import type { SentenceTerms } from './sentence-terms.ts';

/** The field a term matched in, as MiniSearch reports it: the index has one. Shared, never changed (one array per match was a tenth of the time). */
const FIELDS = ['text'];

/** MiniSearch's BM25 parameters (its `bm25` search option). */
export interface Bm25 {
  k: number;
  b: number;
  d: number;
}

/**
 * MiniSearch's BM25+ for one term in one document (its `calcBM25Score`):
 * `df` documents of `n` hold the term, `length` is the document's distinct
 * terms, `avg` their mean over the index.
 */
export function bm25Score(tf: number, df: number, n: number, length: number, avg: number, p: Bm25): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return idf * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avg)));
}

/**
 * The matches among `sentences` for the query's index terms, scored as
 * MiniSearch's `search` would with these terms as the query (`boost` its
 * `boostTerm`): one {@link Match} per sentence that holds any, unsorted.
 * Every term here must be an index term as it is (no typo or prefix
 * expansion); `more` adds matches found otherwise (MiniSearch's, for the
 * question's unknown words), merged as MiniSearch merges a query's terms.
 */
export function scoreSentences(
  store: SentenceTerms,
  sentences: Iterable<number>,
  boost: ReadonlyMap<string, number>,
  p: Bm25,
  more: readonly Match[] = [],
): Match[] {
  const n = store.liveCount;
  const avg = store.averageLength;
  // Query terms by term id: slot + 1 in a table as long as the vocabulary (a typed-array read per sentence term).
  const slotOf = new Int32Array(store.vocabularySize);
  const query: Array<{ term: string; boost: number; df: number }> = [];
  for (const [term, b] of boost) {
    const id = store.idOfTerm(term);
    const df = store.docFreq(term);
    if (id === undefined || df === 0) continue;
    query.push({ term, boost: b, df });
    slotOf[id] = query.length;
  }
  const ids = store.termIds;
  const counts = store.termCounts;
  const out = new Map<number, Match>();
  if (query.length > 0) {
    for (const sid of sentences) {
      const from = store.from(sid);
      const to = store.from(sid + 1);
      let match: Match | undefined;
      for (let i = from; i < to; i++) {
        const slot = slotOf[ids[i] as number] as number;
        if (slot === 0) continue;
        const q = query[slot - 1] as { term: string; boost: number; df: number };
        const score = q.boost * bm25Score(counts[i] as number, q.df, n, to - from, avg, p);
        if (!match) {
          match = { id: sid, score: 0, match: {}, queryTerms: [] };
          out.set(sid, match);
        }
        match.score += score;
        match.match[q.term] = FIELDS;
        match.queryTerms.push(q.term);
      }
    }
  }
  for (const m of more) {
    // MiniSearch's score is its sum times the number of query terms matched: take the sum back out.
    const sum = m.score / (m.queryTerms.length || 1);
    const own = out.get(m.id);
    if (!own) out.set(m.id, { id: m.id, score: sum, match: { ...m.match }, queryTerms: [...m.queryTerms] });
    else {
      own.score += sum;
      Object.assign(own.match, m.match);
      for (const t of m.queryTerms) if (!own.queryTerms.includes(t)) own.queryTerms.push(t);
    }
  }
  for (const m of out.values()) m.score *= m.queryTerms.length || 1;
  return [...out.values()];
}
