/**
 * Which sentences do not stand alone. "He built it in 1712." answers "Who
 * built the engine?" only together with the sentence before it, so the
 * ranking lends such a sentence part of its neighbour's match.
 */
import type { Sentence } from '../corpus.ts';
import { foldYo, RUSSIAN_LEANING_OPENERS } from './analyze-ru.ts';

/** Openers that point back to something said before. */
const LEANING_OPENERS = new Set([
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'this',
  'these',
  'those',
  'that',
  'his',
  'her',
  'its',
  'their',
  'our',
  'such',
  'there',
  'them',
  'him',
  'us',
  'however',
  'but',
  'also',
  'thus',
  'therefore',
  'then',
  'yet',
  'both',
  'another',
  'other',
  'others',
  'instead',
  'likewise',
  'similarly',
  'moreover',
  'furthermore',
]);

/** True when `s` leans on the sentence before it: a pronoun-led sentence, or one that closes an open quotation. */
export function leansOnPrevious(s: Sentence): boolean {
  if (s.index === 0) return false;
  if (s.quote < 0) return true;
  const first = /^[“"'‘(]*([\p{L}']+)/u.exec(s.text)?.[1]?.toLowerCase() ?? '';
  return LEANING_OPENERS.has(first) || RUSSIAN_LEANING_OPENERS.has(foldYo(first));
}
