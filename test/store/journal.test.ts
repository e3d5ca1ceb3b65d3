/**
 * The update journal over a real SQLite database: what arrived, what was
 * sent for it, what is done; and the bot skipping replies already sent when
 * an update is handled again after a crash.
 */
import type { Update } from 'grammy/types';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import { DB_FILE, openDatabase, SCHEMA_VERSION, StoreError } from '../../src/store/database.ts';
import { SqliteEditMemory } from '../../src/store/edit-memory.ts';
import { chatKeyOf, KEEP_DONE_MS, UpdateJournal } from '../../src/store/journal.ts';
import { BOT_INFO, GROUP, PRIVATE, record, TEST_TOKEN, textUpdate, USER } from '../support/recorder.ts';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { seedLibrary } from '../support/engine.ts';

describe('UpdateJournal', () => {
  it('records an update once and drops a re-delivery by id', () => {
    const journal = new UpdateJournal(openDatabase(':memory:'));
    const update = textUpdate('hello');
    expect(journal.record(update)).toBe(true);
    expect(journal.record(update)).toBe(false);
    expect(journal.open().map((o) => o.update)).toEqual([update]);
    journal.done(update.update_id);
    expect(journal.open()).toEqual([]);
    // Done is done: Telegram sending it again later does not reopen it.
    expect(journal.record(update)).toBe(false);
    expect(journal.open()).toEqual([]);
  });

  it('keeps what it holds across a reopen of the same file (a restart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const first = new UpdateJournal(openDatabase(dir));
    const a = textUpdate('a');
    const b = textUpdate('b');
    first.record(a);
    first.record(b);
    first.done(a.update_id);
    first.sending(b.update_id, 0, 'sendMessage');
    first.sent(b.update_id, 0, { message_id: 5 });
    first.sending(b.update_id, 1, 'sendMessage');
    const second = new UpdateJournal(openDatabase(dir));
    expect(second.open().map((o) => o.update.update_id)).toEqual([b.update_id]);
    // The second reply was on its way when the first process died: recorded without a result.
    expect(second.sentFor(b.update_id)).toEqual([{ method: 'sendMessage', result: { message_id: 5 } }, { method: 'sendMessage' }]);
    expect(second.nextOffset()).toBe(b.update_id + 1);
  });

  it('counts attempts, so an update that kills the process can be given up', () => {
    const journal = new UpdateJournal(openDatabase(':memory:'));
    const update = textUpdate('poison');
    journal.record(update);
    journal.begin(update.update_id);
    journal.begin(update.update_id);
    expect(journal.open()[0]?.attempts).toBe(2);
  });

  it('prunes done entries older than a day, never open ones', () => {
    let now = 1_000_000_000;
    const journal = new UpdateJournal(openDatabase(':memory:'), () => now);
    const old = textUpdate('old');
    const open = textUpdate('still open');
    journal.record(old);
    journal.record(open);
    journal.sending(old.update_id, 0, 'sendMessage');
    journal.done(old.update_id);
    now += KEEP_DONE_MS + 1;
    expect(journal.prune()).toBe(1);
    expect(journal.sentFor(old.update_id)).toEqual([]);
    expect(journal.open().map((o) => o.update.update_id)).toEqual([open.update_id]);
  });
});

describe('chatKeyOf', () => {
  // Which queue an update waits in: its chat, else its user (inline queries), so one chat's updates stay in order.
  const cases: Array<[string, Update, string]> = [
    ['a private message: its chat', textUpdate('hi'), `c${PRIVATE.id}`],
    ['a group message: the group, not the sender', textUpdate('hi', { chat: GROUP }), `c${GROUP.id}`],
    ['an inline query: its user', { update_id: 1, inline_query: { id: 'q', from: USER, query: 'x', offset: '' } }, `u${USER.id}`],
    [
      'a button under a message: that message’s chat',
      { update_id: 2, callback_query: { id: 'c', from: USER, chat_instance: 'i', message: { message_id: 3, date: 0, chat: GROUP } as never, data: 'x' } },
      `c${GROUP.id}`,
    ],
    [
      'a button under an inline message: its user',
      { update_id: 3, callback_query: { id: 'c', from: USER, chat_instance: 'i', inline_message_id: 'm', data: 'x' } },
      `u${USER.id}`,
    ],
  ];
  it.each(cases)('%s', (_name, update, key) => expect(chatKeyOf(update)).toBe(key));
});

describe('replies recorded in the journal', () => {
  it('skips, when an update is handled again, the replies Telegram confirmed; sends again one that was on its way', async () => {
    const api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, latencyMs: [0, 0] });
    const apiRoot = await api.start();
    try {
      const journal = new UpdateJournal(openDatabase(':memory:'));
      const library = await seedLibrary();
      const bot = () => createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, replyLog: journal, apiRoot });
      const done = textUpdate('what was the 2014 trade volume?');
      journal.record(done);
      await bot().handleUpdate(done);
      expect(api.callsOf('sendMessage')).toHaveLength(1);
      expect(journal.sentFor(done.update_id)).toEqual([{ method: 'sendMessage', result: expect.objectContaining({ message_id: expect.any(Number) }) }]);

      // The process died before the update was marked done: a new one handles it again, without a second reply.
      await bot().handleUpdate(done);
      expect(api.callsOf('sendMessage')).toHaveLength(1);

      // A reply that was on its way at the crash (recorded, never confirmed) is sent again, not lost.
      const cut = textUpdate('who met in Minsk?');
      journal.record(cut);
      journal.sending(cut.update_id, 0, 'sendMessage');
      await bot().handleUpdate(cut);
      expect(api.callsOf('sendMessage')).toHaveLength(2);
    } finally {
      await api.close();
    }
  });

  it('edits the answer to an edited question after a restart (edit memory in the database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edits-'));
    const library = await seedLibrary();
    const question = textUpdate('what was the 2014 trade volume?');
    const first = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, editMemory: new SqliteEditMemory(openDatabase(dir)) });
    const firstCalls = record(first);
    await first.handleUpdate(question);
    const answerId = 1001;
    expect(firstCalls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);

    const second = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, editMemory: new SqliteEditMemory(openDatabase(dir)) });
    const secondCalls = record(second);
    await second.handleUpdate({ update_id: question.update_id + 1000, edited_message: { ...question.message!, text: 'who met in Minsk?', edit_date: 1 } });
    expect(secondCalls.map((c) => c.method)).toContain('editMessageText');
    expect(secondCalls.find((c) => c.method === 'editMessageText')?.payload.message_id).toBe(answerId);
    expect(secondCalls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });
});

describe('openDatabase', () => {
  it('refuses, in one line, a file from a newer version of the bot instead of rewriting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    openDatabase(dir).pragma('user_version = 99');
    expect(() => openDatabase(dir)).toThrow(/written by a newer version of the bot \(schema 99/);
  });

  it('refuses a file that is not a database, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    writeFileSync(join(dir, DB_FILE), 'not a database '.repeat(500));
    expect(() => openDatabase(dir)).toThrow(StoreError);
    expect(() => openDatabase(dir)).toThrow(/bot\.sqlite \(file is not a database\)/);
  });

  it('stamps a new file with the schema version', () => {
    expect(openDatabase(':memory:').pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });
});
