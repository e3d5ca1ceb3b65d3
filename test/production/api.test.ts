/**
 * The API hardening: retries are bounded, also for network errors, which
 * auto-retry on its own would retry for ever.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline, hardenApi } from '../../src/transports/api.ts';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

describe('hardenApi', () => {
  let api: BotApiStandIn | undefined;
  afterEach(async () => {
    await api?.close();
  });

  it('gives up on a call whose connection keeps dropping once the deadline passes', { timeout: 20_000 }, async () => {
    let attempts = 0;
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, fault: (method) => (method === 'sendMessage' ? (attempts++, { drop: true }) : undefined) });
    const bot = new Bot(TEST_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: await api.start() } });
    bot.api.config.use(autoRetry());
    bot.api.config.use(deadline(1500));
    await expect(bot.api.sendMessage(1, 'hello')).rejects.toThrow();
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(api.callsOf('sendMessage')).toEqual([]);
  });

  it('waits out a flood limit and succeeds', { timeout: 20_000 }, async () => {
    api = new BotApiStandIn({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      fault: (method, n) => (method === 'sendMessage' && n === 1 ? { status: 429, retryAfter: 1 } : undefined),
    });
    const bot = new Bot(TEST_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: await api.start() } });
    hardenApi(bot);
    const sent = await bot.api.sendMessage(1, 'hello');
    expect(sent.text).toBe('hello');
    expect(api.callsOf('sendMessage')).toHaveLength(1);
  });

  it('does not retry a flood wait longer than the bound', { timeout: 20_000 }, async () => {
    api = new BotApiStandIn({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      fault: (method) => (method === 'sendMessage' ? { status: 429, retryAfter: 3600 } : undefined),
    });
    const bot = new Bot(TEST_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: await api.start() } });
    hardenApi(bot);
    await expect(bot.api.sendMessage(1, 'hello')).rejects.toThrow(/Too Many Requests/);
  });
});
