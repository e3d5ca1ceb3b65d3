import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, decodeText, loadCorpus, parseArticle, parseDateline } from '../src/corpus.ts';

const SEED_DIR = new URL('../corpus', import.meta.url).pathname;
const BENCH_DIR = new URL('../eval/squad/corpus', import.meta.url).pathname;

async function tempDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('loadCorpus', () => {
  it('reads the seed article as 12 sentences with its dateline parsed out', async () => {
    const { articles } = await loadCorpus(SEED_DIR);
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    expect(a.id).toBe('kazinform-2016-12-08-belarus-kazakhstan');
    expect(a.sentences).toHaveLength(12);
    expect(a.meta).toEqual({ date: '2016-12-08', place: 'Minsk', source: 'Kazinform' });
    expect(a.sentences[0]!.text).toMatch(/^Belarus and Kazakhstan are interested/);
    expect(a.sentences[0]!.text).not.toContain('KAZINFORM');
    expect(a.sentences[10]!.text).toContain('$1.1 billion');
    expect(a.paragraphs).toHaveLength(5);
    // No title line in the file: the title is the first sentence, shortened.
    expect(a.hasTitleLine).toBe(false);
    expect(a.title.length).toBeLessThanOrEqual(80);
    expect(a.sentences.every((s, i) => s.index === i && s.doc === a.id)).toBe(true);
  });

  it('reads the 12 bench articles with their title lines, never as a sentence', async () => {
    const { articles } = await loadCorpus(BENCH_DIR);
    expect(articles).toHaveLength(12);
    for (const a of articles) {
      expect(a.hasTitleLine).toBe(true);
      expect(a.sentences[0]!.text).not.toBe(a.title);
      expect(a.sentences.length).toBeGreaterThan(90);
    }
    const normans = articles.find((a) => a.id === 'normans')!;
    expect(normans.title).toBe('Normans');
    expect(normans.paragraphs).toHaveLength(39);
  });

  it('stops with a one-line error naming the path for a missing folder', async () => {
    await expect(loadCorpus('/no/such/folder')).rejects.toThrow(new CorpusError('corpus: cannot read folder /no/such/folder (ENOENT)'));
  });

  it('stops with a clear error for a folder without articles', async () => {
    const dir = await tempDir({ 'notes.json': '{}' });
    await expect(loadCorpus(dir)).rejects.toThrow(`corpus: no .txt or .md article in ${dir}`);
  });

  it('stops with a clear error for a file with no sentences', async () => {
    const dir = await tempDir({ 'empty.txt': '  \n\n \n' });
    await expect(loadCorpus(dir)).rejects.toThrow(`corpus: ${join(dir, 'empty.txt')} has no sentences`);
  });

  it('stops with a clear error for an unreadable file', async () => {
    const dir = await tempDir({});
    await mkdir(join(dir, 'folder.txt'));
    await expect(loadCorpus(dir)).rejects.toThrow(new RegExp(`^corpus: cannot read ${join(dir, 'folder.txt')}`));
  });

  it('stops naming the file and why for a binary file named .txt', async () => {
    const dir = await tempDir({ 'a.txt': 'Ants\n\nAnts carry leaves.', 'photo.txt': PNG });
    await expect(loadCorpus(dir)).rejects.toThrow(
      new CorpusError(`corpus: ${join(dir, 'photo.txt')} is a binary file, not text (NUL byte at offset 8); articles are UTF-8 text`),
    );
  });

  it('stops naming the file and the byte for a Latin-1 file, rather than serving mojibake', async () => {
    const dir = await tempDir({ 'zurich.txt': Buffer.from('Z\xfcrich\n\nThe city of Z\xfcrich lies on a lake.', 'latin1') });
    await expect(loadCorpus(dir)).rejects.toThrow(
      new CorpusError(`corpus: ${join(dir, 'zurich.txt')} is not UTF-8 text (invalid byte at offset 1); save it as UTF-8`),
    );
  });

  it('says the corpus folder is a file when it is one', async () => {
    const dir = await tempDir({ 'a.txt': 'Ants carry leaves.' });
    const file = join(dir, 'a.txt');
    await expect(loadCorpus(file)).rejects.toThrow(new CorpusError(`corpus: ${file} is not a folder; the corpus is a folder of .txt or .md articles`));
  });

  it('reads several articles in file-name order with stable ids', async () => {
    const dir = await tempDir({ 'b.md': '# Bee\n\nBees make honey.', 'a.txt': 'Ants\n\nAnts carry leaves.', 'skip.json': '[]' });
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      ['a', 'Ants'],
      ['b', 'Bee'],
    ]);
  });
});

