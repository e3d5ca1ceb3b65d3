/**
 * Whether the best sentence really answers: the IDF-weighted share of the
 * question's words that it covers (together with the sentence it leans on).
 * Rare words weigh most, so "Who is the president of Belarus?" against an
 * article that names Belarus in every line still falls short: "president"
 * is nowhere.
 */
import type { SentenceFeatures } from './features.ts';
import { matchedTerms, type Candidate, type Match } from './rank.ts';

/** Confidence in 0..1 that `ranked[0]` answers a question with these terms. */
export function confidenceOf(ranked: Candidate[], terms: string[], idf: (t: string) => number, features: SentenceFeatures, compounds: Map<string, string[]> = new Map(), byId: Map<number, Match> = new Map()): number {
  const top = ranked[0];
  if (!top || terms.length === 0) return 0;
  const covered = new Set<string>();
  // A word matched only by typo tolerance or as a prefix ("capit" ~ "capable") is half a match.
  const half = new Set<string>();
  const cover = (c: Candidate): void => {
    const matched = matchedTerms(c);
    for (const t of c.result?.queryTerms ?? []) {
      // "roadmap" matched for "road map" covers both words.
      for (const part of compounds.get(t) ?? []) covered.add(part);
      if (matched.has(t)) covered.add(t);
      else half.add(t);
    }
  };
  cover(top);
  if (features.leans[top.id]) {
    const prev = byId.get(top.id - 1);
    if (prev) cover({ id: prev.id, score: prev.score, base: prev.score, result: prev });
  }
  let total = 0;
  let got = 0;
  for (const t of terms) {
    // Acronym terms (analyze.ts) are a second route to a name, not a word the reader asked for.
    if (t.startsWith('~')) continue;
    const w = idf(t);
    total += w;
    if (covered.has(t)) got += w;
    else if (half.has(t)) got += w / 2;
  }
  return total === 0 ? 0 : got / total;
}
