/**
 * startPolling in-process, over the journal, against a stand-in that
 * behaves like Telegram (latency on every call, unconfirmed updates sent
 * again at once, at most 100 per call, 429 with retry_after).
 */
import type { Chat, Update, User } from 'grammy/types';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import type { Library } from '../../src/library.ts';
import { openDatabase } from '../../src/store/database.ts';
import { UpdateJournal } from '../../src/store/journal.ts';
import { hardenApi } from '../../src/transports/api.ts';
import { Dispatcher } from '../../src/transports/dispatcher.ts';
import { startPolling, type Polling } from '../../src/transports/polling.ts';
import { BotApiStandIn, type Fault } from '../support/bot-api-stand-in.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function ask(api: BotApiStandIn, chatId: number, messageId = 1): Update {
  const chat: Chat.PrivateChat = { id: chatId, type: 'private', first_name: 'P' };
  const from: User = { id: chatId, is_bot: false, first_name: 'P', language_code: 'en' };
  return api.pushUpdate({ message: { message_id: messageId, date: 0, chat, from, text: 'what was the 2014 trade volume?' } });
}

describe('startPolling', () => {
  let library: Library;
  let api: BotApiStandIn | undefined;
  let polling: Polling | undefined;
  beforeAll(async () => {
    library = await seedLibrary();
  });
  afterEach(async () => {
    await polling?.stop();
    polling = undefined;
    await api?.close();
  });

  async function start(fault?: (method: string, n: number, payload: Record<string, unknown>) => Fault | undefined, shutdownTimeoutMs = 5000) {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, maxPollMs: 200, latencyMs: [5, 25], ...(fault ? { fault } : {}) });
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, apiRoot: await api.start() });
    hardenApi(bot);
    const journal = new UpdateJournal(openDatabase(':memory:'));
    const dispatcher = new Dispatcher({ journal, handle: (u) => bot.handleUpdate(u), logger: quiet });
    polling = await startPolling(bot, { logger: quiet, dispatcher, shutdownTimeoutMs, pollTimeoutSeconds: 1 });
    return { a: api, journal, dispatcher };
  }
  const repliesTo = (a: BotApiStandIn, chat: number) => a.callsOf('sendMessage').filter((c) => c.payload.chat_id === chat);

  it('answers every chat while one chat waits out a 20 s flood limit', { timeout: 30_000 }, async () => {
    const FLOODED = 1;
    // Telegram holds one chat: its first reply gets 429 retry_after 20, which auto-retry waits out.
    const { a, journal } = await start(
      (method, _n, p) =>
        method === 'sendMessage' && p.chat_id === FLOODED && repliesTo(api!, FLOODED).length === 0 ? { status: 429, retryAfter: 20 } : undefined,
      100,
    );
    const asked: Update[] = [];
    // 30 chats, 10 questions each, interleaved: 300 updates, so three times Telegram's 100-per-call window.
    for (let round = 0; round < 10; round++) for (let chat = 1; chat <= 30; chat++) asked.push(ask(a, chat, round + 1));
    await a.waitFor(() => a.callsOf('sendMessage').length >= 290, 20_000);
    // Every other chat is answered in full while the flooded one is still waiting.
    for (let chat = 2; chat <= 30; chat++) expect(repliesTo(a, chat)).toHaveLength(10);
    expect(repliesTo(a, FLOODED)).toHaveLength(0);
    // Telegram was told at once: nothing is left for it to send again.
    await a.waitFor(() => a.unconfirmed === 0, 5000);
    // The flooded chat's updates are safe in the journal for the next start; all others are done.
    await a.waitFor(() => journal.open().length === 10, 5000);
    const open = journal.open().map((o) => o.update.update_id);
    expect(open).toEqual(asked.filter((u) => u.message?.chat.id === FLOODED).map((u) => u.update_id));
  });

  it('answers an update Telegram sends again (before it was confirmed) only once', { timeout: 30_000 }, async () => {
    // Every getUpdates answer is lost on its first try: Telegram sends the same batch again.
    const { a } = await start((method, n) => (method === 'getUpdates' && n % 2 === 0 ? { drop: true } : undefined));
    for (let chat = 1; chat <= 5; chat++) ask(a, chat);
    await a.waitFor(() => a.callsOf('sendMessage').length >= 5 && a.unconfirmed === 0, 15_000);
    for (let chat = 1; chat <= 5; chat++) expect(repliesTo(a, chat)).toHaveLength(1);
  });

  it('keeps polling after a dropped connection and a 429 on getUpdates', { timeout: 30_000 }, async () => {
    const { a } = await start((method, n) =>
      method === 'getUpdates' && n === 2 ? { drop: true } : method === 'getUpdates' && n === 3 ? { status: 429, retryAfter: 1 } : undefined,
    );
    ask(a, 9);
    await a.waitFor(() => repliesTo(a, 9).length === 1, 20_000);
  });

  it('leaves an update cut off by the shutdown timeout open in the journal', { timeout: 30_000 }, async () => {
    const { a, journal } = await start((method) => (method === 'sendMessage' ? { delayMs: 3000 } : undefined), 200);
    const slow = ask(a, 1);
    await a.waitFor(() => a.unconfirmed === 0 && journal.open().length === 1, 5000);
    const result = await polling!.stop();
    polling = undefined;
    expect(result.finished).toBe(false);
    expect(journal.open().map((o) => o.update.update_id)).toEqual([slow.update_id]);
  });
});
