/**
 * Scores a chosen set of sentences (those of a big library's candidate
 * articles, see article-index.ts) the way MiniSearch scores its results,
 * from the compact term store instead of MiniSearch's document index.
 *
 * MiniSearch cannot score a subset of its documents without walking every
 * posting of every query term: on 10,000 articles that walk alone was 63% of
 * a question's time, and its index held 300 MB. Here the cost is the
 * candidates' own terms. The formula is MiniSearch's own (BM25+ over a
 * sentence's distinct terms, times the number of query terms matched), with
 * the same corpus statistics, and a word the index lacks is expanded as
 * MiniSearch expands it (prefix and typo matches in MiniSearch's own radix
 * tree, at its weights), so a sentence scores exactly as MiniSearch would
 * score it: test/search/candidates.test.ts checks that against MiniSearch.
 */
import type SearchableMap from 'minisearch/SearchableMap';
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

/** One index term searched for a question term: MiniSearch's `derivedTerm`, `sourceTerm` and weight. */
export interface QueryTerm {
  /** The index term. */
  term: string;
  /** The question term it was searched for (itself, or the word it is a prefix or typo of). */
  source: string;
  /** Its weight: 1 for an exact match, less for prefix and typo matches, times the source's boost. */
  weight: number;
}

/** How MiniSearch expands a word the index lacks: its `prefix`, `fuzzy` and `weights` search options. */
export interface Expansion {
  prefix: boolean;
  /** Edit distance allowed (a whole number), or a share of the word's length; false for none. */
  fuzzy: number | false;
  maxFuzzy: number;
  prefixWeight: number;
  fuzzyWeight: number;
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
 * The index terms a question term matches by prefix or typo, at MiniSearch's
 * weights (its `executeQuerySpec`): a prefix match weighs
 * `prefixWeight × length / (length + 0.3 × extra letters)`, a typo match
 * `fuzzyWeight × length / (length + edits)`, and a term that is both counts
 * as a prefix match. `vocabulary` is a radix tree of the index terms.
 */
export function expandTerm(source: string, boost: number, vocabulary: SearchableMap<unknown>, e: Expansion): QueryTerm[] {
  const out: QueryTerm[] = [];
  const prefixed = new Set<string>();
  if (e.prefix) {
    for (const [term] of vocabulary.atPrefix(source)) {
      const distance = term.length - source.length;
      if (distance === 0) continue;
      prefixed.add(term);
      out.push({ term, source, weight: (boost * e.prefixWeight * term.length) / (term.length + 0.3 * distance) });
    }
  }
  if (e.fuzzy !== false) {
    const max = e.fuzzy < 1 ? Math.min(e.maxFuzzy, Math.round(source.length * e.fuzzy)) : e.fuzzy;
    if (max > 0)
      for (const [term, [, distance]] of vocabulary.fuzzyGet(source, max)) {
        if (distance === 0 || prefixed.has(term)) continue;
        out.push({ term, source, weight: (boost * e.fuzzyWeight * term.length) / (term.length + distance) });
      }
  }
  return out;
}

/** What {@link scoreSentences} found: the best matches, and any sentence's match on demand. */
export interface Scored {
  /** The `k` best matches, best first (ties in sentence order). */
  best(k: number): Match[];
  /** The matches among these sentences (those that hold a query term), in their order. */
  matchesIn(sentences: readonly number[]): Match[];
}

/**
 * Scores `sentences` for the query as MiniSearch's `search` would: a
 * sentence's score is the sum over the query terms it holds of weight ×
 * BM25+, times the number of question terms it matched. Scores go into flat
 * arrays; a {@link Match} object is only made for the sentences asked for
 * (the best few hundred, one article's), since making one for each of
 * thousands of candidates was most of the cost.
 */
export function scoreSentences(store: SentenceTerms, sentences: readonly number[], query: readonly QueryTerm[], p: Bm25): Scored {
  const n = store.liveCount;
  const avg = store.averageLength;
  // Query terms by term id: slot + 1 in a table as long as the vocabulary (a typed-array read per sentence term).
  const slotOf = new Int32Array(store.vocabularySize);
  const slots: Array<Array<QueryTerm & { df: number; bit: number }>> = [];
  const bits = new Map<string, number>();
  for (const q of query) {
    const id = store.idOfTerm(q.term);
    const df = store.docFreq(q.term);
    if (id === undefined || df === 0 || q.weight <= 0) continue;
    if (slotOf[id] === 0) {
      slots.push([]);
      slotOf[id] = slots.length;
    }
    // One bit per question term, to count those a sentence matched (past 32 terms, bits are shared and undercount).
    let bit = bits.get(q.source);
    if (bit === undefined) bits.set(q.source, (bit = 1 << (bits.size % 32)));
    slots[(slotOf[id] as number) - 1]?.push({ ...q, df, bit });
  }
  const ids = store.termIds;
  const counts = store.termCounts;
  let position: Map<number, number> | undefined;
  const score = new Float64Array(sentences.length);
  /** Positions of the sentences that matched. */
  const hit: number[] = [];
  for (let j = 0; j < sentences.length; j++) {
    if (slots.length === 0) break;
    const sid = sentences[j] as number;
    const from = store.from(sid);
    const to = store.from(sid + 1);
    let sum = 0;
    let matched = 0;
    for (let i = from; i < to; i++) {
      const slot = slotOf[ids[i] as number] as number;
      if (slot === 0) continue;
      for (const q of slots[slot - 1] ?? []) {
        sum += q.weight * bm25Score(counts[i] as number, q.df, n, to - from, avg, p);
        matched |= q.bit;
      }
    }
    if (matched === 0) continue;
    score[j] = sum * popcount(matched);
    hit.push(j);
  }
  /** The match of the sentence at position `j`: its score, and the terms it matched, found again. */
  const match = (j: number): Match => {
    const sid = sentences[j] as number;
    const m: Match = { id: sid, score: score[j] as number, match: {}, queryTerms: [] };
    const from = store.from(sid);
    const to = store.from(sid + 1);
    for (let i = from; i < to; i++) {
      const slot = slotOf[ids[i] as number] as number;
      if (slot === 0) continue;
      for (const q of slots[slot - 1] ?? []) {
        m.match[q.term] = FIELDS;
        if (!m.queryTerms.includes(q.source)) m.queryTerms.push(q.source);
      }
    }
    return m;
  };
  return {
    best(k) {
      let chosen = hit;
      if (hit.length > k) {
        // A numeric sort of the scores finds the cut; sorting thousands of matches by a comparator was a fifth of the time.
        const cut = Float64Array.from(hit, (j) => score[j] as number).sort()[hit.length - k] as number;
        chosen = hit.filter((j) => (score[j] as number) >= cut);
      }
      return chosen.map(match).sort((a, b) => b.score - a.score || a.id - b.id);
    },
    matchesIn(list) {
      position ??= new Map(hit.map((j) => [sentences[j] as number, j]));
      const out: Match[] = [];
      for (const sid of list) {
        const j = position.get(sid);
        if (j !== undefined) out.push(match(j));
      }
      return out;
    },
  };
}

/** Set bits in a 32-bit mask. */
function popcount(x: number): number {
  let v = x >>> 0;
  let c = 0;
  while (v !== 0) {
    v &= v - 1;
    c++;
  }
  return c;
}
