/**
 * Sentence splitting for real news text.
 *
 * `Intl.Segmenter` breaks after every "St." and "G. H." and keeps a quoted
 * sentence glued to the next one in odd ways, so answers would be cut in the
 * middle of a name. This splitter walks the text once, looks at each
 * candidate break (`.`, `!`, `?`, optionally followed by closing quotes or
 * brackets, then whitespace) and rejects the ones that are not real ends:
 * abbreviations, initials, decimals, and `," said`-style quote tails.
 * Russian text adds its own rules (see {@link isRussianBoundary}).
 */
import type { Language } from './language.ts';

/** Words that, followed by a period, almost never end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'mt',
  'ft',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'supt',
  'messrs',
  'mme',
  'mlle',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'inc',
  'corp',
  'ltd',
  'co',
  'bros',
  'dept',
  'univ',
  'assn',
  'est',
  'approx',
  'vs',
  'etc',
  'cf',
  'no',
  'nos',
  'vol',
  'vols',
  'pp',
  'p',
  'fig',
  'figs',
  'op',
  'ed',
  'eds',
  'al',
  'ca',
  'c',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'viz',
  'ave',
  'blvd',
  'rd',
]);

/**
 * Abbreviations that may well end a sentence ("... founded by Smith & Co.").
 * After them a break is accepted only when a typical sentence opener follows.
 */
const SOFT_ABBREVIATIONS = new Set(['inc', 'corp', 'ltd', 'co', 'bros', 'etc', 'jr', 'sr', 'al']);

/** Words that typically open a sentence; used to accept a break after an acronym like "U.S.". */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'there',
  'but',
  'and',
  'however',
  'his',
  'her',
  'its',
  'their',
  'our',
  'after',
  'before',
  'when',
  'while',
  'as',
  'since',
  'for',
  'by',
  'from',
  'with',
  'during',
  'according',
  'if',
  'some',
  'many',
  'most',
  'both',
  'other',
  'also',
  'meanwhile',
  'later',
  'then',
  'today',
  'yesterday',
]);

const OPENING_QUOTES = '"“‘\'«(';

