/**
 * Question types and the sentences that can answer them: "how many" wants a
 * figure, "when" a date, "who" a name, "where" a place. A sentence that
 * holds such a thing, beyond what the question already says, is a better
 * answer than one that merely repeats the question's words.
 *
 * Regular expressions, not an NLP tagger: they run in microseconds per
 * sentence, which keeps index builds of thousands of articles fast.
 */
import { russianQuestionType, russianTypedSpans } from './answer-type-ru.ts';
import type { AnswerType } from './answer-types.ts';

/** What kind of thing a question asks for. */
export type { AnswerType } from './answer-types.ts';

const QUESTION_TYPES: Array<[AnswerType, RegExp]> = [
  [
    'date',
    /\b(when|what (year|years|century|decade|date|day|month|era|period|time period)|which (year|century|decade|date|day|month|era)|since when|how long ago|in what (year|century|decade))\b/,
  ],
  [
    'number',
    /\b(how (many|much|long|far|large|big|old|tall|high|deep|wide|often|heavy|fast)|what (percentage|percent|proportion|share|number|amount|size|population|fraction|ratio|sum|price|cost|rate)|by how)\b/,
  ],
  [
    'place',
    /\b(where|(what|which) (country|countries|city|cities|town|state|region|place|continent|river|area|location|province|island|nation|county|territory|part of))\b/,
  ],
  [
    'person',
    /\b(who|whom|whose|(what|which) (person|people|man|woman|king|queen|emperor|president|leader|ruler|scientist|general|author|writer|company|companies|organization|organisation|group|team|family|dynasty|tribe|party|university|court|body|institution))\b/,
  ],
];

/**
 * A question typed as a bare noun ("price?", "death toll?", "zimbabwe total?", "venue?") asks for what the noun
 * names: its last word, in a question of at most three words without a question word.
 */
const NOUN_TYPES: Array<[AnswerType, RegExp]> = [
  ['date', /\b(date|day|year|time)$/],
  ['number', /\b(price|cost|toll|total|count|score|amount|number|figure|sum|percentage|rate|size|age)$/],
  ['place', /\b(place|venue|location|whereabouts)$/],
];

/** The type a question asks for, or undefined for "what"/"why"/"how" questions that want a description. */
export function questionType(question: string): AnswerType | undefined {
  const q = question.toLowerCase();
  for (const [type, pattern] of QUESTION_TYPES) if (pattern.test(q)) return type;
  const bare = q.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ').trim();
  if (bare.split(/\s+/).length <= 3) for (const [type, pattern] of NOUN_TYPES) if (pattern.test(bare)) return type;
  return russianQuestionType(question);
}

/** News dates are mostly relative to the dateline: "on Thursday", "yesterday", "earlier today". */
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|tonight';
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|twice|percent|per cent';

/** Surface words (or short phrases) in a sentence that could answer each type. */
const SENTENCE_PATTERNS: Record<AnswerType, RegExp> = {
  date: new RegExp(
    `\\b(\\d{3,4}s?|\\d{1,2}(st|nd|rd|th) century|(${MONTHS})( \\d{1,2})?|\\d{1,2} (${MONTHS})|(early|late|mid)-?\\d{2,4}s?|\\d+ (BC|AD|BCE|CE)|centur(y|ies)|decades?|years? (ago|later|earlier)|${DAYS})\\b`,
    'g',
  ),
  number: new RegExp(`(\\$|€|£|¥)?\\b(\\d[\\d,.]*\\s?%?|${NUMBER_WORDS})\\b`, 'gi'),
  person: /(?<=[^.!?"“(]\s)(\p{Lu}[\p{L}'’.-]+(\s(of |de |von |van |the )?\p{Lu}[\p{L}'’.-]+)*)/gu,
  place: /\b(in|at|near|from|to|across|throughout|into|outside|within|between)\s+(the\s+)?(\p{Lu}[\p{L}'’.-]+(\s\p{Lu}[\p{L}'’.-]+)*)/gu,
};

/** For each answer type, the surface strings of a sentence that could be the answer. */
export function typedSpans(sentence: string): Partial<Record<AnswerType, string[]>> {
  const out: Partial<Record<AnswerType, string[]>> = {};
  for (const type of Object.keys(SENTENCE_PATTERNS) as AnswerType[]) {
    const pattern = SENTENCE_PATTERNS[type];
    const found: string[] = [];
    for (const m of sentence.matchAll(pattern)) {
      const text = (type === 'place' ? m[3] : m[0]) ?? '';
      if (text.trim() !== '') found.push(text);
    }
    if (found.length > 0) out[type] = found;
  }
  if (/\p{Script=Cyrillic}/u.test(sentence)) {
    for (const [type, found] of Object.entries(russianTypedSpans(sentence)) as Array<[AnswerType, string[]]>) out[type] = [...(out[type] ?? []), ...found];
  }
  return out;
}
