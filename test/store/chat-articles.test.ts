/** The chats' own articles in the bot's database: stored once, bounded, kept apart per chat, removed after a grace period. */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase, SCHEMA_VERSION } from '../../src/store/database.ts';
import { ChatArticleStore, textHash } from '../../src/store/chat-articles.ts';

const CHANNEL = -1001;
const OTHER = -1002;

describe('ChatArticleStore', () => {
  it('keeps each chat’s articles apart and survives a reopen', () => {
    const db = openDatabase(':memory:');
    const store = new ChatArticleStore(db);
    store.put({ chatId: CHANNEL, id: 'post-1', text: 'Quake hits the coast. Ten people were hurt.' });
    store.put({ chatId: OTHER, id: 'post-1', text: 'A different post in another chat.' });
    expect(store.list(CHANNEL).map((a) => a.text)).toEqual(['Quake hits the coast. Ten people were hurt.']);
    expect(new ChatArticleStore(db).chats()).toEqual([OTHER, CHANNEL].sort((a, b) => a - b));
  });

  it('replaces an edited post under its id, and stores the same text posted twice once', () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    expect(store.put({ chatId: CHANNEL, id: 'post-1', text: 'First version.' }).kind).toBe('added');
    expect(store.put({ chatId: CHANNEL, id: 'post-1', text: 'Edited version.' }).kind).toBe('replaced');
    // Same text, other whitespace and case: a repost, not a new article.
    expect(store.put({ chatId: CHANNEL, id: 'post-2', text: '  edited   VERSION. ' })).toEqual({ kind: 'duplicate', existing: 'post-1' });
    expect(store.list(CHANNEL)).toHaveLength(1);
  });

  it('refuses past the per-chat limits, naming the limit', () => {
    const store = new ChatArticleStore(openDatabase(':memory:'), { articles: 2, bytes: 40 });
    store.put({ chatId: CHANNEL, id: 'a', text: 'one' });
    store.put({ chatId: CHANNEL, id: 'b', text: 'two' });
    expect(store.put({ chatId: CHANNEL, id: 'c', text: 'three' })).toEqual({ kind: 'full', limit: 'articles' });
    // Replacing stays possible at the article limit, within the byte limit.
    expect(store.put({ chatId: CHANNEL, id: 'b', text: 'x'.repeat(60) })).toEqual({ kind: 'full', limit: 'bytes' });
    expect(store.put({ chatId: CHANNEL, id: 'b', text: 'two, edited' }).kind).toBe('replaced');
  });

  it('stores nothing when the index change in the same transaction fails', () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    expect(() =>
      store.put({ chatId: CHANNEL, id: 'a', text: 'text' }, () => {
        throw new Error('index failed');
      }),
    ).toThrow('index failed');
    expect(store.list(CHANNEL)).toEqual([]);
  });

  it('deletes a chat’s articles only after the grace period, and not if the bot came back', () => {
    let now = 0;
    const store = new ChatArticleStore(openDatabase(':memory:'), undefined, () => now);
    store.put({ chatId: CHANNEL, id: 'a', text: 'kept' });
    store.put({ chatId: OTHER, id: 'a', text: 'gone' });
    store.markRemoved(CHANNEL);
    store.markRemoved(OTHER);
    store.markBack(CHANNEL);
    now = 1000;
    expect(store.purgeRemoved(5000)).toEqual([]);
    now = 10_000;
    expect(store.purgeRemoved(5000)).toEqual([OTHER]);
    expect(store.chats()).toEqual([CHANNEL]);
  });

  it('remembers which channel a discussion group belongs to', () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    store.link(-2001, CHANNEL);
    expect(store.linkedChannel(-2001)).toBe(CHANNEL);
    expect(store.linkedChannel(-2002)).toBeUndefined();
  });
});

describe('the language of a stored article', () => {
  it('is detected once when stored, unless the caller gives it', () => {
    const store = new ChatArticleStore(openDatabase(':memory:'));
    store.put({ chatId: CHANNEL, id: 'ru', text: 'Мост открыли в понедельник. Он стоил 280 миллионов евро.' });
    store.put({ chatId: CHANNEL, id: 'en', text: 'The bridge opened on Monday. It cost 280 million euros.' });
    store.put({ chatId: CHANNEL, id: 'given', text: 'Mixed text, declared Russian.', lang: 'ru' });
    expect(Object.fromEntries(store.list(CHANNEL).map((a) => [a.id, a.lang]))).toEqual({ ru: 'ru', en: 'en', given: 'ru' });
  });

  it('is added to a database from before it (schema 1), filled in from each text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-articles-v1-'));
    // The schema-1 table, as the previous version created it.
    const old = new Database(join(dir, DB_FILE));
    old.exec(`CREATE TABLE chat_articles (chat_id INTEGER NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, text TEXT NOT NULL,
      title TEXT, date TEXT, source TEXT, at INTEGER NOT NULL, PRIMARY KEY (chat_id, id)) WITHOUT ROWID`);
    old
      .prepare('INSERT INTO chat_articles (chat_id, id, hash, text, at) VALUES (?, ?, ?, ?, ?)')
      .run(CHANNEL, 'post-1', 'h1', 'Мост открыли в понедельник.', 1);
    old
      .prepare('INSERT INTO chat_articles (chat_id, id, hash, text, at) VALUES (?, ?, ?, ?, ?)')
      .run(CHANNEL, 'post-2', 'h2', 'The bridge opened on Monday.', 2);
    old.pragma('user_version = 1');
    old.close();
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const store = new ChatArticleStore(db);
    expect(store.list(CHANNEL).map((a) => [a.id, a.lang])).toEqual([
      ['post-1', 'ru'],
      ['post-2', 'en'],
    ]);
    store.put({ chatId: CHANNEL, id: 'post-3', text: 'Another post.' });
    expect(store.list(CHANNEL)).toHaveLength(3);
  });
});

describe('textHash', () => {
  it.each([
    ['whitespace and case do not matter', 'A  b\nC', 'a b c', true],
    ['words do', 'a b c', 'a b d', false],
  ])('%s', (_why, a, b, same) => expect(textHash(a) === textHash(b)).toBe(same));
});