/** Splits one paragraph of plain text in language `lang` into sentences, trimmed, none empty. */
export function splitSentences(paragraph: string, lang: Language = 'en'): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (text === '') return [];
  const out: string[] = [];
  let start = 0;
  const candidate = /([.!?…]+)([”"’'»)\]]*)(\s+)/g;
  let m: RegExpExecArray | null;
  while ((m = candidate.exec(text)) !== null) {
    const punctEnd = m.index + (m[1]?.length ?? 0);
    const closeEnd = punctEnd + (m[2]?.length ?? 0);
    const nextStart = closeEnd + (m[3]?.length ?? 0);
    const boundary =
      lang === 'ru' ? isRussianBoundary(text, m.index, m[1] ?? '', m[2] ?? '', nextStart) : isBoundary(text, m.index, m[1] ?? '', m[2] ?? '', nextStart);
    if (!boundary) continue;
    const sentence = text.slice(start, closeEnd).trim();
    if (sentence !== '') out.push(sentence);
    start = nextStart;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') out.push(rest);
  return out;
}

function isBoundary(text: string, punctAt: number, punct: string, closers: string, nextStart: number): boolean {
  const next = text.slice(nextStart);
  const nextChar = next.charAt(0);
  if (nextChar === '') return true;
  // A lower-case continuation never starts a new sentence: `," said`, `e.g. the`, `5 p.m. local time`.
  if (/^\p{Ll}/u.test(nextChar)) return false;
  // A sentence starts with a letter, digit, opening quote or bracket; anything else is mid-sentence.
  if (!/^[\p{Lu}\p{N}]/u.test(nextChar) && !OPENING_QUOTES.includes(nextChar)) return false;
  if (punct !== '.' || closers !== '') return true;

  const word = wordBefore(text, punctAt);
  const lower = word.toLowerCase();
  const nextWord = (/^[\p{L}']+/u.exec(next)?.[0] ?? '').toLowerCase();
  // Initials: "G. H. Hardy", "John F. Kennedy".
  if (/^\p{Lu}$/u.test(word)) return false;
  // Dotted acronyms ("U.S.", "U.K."): a break only before a clear sentence opener.
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return SENTENCE_OPENERS.has(nextWord);
  if (SOFT_ABBREVIATIONS.has(lower)) return SENTENCE_OPENERS.has(nextWord);
  if (ABBREVIATIONS.has(lower)) return false;
  return true;
}

/**
 * Russian abbreviations that never end a sentence, as the text before their
 * period ends: "т. е.", "им. Ленина", "ул. Шаболовка", "(англ. Wiki ...)",
 * "см. выше", "проф. Иванов".
 */
const RUSSIAN_ABBREVIATIONS = new RegExp(
  `(?:^|[^\\p{L}])(?:т\\.\\s?[екн]|${[
    'им',
    'ул',
    'англ',
    'нем',
    'франц',
    'фр',
    'лат',
    'греч',
    'см',
    'ср',
    'проф',
    'акад',
    'ген',
    'св',
    'д',
    'кв',
    'стр',
    'пос',
    'просп',
    'пер',
    'наб',
    'пл',
    'рис',
    'напр',
    'ок',
    'букв',
    'ст',
    'тел',
    'род',
    'обл',
    'р-н',
    'с',
  ].join('|')})$`,
  'iu',
);

/** Russian abbreviations that end lists ("и т. д.", "и др.", "до н. э.") and may end a sentence: a break before a capital. */
const RUSSIAN_LIST_ENDINGS = /(?:^|[^\p{L}])(?:т\.\s?[дп]|др|пр|н\.\s?э)$/iu;

/**
 * Russian abbreviations of units and dates, which end a sentence only after
 * a number ("в 1942 г. Тогда ..."); elsewhere "г." is "город" ("г. Москва").
 */
const RUSSIAN_UNITS = /(?:^|[^\p{L}])(?:г|гг|в|вв|млн|млрд|трлн|тыс|руб|коп|долл|чел|мин|сек|км|кг)$/iu;

/**
 * A Russian break: no break inside «ёлочки» (a quoted passage with its
 * attribution is one sentence), a dash after the period starts a new
 * utterance only when a capital follows it ("... он. — Ждите", but
 * "«Приду!» — сказал он"), then the English rules with Russian
 * abbreviations.
 */
function isRussianBoundary(text: string, punctAt: number, punct: string, closers: string, nextStart: number): boolean {
  const closeEnd = punctAt + punct.length + closers.length;
  const upTo = text.slice(0, closeEnd);
  const open = (upTo.match(/«/g)?.length ?? 0) - (upTo.match(/»/g)?.length ?? 0);
  // An unclosed «, a typo, must not glue the rest of the paragraph into one sentence.
  if (open > 0 && text.includes('»', closeEnd)) return false;
  const next = text.slice(nextStart);
  const speech = /^[—–-]\s+(\S)/u.exec(next);
  if (speech) return /\p{Lu}/u.test(speech[1] ?? '');
  if (!isBoundary(text, punctAt, punct, closers, nextStart)) return false;
  if (punct !== '.' || closers !== '') return true;
  const before = text.slice(0, punctAt);
  if (RUSSIAN_LIST_ENDINGS.test(before)) return true;
  if (RUSSIAN_ABBREVIATIONS.test(before)) return false;
  if (RUSSIAN_UNITS.test(before)) return /\d\s*\p{L}+$/u.test(before);
  return true;
}

/** The run of letters and inner dots right before position `at` ("U.S" for "U.S.", "Dec" for "Dec."). */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}.]/u.test(text.charAt(i - 1))) i--;
  return text.slice(i, at).replace(/^\.+/, '');
}

/**
 * Net quotation marks a sentence opens (+1) or closes (-1). A sentence at -1
 * ends a quotation that began in an earlier sentence, so it does not stand alone.
 */
export function quoteBalance(sentence: string): number {
  let straight = 0;
  let balance = 0;
  for (const ch of sentence) {
    if (ch === '"') straight++;
    else if (ch === '“') balance++;
    else if (ch === '”') balance--;
  }
  return balance + (straight % 2 === 0 ? 0 : sentence.trimStart().startsWith('"') ? 1 : -1);
}
