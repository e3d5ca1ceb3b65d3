import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import type { Message } from 'grammy/types';
import { decodeAction, encodeAction, type Action } from '../../src/bot/callback.ts';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import type { Library } from '../../src/library.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, PRIVATE, TEST_TOKEN } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

let bot: Bot<BotContext>;
let chat: TestChat;
beforeEach(() => {
  bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
  chat = new TestChat(bot);
});

const QUESTION = 'what was the 2014 trade volume?';
const labels = (m: Message): string[] => buttonsOf(m).map((b) => b.text);
const notices = (calls: { method: string; payload: Record<string, unknown> }[]): unknown[] =>
  calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.text);

describe('encodeAction / decodeAction', () => {
  it.each<[string, Action]>([
    ['More from a reply', { kind: 'more', offset: 4, ref: { kind: 'reply' } }],
    ['Context of a page', { kind: 'context', offset: 1, count: 3, ref: { kind: 'reply' } }],
    ['a topic of one article', { kind: 'ask', ref: { kind: 'topic', article: 'k3x9a0z', topic: 'trade' } }],
    ['a topic of any article, with a colon in it', { kind: 'ask', ref: { kind: 'topic', topic: 'Re: trade' } }],
    ['More on a topic answer', { kind: 'more', offset: 1, ref: { kind: 'topic', article: '0000001', topic: 'Andrei Yevdochenko' } }],
    ['the article picker', { kind: 'pick', command: 'summary', article: 'ab12cd3' }],
    // Older versions put the article's position here: it still decodes, and then names no article.
    ['an old picker, by position', { kind: 'pick', command: 'facts', article: '1' }],
    ['a picker page', { kind: 'page', list: 'summary', page: 3 }],
    ['a /remove picker page of a full channel', { kind: 'page', list: 'remove', page: 2499 }],
  ])('round-trips %s', (_name, action) => {
    expect(decodeAction(encodeAction(action))).toEqual(action);
  });

  it('keeps callback data within Telegram’s 64 bytes, cutting a long topic on a character boundary', () => {
    const data = encodeAction({
      kind: 'more',
      offset: 12,
      ref: { kind: 'topic', article: 'zzzzzzz', topic: 'Сотрудничество Беларуси и Казахстана в разных сферах' },
    });
    expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64);
    expect(data).not.toContain('\uFFFD');
    expect(decodeAction(data)?.kind).toBe('more');
  });

  it.each([
    '',
    'zzz',
    'm:abc:r',
    'm:1:x',
    'm:-1:r',
    'c:0:0:r',
    'a:t:',
    'p:nope:0',
    'p:facts:x',
    'p:facts:ABCDEFG',
    'p:facts:00001',
    'm:99999:r',
    'g:nope:1',
    'g:facts:-1',
    'g:facts:01',
    'g:remove:x',
  ])('rejects malformed data %j', (data) => {
    expect(decodeAction(data)).toBeUndefined();
  });
});

describe('More', () => {
  it('pages on from the same question to the end, each page replying to the question', async () => {
    const question = await chat.say(QUESTION);
    let page = chat.lastBotMessage();
    expect(labels(page)).toContain('Context');
    let presses = 0;
    let next = 2;
    while (labels(page).includes('More ▸')) {
      const calls = await chat.press(page, 'More ▸');
      presses++;
      expect(notices(calls)).toHaveLength(1);
      // The pressed button is gone, so the same page cannot be sent twice.
      expect(labels(chat.messages.get(page.message_id)!)).not.toContain('More ▸');
      const seen = chat
        .botMessages()
        .slice(0, -1)
        .map((m) => m.text ?? '')
        .join('\n');
      page = chat.lastBotMessage();
      expect(page.reply_to_message?.message_id).toBe(question.message_id);
      // No passage repeats one already shown (e.g. the second half of a quotation shown as context).
      for (const body of (page.text ?? '').match(/^\d+\. .+$/gm) ?? []) expect(seen).not.toContain(body.replace(/^\d+\. /, ''));
      // Passages are numbered on from the first answer.
      expect(page.text).toMatch(new RegExp(`^${next}\\. `));
      next += (page.text?.match(/^\d+\. /gm) ?? []).length;
      expect(presses).toBeLessThan(20);
    }
    expect(presses).toBeGreaterThan(0);
  });

  it('says there is nothing more when a page lies past the end', async () => {
    await chat.say(QUESTION);
    const calls = await chat.pressData(chat.lastBotMessage(), encodeAction({ kind: 'more', offset: 999, ref: { kind: 'reply' } }));
    expect(notices(calls)).toEqual(['That is all the article says about it.']);
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('finds the question behind /ask and behind a mention alike', async () => {
    for (const text of [`/ask ${QUESTION}`, `@${BOT_INFO.username} ${QUESTION}`]) {
      await chat.say(text);
      const calls = await chat.press(chat.lastBotMessage(), 'More ▸');
      expect(notices(calls)).toEqual([undefined]);
      expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    }
  });
});

describe('Context', () => {
  it('widens the answer in place, the answering sentence in bold, and drops its button', async () => {
    await chat.say(QUESTION);
    const answer = chat.lastBotMessage();
    const before = answer.text ?? '';
    const calls = await chat.press(answer, 'Context');
    expect(notices(calls)).toEqual([undefined]);
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.message_id).toBe(answer.message_id);
    const after = String(edit.payload.text);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after).toMatch(/<b>[^<]*\$1\.1 billion[^<]*<\/b>/);
    expect(labels(chat.messages.get(answer.message_id)!)).not.toContain('Context');
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });
});