/** The start of a PNG image: its eighth byte is the first NUL. */
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('decodeText', () => {
  it.each([
    { why: 'plain UTF-8 in any script', bytes: Buffer.from('Zürich, Минск, 北京.'), text: 'Zürich, Минск, 北京.' },
    { why: 'tabs, line and page breaks are text', bytes: Buffer.from('One.\tTwo.\r\n\fThree.'), text: 'One.\tTwo.\r\n\fThree.' },
    {
      why: 'a stray control character in a long text is a typo, not a binary file',
      bytes: Buffer.from(`${'word '.repeat(40)}\x07`),
      text: `${'word '.repeat(40)}\x07`,
    },
  ])('accepts $why', ({ bytes, text }) => {
    expect(decodeText(bytes, 'x.txt')).toBe(text);
  });

  it.each([
    { why: 'a NUL byte (an image, an archive)', bytes: PNG, message: 'x.txt is a binary file, not text (NUL byte at offset 8)' },
    { why: 'Latin-1', bytes: Buffer.from('Z\xfcrich', 'latin1'), message: 'x.txt is not UTF-8 text (invalid byte at offset 1); save it as UTF-8' },
    {
      why: 'Windows-1251',
      bytes: Buffer.from([0x4d, 0x69, 0x6e, 0x73, 0x6b, 0x20, 0xcc, 0xe8, 0xed, 0xf1, 0xea]),
      message: 'is not UTF-8 text (invalid byte at offset 7)',
    },
    { why: 'UTF-8 cut off inside a character', bytes: Buffer.from([0x63, 0x61, 0x66, 0xc3]), message: 'is not UTF-8 text (invalid byte at offset 3)' },
    { why: 'UTF-16', bytes: Buffer.from('\ufeffTrade', 'utf16le'), message: 'x.txt is UTF-16 text; save it as UTF-8' },
    {
      why: 'control characters without a NUL',
      bytes: Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41)),
      message: 'is a binary file, not text (67 control characters in 200 characters)',
    },
  ])('rejects $why in one line naming the file', ({ bytes, message }) => {
    let error: unknown;
    try {
      decodeText(bytes, 'x.txt');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/^corpus: x\.txt /);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('parseArticle', () => {
  it.each([
    {
      why: 'a Markdown title and sub-headings are not sentences; emphasis and links are stripped',
      path: 'x.md',
      text: '# Big *news*\n\nThe [council](http://x) met **today**. It agreed.\n\n## Details\n\nMore follows.',
      title: 'Big news',
      sentences: ['The council met today.', 'It agreed.', 'More follows.'],
    },
    {
      why: 'a plain title line followed by one paragraph per line',
      path: 'x.txt',
      text: 'Steam engine\n\nA steam engine is a heat engine. It uses steam.\nIt was improved by Watt.',
      title: 'Steam engine',
      sentences: ['A steam engine is a heat engine.', 'It uses steam.', 'It was improved by Watt.'],
    },
    {
      why: 'hard-wrapped lines of one paragraph are joined',
      path: 'x.txt',
      text: 'The minister said that trade\ngrew by a third in 2015 and\nwould grow again.',
      title: 'The minister said that trade grew by a third in 2015 and would grow again.',
      sentences: ['The minister said that trade grew by a third in 2015 and would grow again.'],
    },
    {
      why: 'a wire-style dateline is metadata, not part of the first sentence',
      path: 'x.txt',
      text: 'MINSK, Dec 8 (Reuters) - Talks resumed on Monday. Both sides were hopeful.',
      title: 'Talks resumed on Monday.',
      sentences: ['Talks resumed on Monday.', 'Both sides were hopeful.'],
    },
    {
      why: 'a byte-order mark and Windows line ends are harmless',
      path: 'x.txt',
      text: '\uFEFFTitle here\r\n\r\nOne sentence.\r\nTwo sentences.',
      title: 'Title here',
      sentences: ['One sentence.', 'Two sentences.'],
    },
  ])('$why', ({ path, text, title, sentences }) => {
    const article = parseArticle('x', text, path);
    expect(article.title).toBe(title);
    expect(article.sentences.map((s) => s.text)).toEqual(sentences);
  });
});

describe('parseDateline', () => {
  it.each([
    { text: ' date 2016-12-08 MINSK. KAZINFORM - Belarus and', meta: { date: '2016-12-08', place: 'Minsk', source: 'Kazinform' }, rest: 'Belarus and' },
    { text: 'ASTANA. KAZINFORM - The president', meta: { place: 'Astana', source: 'Kazinform' }, rest: 'The president' },
    { text: 'LONDON (AP) — Prices rose', meta: { place: 'London', source: 'AP' }, rest: 'Prices rose' },
    { text: 'The minister said - nothing', meta: {}, rest: 'The minister said - nothing' },
  ])('parses "$text"', ({ text, meta, rest }) => {
    expect(parseDateline(text)).toEqual({ meta, rest });
  });
});
