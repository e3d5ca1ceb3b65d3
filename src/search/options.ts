/**
 * The engine's tuning knobs and their defaults, in a module of their own so
 * that the ranking and the decision can read them without importing the
 * engine (no import cycles).
 */

/**
 * Tuning knobs, flat so that `npm run eval -- --set name=value` can try a
 * variant. The defaults are what the evaluation chose on the tuning split
 * (see eval/NOTES.md); the boolean ones exist so the evaluation can turn
 * each quality step off and show what it gives.
 */
export interface EngineOptions {
  /** Weigh the question's words by their rarity in the answering article, not in the whole corpus. */
  localIdf: boolean;
  /** WordNet lemmas before stemming. */
  lemmas: boolean;
  /** Number words, ordinals and magnitudes as digits. */
  numbers: boolean;
  /** Initials of capitalized names as extra terms. */
  acronyms: boolean;
  /** BM25 term-frequency saturation. */
  bm25k: number;
  /** BM25 length normalization: short sentences should not win just for being short. */
  bm25b: number;
  /**
   * Typo tolerance for words the index does not know: fuzzy matching (one edit from 4 characters, two from 8; see
   * typos.ts) and misspelt question words read as meant ("wat" -> "what").
   */
  fuzzy: boolean;
  /** Weight of a fuzzy match relative to an exact one. */
  fuzzyWeight: number;
  /** Prefix matching for terms of 5+ characters that the index does not know. */
  prefix: boolean;
  /** Weight of a prefix match relative to an exact one. */
  prefixWeight: number;
  /**
   * Share of the previous sentence's score lent to a sentence that leans on it (pronoun, quotation), counting only
   * the words the leaning sentence lacks (see rank.ts `borrowedScore`).
   */
  contextWeight: number;
  /** Share of the rest of the paragraph's score added to each of its sentences. */
  paragraphWeight: number;
  /** Score factor for a sentence that holds the asked-for type (a figure for "how many", a year for "when"). */
  typeBoost: number;
  /** Share of each neighbour's score (same paragraph, either side) added to every sentence. */
  neighbourWeight: number;
  /** Search a word the index lacks as the compounds that end with it ("quake" ~ "earthquake"). */
  compoundTails: boolean;
  /** Search weight, per unit of cosine, of a word of like meaning for a question word the index lacks (similar-words.ts). */
  similarWords: number;
  /**
   * In a big library (over twice this many sentences), only the best-matching articles' sentences are scored, as
   * many articles as fit in this many sentences (article-index.ts): a question's cost stops growing with the
   * library. Bench, 10,000 articles, accuracy@1 against scoring every sentence (70.0%): 68.0% at 1,000, 69.0% at
   * 2,000, 70.0% at 4,000; p99 about 8–12 ms at 2,000.
   */
  candidateSentences: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  localIdf: true,
  lemmas: true,
  numbers: true,
  acronyms: true,
  bm25k: 1.2,
  bm25b: 0.7,
  fuzzy: true,
  fuzzyWeight: 0.3,
  prefix: true,
  prefixWeight: 0.4,
  contextWeight: 0.5,
  paragraphWeight: 0.1,
  typeBoost: 0.2,
  neighbourWeight: 0.1,
  compoundTails: true,
  similarWords: 0.7,
  candidateSentences: 2000,
};
