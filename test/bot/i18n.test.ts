import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import type { Update, User } from 'grammy/types';
import { createBot } from '../../src/bot/create.ts';
import { createI18n, LOCALES_DIR } from '../../src/i18n.ts';
import { registerCommands } from '../../src/bot/menu.ts';
import type { Library } from '../../src/library.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, GROUP, record, TEST_TOKEN, USER } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

const speaker = (language_code?: string): User => ({ ...USER, ...(language_code ? { language_code } : { language_code: undefined }) });
const chatIn = (language?: string, chat = undefined as typeof GROUP | undefined): TestChat =>
  new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO }), chat, speaker(language));

const keys = async (locale: string): Promise<string[]> =>
  [...(await readFile(join(LOCALES_DIR, `${locale}.ftl`), 'utf8')).matchAll(/^([a-z][\w-]*) =/gm)].map((m) => m[1]!).sort();

describe('languages', () => {
  it('has every English text in Russian too, and nothing else', async () => {
    expect(await keys('ru')).toEqual(await keys('en'));
  });

  it('has a text for every key the code asks for', async () => {
    const { readdir } = await import('node:fs/promises');
    const src = new URL('../../src/', import.meta.url).pathname;
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const used = new Set<string>();
    for (const f of files)
      for (const m of (await readFile(join(src, f), 'utf8')).matchAll(/(?:ctx\.t|(?<![.\w])t)\??\.?\(\s*'([a-z][a-z-]+)'/g)) used.add(m[1]!);
    const known = new Set(await keys('en'));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it.each([
    ['ru', '/start', 'Здравствуйте'],
    ['ru', '/help', 'Как мной пользоваться'],
    ['ru', 'What is the capital of France?', 'В статье об этом не сказано'],
    ['en', '/start', 'Hello'],
    ['de', '/start', 'Hello'],
    [undefined, '/help', 'How to use me'],
  ])('a %s user who sends %s reads the bot’s own words in their language (or English)', async (language, text, expected) => {
    const chat = chatIn(language);
    await chat.say(text);
    expect(chat.lastBotMessage().text).toContain(expected);
  });

  it('a Russian user gets Russian buttons and notices, the article itself unchanged', async () => {
    const chat = chatIn('ru');
    await chat.say('what was the 2014 trade volume?');
    const answer = chat.lastBotMessage();
    expect(answer.text).toContain('$1.1 billion');
    expect(buttonsOf(answer).map((b) => b.text)).toEqual(['Контекст', 'Ещё ▸']);
    const calls = await chat.pressData(answer, 'm:999:r');
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text).toBe('Больше в статье об этом ничего нет.');
  });

  it('/help in a group explains privacy mode in Russian for a Russian user', async () => {
    const chat = chatIn('ru', GROUP);
    await chat.say('/help');
    expect(chat.lastBotMessage().text).toContain('режим приватности');
  });

  it('answers inline queries in the user’s language', async () => {
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
    const calls = record(bot);
    await bot.handleUpdate({ update_id: 1, inline_query: { id: '1', from: speaker('ru'), query: 'capital of France', offset: '' } } as Update);
    expect((calls[0]?.payload.button as { text: string }).text).toContain('В статье нет');
  });

  it('registers a command menu per language: English as the default, Russian for Russian users', async () => {
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
    const calls = record(bot);
    await registerCommands(bot.api as Api, createI18n());
    const menus = calls.filter((c) => c.method === 'setMyCommands');
    const english = menus.filter((c) => c.payload.language_code === undefined);
    const russian = menus.filter((c) => c.payload.language_code === 'ru');
    expect(english.map((c) => (c.payload.scope as { type: string }).type).sort()).toEqual(['all_group_chats', 'all_private_chats']);
    expect(russian).toHaveLength(2);
    const describe = (c: (typeof menus)[number], command: string): string | undefined =>
      (c.payload.commands as { command: string; description: string }[]).find((x) => x.command === command)?.description;
    expect(describe(english[0]!, 'facts')).toBe("The article's key facts");
    expect(describe(russian[0]!, 'facts')).toBe('Главные факты статьи');
    // No /start in groups: people there use /ask and mentions.
    for (const menu of menus.filter((c) => (c.payload.scope as { type: string }).type === 'all_group_chats')) expect(describe(menu, 'start')).toBeUndefined();
  });
});
