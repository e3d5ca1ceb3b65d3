/**
 * A seeded corpus generator for the scale benchmark.
 *
 * Text comes from a word-bigram model trained on the project's real articles
 * (the seed article and the SQuAD bench articles), so word frequencies,
 * punctuation and function words are those of real English prose. Sentence
 * lengths are drawn from the real sentences' length distribution. Each
 * generated article renames about a quarter of its proper nouns to invented
 * names and redraws its numbers, so the vocabulary keeps growing with the
 * corpus as it does in a real news archive (new people, places, figures),
 * instead of saturating at the training vocabulary.
 *
 * Article `i` depends only on the seed and `i`, so a corpus of 100 articles
 * is the first 100 of the corpus of 10,000: sizes nest.
 */
import { parseArticle } from '../src/corpus.ts';

/** A deterministic pseudo-random source in [0, 1). */
export type Random = () => number;

/** xorshift32 over a seed: tiny, fast and plenty for picking words. */
export function createRandom(seed: number): Random {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** Mixes two integers into one well-spread seed (so article seeds do not correlate). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x85ebca6b, 0xc2b2ae35) ^ Math.imul(b + 0x27d4eb2f, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const START = '\u0002';
const END = '\u0003';

/** What the generator learned from real text. */
export interface TextModel {
  /** Following tokens per token, with repeats (so sampling follows frequency). END closes a sentence. */
  next: Map<string, string[]>;
  /** Tokens that have ended a real sentence. */
  closers: Set<string>;
  /** Tokens that some real sentence went on after. */
  continuers: Set<string>;
  /** Words per real sentence, one entry per sentence. */
  lengths: number[];
}

/** A source text to learn from: its id and raw file content. */
export interface SourceText {
  id: string;
  raw: string;
}

/** Learns the bigram model from real articles, split into sentences the way the bot splits them. */
export function trainModel(sources: SourceText[]): TextModel {
  const next = new Map<string, string[]>();
  const lengths: number[] = [];
  const add = (from: string, to: string): void => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  for (const source of sources) {
    for (const s of parseArticle(source.id, source.raw).sentences) {
      const words = s.text.split(' ').filter((w) => w !== '');
      if (words.length === 0) continue;
      lengths.push(words.length);
      let prev = START;
      for (const w of words) {
        add(prev, w);
        prev = w;
      }
      add(prev, END);
    }
  }
  if (lengths.length === 0) throw new Error('bench: no sentences to learn from');
  const closers = new Set([...next].filter(([, to]) => to.includes(END)).map(([from]) => from));
  const continuers = new Set([...next].filter(([, to]) => to.some((t) => t !== END)).map(([from]) => from));
  return { next, closers, continuers, lengths };
}

function pick<T>(list: readonly T[], random: Random): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('bench: pick from an empty list');
  return item;
}

/** A pick from `list` that satisfies `wanted`, trying a few times, else any pick (keeps long lists cheap). */
function pickPreferring<T>(list: readonly T[], wanted: (item: T) => boolean, random: Random): T {
  for (let i = 0; i < 8; i++) {
    const item = pick(list, random);
    if (wanted(item)) return item;
  }
  return pick(list, random);
}

/**
 * One sentence of about `target` words, following the model: before the
 * target it steers away from words that can only end a sentence, after it
 * towards words that can, so lengths follow the real distribution.
 */
