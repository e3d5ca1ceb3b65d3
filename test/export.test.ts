import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus.ts';
import { exportChat } from '../src/export.ts';
import { toArticle } from '../src/libraries.ts';
import { ChatArticleStore } from '../src/store/chat-articles.ts';
import { openDatabase } from '../src/store/database.ts';
import { BRIDGE_ARTICLE } from './support/engine.ts';

const UNTITLED = 'The volcano near Grindavik erupted on Monday night. About 3,000 residents were evacuated before the lava reached the town. Flights were not affected, the airport said.';

describe('exportChat', () => {
  it('writes files the corpus loader reads back with the same titles, dates and sentences', async () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    const stored = [
      { chatId: -5, id: 'post-1', text: BRIDGE_ARTICLE, date: '2024-05-01', source: 'https://t.me/news/1' },
      { chatId: -5, id: 'add-abc', text: UNTITLED },
    ];
    for (const a of stored) store.put({ ...a, title: toArticle(a).title });
    store.put({ chatId: -6, id: 'post-9', text: 'Elsewhere. Not exported. At all.' });
    const dir = join(mkdtempSync(join(tmpdir(), 'export-')), 'out');
    expect(exportChat(store, -5, dir).sort()).toEqual(['add-abc.txt', 'post-1.txt']);
    expect(readdirSync(dir).sort()).toEqual(['add-abc.txt', 'post-1.txt']);
    const corpus = await loadCorpus(dir);
    for (const a of stored) {
      const back = corpus.articles.find((b) => b.id === a.id);
      const original = toArticle(a);
      expect(back?.title).toBe(original.title);
      expect(back?.sentences.map((s) => s.text)).toEqual(original.sentences.map((s) => s.text));
      expect(back?.meta.date).toBe(a.date);
    }
  });
});
