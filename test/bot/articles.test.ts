import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/bot/callback.ts';
import { createBot } from '../../src/bot/create.ts';
import type { Message } from 'grammy/types';
import { loadCorpus, parseArticle } from '../../src/corpus.ts';
import { articleKey, buildLibrary, type Library } from '../../src/library.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

// A second article in the bench shape (title line, blank line, one paragraph per line), written for this test.
const PRIMES = `Prime numbers

A prime number is a natural number greater than 1 that has no positive divisors other than 1 and itself.
The number 2 is the only even prime number. Euclid proved around 300 BC that there are infinitely many primes.
The largest known prime, found by the GIMPS project in 2018, has more than 24 million digits.
`;

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'two-articles-'));
  await copyFile(new URL('../../corpus/kazinform-2016-12-08-belarus-kazakhstan.txt', import.meta.url).pathname, join(dir, 'a-kazinform.txt'));
  await writeFile(join(dir, 'b-primes.txt'), PRIMES);
  library = buildLibrary(await loadCorpus(dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let chat: TestChat;
beforeEach(() => {
  chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO }));
});

describe('several articles', () => {
  it('/articles lists them, numbered, with their titles', async () => {
    await chat.say('/articles');
    const text = chat.lastBotMessage().text ?? '';
    expect(text).toContain('2 articles');
    expect(text).toMatch(/1\. <b>Belarus and Kazakhstan/);
    expect(text).toMatch(/2\. <b>Prime numbers<\/b>/);
    // Each article's language, as the loader detected it.
    expect(text).toMatch(/1\. <b>Belarus and Kazakhstan[^\n]*, in English \(/);
  });

  it.each([
    ['/facts', 'Key facts'],
    ['/summary', 'Summary'],
    ['/source', 'Source'],
  ])('%s asks which article, and the picker turns into that article’s %s', async (command, heading) => {
    await chat.say(command);
    const picker = chat.lastBotMessage();
    expect(picker.text).toContain('Which article?');
    const choices = buttonsOf(picker);
    expect(choices.map((b) => b.text)).toEqual([expect.stringMatching(/^1\. Belarus and Kazakhstan/), '2. Prime numbers']);
    const calls = await chat.press(picker, '2. Prime numbers');
    expect(calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    const shown = chat.messages.get(picker.message_id)!;
    expect(shown.text).toContain(heading);
    expect(shown.text).toContain('Prime numbers');
    expect(shown.text).not.toContain('Kazakhstan');
    expect(buttonsOf(shown)).toEqual([]);
  });

  it('/summary 1 picks the first article directly', async () => {
    await chat.say('/summary 1');
    const text = chat.lastBotMessage().text ?? '';
    expect(text).toContain('Summary');
    expect(text).toContain('Belarus and Kazakhstan are interested');
    expect(buttonsOf(chat.lastBotMessage())).toEqual([]);
  });

  it.each([
    ['who proved that there are infinitely many primes?', 'Prime numbers', 'Euclid'],
    ['what was the 2014 trade volume?', 'Belarus and Kazakhstan', '$1.1 billion'],
  ])('names the article an answer comes from (%s)', async (question, title, passage) => {
    await chat.say(question);
    const text = chat.lastBotMessage().text ?? '';
    expect(text).toContain(passage);
    expect(text).toMatch(new RegExp(`— <i>${title.replace(/\$/g, '\\$')}`));
  });

  it('/topics offers topics of both articles, each answered from its own article', async () => {
    await chat.say('/topics');
    const topics = chat.lastBotMessage();
    const byArticle = buttonsOf(topics).map((b) => {
      const action = decodeAction(('callback_data' in b && b.callback_data) || '');
      return action?.kind === 'ask' && action.ref.kind === 'topic' ? action.ref.article : undefined;
    });
    const [kazinform, primes] = library.articles.map((a) => articleKey(a.id));
    expect(new Set(byArticle)).toEqual(new Set([kazinform, primes]));
    const primeTopic = buttonsOf(topics)[byArticle.indexOf(primes)]!;
    await chat.press(topics, primeTopic.text);
    expect(chat.lastBotMessage().text).toContain('— <i>Prime numbers');
  });

  it('/start names how many articles it knows', async () => {
    await chat.say('/start');
    expect(chat.botMessages()[0]?.text).toContain('2 articles');
  });
});

describe('a library too big for one keyboard', () => {
  // 30 dated articles: "Story 1" is the oldest, "Story 30" the newest.
  const STORIES = 30;
  let big: Library;
  beforeAll(() => {
    const articles = Array.from({ length: STORIES }, (_, i) => {
      const n = i + 1;
      return parseArticle(
        `story-${n}`,
        `Story ${n}\n\nThe council met on day ${n} of the month. It voted ${n} times on the budget. The mayor said the ${n} votes were enough.`,
      );
    }).map((a, i) => ({ ...a, meta: { ...a.meta, date: `2024-01-${String(i + 1).padStart(2, '0')}` } }));
    big = buildLibrary({ dir: 'big', articles });
  });
  beforeEach(() => {
    chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => big, botInfo: BOT_INFO }));
  });
  const articleButtons = (m: Message): string[] =>
    buttonsOf(m)
      .map((b) => b.text)
      .filter((t) => /^\d+\./.test(t));

  it('offers 8 articles a page, newest first, and turns the page in place with › and ‹', async () => {
    await chat.say('/facts');
    const picker = chat.lastBotMessage();
    expect(picker.text).toContain('There are 30.');
    expect(picker.text).toContain('Page 1 of 4');
    expect(articleButtons(picker)).toEqual(Array.from({ length: 8 }, (_, i) => `${i + 1}. Story ${STORIES - i}`));
    expect(buttonsOf(picker).map((b) => b.text)).not.toContain('‹');
    for (const b of buttonsOf(picker)) expect(Buffer.byteLength(('callback_data' in b && b.callback_data) || '')).toBeLessThanOrEqual(64);
    await chat.press(picker, '›');
    await chat.press(picker, '›');
    await chat.press(picker, '›');
    const last = chat.messages.get(picker.message_id)!;
    expect(last.text).toContain('Page 4 of 4');
    expect(articleButtons(last)).toEqual(['25. Story 6', '26. Story 5', '27. Story 4', '28. Story 3', '29. Story 2', '30. Story 1']);
    expect(buttonsOf(last).map((b) => b.text)).not.toContain('›');
    await chat.press(last, '‹');
    expect(articleButtons(chat.messages.get(picker.message_id)!)[0]).toBe('17. Story 14');
    // Only the picker message changed: pages are edits, not new messages.
    expect(chat.botMessages()).toHaveLength(1);
    await chat.press(picker, '20. Story 11');
    expect(chat.messages.get(picker.message_id)!.text).toContain('— <i>Story 11</i>');
  });

  it('/facts N picks the N-th newest, as /articles numbers them', async () => {
    await chat.say('/facts 3');
    expect(chat.lastBotMessage().text).toContain('Story 28');
  });

  it('/articles lists the newest 10 and says how many there are; /articles 3 the last ones', async () => {
    await chat.say('/articles');
    const text = chat.lastBotMessage().text ?? '';
    expect(text).toContain('30 articles');
    expect(text).toMatch(/1\. <b>Story 30<\/b>/);
    expect(text).toMatch(/10\. <b>Story 21<\/b>/);
    expect(text).not.toContain('Story 20<');
    expect(text).toContain('Showing 1–10 of 30.');
    expect(text).toContain('/articles 2');
    await chat.say('/articles 3');
    const last = chat.lastBotMessage().text ?? '';
    expect(last).toMatch(/30\. <b>Story 1<\/b>/);
    expect(last).toContain('Showing 21–30 of 30.');
  });

  it('/articles of thousands of articles stays one message, with the count grouped', async () => {
    const many = buildLibrary({
      dir: 'many',
      articles: Array.from({ length: 1234 }, (_, i) => parseArticle(`a-${i}`, `Note ${i}\n\nThe note number ${i} says little.`)),
    });
    const manyChat = new TestChat(createBot({ token: TEST_TOKEN, library: () => many, botInfo: BOT_INFO }));
    await manyChat.say('/articles');
    expect(manyChat.botMessages()).toHaveLength(1);
    expect(manyChat.lastBotMessage().text).toContain('Showing 1–10 of 1,234.');
  });
});
