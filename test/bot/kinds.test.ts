/**
 * The engine's three kinds as a reader meets them: a sure answer as it is,
 * the closest passage plainly marked, a refusal with topics. Asked in every
 * way a question reaches the bot (private chat, group, /ask, a shortcut, an
 * edit, a button), over a short news item written for the tests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Chat, Message } from 'grammy/types';
import { createBot } from '../../src/bot/create.ts';
import type { AnswerKind } from '../../src/search/engine.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import { bridgeLibrary, KIND_QUESTIONS } from '../support/engine.ts';
import { BOT_INFO, GROUP, TEST_TOKEN, USER } from '../support/recorder.ts';

const library = bridgeLibrary();
const TITLE = library.articles[0]!.title;
const MARKER = '<i>The article may not say exactly; the closest passage is:</i>\n';
const REFUSAL = 'The article does not say that.';

let chat: TestChat;
const newChat = (where?: Chat, language = 'en'): TestChat =>
  new TestChat(
    createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, shortcuts: [{ command: 'length', question: KIND_QUESTIONS.closest }] }),
    where,
    { ...USER, language_code: language },
  );
beforeEach(() => {
  chat = newChat();
});

/** The kind a reader sees in a reply: refused, marked as the closest passage, or a plain cited passage. */
function seen(message: Message): AnswerKind | 'other' {
  const text = message.text ?? '';
  if (text.startsWith(REFUSAL)) return 'none';
  if (!text.includes(TITLE)) return 'other';
  return text.startsWith(MARKER) ? 'closest' : text.includes('may not say') ? 'other' : 'sure';
}
const labels = (m: Message): string[] => buttonsOf(m).map((b) => b.text);

describe('the decision as users see it', () => {
  // Question, the kind its reply must show, and why; about the bridge item (test/support/engine.ts).
  it.each<[question: string, kind: AnswerKind, why: string]>([
    ['How much did the bridge cost?', 'sure', '"bridge", "cost" and an amount (280 million euros) meet in one sentence'],
    ['when will tolls be charged', 'sure', '"tolls", "charged" and a date (June) meet in one sentence'],
    ['what did the mayor say', 'sure', 'the mayor and what she said are one sentence'],
    ['How long is the bridge?', 'closest', 'the bridge is in every sentence, its length in none: related, not an answer'],
    ['how many lanes does the bridge have', 'closest', 'a count is asked; the item has figures, none of them lanes'],
    ['what is the speed limit on the bridge', 'closest', 'on the item’s subject, but it says nothing of speed'],
    ['Who won the football match?', 'none', 'not one word of it is in the item'],
    ['what is the capital of France', 'none', 'nothing of it is in the item: refuse, do not show a passage'],
  ])('"%s" -> %s (%s)', async (question, kind) => {
    await chat.say(question);
    const reply = chat.lastBotMessage();
    expect(seen(reply)).toBe(kind);
    // An answer, sure or closest, has the same buttons; a refusal offers topics instead.
    expect(labels(reply).includes('Context')).toBe(kind !== 'none');
  });

  it('marks the closest passage in Russian for a Russian reader', async () => {
    const ru = newChat(undefined, 'ru');
    await ru.say(KIND_QUESTIONS.closest);
    expect(ru.lastBotMessage().text).toMatch(/^<i>Возможно, в статье нет точного ответа; ближе всего этот отрывок:<\/i>\n/);
  });
});

describe('every way of asking shows the same kind', () => {
  it.each<{ how: string; text: (q: string) => string; where?: Chat }>([
    { how: '/ask in a private chat', text: (q) => `/ask ${q}` },
    { how: '/ask in a group', text: (q) => `/ask ${q}`, where: GROUP },
    { how: 'a mention in a group (same rules as answers)', text: (q) => `@${BOT_INFO.username} ${q}`, where: GROUP },
  ])('$how', async ({ text, where }) => {
    const c = newChat(where);
    for (const kind of ['sure', 'closest', 'none'] as const) {
      await c.say(text(KIND_QUESTIONS[kind]));
      expect(seen(c.lastBotMessage()), kind).toBe(kind);
    }
  });

  it('leaves a closest-kind question in group chatter alone, as any other', async () => {
    const c = newChat(GROUP);
    await c.say(KIND_QUESTIONS.closest);
    expect(c.callsOf('sendMessage')).toEqual([]);
  });

  it('marks a shortcut whose question is only answered by the closest passage', async () => {
    await chat.say('/length');
    expect(seen(chat.lastBotMessage())).toBe('closest');
  });

  it.each<[AnswerKind, AnswerKind]>([
    ['none', 'closest'],
    ['closest', 'sure'],
    ['sure', 'closest'],
    ['closest', 'none'],
  ])('re-answers a question edited from %s to %s in the new kind, in place', async (from, to) => {
    const question = await chat.say(KIND_QUESTIONS[from]);
    const answer = chat.lastBotMessage();
    await chat.edit(question, KIND_QUESTIONS[to]);
    expect(chat.callsOf('sendMessage')).toHaveLength(1);
    expect(chat.callsOf('editMessageText')[0]?.payload.message_id).toBe(answer.message_id);
    expect(seen(chat.messages.get(answer.message_id)!)).toBe(to);
  });
});

describe('buttons under a closest answer', () => {
  it('Context widens it and keeps the marker; More pages on unmarked, numbered', async () => {
    await chat.say(KIND_QUESTIONS.closest);
    const answer = chat.lastBotMessage();
    const before = answer.text ?? '';
    await chat.press(answer, 'More ▸');
    const page = chat.lastBotMessage();
    expect(page.text).toMatch(/^2\. /);
    expect(page.text).not.toContain('may not say');
    await chat.press(answer, 'Context');
    const widened = chat.messages.get(answer.message_id)!;
    expect(seen(widened)).toBe('closest');
    expect(widened.text!.length).toBeGreaterThan(before.length);
  });
});
