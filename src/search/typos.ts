/**
 * Typos in questions as people type them ("wat was the trade volum",
 * "hw many"). Question words are stop words, so fuzzy search never sees
 * them; a misspelt one would instead count as a content word the article
 * lacks, and the question would lose its type ("how many" wants a figure).
 * Only words the index does not know are corrected: a known word is not a
 * typo.
 */
import { isCyrillic, RUSSIAN_QUESTION_WORDS } from './analyze-ru.ts';

/** The words that make a question a question; what their typos are read as. */
const QUESTION_WORDS = ['what', 'when', 'where', 'which', 'who', 'whom', 'whose', 'why', 'how', ...RUSSIAN_QUESTION_WORDS];

/**
 * Optimal string alignment distance (edits: insert, delete, substitute,
 * swap two neighbours), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The question with misspelt question words written right ("wat was" ->
 * "what was", "hw many" -> "how many"): a word of 2-5 letters that
 * `isKnown` rejects and that is one edit from a question word (the one it
 * begins, when there are two: "wher" -> "where", not "when"). Words of
 * two letters must keep their first letter ("hw" -> "how", never "is" -> "who").
 */
export function fixQuestionWords(question: string, isKnown: (word: string) => boolean): string {
  return question.replace(/\p{L}+/gu, (word) => {
    const w = word.toLowerCase();
    // Russian question words are longer ("сколько"), and its three-letter words too often one edit from "кто".
    const [shortest, longest] = isCyrillic(w) ? [4, 8] : [2, 5];
    if (w.length < shortest || w.length > longest || QUESTION_WORDS.includes(w)) return word;
    const near = QUESTION_WORDS.filter((q) => editDistance(w, q, 1) <= 1 && (w.length > 2 || w[0] === q[0]));
    if (near.length === 0 || isKnown(w)) return word;
    // "wher" is one edit from "when" and from "where": a typed word is more often cut short than changed.
    return near.find((q) => q.startsWith(w)) ?? near[0] ?? word;
  });
}

/**
 * How many edits a fuzzy match of an unknown term may need, by its length:
 * none under 4 characters (too many short words are one edit apart), one
 * up to 7, two from 8 ("nuclaer" ~ "nuclear", "Nazarbayv" ~ "Nazarbayev").
 */
export function typoBudget(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 8 ? 1 : 2;
}
