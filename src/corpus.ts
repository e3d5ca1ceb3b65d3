/**
 * The corpus: articles read from a folder, each split into paragraphs and
 * sentences, with its dateline parsed into metadata.
 *
 * Everything downstream (search, answers, the bot) works on these plain
 * objects, so the loader is the only place that knows about files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { quoteBalance, splitSentences } from './sentences.ts';

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
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new CorpusError(`corpus: ${dir} is not a folder`);
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof CorpusError) throw err;
    throw new CorpusError(`corpus: cannot read folder ${dir} (${describe(err)})`);
  }
  const files = names.filter((n) => ARTICLE_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.')).sort();
  if (files.length === 0) throw new CorpusError(`corpus: no .txt or .md article in ${dir}`);
  const articles: Article[] = [];
  for (const name of files) {
    const path = join(dir, name);
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (err) {
      throw new CorpusError(`corpus: cannot read ${path} (${describe(err)})`);
    }
    const article = parseArticle(basename(name, extname(name)), raw, path);
    if (article.sentences.length === 0) throw new CorpusError(`corpus: ${path} has no sentences`);
    articles.push(article);
  }
  return { dir, articles };
}

/** Parses one article's text; pure, so tests can feed it strings. */
export function parseArticle(id: string, raw: string, path = `${id}.txt`): Article {
  const text = raw.replace(/^\uFEFF/, '').normalize('NFC').replace(/\r\n?/g, '\n');
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
    for (const s of splitSentences(body)) {
      indexes.push(sentences.length);
      sentences.push({ doc: id, index: sentences.length, paragraph: paragraphs.length, text: s, quote: quoteBalance(s) });
    }
    if (indexes.length > 0) paragraphs.push(indexes);
  }
  if (!hasTitleLine) title = shorten(sentences[0]?.text ?? id, DERIVED_TITLE_MAX);
  return { id, title, hasTitleLine, meta, paragraphs, sentences, path };
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
    const lines = chunk.split('\n').map((l) => l.trim()).filter((l) => l !== '');
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
  return !/[.!?…:;,"”]$/.test(text) || splitSentences(text).length === 1 && !/[.!?]$/.test(text);
}

const DATELINE_PATTERNS: Array<(text: string) => { meta: ArticleMeta; rest: string } | undefined> = [
  // Kazinform export: " date 2016-12-08 MINSK. KAZINFORM - Belarus and ..."
  (t) => {
    const m = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+([\p{Lu}][\p{Lu}\s'.-]*?)\.\s+([\p{Lu}][\p{L}]*(?:\s[\p{Lu}][\p{L}]*)*)\s+[-–—]\s+/u.exec(t);
    return m ? { meta: { date: m[1], place: titleCase(m[2] ?? ''), source: titleCase(m[3] ?? '') }, rest: t.slice(m[0].length) } : undefined;
  },
  // Wire style: "MINSK, Dec 8 (Reuters) - ..." or "MINSK (AP) — ..."
  (t) => {
    const m = /^\s*([\p{Lu}][\p{Lu}\s'.-]{1,40}?)(?:,\s*([^()]{3,30}?))?\s*\(([^)]{2,30})\)\s*[-–—]+\s+/u.exec(t);
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

/** Shortens at a word boundary, adding an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.message : String(err);
}
