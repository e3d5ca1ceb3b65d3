/** The chats' own articles in the bot's database: stored once, bounded, kept apart per chat, removed after a grace period. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
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

describe('textHash', () => {
  it.each([
    ['whitespace and case do not matter', 'A  b\nC', 'a b c', true],
    ['words do', 'a b c', 'a b d', false],
  ])('%s', (_why, a, b, same) => expect(textHash(a) === textHash(b)).toBe(same));
});