function generateSentence(model: TextModel, target: number, random: Random): string[] {
  const words: string[] = [];
  let prev = START;
  while (words.length < 2 * target + 5) {
    if (words.length >= target && model.closers.has(prev)) break;
    const options = model.next.get(prev) ?? [END];
    const word =
      words.length < target
        ? pickPreferring(options, (o) => model.continuers.has(o), random)
        : pickPreferring(options, (o) => o === END || model.closers.has(o), random);
    if (word === END) break;
    words.push(word);
    prev = word;
  }
  const last = words.length - 1;
  if (last >= 0 && !/[.!?]["”')]?$/.test(words[last] ?? '')) words[last] = `${(words[last] ?? '').replace(/[,;:]+$/, '')}.`;
  return words;
}

const SYLLABLES = [
  'ka',
  'lo',
  'ver',
  'min',
  'tas',
  'ro',
  'bel',
  'dan',
  'sha',
  'nor',
  'vi',
  'ter',
  'an',
  'gel',
  'mar',
  'sul',
  'ov',
  'is',
  'ton',
  'rad',
  'ek',
  'zan',
  'qui',
  'il',
  'hor',
  'bra',
  'lin',
  'dor',
  'sen',
  'tal',
  'mo',
  'pe',
  'ru',
  'gas',
  'fen',
  'yu',
  'cor',
  'lea',
  'ham',
  'wick',
];
const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const AGENCIES = ['Reuters', 'AP', 'AFP', 'Kazinform', 'Bloomberg', 'TASS', 'dpa', 'Xinhua'];

function inventName(random: Random): string {
  const n = 2 + (random() < 0.3 ? 1 : 0);
  let name = '';
  for (let i = 0; i < n; i++) name += pick(SYLLABLES, random);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Per-article rewriting of proper nouns and numbers. */
class Rewriter {
  private readonly names = new Map<string, string>();
  constructor(private readonly random: Random) {}

  word(word: string): string {
    const m = /^([("“‘]*)([\p{Lu}][\p{Ll}]{2,})(.*)$/u.exec(word);
    if (m) {
      const core = m[2] ?? '';
      let name = this.names.get(core);
      if (name === undefined) {
        name = this.random() < 0.25 ? inventName(this.random) : core;
        this.names.set(core, name);
      }
      return `${m[1] ?? ''}${name}${m[3] ?? ''}`;
    }
    if (/\d/.test(word)) return word.replace(/\d+/g, (digits) => this.number(digits));
    return word;
  }

  private number(digits: string): string {
    // Years stay plausible years; other figures keep their number of digits.
    if (/^(1[89]|20)\d\d$/.test(digits)) return String(1850 + Math.floor(this.random() * 176));
    let out = String(1 + Math.floor(this.random() * 9));
    for (let i = 1; i < digits.length; i++) out += String(Math.floor(this.random() * 10));
    return out;
  }
}

/** The text of generated article `index` (title, optional dateline, paragraphs), as a `.txt` file holds it. */
export function generateArticle(model: TextModel, seed: number, index: number): string {
  const random = createRandom(mixSeed(seed, index));
  const rewrite = new Rewriter(random);
  const sentence = (target: number): string =>
    generateSentence(model, target, random)
      .map((w) => rewrite.word(w))
      .join(' ');
  const title = sentence(4 + Math.floor(random() * 7)).replace(/[.!?]+$/, '');
  const paragraphs: string[] = [];
  const count = 4 + Math.floor(random() * 14);
  for (let p = 0; p < count; p++) {
    const n = 1 + Math.floor(random() * 3) + (random() < 0.2 ? 1 : 0);
    const parts: string[] = [];
    // Aim a little short: ending on a word that can close a sentence adds about two.
    for (let i = 0; i < n; i++) parts.push(sentence(Math.max(3, pick(model.lengths, random) - 2)));
    paragraphs.push(parts.join(' '));
  }
  if (random() < 0.7) {
    const place = rewrite.word(inventName(random)).toUpperCase();
    const dateline = `${place}, ${pick(MONTHS, random)} ${1 + Math.floor(random() * 28)} (${pick(AGENCIES, random)}) - `;
    paragraphs[0] = dateline + (paragraphs[0] ?? '');
  }
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}\n\n${paragraphs.join('\n\n')}\n`;
}

/** File name of generated article `index`: sorts after the real articles' names and in index order. */
export function generatedName(index: number): string {
  return `zz-generated-${String(index).padStart(6, '0')}.txt`;
}
