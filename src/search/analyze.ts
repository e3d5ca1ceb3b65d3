/**
 * Text analysis shared by indexing, querying and highlighting.
 *
 * One function turns any text into terms, so that a word in a question and
 * the same word in the article always meet, and so that the words shown in
 * bold are exactly the ones that matched.
 */
import { stemmer } from 'stemmer';
import lemmatizer from 'wink-lemmatizer';
import { numberWord } from './numbers.ts';
import { foldYo, isCyrillic, normalizeRussianTerm, RUSSIAN_STOP_WORDS, splitRussianWord, transliterate } from './analyze-ru.ts';

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
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'nor',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'into',
  'onto',
  'over',
  'as',
  'than',
  'then',
  'so',
  'if',
  'about',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'do',
  'does',
  'did',
  'done',
  'doing',
  'have',
  'has',
  'had',
  'having',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'what',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'why',
  'how',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  "it's",
  'there',
  'their',
  'they',
  'them',
  'he',
  'she',
  'him',
  'her',
  'his',
  'hers',
  'we',
  'us',
  'our',
  'you',
  'your',
  'i',
  'me',
  'my',
  'mine',
  'not',
  'no',
  'yes',
  'any',
  'some',
  'such',
  'also',
  'just',
  'only',
  'very',
  'too',
  'all',
  'each',
  'both',
  'own',
  'same',
  'other',
  'tell',
  'please',
  'know',
  'name',
  'named',
  'called',
  'say',
  'says',
  'said',
  'according',
  'article',
  'kind',
  'type',
  'much',
  'many',
  'there',
  'here',
  'up',
  'out',
  'one',
  'ones',
  'get',
  'got',
  'does',
  "doesn't",
  'did',
  "didn't",
  'is',
  's',
  't',
]);

