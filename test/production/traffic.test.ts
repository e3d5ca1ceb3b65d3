/**
 * Per-user rate limit: a spammer gets a polite notice once per window and
 * no more answers; other users, and group chatter, are not affected.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { createBot } from '../../src/bot/create.ts';
import { RATE_LIMIT_NOTICE } from '../../src/bot/traffic.ts';
import { loadCorpus } from '../../src/corpus.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import { BOT_INFO, GROUP, record, TEST_TOKEN, textUpdate } from '../support/recorder.ts';

const person = (id: number): { from: User; chat: { id: number; type: 'private'; first_name: string } } => ({
  from: { id, is_bot: false, first_name: `U${id}`, language_code: 'en' },
  chat: { id, type: 'private', first_name: `U${id}` },
});

describe('traffic (rate limit)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine(await loadCorpus('corpus'));
  });

  function limitedBot(limit: number, windowMs: number) {
    const bot = createBot({ token: TEST_TOKEN, engine: () => engine, botInfo: BOT_INFO, rateLimit: { limit, windowMs } });
    const calls = record(bot);
    const sentTo = (chat: number) => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat).map((c) => String(c.payload.text));
    return { bot, calls, sentTo };
  }

  it('answers up to the limit, then sends one notice for the window and nothing more', async () => {
    const { bot, sentTo } = limitedBot(3, 60_000);
    for (let i = 0; i < 7; i++) await bot.handleUpdate(textUpdate("what was the 2014 trade volume?", person(11)));
    const sent = sentTo(11);
    expect(sent).toHaveLength(4);
    expect(sent.slice(0, 3).every((t) => t.includes('$1.1 billion'))).toBe(true);
    expect(sent[3]).toBe(RATE_LIMIT_NOTICE);
  });

  it('answers every over-limit button press, with the notice only on the first', async () => {
    const { bot, calls } = limitedBot(1, 60_000);
    const press = (n: number) => ({
      update_id: 9000 + n,
      callback_query: {
        id: `cb${n}`,
        from: person(12).from,
        chat_instance: '1',
        data: 'garbage',
        message: { message_id: 5, date: 0, chat: person(12).chat, text: 'x' },
      },
    });
    for (let i = 0; i < 4; i++) await bot.handleUpdate(press(i) as never);
    const answers = calls.filter((c) => c.method === 'answerCallbackQuery');
    // The client spins until a press is answered, so none may go unanswered.
    expect(answers.map((c) => c.payload.callback_query_id)).toEqual(['cb0', 'cb1', 'cb2', 'cb3']);
    expect(answers.filter((c) => c.payload.text === RATE_LIMIT_NOTICE)).toHaveLength(1);
  });

  it('keeps serving other users while one is limited', async () => {
    const { bot, sentTo } = limitedBot(2, 60_000);
    for (let i = 0; i < 5; i++) await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(12)));
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(13)));
    expect(sentTo(13)).toHaveLength(1);
    expect(sentTo(13)[0]).toContain('$1.1 billion');
  });

  it('does not count group chatter the bot ignores', async () => {
    const { bot, sentTo } = limitedBot(2, 60_000);
    const { from } = person(14);
    for (let i = 0; i < 10; i++) await bot.handleUpdate(textUpdate(`chatting away ${i}`, { chat: GROUP, from }));
    expect(sentTo(GROUP.id)).toEqual([]);
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(14)));
    expect(sentTo(14)[0]).toContain('$1.1 billion');
  });

  it('counts edited questions too, since each edit is answered again', async () => {
    const { bot, sentTo } = limitedBot(2, 60_000);
    const first = textUpdate('what was the 2014 trade volume?', person(17));
    await bot.handleUpdate(first);
    for (let i = 0; i < 3; i++) {
      await bot.handleUpdate({ update_id: 9000 + i, edited_message: { ...first.message!, text: `what was the trade volume in 2014${'?'.repeat(i + 1)}`, edit_date: 1 + i } } as never);
    }
    expect(sentTo(17)).toContain(RATE_LIMIT_NOTICE);
  });

  it('answers again once the window has passed', async () => {
    const { bot, sentTo } = limitedBot(1, 200);
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(15)));
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(15)));
    expect(sentTo(15)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 500));
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(15)));
    expect(sentTo(15)).toHaveLength(3);
    expect(sentTo(15)[2]).toContain('$1.1 billion');
  });

  it('has no limit when none is configured (console, tests)', async () => {
    const bot = createBot({ token: TEST_TOKEN, engine: () => engine, botInfo: BOT_INFO });
    const calls = record(bot);
    for (let i = 0; i < 8; i++) await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', person(16)));
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(8);
  });
});
