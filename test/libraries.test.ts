import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BUILD_SLICE, Libraries, type SavingOptions } from '../src/libraries.ts';
import type { BotLogger } from '../src/log.ts';
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

/** A logger that keeps its messages and lets a test wait for one. */
function recordingLogger(): BotLogger & { lines: string[]; next(msg: string): Promise<void> } {
  const lines: string[] = [];
  const waiting: Array<{ msg: string; resolve: () => void }> = [];
  const log = (_: object, msg = ''): void => {
    lines.push(msg);
    for (const w of waiting.filter((x) => x.msg === msg)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  return { lines, info: log, warn: log, error: log, next: (msg) => new Promise((resolve) => waiting.push({ msg, resolve })) };
}

describe("a big chat's saved index", () => {
  const saving = (dir: string): SavingOptions => ({ dir, fromArticles: 5, afterMs: 0 });
  const question = 'How many times did the committee meet in report 7?';

  it('is written after the build and loaded, not built, on the first use after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-index-'));
    const { store } = storeWith(12);
    const first = recordingLogger();
    const saved = first.next('libraries: chat index saved');
    const before = new Libraries(() => shipped, store, first, saving(dir));
    await before.ready(BIG);
    await saved;
    expect(first.lines).toContain('libraries: chat library built');

    const second = recordingLogger();
    const after = new Libraries(() => shipped, store, second, saving(dir));
    await after.ready(BIG);
    expect(second.lines).toContain('libraries: chat library loaded');
    expect(second.lines).not.toContain('libraries: chat library built');
    const hit = (l: Libraries): unknown =>
      l
        .for(BIG)
        .engine.ask(question)
        .hits.map((h) => [h.doc, h.sentence, h.score]);
    expect(hit(after)).toEqual(hit(before));
    // A small chat is not saved: it builds in no time.
    await after.ready(SMALL);
    expect(readdirSync(dir)).toEqual([String(BIG)]);
  });

  it('is not used when the chat has changed since: the library is built from its articles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-index-'));
    const { store } = storeWith(12);
    const first = recordingLogger();
    const saved = first.next('libraries: chat index saved');
    await new Libraries(() => shipped, store, first, saving(dir)).ready(BIG);
    await saved;
    // Another article arrives while the bot is down (as if saved by an earlier process that died before saving).
    store.put({ chatId: BIG, id: 'late', text: 'Late report. The harbour reopened on Friday. Ferries run again.' });
    const second = recordingLogger();
    const after = new Libraries(() => shipped, store, second, saving(dir));
    await after.ready(BIG);
    expect(second.lines).toContain('libraries: chat library built');
    expect(after.for(BIG).engine.ask('When did the harbour reopen?').hits[0]?.doc).toBe('late');
  });

  it('is written again after a new post, and the next start loads the post with the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-index-'));
    const { store } = storeWith(12);
    const first = recordingLogger();
    const libraries = new Libraries(() => shipped, store, first, saving(dir));
    let saved = first.next('libraries: chat index saved');
    await libraries.ready(BIG);
    await saved;
    saved = first.next('libraries: chat index saved');
    libraries.put(BIG, { chatId: BIG, id: 'late', text: 'Late report. The harbour reopened on Friday. Ferries run again.' });
    await saved;
    expect(readdirSync(join(dir, String(BIG))).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    const second = recordingLogger();
    const after = new Libraries(() => shipped, store, second, saving(dir));
    await after.ready(BIG);
    expect(second.lines).toContain('libraries: chat library loaded');
    expect(after.for(BIG).engine.ask('When did the harbour reopen?').hits[0]?.doc).toBe('late');
  });
});