/** Which analysis steps run; all on by default, switched off one by one by the evaluation's ablations. */
export interface AnalyzerOptions {
  /** WordNet lemmas before stemming, for irregular forms (highest ~ high, built ~ build, men ~ man). */
  lemmas: boolean;
  /** Number words, ordinals and magnitude suffixes as digits (twenty-fifth ~ 25th ~ 25; 1.1bn ~ 1.1 billion). */
  numbers: boolean;
  /** Initials of capitalized multi-word names as an extra term (United Nations ~ UN). */
  acronyms: boolean;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = { lemmas: true, numbers: true, acronyms: true };

/**
 * Which side of the search a text is on. Acronyms meet across sides only:
 * a name in the article ("United Nations") is indexed as `~un` and meets
 * the question's "UN", which adds `~un`; a name in the question adds `un`,
 * which meets the article's "UN". Two unrelated names with the same
 * initials never meet.
 */
export type Side = 'index' | 'query';

/** Turns text into terms; one per engine, with its own cache of analyzed words. */
export interface Analyzer {
  options: AnalyzerOptions;
  /** Terms with their spans; stop words and empty terms are dropped. */
  tokenize(text: string, side?: Side): Token[];
  /** Terms only, for MiniSearch's `tokenize` + `processTerm` pipeline. */
  analyze(text: string, side?: Side): string[];
}

const WORD = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;
const MAGNITUDES: Record<string, string> = { bn: 'billion', b: 'billion', m: 'million', mn: 'million', mln: 'million', k: 'thousand', tn: 'trillion' };
/** Function words allowed inside a name without giving a letter to its acronym ("Bank of England" ~ BoE). */
const NAME_JOINERS = new Set(['of', 'for', 'de']);

/** Builds an analyzer; `createAnalyzer()` is the one the bot uses. */
export function createAnalyzer(options: Partial<AnalyzerOptions> = {}): Analyzer {
  const opts = { ...DEFAULT_ANALYZER_OPTIONS, ...options };
  // A few thousand distinct words per article: caching makes analysis of questions and index builds cheap.
  const cache = new Map<string, string>();
  const normalize = (word: string): string => {
    let t = cache.get(word);
    if (t === undefined) {
      t = normalizeTerm(word, opts);
      if (cache.size < 200_000) cache.set(word, t);
    }
    return t;
  };
  const tokenize = (text: string, side: Side = 'index'): Token[] => {
    const out: Token[] = [];
    const normalized = text.normalize('NFKC');
    // NFKC can change lengths (ligatures, full-width forms); spans are only exact when it did not.
    const spansValid = normalized.length === text.length;
    // A question typed in capitals is not a string of acronyms.
    const shouting = side === 'query' && !/\p{Ll}/u.test(normalized);
    let run: Array<{ word: string; start: number; end: number }> = [];
    const flushRun = (): void => {
      const caps = run.filter((w) => !NAME_JOINERS.has(w.word));
      const last = run[run.length - 1];
      const first = run[0];
      if (opts.acronyms && caps.length >= 2 && caps.length <= 6 && first && last) {
        const initials = caps.map((w) => w.word.charAt(0).toLowerCase()).join('');
        out.push({ term: side === 'index' ? `~${initials}` : initials, start: spansValid ? first.start : 0, end: spansValid ? last.end : 0 });
      }
      run = [];
    };
    for (const m of normalized.matchAll(WORD)) {
      const start = m.index ?? 0;
      const word = m[0];
      if (/^\p{Lu}\p{Ll}/u.test(word) && !isStopWord(word.toLowerCase())) run.push({ word, start, end: start + word.length });
      else if (run.length > 0 && NAME_JOINERS.has(word) && normalized.charAt(start - 2) !== ',') run.push({ word, start, end: start + word.length });
      else flushRun();
      if (opts.acronyms && side === 'query' && !shouting && /^\p{Lu}{2,6}$/u.test(word) && !isStopWord(word.toLowerCase()))
        out.push({ term: `~${word.toLowerCase()}`, start, end: start + word.length });
      for (const part of splitWord(word, start, opts)) {
        const term = normalize(part.word);
        if (term === '') continue;
        out.push({ term, start: spansValid ? part.start : 0, end: spansValid ? part.start + part.length : 0 });
        // A Russian name is indexed in Latin letters too, so "Nabokov" in an English question finds "Набоков".
        const latin = side === 'index' && /^\p{Lu}/u.test(part.word) ? transliterate(part.word) : undefined;
        const latinTerm = latin === undefined ? '' : normalize(latin);
        if (latinTerm !== '') out.push({ term: latinTerm, start: spansValid ? part.start : 0, end: spansValid ? part.start + part.length : 0 });
      }
    }
    flushRun();
    return out;
  };
  return { options: opts, tokenize, analyze: (text, side) => tokenize(text, side).map((t) => t.term) };
}

/** A stop word of either language (`w` lower case). */
function isStopWord(w: string): boolean {
  return STOP_WORDS.has(w) || RUSSIAN_STOP_WORDS.has(foldYo(w));
}

const DEFAULT_ANALYZER = createAnalyzer();

/** Terms with spans, by the default analyzer. */
export function tokenize(text: string, side: Side = 'index'): Token[] {
  return DEFAULT_ANALYZER.tokenize(text, side);
}

/** Terms only, by the default analyzer. */
export function analyze(text: string, side: Side = 'index'): string[] {
  return DEFAULT_ANALYZER.analyze(text, side);
}

/**
 * Hyphenated words are indexed both whole and by parts ("pre-crisis" finds
 * "crisis"); numbers keep their inner dots and commas ("1.1", "75,000");
 * a magnitude glued to a number is a word of its own ("1.1bn" ~ "1.1 billion").
 */
function splitWord(word: string, start: number, opts: AnalyzerOptions): Array<{ word: string; start: number; length: number }> {
  const russian = splitRussianWord(word, start);
  if (russian) return russian;
  if (/^[\p{N}.,]+$/u.test(word)) return [{ word: word.replace(/,(?=\d{3}\b)/g, ''), start, length: word.length }];
  const glued = /^(\d+(?:\.\d+)?)([a-z]+)$/i.exec(word);
  const magnitude = glued ? MAGNITUDES[(glued[2] ?? '').toLowerCase()] : undefined;
  if (opts.numbers && glued && magnitude) {
    const digits = glued[1] ?? '';
    return [
      { word: digits, start, length: digits.length },
      { word: magnitude, start: start + digits.length, length: word.length - digits.length },
    ];
  }
  const out: Array<{ word: string; start: number; length: number }> = [];
  let offset = 0;
  for (const part of word.split(/[-.]/)) {
    out.push({ word: part, start: start + offset, length: part.length });
    offset += part.length + 1;
  }
  if (out.length > 1 && word.includes('-')) {
    out.push({ word: word.replace(/[-.]/g, ''), start, length: word.length });
    // "twenty-fifth" is one number, not two.
    const whole = opts.numbers ? numberWord(word.toLowerCase()) : undefined;
    if (whole !== undefined) return [{ word: whole, start, length: word.length }];
  }
  return out;
}

/** Lower-cases, drops possessives and diacritics, removes stop words, then lemmatizes and stems; a Cyrillic word the Russian way. */
export function normalizeTerm(word: string, opts: AnalyzerOptions = DEFAULT_ANALYZER_OPTIONS): string {
  if (isCyrillic(word)) return normalizeRussianTerm(word, opts.numbers);
  let w = word.toLowerCase().replace(/’/g, "'");
  w = w.replace(/'s$/, '').replace(/'$/, '');
  w = w.normalize('NFD').replace(/\p{M}+/gu, '');
  if (w === '' || STOP_WORDS.has(w)) return '';
  if (/^\d/.test(w)) return w.replace(/(st|nd|rd|th|s)$/, '');
  if (opts.numbers) {
    const n = numberWord(w);
    if (n !== undefined) return n;
  }
  if (w.includes("'")) w = w.replace(/'/g, '');
  if (opts.lemmas && w.length > 2) w = lemma(w);
  return stemmer(w);
}

/** WordNet's base form; adjectives first so "highest" is "high", then verbs ("built"), then nouns ("men"). */
function lemma(w: string): string {
  const adjective = lemmatizer.adjective(w);
  if (adjective !== w) return adjective;
  const verb = lemmatizer.verb(w);
  if (verb !== w) return verb;
  return lemmatizer.noun(w);
}
