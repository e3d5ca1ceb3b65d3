import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/bot/callback.ts';
import { createBot } from '../../src/bot/create.ts';
import { loadCorpus } from '../../src/corpus.ts';
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
