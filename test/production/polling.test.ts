/**
 * startPolling in-process against the stand-in: an update is confirmed to
 * Telegram only once it and every update before it are handled, so a crash
 * or a cut-short shutdown never loses one; updates fetched again because of
 * that are not answered twice.
 */
import type { Chat, Update, User } from 'grammy/types';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import { loadCorpus } from '../../src/corpus.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import { startPolling, type Polling } from '../../src/transports/polling.ts';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SLOW_CHAT = 1;

function ask(api: BotApiStandIn, id: number): Update {
  const chat: Chat.PrivateChat = { id, type: 'private', first_name: 'P' };
  const from: User = { id, is_bot: false, first_name: 'P', language_code: 'en' };
  return api.pushUpdate({ message: { message_id: id, date: 0, chat, from, text: 'what was the 2014 trade volume?' } });
}

describe('startPolling', () => {
  let engine: Engine;
  let api: BotApiStandIn | undefined;
  let polling: Polling | undefined;
  beforeAll(async () => {
    engine = createEngine(await loadCorpus('corpus'));
  });
  afterEach(async () => {
    await polling?.stop();
    polling = undefined;
    await api?.close();
  });

  async function start(slowMs: number, shutdownTimeoutMs = 10_000) {
    api = new BotApiStandIn({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      maxPollMs: 200,
      fault: (method, _n, payload) => (method === 'sendMessage' && payload.chat_id === SLOW_CHAT ? { delayMs: slowMs } : undefined),
    });
    const bot = createBot({ token: TEST_TOKEN, engine: () => engine, botInfo: BOT_INFO, apiRoot: await api.start() });
    polling = await startPolling(bot, { logger: quiet, shutdownTimeoutMs, pollTimeoutSeconds: 1 });
    return api;
  }
  const repliesTo = (a: BotApiStandIn, chat: number) => a.callsOf('sendMessage').filter((c) => c.payload.chat_id === chat);

  it('does not confirm past an update still in hand, while later ones are answered', { timeout: 30_000 }, async () => {
    const a = await start(2500);
    const slow = ask(a, SLOW_CHAT);
    ask(a, 2);
    const last = ask(a, 3);
    await a.waitFor(() => repliesTo(a, 2).length > 0 && repliesTo(a, 3).length > 0);
    // Let a few more polls go by: they must still hold the offset at the slow update.
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesTo(a, SLOW_CHAT)).toEqual([]);
    expect(a.confirmedOffset).toBeLessThanOrEqual(slow.update_id);

    await a.waitFor(() => repliesTo(a, SLOW_CHAT).length > 0);
    await a.waitFor(() => a.confirmedOffset === last.update_id + 1, 5000);
    // Telegram sent 2 and 3 again while 1 was in hand; they were not answered twice.
    for (const chat of [SLOW_CHAT, 2, 3]) expect(repliesTo(a, chat)).toHaveLength(1);
  });

  it('confirms only the finished updates when the shutdown timeout cuts it short', { timeout: 30_000 }, async () => {
    const a = await start(3000, 300);
    const slow = ask(a, SLOW_CHAT);
    await a.waitFor(() => a.calls.filter((c) => c.method === 'getUpdates').length > 1);
    const result = await polling!.stop();
    polling = undefined;
    expect(result.finished).toBe(false);
    // The update in hand is not confirmed: a restarted bot will get it again.
    expect(a.confirmedOffset).toBe(slow.update_id);
  });
});
