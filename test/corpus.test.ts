import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, parseArticle, parseDateline } from '../src/corpus.ts';

const SEED_DIR = new URL('../corpus', import.meta.url).pathname;
const BENCH_DIR = new URL('../eval/squad/corpus', import.meta.url).pathname;

async function tempDir(files: Record<string, string>): Promise<string> {
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

  it('reads several articles in file-name order with stable ids', async () => {
    const dir = await tempDir({ 'b.md': '# Bee\n\nBees make honey.', 'a.txt': 'Ants\n\nAnts carry leaves.', 'skip.json': '[]' });
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => [a.id, a.title])).toEqual([['a', 'Ants'], ['b', 'Bee']]);
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
