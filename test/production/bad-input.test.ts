/**
 * Hostile and odd input, generated: at least 10,000 updates of every shape
 * Telegram can send (and some it would not), through the real bot. Nothing
 * may crash, nothing may reject unhandled, and every reply must be HTML that
 * Telegram accepts, within its 4096-character limit.
 */
import fc from 'fast-check';
import type { Chat, Message, Update, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import type { Library } from '../../src/library.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, entitiesOf, record, TEST_TOKEN, type Call } from '../support/recorder.ts';
import { telegramHtmlProblem } from './telegram-html.ts';

const RUNS = 10_000;

// Words from the article, so that many generated questions are really answered (and highlighted).
const ARTICLE_WORDS = ['trade', 'volume', '2014', 'Belarus', 'Kazakhstan', 'billion', 'cooperation', 'Minsk', 'president', 'what', 'was', 'the', '$1.1'];
const NASTY = [
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '<b>',
  '</b>',
  '<i>',
  '</i>',
  '<a href="x">',
  '</a>',
  '<script>',
  '"',
  "'",
  '<pre>',
  '&#0;',
  '&bogus;',
  '*',
  '_',
  '`',
  '```',
  '[',
  '](http://x)',
  '~',
  '||',
  '\\',
  '#',
  '\u202E',
  '\u200F',
  '\u200D',
  '\u200B',
  '\uFEFF',
  'e\u0301',
  '\u0000',
  '\u0007',
  '<u>INJ</u>',
  '<tg-spoiler>INJ</tg-spoiler>',
  '\u001B[31m',
  '\r\n',
  '\t',
  '😀',
  '👩‍👩‍👧',
  '🇰🇿',
  'مرحبا',
  'שלום',
  '漢字',
  'Ⅻ',
  '\uD800',
  '@article_test_bot',
  '@someone_else',
  '/ask',
  '/start',
];
const COMMANDS = [
  '',
  '',
  '',
  '/start',
  '/start ',
  '/help',
  '/ask',
  '/ask ',
  '/ask@article_test_bot ',
  '/facts',
  '/facts@article_test_bot',
  '/source',
  '/summary',
  '/topics',
  '/articles',
  '/more',
  '/nonsense',
  '/START',
  '/ask@other_bot ',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ARTICLE_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', '\u00A0', '\u3000') },
);
const text = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.array(piece, { maxLength: 25 }), fc.constantFrom(' ', '')).map(([c, ps, sep]) => c + ps.join(sep)),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\n', '\u200B', '/') },
  // Huge texts: far beyond what the bot reads.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('trade volume ', '<b>&', '😀', 'a'), fc.integer({ min: 1000, max: 5000 }))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

const user = fc.record(
  {
    id: fc.integer({ min: 1, max: 50 }),
    is_bot: fc.constant(false),
    first_name: fc.string({ maxLength: 8 }),
    language_code: fc.constantFrom('en', 'ru', 'de', 'xx', undefined),
  },
  { requiredKeys: ['id', 'is_bot', 'first_name'] },
) as fc.Arbitrary<User>;
const chat: fc.Arbitrary<Chat> = fc.oneof(
  fc.record({ id: fc.integer({ min: 1, max: 50 }), type: fc.constant('private' as const), first_name: fc.constant('U') }),
  fc.record({ id: fc.integer({ min: -200, max: -100 }), type: fc.constant('group' as const), title: fc.constant('G') }),
  fc.record({ id: fc.integer({ min: -1_000_000_200, max: -1_000_000_100 }), type: fc.constant('supergroup' as const), title: fc.constant('S') }),
);
const channel: Chat.ChannelChat = { id: -1002, type: 'channel', title: 'News' };

const botMessage = (chatValue: Chat): Message => ({ message_id: 5, date: 0, chat: chatValue, from: BOT_INFO, text: 'earlier answer' }) as Message;

