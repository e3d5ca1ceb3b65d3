import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import { decodeStartPayload, deepLink, encodeStartPayload } from '../../src/bot/deeplink.ts';
import type { Library } from '../../src/library.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

let chat: TestChat;
beforeEach(() => {
  chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO }));
});

describe('encodeStartPayload / decodeStartPayload', () => {
  it.each([
    ['an English question', 'What was the 2014 trade volume?'],
    ['a question with a dollar sign and quotes', 'Was it "$1.1 billion"?'],
    ['a Russian question (two bytes a letter)', 'Какой был товарооборот?'],
  ])('round-trips %s within Telegram’s 64 allowed characters', (_name, question) => {
    const payload = encodeStartPayload(question)!;
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(decodeStartPayload(payload)).toBe(question);
  });

  it('has no payload for a question too long to fit', () => {
    expect(encodeStartPayload('What did the First Deputy Minister say about the national economy?')).toBeUndefined();
  });

  it.each(['', 'inline', 'hello-world', 'q', 'q!!', 'q' + 'A'.repeat(70), 'q_-_-'])('reads %j as no question', (payload) => {
    expect(decodeStartPayload(payload)).toBeUndefined();
  });
});

describe('deep links', () => {
  it('/start with a question in the payload answers it directly', async () => {
    await chat.say(`/start ${encodeStartPayload('what was the 2014 trade volume?')}`);
    expect(chat.botMessages()).toHaveLength(1);
    expect(chat.lastBotMessage().text).toContain('$1.1 billion');
  });

  it('More under a deep-linked answer pages on from the linked question', async () => {
    await chat.say(`/start ${encodeStartPayload('what was the 2014 trade volume?')}`);
    const calls = await chat.press(chat.lastBotMessage(), 'More ▸');
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('/start with a payload that is not a question just welcomes', async () => {
    await chat.say('/start inline');
    expect(chat.lastBotMessage().text).toContain('Hello');
  });

  it('/start shows a share link that opens the bot on an example answer', async () => {
    await chat.say('/start');
    const text = chat.lastBotMessage().text ?? '';
    const link = /https:\/\/t\.me\/(\w+)\?start=([A-Za-z0-9_-]+)/.exec(text);
    expect(link?.[1]).toBe(BOT_INFO.username);
    const question = decodeStartPayload(link?.[2] ?? '');
    expect(question).toBeDefined();
    expect(library.engine.ask(question!).kind).toBe('sure');
    expect(deepLink(BOT_INFO.username, question!)).toBe(link?.[0]);
    expect(buttonsOf(chat.lastBotMessage())).toEqual([]);
  });
});
