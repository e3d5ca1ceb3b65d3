import { beforeAll, describe, expect, it } from 'vitest';
import type { Message, Update } from 'grammy/types';
import { createBot } from '../../src/bot/create.ts';
import type { BotDeps } from '../../src/bot/deps.ts';
import type { Library } from '../../src/library.ts';
import { TestChat } from '../support/chat.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, GROUP, TEST_TOKEN } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

const newChat = (opts: Partial<BotDeps> = {}, chat = undefined as typeof GROUP | undefined): TestChat =>
  new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, ...opts }), chat);
const sends = (chat: TestChat): number => chat.callsOf('sendMessage').length;

describe('edited questions', () => {
  it('edit the answer instead of sending a second one', async () => {
    const chat = newChat();
    const question = await chat.say('what was the capital of France?');
    const answer = chat.lastBotMessage();
    expect(answer.text).toContain('does not say');
    await chat.edit(question, 'what was the 2014 trade volume?');
    expect(sends(chat)).toBe(1);
    const edit = chat.callsOf('editMessageText')[0]!;
    expect(edit.payload.message_id).toBe(answer.message_id);
    expect(String(edit.payload.text)).toContain('$1.1 billion');
    // The edited answer gets the buttons of its new content.
    expect(JSON.stringify(edit.payload.reply_markup)).toContain('Context');
  });

  it('stay quiet when the edit does not change the answer (a typo fixed)', async () => {
    const chat = newChat();
    const question = await chat.say('what was the 2014 trade volume?');
    await chat.edit(question, 'what was the 2014 trade volume ?');
    expect(sends(chat)).toBe(1);
    expect(chat.callsOf('sendMessage').some((c) => String(c.payload.text).includes('Sorry'))).toBe(false);
  });

  it('are answered afresh when this process never answered them (restart, another process)', async () => {
    const first = newChat();
    const question = await first.say('what was the 2014 trade volume?');
    const second = newChat();
    second.messages.set(question.message_id, question);
    await second.edit(question, 'who is Belarus’ partner in the UN?');
    expect(second.callsOf('sendMessage')).toHaveLength(1);
    expect(second.callsOf('sendMessage')[0]!.payload.reply_parameters).toMatchObject({ message_id: question.message_id });
  });

  it('work for /ask and for a mention in a group, and ignore edits of ordinary chatter', async () => {
    const chat = newChat({}, GROUP);
    const asked = await chat.say('/ask what was the capital of France?');
    const mention = await chat.say(`@${BOT_INFO.username} what is the capital of France?`);
    const chatter = await chat.say('lunch at noon?');
    expect(sends(chat)).toBe(2);
    await chat.edit(asked, '/ask what was the 2014 trade volume?');
    await chat.edit(mention, `@${BOT_INFO.username} who is Belarus' partner in the UN?`);
    await chat.edit(chatter, 'lunch at one?');
    expect(sends(chat)).toBe(2);
    expect(chat.callsOf('editMessageText')).toHaveLength(2);
  });
});

describe('group manners', () => {
  it('answers a question once even when Telegram delivers it twice', async () => {
    const chat = newChat({}, GROUP);
    const question = await chat.say(`@${BOT_INFO.username} what was the 2014 trade volume?`);
    await chat.bot.handleUpdate({ update_id: 1, message: question } as Update);
    expect(sends(chat)).toBe(1);
  });

  it('answers a message that both mentions the bot and replies to it once', async () => {
    const chat = newChat({}, GROUP);
    await chat.say(`@${BOT_INFO.username} what was the 2014 trade volume?`);
    await chat.say(`@${BOT_INFO.username} and who is the partner in the UN?`, { replyTo: chat.lastBotMessage() });
    expect(sends(chat)).toBe(2);
  });

  it('does not take its own inline-mode posts for questions', async () => {
    const chat = newChat();
    const posted = {
      message_id: 77,
      date: 1,
      chat: chat.chat,
      from: chat.user,
      via_bot: BOT_INFO,
      text: 'The two countries have developed a roadmap for cooperation.',
    } as Message;
    await chat.bot.handleUpdate({ update_id: 2, message: posted } as Update);
    expect(sends(chat)).toBe(0);
  });

  it('never answers another bot, even one that mentions it', async () => {
    const chat = newChat({}, GROUP);
    const otherBot = { id: 99, is_bot: true, first_name: 'Other', username: 'other_bot' };
    await chat.say(`@${BOT_INFO.username} trade?`, { from: otherBot });
    expect(sends(chat)).toBe(0);
  });
});

describe('typing indicator', () => {
  it('is not sent when answers come quickly', async () => {
    const chat = newChat();
    await chat.say('what was the 2014 trade volume?');
    await chat.say('who is the partner in the UN?');
    expect(chat.callsOf('sendChatAction')).toHaveLength(0);
  });

  it('is sent once, before the answer, when answering is slow', async () => {
    // typingAfterMs 0 stands for "the last answer took longer than the threshold".
    const chat = newChat({ typingAfterMs: 0 });
    await chat.say('what was the 2014 trade volume?');
    expect(chat.calls.map((c) => c.method)).toEqual(['sendChatAction', 'sendMessage']);
    expect(chat.calls[0]!.payload.action).toBe('typing');
  });
});
