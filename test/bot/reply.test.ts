/**
 * Bounded replies: whatever the corpus holds, no reply is more than three
 * messages. The worst article there is: one line of a megabyte, with no full
 * stop, so the whole article is one sentence.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { replyHtml } from '../../src/bot/reply.ts';
import { createI18n } from '../../src/i18n.ts';
import { loadCorpus } from '../../src/corpus.ts';
import { MAX_MESSAGES, MESSAGE_LIMIT } from '../../src/render.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { TestChat } from '../support/chat.ts';
import { BOT_INFO, TEST_TOKEN, USER } from '../support/recorder.ts';

const RUN_ON =
  'Trade between Belarus and Kazakhstan grew by $1.1 billion in 2014, the ministers said, and the Astana council agreed on new quotas for grain while ';

let dir: string;
let runOn: Library;
let many: Library;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounded-'));
  await writeFile(join(dir, 'one-line.txt'), `${RUN_ON.repeat(Math.ceil(1_000_000 / RUN_ON.length))}\n`);
  runOn = buildLibrary(await loadCorpus(dir));
  // Many short articles: every block of a reply is short, all of them together are not.
  const folder = join(dir, 'many');
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
  for (let i = 0; i < 300; i++)
    await writeFile(join(folder, `a${String(i).padStart(3, '0')}.txt`), `Harvest report number ${i}\n\nThe harvest of region ${i} was good this year.\n`);
  many = buildLibrary(await loadCorpus(folder));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const chatWith = (library: Library): TestChat => new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO }));
const sentTexts = (chat: TestChat): string[] => chat.callsOf('sendMessage').map((c) => String(c.payload.text));

describe('replyHtml', () => {
  it.each([
    { ask: '/summary', shows: 'Summary' },
    { ask: '/facts', shows: 'Key facts' },
    { ask: 'What did the Astana council agree on?', shows: 'Astana' },
  ])('answers $ask from a one-line megabyte article in one message, the sentence cut and marked shortened', async ({ ask, shows }) => {
    const chat = chatWith(runOn);
    await chat.say(ask);
    const texts = sentTexts(chat);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(shows);
    expect(texts[0]).toContain('… <i>(shortened)</i>');
    expect(texts[0]!.length).toBeLessThan(1500);
  });

  it('shows more of the cut sentence under Context, still within the cap', async () => {
    const chat = chatWith(runOn);
    await chat.say('What did the Astana council agree on?');
    const answer = chat.lastBotMessage();
    const before = answer.text!.length;
    const calls = await chat.press(answer, 'Context');
    const edit = calls.find((c) => c.method === 'editMessageText');
    const shown = String(edit?.payload.text);
    expect(shown.length).toBeGreaterThan(before + 1500);
    expect(shown).toContain('… <i>(shortened)</i>');
    expect(shown.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('cuts a reply that would take more than three messages, and says so in the last, in the reader’s language', async () => {
    // No command of the bot writes that much any more (/articles shows ten, see articles.test.ts): a handler of our own does.
    const long = many.articles.map((a) => `<b>${a.title}</b>: ${a.sentences.map((x) => x.text).join(' ')}`.repeat(3));
    for (const [language, notice] of [
      ['en', 'cut here'],
      ['ru', 'ответ обрезан'],
    ] as const) {
      const bot = new Bot<BotContext>(TEST_TOKEN, { botInfo: BOT_INFO });
      bot.use(createI18n());
      bot.command('long', (ctx) => replyHtml(ctx, long));
      const chat = new TestChat(bot, undefined, { ...USER, language_code: language });
      await chat.say('/long');
      const texts = sentTexts(chat);
      expect(texts).toHaveLength(MAX_MESSAGES);
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(texts.at(-1)).toContain(notice);
    }
  });
});