/** One update of any kind; `n` makes ids unique. */
const update: fc.Arbitrary<Omit<Update, 'update_id'>> = fc
  .tuple(
    fc.constantFrom('text', 'text', 'text', 'text', 'edited', 'channel', 'edited_channel', 'photo', 'sticker', 'service', 'callback', 'inline', 'other'),
    text,
    user,
    chat,
    fc.boolean(),
    fc.string({ unit: 'binary', maxLength: 64 }),
  )
  .map(([kind, t, from, c, replyToBot, data]): Omit<Update, 'update_id'> => {
    const base = { message_id: 10, date: 0, chat: c, from } as Message;
    const withText = {
      ...base,
      text: t,
      ...(entitiesOf(t).length ? { entities: entitiesOf(t) } : {}),
      ...(replyToBot ? { reply_to_message: botMessage(c) } : {}),
    } as Message;
    switch (kind) {
      case 'text':
        return { message: withText } as Omit<Update, 'update_id'>;
      case 'edited':
        return { edited_message: { ...withText, edit_date: 1 } as never };
      case 'channel':
        return { channel_post: { ...withText, chat: channel, from: undefined } as never };
      case 'edited_channel':
        return { edited_channel_post: { ...withText, chat: channel, from: undefined, edit_date: 1 } as never };
      case 'photo':
        return { message: { ...base, photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }], ...(t ? { caption: t } : {}) } as never };
      case 'sticker':
        return {
          message: {
            ...base,
            sticker: { file_id: 's', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
          } as never,
        };
      case 'service':
        return { message: { ...base, new_chat_members: [from] } as never };
      case 'callback':
        return {
          callback_query: {
            id: 'cb',
            from,
            chat_instance: 'ci',
            data: replyToBot ? data : `m:1:${t.slice(0, 40)}`,
            message: { ...botMessage(c), reply_to_message: withText } as Message,
          },
        };
      case 'inline':
        return { inline_query: { id: 'iq', from, query: t.slice(0, 256), offset: replyToBot ? data.slice(0, 8) : '' } };
      default:
        return {
          my_chat_member: {
            chat: c,
            from,
            date: 0,
            old_chat_member: { status: 'left', user: BOT_INFO },
            new_chat_member: { status: 'member', user: BOT_INFO },
          },
        } as Omit<Update, 'update_id'>;
    }
  });

/** Every piece of text the bot sent in a call, with the parse mode that applies to it. */
function textsOf(payload: unknown, parseMode?: unknown): Array<{ text: string; html: boolean }> {
  if (Array.isArray(payload)) return payload.flatMap((p) => textsOf(p, parseMode));
  if (typeof payload !== 'object' || payload === null) return [];
  const p = payload as Record<string, unknown>;
  const mode = p.parse_mode ?? parseMode;
  const out: Array<{ text: string; html: boolean }> = [];
  for (const key of ['text', 'message_text', 'caption']) if (typeof p[key] === 'string') out.push({ text: p[key], html: mode === 'HTML' });
  for (const [key, value] of Object.entries(p)) if (typeof value === 'object' && key !== 'reply_markup') out.push(...textsOf(value, mode));
  return out;
}

describe('the bot under generated bad input', () => {
  let library: Library;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeAll(async () => {
    library = await seedLibrary();
    process.on('unhandledRejection', onRejection);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
  });

  it(`survives ${RUNS} generated updates with valid, bounded replies`, { timeout: 240_000 }, async () => {
    const errors: unknown[] = [];
    const logger = { info: () => undefined, warn: () => undefined, error: (obj: object) => void errors.push(obj), debug: () => undefined };
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, logger });
    const calls: Call[] = record(bot);
    let id = 0;
    let replies = 0;
    await fc.assert(
      fc.asyncProperty(update, async (u) => {
        const before = calls.length;
        await bot.handleUpdate({ update_id: ++id, ...u } as Update);
        for (const call of calls.slice(before)) {
          for (const { text: sent, html } of textsOf(call.payload)) {
            replies++;
            expect(sent.length, `${call.method} longer than 4096`).toBeLessThanOrEqual(4096);
            if (html) expect(telegramHtmlProblem(sent), `${call.method}: ${sent.slice(0, 300)}`).toBeUndefined();
            // Well-formed tags in user text must arrive as text, not as formatting.
            if (html) expect(sent).not.toMatch(/<(u|tg-spoiler)>INJ/);
          }
          if (call.method === 'answerCallbackQuery' && typeof call.payload.text === 'string') expect(call.payload.text.length).toBeLessThanOrEqual(200);
        }
        expect(errors, 'a handler failed').toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261130, endOnFailure: true },
    );
    expect(rejections).toEqual([]);
    // The generator reaches the answering code, not only the ignore paths.
    expect(replies).toBeGreaterThan(RUNS / 4);
  });
});
