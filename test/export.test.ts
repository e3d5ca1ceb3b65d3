import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus.ts';
import { articleFile, exportChat } from '../src/export.ts';
import { toArticle } from '../src/libraries.ts';
import { ChatArticleStore } from '../src/store/chat-articles.ts';
import { openDatabase } from '../src/store/database.ts';
import { BRIDGE_ARTICLE } from './support/engine.ts';

const UNTITLED =
  'The volcano near Grindavik erupted on Monday night. About 3,000 residents were evacuated before the lava reached the town. Flights were not affected, the airport said.';

describe('exportChat', () => {
  it('writes files the corpus loader reads back with the same titles, dates, sources and sentences', async () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    const stored = [
      { chatId: -5, id: 'post-1', text: BRIDGE_ARTICLE, date: '2024-05-01', source: 'https://t.me/news/1' },
      { chatId: -5, id: 'add-abc', text: UNTITLED },
      // A username of 32 characters: the link is longer than any agency name a dateline holds.
      {
        chatId: -5,
        id: 'post-123456',
        text: UNTITLED.replace('volcano', 'crater'),
        date: '2024-05-02',
        source: 'https://t.me/a_rather_long_channel_username_x/123456',
      },
    ];
    for (const a of stored) store.put({ ...a, title: toArticle(a).title });
    store.put({ chatId: -6, id: 'post-9', text: 'Elsewhere. Not exported. At all.' });
    const dir = join(mkdtempSync(join(tmpdir(), 'export-')), 'out');
    expect(exportChat(store, -5, dir).sort()).toEqual(['add-abc.txt', 'post-1.txt', 'post-123456.txt']);
    expect(readdirSync(dir).sort()).toEqual(['add-abc.txt', 'post-1.txt', 'post-123456.txt']);
    const corpus = await loadCorpus(dir);
    for (const a of stored) {
      const back = corpus.articles.find((b) => b.id === a.id);
      const original = toArticle(a);
      expect(back?.title).toBe(original.title);
      expect(back?.sentences.map((s) => s.text)).toEqual(original.sentences.map((s) => s.text));
      expect(back?.meta.date).toBe(a.date);
      // The post's link survives the round trip: a citation of the re-loaded article still points at the post.
      expect(back?.meta.source).toBe(a.source);
    }
  });
});

describe('articleFile', () => {
  it('keeps a dateline the text has of its own, and adds none in front of it', async () => {
    const text = 'date 2016-12-08 MINSK. KAZINFORM - Belarus and Kazakhstan signed a deal. Trade grew by a third. Both sides were pleased.';
    const file = articleFile({ chatId: -5, id: 'add-k', text, date: '2016-12-08', at: 1 });
    expect(file).toBe(`${text}\n`);
  });
});
