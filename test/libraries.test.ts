import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BUILD_SLICE, Libraries } from '../src/libraries.ts';
import { buildLibrary } from '../src/library.ts';
import { ChatArticleStore } from '../src/store/chat-articles.ts';
import { openDatabase } from '../src/store/database.ts';
import { BRIDGE_ARTICLE } from './support/engine.ts';

const BIG = -100;
const SMALL = -200;
const shipped = buildLibrary({ dir: 'shipped', articles: [] });

/** A store with `big` short articles in BIG and the bridge article in SMALL, counting how often a chat's articles are read. */
function storeWith(big: number): { store: ChatArticleStore; reads: number[] } {
  const store = new ChatArticleStore(openDatabase(':memory:'));
  for (let i = 0; i < big; i++) store.put({ chatId: BIG, id: `post-${i}`, text: `Report ${i}. The committee met ${i} times. It approved item ${i}.` });
  store.put({ chatId: SMALL, id: 'post-1', text: BRIDGE_ARTICLE });
  const reads: number[] = [];
  const list = store.list.bind(store);
  store.list = (chatId) => {
    reads.push(chatId);
    return list(chatId);
  };
  return { store, reads };
}

describe('Libraries.ready', () => {
  it('indexes no chat at start-up, and each chat once on first use, however many wait for it', async () => {
    const { store, reads } = storeWith(3);
    const libraries = new Libraries(() => shipped, store);
    expect(reads).toEqual([]);
    await Promise.all([libraries.ready(BIG), libraries.ready(BIG), libraries.ready(BIG)]);
    await libraries.ready(BIG);
    expect(reads).toEqual([BIG]);
    expect(libraries.for(BIG).articles).toHaveLength(3);
    expect(reads).toEqual([BIG]);
  });

  it('answers other chats while a big chat library is built, a slice at a time', async () => {
    const { store } = storeWith(BUILD_SLICE * 4);
    const libraries = new Libraries(() => shipped, store);
    const order: string[] = [];
    const big = libraries.ready(BIG).then(() => order.push('big'));
    await nextTurn();
    await libraries.ready(SMALL);
    order.push('small');
    await big;
    expect(order).toEqual(['small', 'big']);
    expect(libraries.for(BIG).articles).toHaveLength(BUILD_SLICE * 4);
    expect(libraries.for(SMALL).engine.ask('How much did the bridge cost?').hits[0]?.text).toContain('280 million');
  });

  it('finishes a build at once for a caller that did not wait, and the build under way then adds nothing twice', async () => {
    const { store } = storeWith(BUILD_SLICE * 2 + 1);
    const libraries = new Libraries(() => shipped, store);
    const waiting = libraries.ready(BIG);
    await nextTurn();
    expect(libraries.for(BIG).articles).toHaveLength(BUILD_SLICE * 2 + 1);
    await waiting;
    expect(libraries.for(BIG).articles).toHaveLength(BUILD_SLICE * 2 + 1);
  });

  it('adds a post to a chat not built yet without losing its stored articles', () => {
    const { store } = storeWith(5);
    const libraries = new Libraries(() => shipped, store);
    libraries.put(BIG, { chatId: BIG, id: 'post-new', text: 'A new post. It has three sentences. This is the third.' });
    expect(libraries.for(BIG).articles).toHaveLength(6);
  });

  it('resolves at once for chats without articles of their own and for inline queries', async () => {
    const { store, reads } = storeWith(1);
    const libraries = new Libraries(() => shipped, store);
    await Promise.all([libraries.ready(undefined), libraries.ready(-999), libraries.ready(42)]);
    expect(reads).toEqual([]);
    expect(libraries.for(-999)).toBe(shipped);
  });
});
