/**
 * Whether the best sentence really answers: the IDF-weighted share of the
 * question's words that it covers (together with the sentence it leans on).
 * Rare words weigh most, so "Who is the president of Belarus?" against an
 * article that names Belarus in every line still falls short: "president"
 * is nowhere.
 */
import type { SentenceFeatures } from './features.ts';
import type { Candidate } from './rank.ts';

/** Confidence in 0..1 that `ranked[0]` answers a question with these terms. */
export function confidenceOf(ranked: Candidate[], terms: string[], idf: (t: string) => number, features: SentenceFeatures): number {
  const top = ranked[0];
  if (!top || terms.length === 0) return 0;
  const covered = new Set(top.queryTerms);
  if (features.leans[top.id]) {
    const prev = ranked.find((c) => c.id === top.id - 1);
    if (prev) for (const t of prev.queryTerms) covered.add(t);
  }
  let total = 0;
  let got = 0;
  for (const t of terms) {
    const w = idf(t);
    total += w;
    if (covered.has(t)) got += w;
  }
  return total === 0 ? 0 : got / total;
}