describe('stale and malformed buttons', () => {
  const orphan = (): Message => ({ message_id: 500, date: 1, chat: PRIVATE, from: BOT_INFO, text: 'an answer whose question was deleted' }) as Message;
  const inaccessible = (): Message => ({ message_id: 501, date: 0, chat: PRIVATE }) as unknown as Message;
  it.each<[string, () => Message | undefined, string, string]>([
    ['More under an answer whose question is gone', orphan, 'm:1:r', 'This button is out of date. Please ask again.'],
    ['Context on a message older than 48 hours', inaccessible, 'c:0:1:r', 'This button is out of date. Please ask again.'],
    ['a topic of an article no longer in the corpus', orphan, 'a:tzzzzzzz:trade', 'That article is no longer here. Please ask again.'],
    ['a picker for an article no longer in the corpus', orphan, 'p:facts:zzzzzzz', 'That article is no longer here. Please ask again.'],
    ['a topic button of an older version (article by position)', orphan, 'a:t0:trade', 'That article is no longer here. Please ask again.'],
    ['a picker of an older version (article by position)', orphan, 'p:facts:0', 'That article is no longer here. Please ask again.'],
    ['data from no version of the bot', orphan, 'hello', 'This button no longer works. Please ask again.'],
    ['a number that is not one', orphan, 'm:abc:r', 'This button no longer works. Please ask again.'],
  ])('answers %s with a short notice and sends nothing', async (_name, message, data, notice) => {
    const calls = await chat.pressData(message(), data);
    expect(notices(calls)).toEqual([notice]);
    expect(calls.filter((c) => c.method === 'sendMessage' || c.method.startsWith('edit'))).toHaveLength(0);
  });

  it('answers a press even when answering it fails', async () => {
    await chat.say(QUESTION);
    const answer = chat.lastBotMessage();
    const broken = createBot({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      library: () => {
        throw new Error('index unavailable');
      },
    });
    const calls = await new TestChat(broken).pressData(answer, encodeAction({ kind: 'context', offset: 0, count: 1, ref: { kind: 'reply' } }));
    expect(notices(calls)).toHaveLength(1);
    expect(String(notices(calls)[0])).toContain('Sorry');
  });
});

describe('topic buttons', () => {
  it('/topics offers buttons that each ask about their topic', async () => {
    await chat.say('/topics');
    const topics = chat.lastBotMessage();
    const first = buttonsOf(topics)[0]!;
    expect(buttonsOf(topics).length).toBeGreaterThanOrEqual(3);
    const calls = await chat.press(topics, first.text);
    expect(notices(calls)).toEqual([undefined]);
    const answer = chat.lastBotMessage();
    expect(answer.text).toContain(`About <i>${first.text}</i>`);
    expect(answer.text).toMatch(/<b>/);
    expect(answer.text).toContain('Kazinform');
  });

  it('every /topics button gets a passage, never "not in the article" (a topic is a word of the article)', async () => {
    await chat.say('/topics');
    const topics = chat.lastBotMessage();
    for (const button of buttonsOf(topics)) {
      await chat.press(topics, button.text);
      expect(chat.lastBotMessage().text, button.text).not.toContain('does not say');
    }
  });

  it('the "not in the article" reply offers its topics as buttons that answer', async () => {
    await chat.say('What is the capital of France?');
    const reply = chat.lastBotMessage();
    expect(reply.text).toContain('does not say');
    const topic = buttonsOf(reply)[0];
    expect(topic).toBeDefined();
    await chat.press(reply, topic!.text);
    expect(chat.lastBotMessage().text).not.toContain('does not say');
  });
});
