/**
 * Text analysis shared by indexing, querying and highlighting.
 *
 * One function turns any text into terms, so that a word in a question and
 * the same word in the article always meet, and so that the words shown in
 * bold are exactly the ones that matched.
 */
import { stemmer } from 'stemmer';

/** A term of a text, with where its surface word sits (for highlighting). */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/**
 * Words that carry no meaning in a question or a sentence. Kept small on
 * purpose: question words and function words only; "minister" or "trade"
 * must stay searchable.
 */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into',
  'onto', 'over', 'as', 'than', 'then', 'so', 'if', 'about', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  'am', 'do', 'does', 'did', 'done', 'doing', 'have', 'has', 'had', 'having', 'will', 'would', 'shall', 'should',
  'can', 'could', 'may', 'might', 'must', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how',
  'this', 'that', 'these', 'those', 'it', 'its', 'it\'s', 'there', 'their', 'they', 'them', 'he', 'she', 'him',
  'her', 'his', 'hers', 'we', 'us', 'our', 'you', 'your', 'i', 'me', 'my', 'mine', 'not', 'no', 'yes', 'any',
  'some', 'such', 'also', 'just', 'only', 'very', 'too', 'all', 'each', 'both', 'own', 'same', 'other', 'tell',
  'please', 'know', 'name', 'named', 'called', 'say', 'says', 'said', 'according', 'article', 'kind', 'type',
  'much', 'many', 'there', 'here', 'up', 'out', 'one', 'ones', 'get', 'got', 'does', 'doesn\'t', 'did',
  'didn\'t', 'is', 's', 't',
]);

const WORD = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;

/** Splits text into analyzed terms with their spans; stop words and empty terms are dropped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const normalized = text.normalize('NFKC');
  // NFKC can change lengths (ligatures, full-width forms); spans are only exact when it did not.
  const spansValid = normalized.length === text.length;
  for (const m of normalized.matchAll(WORD)) {
    const start = m.index ?? 0;
    for (const part of splitWord(m[0], start)) {
      const term = normalizeTerm(part.word);
      if (term === '') continue;
      out.push({ term, start: spansValid ? part.start : 0, end: spansValid ? part.start + part.word.length : 0 });
    }
  }
  return out;
}

/** Terms only, for MiniSearch's `tokenize` + `processTerm` pipeline. */
export function analyze(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}

/**
 * Hyphenated words are indexed both whole and by parts ("pre-crisis" finds
 * "crisis"); numbers keep their inner dots and commas ("1.1", "75,000").
 */
function splitWord(word: string, start: number): Array<{ word: string; start: number }> {
  if (/^[\p{N}.,]+$/u.test(word)) return [{ word: word.replace(/,(?=\d{3}\b)/g, ''), start }];
  const out: Array<{ word: string; start: number }> = [];
  let offset = 0;
  for (const part of word.split(/[-.]/)) {
    out.push({ word: part, start: start + offset });
    offset += part.length + 1;
  }
  if (out.length > 1 && word.includes('-')) out.push({ word: word.replace(/[-.]/g, ''), start });
  return out;
}

/** Lower-cases, drops possessives and diacritics, removes stop words and stems. */
export function normalizeTerm(word: string): string {
  let w = word.toLowerCase().replace(/’/g, '\'');
  w = w.replace(/'s$/, '').replace(/'$/, '');
  w = w.normalize('NFD').replace(/\p{M}+/gu, '');
  if (w === '' || STOP_WORDS.has(w)) return '';
  if (/^\d/.test(w)) return w.replace(/(st|nd|rd|th)$/, '');
  if (w.includes('\'')) w = w.replace(/'/g, '');
  return stemmer(w);
}
