import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle, type Corpus } from '../../src/corpus.ts';
import { cachePath, indexKey, openEngine, saveIndex } from '../../src/search/cache.ts';
import { createEngine } from '../../src/search/engine.ts';

const TEXT = `Belarus and Kazakhstan sign trade deal

MINSK, Dec 8 (Kazinform) - Belarus and Kazakhstan agreed on Thursday to raise mutual trade to $1.5 billion. The trade volume was $1.1 billion in 2014, the ministers said.

The two countries will build a joint tractor plant in Kostanay. Talks on oil supplies continue next year.`;

function corpusOf(text: string): Corpus {
  return { dir: 'mem', articles: [parseArticle('deal', text)] };
}

const QUESTIONS = ['what was the 2014 trade volume?', 'where is the tractor plant', 'oil supplys', 'who won the football match'];

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'index-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('indexKey', () => {
  it('is stable for the same sentences and changes when one word changes', async () => {
    const a = await indexKey(corpusOf(TEXT));
    expect(await indexKey(corpusOf(TEXT))).toBe(a);
    expect(await indexKey(corpusOf(TEXT.replace('Kostanay', 'Karaganda')))).not.toBe(a);
  });
});

describe('openEngine', () => {
  it('builds the index when nothing was saved, and says why', async () => {
    const opened = await openEngine(corpusOf(TEXT), { dir });
    expect(opened.cached).toBe(false);
    expect(opened.reason).toBe('no saved index');
  });

  it('loads what saveIndex wrote and answers exactly like a freshly built engine', async () => {
    const corpus = corpusOf(TEXT);
    const saved = await saveIndex(corpus, { dir });
    expect(saved.path).toBe(cachePath(await indexKey(corpus), dir));
    const opened = await openEngine(corpus, { dir });
    expect(opened.cached).toBe(true);
    const built = createEngine(corpus);
    for (const q of QUESTIONS) {
      const a = built.ask(q);
      const b = opened.engine.ask(q);
      expect(b.answered, q).toBe(a.answered);
      expect(
        b.hits.map((h) => [h.doc, h.sentence, h.highlights]),
        q,
      ).toEqual(a.hits.map((h) => [h.doc, h.sentence, h.highlights]));
      // A loaded index may add up the same floats in another order: equal to the last few bits.
      b.hits.forEach((h, i) => expect(h.score).toBeCloseTo(a.hits[i]?.score ?? NaN, 9));
    }
  });

  it('ignores an index saved for another version of the article', async () => {
    await saveIndex(corpusOf(TEXT), { dir });
    const opened = await openEngine(corpusOf(TEXT.replace('$1.5 billion', '$2 billion')), { dir });
    expect(opened.cached).toBe(false);
    expect(opened.engine.ask('mutual trade target').hits[0]?.text).toContain('$2 billion');
  });

  it('builds instead of failing when the saved file is damaged', async () => {
    const corpus = corpusOf(TEXT);
    const saved = await saveIndex(corpus, { dir });
    await writeFile(saved.path, '{"format":1,"engine":');
    const opened = await openEngine(corpus, { dir });
    expect(opened.cached).toBe(false);
    expect(opened.reason).toMatch(/^unreadable: /);
    expect(opened.engine.ask('tractor plant').hits.length).toBeGreaterThan(0);
  });
});
