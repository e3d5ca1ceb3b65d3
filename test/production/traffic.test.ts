/**
 * Per-user rate limits with the production defaults, on a fake clock: a
 * person using the bot never meets them; a flood gets a dozen answers and
 * one notice; whatever Telegram waits for (a button press's answer, an
 * inline query's results) is still answered over the limit; group chatter
 * costs nothing.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bot } from 'grammy';
import type { InlineQueryResultArticle, Update, User } from 'grammy/types';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { createI18n } from '../../src/i18n.ts';
import type { BotLogger } from '../../src/log.ts';
import type { RateLimits } from '../../src/bot/limits.ts';
import { INLINE_MEMORY_MS } from '../../src/bot/features/traffic.ts';
import { loadConfig } from '../../src/config.ts';
import type { Library } from '../../src/library.ts';
import { TestChat } from '../support/chat.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, GROUP, record, TEST_TOKEN, textUpdate, type Call } from '../support/recorder.ts';

const DEFAULTS = loadConfig({}).rateLimit;
const i18n = createI18n();
const NOTICE = i18n.t('en', 'rate-limited');
const BUTTON_NOTICE = i18n.t('en', 'rate-limited-button');
const INLINE_NOTICE = i18n.t('en', 'rate-limited-inline');
const QUESTION = 'what was the 2014 trade volume?';

const person = (id: number): { from: User; chat: { id: number; type: 'private'; first_name: string } } => ({
  from: { id, is_bot: false, first_name: `U${id}`, language_code: 'en' },
  chat: { id, type: 'private', first_name: `U${id}` },
});

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

// Only Date is faked: the limits read Date.now(), and grammY's own timers stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the fake clock to `ms` after the start of the test. */
const at = (ms: number): void => {
  vi.setSystemTime(1_000_000 + ms);
};

function limitedBot(rateLimit: RateLimits = DEFAULTS): { bot: Bot<BotContext>; calls: Call[]; sentTo: (chat: number) => string[] } {
  const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, rateLimit });
  const calls = record(bot);
  const sentTo = (chat: number) => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat).map((c) => String(c.payload.text));
  return { bot, calls, sentTo };
}

let nextId = 70_000;
const press = (user: number, data = 'garbage'): Update =>
  ({
    update_id: nextId++,
    callback_query: {
      id: `cb${nextId}`,
      from: person(user).from,
      chat_instance: '1',
      data,
      message: { message_id: 5, date: 0, chat: person(user).chat, text: 'x' },
    },
  }) as Update;
const inlineQuery = (user: number, query: string): Update =>
  ({ update_id: nextId++, inline_query: { id: `q${nextId}`, from: person(user).from, query, offset: '' } }) as Update;

