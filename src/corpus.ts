/**
 * The corpus: articles read from a folder, each split into paragraphs and
 * sentences, with its dateline parsed into metadata.
 *
 * Everything downstream (search, answers, the bot) works on these plain
 * objects, so the loader is the only place that knows about files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { detectLanguage, isLanguage, languageOfFileName, LANGUAGES, type Language } from './language.ts';
import { quoteBalance, splitSentences } from './sentences.ts';
import { shorten } from './shorten.ts';

/** One sentence of an article, as it stands in the text. */
export interface Sentence {
  /** Id of the article it belongs to. */
  doc: string;
  /** 0-based position in the article (dateline and title excluded). */
  index: number;
  /** 0-based paragraph it sits in. */
  paragraph: number;
  text: string;
  /** -1 when it closes a quotation opened earlier, +1 when it opens one that goes on. */
  quote: number;
}

/** What the dateline (or the file) says about the article. */
export interface ArticleMeta {
  date?: string;
  place?: string;
  source?: string;
}

export interface Article {
  /** File name without extension: stable across restarts, used in callback data and CLI output. */
  id: string;
  title: string;
  /** True when the title is a real title line, false when derived from the first sentence. */
  hasTitleLine: boolean;
  meta: ArticleMeta;
  /**
   * The article's language: a `lang: ru` first line, else a `.ru.txt` file name, else detected from its letters.
   * It picks the sentence-splitting rules; shown by `/articles`.
   */
  lang: Language;
  /** Sentence indexes per paragraph. */
  paragraphs: number[][];
  sentences: Sentence[];
  path: string;
}

export interface Corpus {
  dir: string;
  articles: Article[];
}

/** A user mistake in the corpus (missing folder, empty file...): shown as one line, never a stack. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);
const TITLE_MAX = 160;
const DERIVED_TITLE_MAX = 80;

/** Reads every `.txt` / `.md` file of `dir` as one article, sorted by file name. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  await checkCorpusFolder(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new CorpusError(`corpus: cannot read folder ${dir} (${describe(err)})`);
  }
  const files = names.filter((n) => ARTICLE_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.')).sort();
  if (files.length === 0) throw new CorpusError(`corpus: no .txt or .md article in ${dir}`);
  const articles: Article[] = new Array<Article>(files.length);
  // Files are read a few at a time: one after another, a 10,000-article corpus spent a third of its load waiting on the disk.
  let next = 0;
  const reader = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const name = files[i] as string;
      const path = join(dir, name);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (err) {
        throw new CorpusError(`corpus: cannot read ${path} (${describe(err)})`);
      }
      const article = parseArticle(basename(name, extname(name)), decodeText(bytes, path), path);
      if (article.sentences.length === 0) throw new CorpusError(`corpus: ${path} has no sentences`);
      articles[i] = article;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, reader));
  return { dir, articles };
}

/** Article files read at once. */
const PARALLEL_READS = 16;

/**
 * Throws the CorpusError for a corpus folder that is missing or is not a
 * folder. Anything read from beside the articles (`shortcuts.json`) checks
 * this first, so a wrong `CORPUS_DIR` is blamed on the corpus, whatever is
 * read first.
 */
export async function checkCorpusFolder(dir: string): Promise<void> {
  let folder: boolean;
  try {
    folder = (await stat(dir)).isDirectory();
  } catch (err) {
    throw new CorpusError(`corpus: cannot read folder ${dir} (${describe(err)})`);
  }
  if (!folder) throw new CorpusError(`corpus: ${dir} is not a folder; the corpus is a folder of .txt or .md articles`);
}

/**
 * Above this share of control characters (other than tab, line and page
 * breaks) a file is binary, whatever its name: text has next to none, and
 * answering from a binary file would serve garbage.
 */
const MAX_CONTROL_SHARE = 0.01;
// eslint-disable-next-line no-control-regex -- these control characters are exactly what marks a file as binary
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F\x7F]/g;

