import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import type { Chat, Message, Update } from 'grammy/types';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { loadCorpus } from '../../src/corpus.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import { BOT_INFO, captionUpdate, GROUP, PRIVATE, record, sentTexts, TEST_TOKEN, textUpdate, USER, type Call } from '../support/recorder.ts';

let engine: Engine;
beforeAll(async () => {
  engine = createEngine(await loadCorpus(new URL('../../corpus', import.meta.url).pathname));
});

let bot: Bot<BotContext>;
let calls: Call[];
beforeEach(() => {
  bot = createBot({ token: TEST_TOKEN, engine: () => engine, botInfo: BOT_INFO });
  calls = record(bot);
});

const QUESTION = 'what was the 2014 trade volume?';
const botMessage = { message_id: 900, date: 0, chat: GROUP, from: BOT_INFO, text: 'an earlier answer' } as Message;

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
    { why: 'a command the bot does not have, in a private chat, gets a pointer to /help', text: '/weather', chat: PRIVATE, reply: 'I do not know that command. /help lists what I can do.' },
    { why: 'the pointer speaks the user’s language', text: '/weather tomorrow', chat: PRIVATE, language: 'ru', reply: 'Такой команды я не знаю. Что я умею, смотрите в /help.' },
    { why: 'a command named for the bot, in a private chat, gets the pointer too', text: `/weather@${BOT_INFO.username}`, chat: PRIVATE, reply: 'I do not know that command. /help lists what I can do.' },
    { why: 'a command for another bot, even in a private chat, is not ours to answer', text: '/weather@other_bot', chat: PRIVATE },
    { why: 'an unknown command in a group is left alone', text: '/weather', chat: GROUP },
    { why: 'an unknown command for this bot in a group is left alone too', text: `/weather@${BOT_INFO.username}`, chat: GROUP },
    { why: 'a command for another bot in a group is left alone', text: '/start@other_bot', chat: GROUP },
  ])('$why', async ({ text, chat, language, reply }) => {
    await bot.handleUpdate(textUpdate(text, { chat, ...(language ? { from: { ...USER, language_code: language } } : {}) }));
    expect(sentTexts(calls)).toEqual(reply === undefined ? [] : [reply]);
  });
});