describe('traffic (rate limits)', () => {
  it('answers every keystroke of an inline query typed at 4 a second, the last one with its real results', async () => {
    const { bot, calls } = limitedBot();
    const typed = '2014 volume?';
    for (let i = 1; i <= typed.length; i++) {
      at(i * 250);
      await bot.handleUpdate(inlineQuery(21, typed.slice(0, i)));
    }
    const answers = calls.filter((c) => c.method === 'answerInlineQuery');
    expect(answers).toHaveLength(12);
    // The same results as a bot without limits gives for the whole question.
    const unlimited = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
    const expected = record(unlimited);
    await unlimited.handleUpdate(inlineQuery(21, typed));
    const last = answers.at(-1)!.payload;
    expect((last.results as unknown[]).length).toBeGreaterThan(0);
    expect(last.results).toEqual(expected[0]?.payload.results);
    expect(answers.some((a) => a.payload.cache_time === 0)).toBe(false);
  });

  it('lets a six-step session within 10 s through without a notice (/start, a question, More, Context, /facts, a question)', async () => {
    const chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, rateLimit: DEFAULTS }));
    at(0);
    await chat.say('/start');
    at(1500);
    await chat.say(QUESTION);
    const answer = chat.lastBotMessage();
    at(3000);
    await chat.press(answer, /^More/);
    at(4500);
    await chat.press(answer, 'Context');
    at(6000);
    await chat.say('/facts');
    at(8000);
    await chat.say('what did the two countries agree?');
    const texts = chat.callsOf('sendMessage').map((c) => String(c.payload.text));
    expect(texts).not.toContain(NOTICE);
    // Welcome, answer, next page, key facts, answer; Context edits the answer in place.
    expect(texts).toHaveLength(5);
    expect(texts[1]).toContain('$1.1 billion');
    expect(texts[4]).toContain('countries');
    expect(chat.callsOf('editMessageText')).toHaveLength(1);
    expect(chat.callsOf('answerCallbackQuery').map((c) => c.payload.text)).toEqual([undefined, undefined]);
  });

  it('holds a flood of 100 questions in 10 s to at most a dozen answers and exactly one notice', async () => {
    const { bot, sentTo } = limitedBot();
    for (let i = 0; i < 100; i++) {
      at(i * 100);
      await bot.handleUpdate(textUpdate(QUESTION, person(11)));
    }
    const sent = sentTo(11);
    const answers = sent.filter((t) => t !== NOTICE);
    expect(answers.length).toBeLessThanOrEqual(12);
    // The burst, then one per refill interval over the 9.9 s between the first and the last.
    const { burst, refillMs } = DEFAULTS.messages;
    expect(answers).toHaveLength(burst + Math.floor(9900 / refillMs));
    expect(answers.every((t) => t.includes('$1.1 billion'))).toBe(true);
    expect(sent.filter((t) => t === NOTICE)).toHaveLength(1);
  });

  it('answers every over-limit button press, with the notice only on the first', async () => {
    const { bot, calls } = limitedBot();
    const presses = DEFAULTS.buttons.burst + 10;
    for (let i = 0; i < presses; i++) await bot.handleUpdate(press(12));
    const answers = calls.filter((c) => c.method === 'answerCallbackQuery');
    // The client spins until a press is answered, so none may go unanswered.
    expect(answers).toHaveLength(presses);
    expect(answers.filter((c) => c.payload.text === BUTTON_NOTICE)).toHaveLength(1);
    expect(answers.findIndex((c) => c.payload.text === BUTTON_NOTICE)).toBe(DEFAULTS.buttons.burst);
  });

  it('answers an over-limit inline query with that user’s last results, not cached by Telegram, and a way into the chat', async () => {
    const { bot, calls } = limitedBot({ ...DEFAULTS, inline: { burst: 2, refillMs: 600_000 } });
    await bot.handleUpdate(inlineQuery(22, 'trade'));
    await bot.handleUpdate(inlineQuery(22, 'trade in 2014'));
    await bot.handleUpdate(inlineQuery(22, 'trade in 2014?'));
    const answers = calls.filter((c) => c.method === 'answerInlineQuery').map((c) => c.payload);
    expect(answers).toHaveLength(3);
    const over = answers[2]!;
    expect(over.results).toEqual(answers[1]!.results);
    expect((over.results as InlineQueryResultArticle[]).length).toBeGreaterThan(0);
    expect(over).toMatchObject({ cache_time: 0, is_personal: true, button: { text: INLINE_NOTICE } });
  });

  it('answers an over-limit inline query with no results and the button once the last results are old', async () => {
    const { bot, calls } = limitedBot({ ...DEFAULTS, inline: { burst: 1, refillMs: 600_000 } });
    await bot.handleUpdate(inlineQuery(23, 'trade volume'));
    at(INLINE_MEMORY_MS);
    await bot.handleUpdate(inlineQuery(23, 'trade volume 2014'));
    const over = calls.filter((c) => c.method === 'answerInlineQuery').at(-1)!.payload;
    expect(over).toMatchObject({ results: [], cache_time: 0, button: { text: INLINE_NOTICE } });
  });

  it('does not count inline queries or button presses against questions', async () => {
    const { bot, sentTo } = limitedBot();
    for (let i = 0; i < 25; i++) await bot.handleUpdate(inlineQuery(24, `trade ${i}`));
    for (let i = 0; i < 25; i++) await bot.handleUpdate(press(24));
    await bot.handleUpdate(textUpdate(QUESTION, person(24)));
    expect(sentTo(24)).toHaveLength(1);
    expect(sentTo(24)[0]).toContain('$1.1 billion');
  });

  it('keeps serving other users while one is limited', async () => {
    const { bot, sentTo } = limitedBot();
    for (let i = 0; i < 20; i++) await bot.handleUpdate(textUpdate(QUESTION, person(12)));
    await bot.handleUpdate(textUpdate(QUESTION, person(13)));
    expect(sentTo(13)).toHaveLength(1);
    expect(sentTo(13)[0]).toContain('$1.1 billion');
  });

  it('never counts group chatter the bot ignores', async () => {
    const { bot, sentTo } = limitedBot();
    const { from } = person(14);
    for (let i = 0; i < 100; i++) await bot.handleUpdate(textUpdate(`chatting away ${i}`, { chat: GROUP, from }));
    expect(sentTo(GROUP.id)).toEqual([]);
    // Still a full burst: every question is answered, none gets the notice.
    for (let i = 0; i < DEFAULTS.messages.burst; i++) await bot.handleUpdate(textUpdate(QUESTION, person(14)));
    expect(sentTo(14)).toHaveLength(DEFAULTS.messages.burst);
    expect(sentTo(14)).not.toContain(NOTICE);
  });

  it('counts edited questions too, since each edit is answered again', async () => {
    const { bot, sentTo } = limitedBot({ ...DEFAULTS, messages: { burst: 2, refillMs: 60_000 } });
    const first = textUpdate(QUESTION, person(17));
    await bot.handleUpdate(first);
    for (let i = 0; i < 3; i++) {
      await bot.handleUpdate({
        update_id: nextId++,
        edited_message: { ...first.message!, text: `what was the trade volume in 2014${'?'.repeat(i + 1)}`, edit_date: 1 + i },
      } as Update);
    }
    expect(sentTo(17)).toContain(NOTICE);
  });

  it('answers again once a token has refilled', async () => {
    const { bot, sentTo } = limitedBot();
    const { burst, refillMs } = DEFAULTS.messages;
    for (let i = 0; i <= burst; i++) await bot.handleUpdate(textUpdate(QUESTION, person(15)));
    expect(sentTo(15)).toHaveLength(burst + 1);
    expect(sentTo(15).at(-1)).toBe(NOTICE);
    at(refillMs);
    await bot.handleUpdate(textUpdate(QUESTION, person(15)));
    expect(sentTo(15)).toHaveLength(burst + 2);
    expect(sentTo(15).at(-1)).toContain('$1.1 billion');
  });

  it('logs a refused update with the outcome limited, and the first refusal of a flood as a warning', async () => {
    const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
    const logger = Object.fromEntries(
      (['info', 'warn', 'error', 'debug'] as const).map((level) => [
        level,
        (obj: Record<string, unknown>, msg?: string) => void lines.push({ level, obj, msg }),
      ]),
    ) as unknown as BotLogger;
    const bot = createBot({
      token: TEST_TOKEN,
      library: () => library,
      botInfo: BOT_INFO,
      logger,
      rateLimit: { ...DEFAULTS, messages: { burst: 1, refillMs: 60_000 } },
    });
    record(bot);
    for (let i = 0; i < 3; i++) await bot.handleUpdate(textUpdate(QUESTION, person(18)));
    const outcomes = lines.filter((l) => l.msg === 'update').map((l) => l.obj.outcome);
    expect(outcomes).toHaveLength(3);
    expect(outcomes.map((o) => o === 'limited')).toEqual([false, true, true]);
    expect(lines.filter((l) => l.level === 'warn' && l.msg === 'bot: rate limit reached')).toHaveLength(1);
  });

  it('has no limit when none is configured (console, tests) or RATE_LIMIT_BURST is 0', async () => {
    for (const rateLimit of [undefined, loadConfig({ RATE_LIMIT_BURST: '0' }).rateLimit]) {
      const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, ...(rateLimit ? { rateLimit } : {}) });
      const calls = record(bot);
      for (let i = 0; i < 50; i++) await bot.handleUpdate(textUpdate(QUESTION, person(16)));
      for (let i = 0; i < 50; i++) await bot.handleUpdate(inlineQuery(16, 'trade volume'));
      expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(50);
      expect(calls.filter((c) => c.method === 'answerInlineQuery' && c.payload.cache_time === 0)).toEqual([]);
    }
  });
});