/**
 * An article file's text, or a one-line CorpusError saying why it is not
 * text: a NUL byte or many control characters (binary), UTF-16, or bytes
 * that are not UTF-8 (a Latin-1 file would otherwise be served as mojibake).
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CorpusError(`corpus: ${path} is UTF-16 text; save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CorpusError(`corpus: ${path} is a binary file, not text (NUL byte at offset ${nul}); articles are UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CorpusError(`corpus: ${path} is not UTF-8 text (invalid byte at offset ${invalidUtf8Offset(bytes)}); save it as UTF-8`);
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > MAX_CONTROL_SHARE * text.length) {
    throw new CorpusError(`corpus: ${path} is a binary file, not text (${controls} control characters in ${text.length} characters); articles are UTF-8 text`);
  }
  return text;
}

/**
 * Where decoding fails: the longest prefix the decoder accepts (streaming, so
 * a character cut at the prefix's end is not an error), found by bisection
 * with the decoder itself, so the rules are exactly the decoder's.
 */
function invalidUtf8Offset(bytes: Uint8Array): number {
  const accepts = (end: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (accepts(bytes.length)) {
    // Only the end is wrong: the file stops in the middle of a character, which starts at the last lead byte.
    for (let i = bytes.length - 1; i >= 0; i--) if ((bytes[i] ?? 0) >= 0xc0) return i;
    return bytes.length;
  }
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (accepts(mid)) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

/** Parses one article's text; pure, so tests can feed it strings. */
export function parseArticle(id: string, raw: string, path = `${id}.txt`): Article {
  const { text, lang: declared } = takeLanguageLine(
    raw
      .replace(/^\uFEFF/, '')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n'),
    path,
  );
  const lang = declared ?? languageOfFileName(path) ?? detectLanguage(text);
  let blocks = toBlocks(text, extname(path).toLowerCase() === '.md');
  let title = '';
  let hasTitleLine = false;
  const first = blocks[0];
  if (first && (first.heading || looksLikeTitle(first.text, blocks.length))) {
    title = first.text;
    hasTitleLine = true;
    blocks = blocks.slice(1);
  }
  blocks = blocks.filter((b) => !b.heading);

  let meta: ArticleMeta = {};
  const sentences: Sentence[] = [];
  const paragraphs: number[][] = [];
  for (const block of blocks) {
    let body = block.text;
    if (sentences.length === 0 && paragraphs.length === 0) {
      const dl = parseDateline(body);
      meta = dl.meta;
      body = dl.rest;
    }
    const indexes: number[] = [];
    for (const s of splitSentences(body, lang)) {
      indexes.push(sentences.length);
      sentences.push({ doc: id, index: sentences.length, paragraph: paragraphs.length, text: s, quote: quoteBalance(s) });
    }
    if (indexes.length > 0) paragraphs.push(indexes);
  }
  if (!hasTitleLine) title = shorten(sentences[0]?.text ?? id, DERIVED_TITLE_MAX);
  return { id, title, hasTitleLine, meta, lang, paragraphs, sentences, path };
}

/** A first line `lang: ru` declares the article's language and is not part of its text. */
function takeLanguageLine(text: string, path: string): { text: string; lang: Language | undefined } {
  const m = /^\s*lang:[ \t]*(\S*)[ \t]*(?:\n|$)/i.exec(text);
  if (!m) return { text, lang: undefined };
  const code = (m[1] ?? '').toLowerCase();
  if (!isLanguage(code))
    throw new CorpusError(`corpus: ${path} says "lang: ${m[1] ?? ''}"; the languages are ${LANGUAGES.join(', ')} (or drop the line to detect it)`);
  return { text: text.slice(m[0].length), lang: code };
}

interface Block {
  text: string;
  heading: boolean;
}

/**
 * Paragraph blocks. Blank lines always separate paragraphs; inside a block,
 * lines are one paragraph each when they all end like sentences (one
 * paragraph per line), otherwise they are a hard-wrapped paragraph.
 */
function toBlocks(text: string, markdown: boolean): Block[] {
  const out: Block[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) continue;
    const pushLine = (line: string): void => {
      const h = /^#{1,6}\s+(.*)$/.exec(line);
      if (markdown && h) out.push({ text: stripMarkdown(h[1] ?? ''), heading: true });
      else out.push({ text: markdown ? stripMarkdown(line) : line, heading: false });
    };
    const allEnd = lines.every((l) => /[.!?…"”')\]]$/.test(l) || /^#{1,6}\s/.test(l));
    if (lines.length === 1 || allEnd || lines.some((l) => /^#{1,6}\s/.test(l))) lines.forEach(pushLine);
    else pushLine(lines.join(' '));
  }
  return out;
}

function stripMarkdown(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S.*?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^>\s?/, '')
    .replace(/^[-*+]\s+/, '')
    .trim();
}

/** A first block is a title when it is one short line that does not end like a sentence. */
function looksLikeTitle(text: string, blockCount: number): boolean {
  if (blockCount < 2 || text.length > TITLE_MAX) return false;
  if (/^\s*date\s+\d{4}-\d{2}-\d{2}/i.test(text)) return false;
  return !/[.!?…:;,"”]$/.test(text) || (splitSentences(text).length === 1 && !/[.!?]$/.test(text));
}

const DATELINE_PATTERNS: Array<(text: string) => { meta: ArticleMeta; rest: string } | undefined> = [
  // Kazinform export: " date 2016-12-08 MINSK. KAZINFORM - Belarus and ..."
  (t) => {
    const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+([\p{Lu}][\p{Lu}\s'.-]*?)\.\s+([\p{Lu}][\p{L}]*(?:\s[\p{Lu}][\p{L}]*)*)\s+[-–—]\s+/u.exec(t);
    return m ? { meta: { date: m[1], place: titleCase(m[2] ?? ''), source: titleCase(m[3] ?? '') }, rest: t.slice(m[0].length) } : undefined;
  },
  // Wire style: "MINSK, Dec 8 (Reuters) - ..." or "MINSK (AP) — ..."; the source may be a link ("(https://t.me/news/12)", as exports write it).
  (t) => {
    const m = /^\s*([\p{Lu}][\p{Lu}\s'.-]{1,40}?)(?:,\s*([^()]{3,30}?))?\s*\(([^)]{2,30}|https?:\/\/[^\s()]{3,200})\)\s*[-–—]+\s+/u.exec(t);
    return m ? { meta: { place: titleCase(m[1] ?? ''), date: m[2]?.trim(), source: m[3]?.trim() }, rest: t.slice(m[0].length) } : undefined;
  },
  // Agency style: "ASTANA. KAZINFORM - ..."
  (t) => {
    const m = /^\s*([\p{Lu}][\p{Lu}\s'-]{1,40}?)\.\s+([\p{Lu}]{2,}[\p{Lu}\s]*?)\s+[-–—]\s+/u.exec(t);
    return m ? { meta: { place: titleCase(m[1] ?? ''), source: titleCase(m[2] ?? '') }, rest: t.slice(m[0].length) } : undefined;
  },
];

/** Splits a leading dateline off the first paragraph so it is not part of the first sentence. */
export function parseDateline(text: string): { meta: ArticleMeta; rest: string } {
  for (const pattern of DATELINE_PATTERNS) {
    const hit = pattern(text);
    if (hit) {
      const meta = Object.fromEntries(Object.entries(hit.meta).filter(([, v]) => v)) as ArticleMeta;
      return { meta, rest: hit.rest };
    }
  }
  return { meta: {}, rest: text };
}

function titleCase(s: string): string {
  const t = s.trim();
  // Agency names such as "KAZINFORM" read better capitalised; mixed-case ones are kept.
  if (t !== t.toUpperCase()) return t;
  return t.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.message : String(err);
}
