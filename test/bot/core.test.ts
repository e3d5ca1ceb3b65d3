import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import type { Chat, Message, Update } from 'grammy/types';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { parseArticle } from '../../src/corpus.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, captionUpdate, CHANNEL, GROUP, PRIVATE, record, sentTexts, TEST_TOKEN, textUpdate, USER, type Call } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

let bot: Bot<BotContext>;
let calls: Call[];
beforeEach(() => {
  bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
  calls = record(bot);
});

const botMessage = { message_id: 900, date: 0, chat: GROUP, from: BOT_INFO, text: 'an earlier answer' } as Message;
const otherBot = { id: 99, is_bot: true, first_name: 'Other bot', username: 'other_bot' };

describe('commands', () => {
  it('/start welcomes, names the article and offers example questions the engine is sure of', async () => {
    await bot.handleUpdate(textUpdate('/start'));
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('Belarus and Kazakhstan');
    const examples = [...text.matchAll(/• <i>(.+?)<\/i>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const q of examples) expect(library.engine.ask(q).kind, q).toBe('sure');
  });

  it('/help explains how to ask', async () => {
    await bot.handleUpdate(textUpdate('/help'));
    expect(sentTexts(calls).join('\n')).toContain('/ask');
  });

  it('/facts lists figure-bearing sentences with the figure in bold', async () => {
    await bot.handleUpdate(textUpdate('/facts'));
    const text = sentTexts(calls).join('\n');
    expect(text).toMatch(/<b>\$1\.1 billion<\/b>/);
    expect(text.match(/^• /gm)?.length ?? 0).toBeLessThanOrEqual(6);
    expect(text.match(/^• /gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('/source gives title, date, place, agency and the number of sentences', async () => {
    await bot.handleUpdate(textUpdate('/source'));
    const text = sentTexts(calls).join('\n');
    for (const part of ['2016-12-08', 'Minsk', 'Kazinform', '12']) expect(text).toContain(part);
  });

  it('/ask with a question answers it', async () => {
    await bot.handleUpdate(textUpdate('/ask what was the 2014 trade volume?'));
    expect(sentTexts(calls)[0]).toContain('$1.1 billion');
  });

  it('/ask without a question says how to use it', async () => {
    await bot.handleUpdate(textUpdate('/ask'));
    expect(sentTexts(calls)[0]).toContain('/ask');
    expect(sentTexts(calls)[0]).not.toContain('$1.1 billion');
  });
});

describe('private questions', () => {
  it('answers with the best passage, matching words in bold, as a reply, citing the article', async () => {
    const update = textUpdate('what was the 2014 trade volume?');
    await bot.handleUpdate(update);
    const send = calls.find((c) => c.method === 'sendMessage')!;
    const text = String(send.payload.text);
    expect(text).toContain('$1.1 billion');
    expect(text).toMatch(/<b>2014<\/b>/);
    expect(text).toMatch(/<b>trade<\/b>/);
    expect(text).toContain('Kazinform');
    expect(text).toContain('2016-12-08');
    expect(send.payload.parse_mode).toBe('HTML');
    expect(send.payload.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
  });

  it('adds the next sentence when the answer opens a quotation that it closes', async () => {
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?'));
    // The trade sentence opens a quote; the next one says who said it.
    expect(sentTexts(calls)[0]).toContain('restore it');
  });

  it('says plainly when the article does not answer, and offers topics instead', async () => {
    await bot.handleUpdate(textUpdate('What is the capital of France?'));
    const text = sentTexts(calls)[0]!;
    expect(text).toContain('does not say');
    expect(text.match(/<b>/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('escapes article text that holds HTML metacharacters, so the reply shows them as written', async () => {
    // An article is text, not markup: "<b>" in it must reach the reader as "<b>", not as bold.
    const article = parseArticle('markup', 'Profits at A&B Corp rose <5% this year, the <b>board</b> said on Monday.\n\nThe shares fell.');
    const markup = buildLibrary({ dir: 'inline', articles: [article] });
    const escaping = createBot({ token: TEST_TOKEN, library: () => markup, botInfo: BOT_INFO });
    const sent = record(escaping);
    await escaping.handleUpdate(textUpdate('how much did profits rise at A&B?'));
    const text = sentTexts(sent).join('\n');
    expect(text).toContain('&lt;5%');
    expect(text).toMatch(/A(<b>)?&amp;(<\/b>)?B/);
    expect(text).toContain('&lt;b&gt;');
    expect(text).not.toContain('<b>board</b>');
  });
});

describe('groups', () => {
  it('ignores ordinary chatter', async () => {
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?', { chat: GROUP }));
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('answers a message that mentions the bot', async () => {
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} what was the 2014 trade volume?`, { chat: GROUP }));
    expect(sentTexts(calls)[0]).toContain('$1.1 billion');
  });

  it('ignores a mention of someone else', async () => {
    await bot.handleUpdate(textUpdate('@someone_else what was the 2014 trade volume?', { chat: GROUP }));
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('answers a reply to one of its own messages', async () => {
    await bot.handleUpdate(textUpdate('and the 2014 trade volume?', { chat: GROUP, replyTo: botMessage }));
    expect(sentTexts(calls)[0]).toContain('$1.1 billion');
  });

  it('answers /ask', async () => {
    await bot.handleUpdate(textUpdate('/ask what was the 2014 trade volume?', { chat: GROUP }));
    expect(sentTexts(calls)[0]).toContain('$1.1 billion');
  });

  it('answers /facts@botname and ignores commands for another bot', async () => {
    await bot.handleUpdate(textUpdate(`/facts@${BOT_INFO.username}`, { chat: GROUP }));
    expect(sentTexts(calls).join('\n')).toContain('$1.1 billion');
    const before = calls.length;
    await bot.handleUpdate(textUpdate('/facts@other_bot', { chat: GROUP }));
    expect(calls.slice(before).filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('never replies to another bot, even when mentioned', async () => {
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} trade?`, { chat: GROUP, from: otherBot }));
    await bot.handleUpdate(textUpdate('/facts', { chat: GROUP, from: otherBot }));
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('explains privacy mode in /help', async () => {
    await bot.handleUpdate(textUpdate('/help', { chat: GROUP }));
    expect(sentTexts(calls).join('\n')).toContain(`@${BOT_INFO.username}`);
  });
});

const QUESTION = 'what was the 2014 trade volume?';

describe('questions in captions', () => {
  it.each<{ why: string; caption: string; chat: Chat; media?: 'photo' | 'document'; replyTo?: Message; answered: boolean }>([
    { why: 'a photo in a private chat asks like a text', caption: QUESTION, chat: PRIVATE, answered: true },
    { why: 'a document in a private chat asks like a text', caption: QUESTION, chat: PRIVATE, media: 'document', answered: true },
    { why: 'a photo that mentions the bot in a group asks it', caption: `@${BOT_INFO.username} ${QUESTION}`, chat: GROUP, answered: true },
    { why: 'a photo replying to the bot in a group asks it', caption: QUESTION, chat: GROUP, replyTo: botMessage, answered: true },
    { why: 'a photo in a group that is not addressed to the bot is chatter', caption: QUESTION, chat: GROUP, answered: false },
    { why: 'a photo in a group that mentions someone else is chatter', caption: `@someone_else ${QUESTION}`, chat: GROUP, answered: false },
  ])('$why', async ({ caption, chat, media, replyTo, answered }) => {
    const update = captionUpdate(caption, { chat, ...(media ? { media } : {}), ...(replyTo ? { replyTo } : {}) });
    await bot.handleUpdate(update);
    if (!answered) {
      expect(calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
      return;
    }
    expect(sentTexts(calls)).toHaveLength(1);
    expect(sentTexts(calls)[0]).toContain('$1.1 billion');
    expect(calls.find((c) => c.method === 'sendMessage')?.payload.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
  });

  it('edits its answer when the caption is edited', async () => {
    const update = captionUpdate('What is the capital of France?');
    await bot.handleUpdate(update);
    expect(sentTexts(calls)[0]).toContain('does not say');
    await bot.handleUpdate({ update_id: update.update_id + 1000, edited_message: { ...update.message!, caption: QUESTION, edit_date: 1 } } as Update);
    const edit = calls.find((c) => c.method === 'editMessageText');
    expect(String(edit?.payload.text)).toContain('$1.1 billion');
    expect(sentTexts(calls)).toHaveLength(1);
  });
});

describe('unknown commands', () => {
  it.each<{ why: string; text: string; chat: Chat; language?: string; reply?: string }>([
    {
      why: 'a command the bot does not have, in a private chat, gets a pointer to /help',
      text: '/weather',
      chat: PRIVATE,
      reply: 'I do not know that command. /help lists what I can do.',
    },
    {
      why: 'the pointer speaks the user’s language',
      text: '/weather tomorrow',
      chat: PRIVATE,
      language: 'ru',
      reply: 'Такой команды я не знаю. Что я умею, смотрите в /help.',
    },
    {
      why: 'a command named for the bot, in a private chat, gets the pointer too',
      text: `/weather@${BOT_INFO.username}`,
      chat: PRIVATE,
      reply: 'I do not know that command. /help lists what I can do.',
    },
    { why: 'a command for another bot, even in a private chat, is not ours to answer', text: '/weather@other_bot', chat: PRIVATE },
    { why: 'an unknown command in a group is left alone', text: '/weather', chat: GROUP },
    { why: 'an unknown command for this bot in a group is left alone too', text: `/weather@${BOT_INFO.username}`, chat: GROUP },
    { why: 'a command for another bot in a group is left alone', text: '/start@other_bot', chat: GROUP },
  ])('$why', async ({ text, chat, language, reply }) => {
    await bot.handleUpdate(textUpdate(text, { chat, ...(language ? { from: { ...USER, language_code: language } } : {}) }));
    expect(sentTexts(calls)).toEqual(reply === undefined ? [] : [reply]);
  });
});

describe('channels', () => {
  it('answers a command posted in a channel, in the channel', async () => {
    await bot.handleUpdate(textUpdate('/ask what was the 2014 trade volume?', { chat: CHANNEL, channel: true }));
    const send = calls.find((c) => c.method === 'sendMessage')!;
    expect(send.payload.chat_id).toBe(CHANNEL.id);
    expect(String(send.payload.text)).toContain('$1.1 billion');
  });

  it('ignores ordinary channel posts', async () => {
    await bot.handleUpdate(textUpdate('Our weekly digest is out', { chat: CHANNEL, channel: true }));
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });
});

describe('errors', () => {
  it('apologises when a handler fails and keeps running', async () => {
    let fail = true;
    const flaky = createBot({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      library: () => {
        if (fail) throw new Error('boom');
        return library;
      },
    });
    const flakyCalls = record(flaky);
    await flaky.handleUpdate(textUpdate('trade?'));
    expect(sentTexts(flakyCalls)[0]).toContain('Sorry');
    fail = false;
    await flaky.handleUpdate(textUpdate('what was the 2014 trade volume?'));
    expect(sentTexts(flakyCalls)[1]).toContain('$1.1 billion');
  });
});

void USER;
