import { mkdtemp, copyFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from 'grammy';
import { createBot } from '../../src/bot/create.ts';
import { createI18n } from '../../src/i18n.ts';
import { MENU_COMMANDS, registerCommands } from '../../src/bot/menu.ts';
import { CorpusError } from '../../src/corpus.ts';
import type { Library } from '../../src/library.ts';
import { loadShortcuts, parseShortcuts, ShortcutsError, unansweredShortcuts, type Shortcut } from '../../src/shortcuts.ts';
import { TestChat } from '../support/chat.ts';
import { runScript } from '../support/child.ts';
import { bridgeLibrary, KIND_QUESTIONS, seedLibrary } from '../support/engine.ts';
import { BOT_INFO, GROUP, record, TEST_TOKEN } from '../support/recorder.ts';

const SEED = new URL('../../corpus/kazinform-2016-12-08-belarus-kazakhstan.txt', import.meta.url).pathname;
const TRADE: Shortcut = { command: 'trade', question: 'What was the trade volume in 2014?' };

let library: Library;
let dir: string;
beforeAll(async () => {
  library = await seedLibrary();
  dir = await mkdtemp(join(tmpdir(), 'shortcuts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseShortcuts', () => {
  it('reads command names and questions, tidying a leading slash and spaces', () => {
    expect(parseShortcuts({ trade: 'What was the trade volume?', '/un_2': '  Who is   the partner in the UN? ' }, 'f.json')).toEqual([
      { command: 'trade', question: 'What was the trade volume?' },
      { command: 'un_2', question: 'Who is the partner in the UN?' },
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['upper-case letters (Telegram refuses them)', { Trade: 'q?' }, /"Trade" is not a valid Telegram command name/],
    ['a hyphen', { 'trade-volume': 'q?' }, /not a valid Telegram command name/],
    ['a name longer than 32 characters', { ['a'.repeat(33)]: 'q?' }, /not a valid Telegram command name/],
    ['an empty name', { '': 'q?' }, /not a valid Telegram command name/],
    ['letters outside English', { торговля: 'q?' }, /not a valid Telegram command name/],
    ['one of the bot’s own commands', { facts: 'q?' }, /"facts" is one of the bot's own commands/],
    ['an empty question', { trade: '  ' }, /must map to a question/],
    ['a question that is not text', { trade: 42 }, /must map to a question/],
    ['a question too long for the menu', { trade: 'x'.repeat(257) }, /longer than 256/],
    ['a list instead of an object', ['trade'], /must be a JSON object/],
    ['the same name twice', { trade: 'a?', '/trade': 'b?' }, /"trade" appears twice/],
  ])('rejects %s with a one-line error naming the file', (_name, value, message) => {
    let error: unknown;
    try {
      parseShortcuts(value, 'corpus/shortcuts.json', MENU_COMMANDS);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ShortcutsError);
    const text = (error as Error).message;
    expect(text).toMatch(/^shortcuts: corpus\/shortcuts\.json/);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});

describe('loadShortcuts', () => {
  it('means no shortcuts when the folder has no shortcuts.json', async () => {
    expect(await loadShortcuts(dir)).toEqual([]);
  });

  it('stops on a file that is not JSON, naming it', async () => {
    const bad = await mkdtemp(join(dir, 'bad-'));
    await writeFile(join(bad, 'shortcuts.json'), '{ trade: "no quotes" }');
    await expect(loadShortcuts(bad)).rejects.toThrow(/^shortcuts: .*shortcuts\.json is not valid JSON/);
  });

  it.each([
    { what: 'a file', path: () => SEED },
    { what: 'missing', path: () => join(dir, 'no-such-folder') },
  ])('blames the corpus folder, not shortcuts.json, when the folder is $what', async ({ path }) => {
    const error = await loadShortcuts(path()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(new RegExp(`^corpus: (cannot read folder )?${path()}`));
  });

  it('reads the example that ships beside the article, and each of its questions is answered', async () => {
    const shipped = await loadShortcuts(new URL('../../corpus', import.meta.url).pathname, MENU_COMMANDS);
    for (const s of shipped) expect(library.engine.ask(s.question).answered, s.question).toBe(true);
  });
});

describe('unansweredShortcuts', () => {
  it('names the shortcuts whose question the article does not answer, in file order', () => {
    const weather: Shortcut = { command: 'weather', question: 'What will the weather be tomorrow?' };
    const paris: Shortcut = { command: 'paris', question: 'What is the capital of France?' };
    expect(unansweredShortcuts(library.engine, [weather, TRADE, paris])).toEqual([weather, paris]);
  });

  it('is empty when every question is answered', () => {
    expect(unansweredShortcuts(library.engine, [TRADE])).toEqual([]);
  });

  it('does not name a question answered with the closest passage: it still shows one, marked', () => {
    const [sure, closest, none] = (['sure', 'closest', 'none'] as const).map((kind) => ({ command: kind, question: KIND_QUESTIONS[kind] }));
    expect(unansweredShortcuts(bridgeLibrary().engine, [sure!, closest!, none!])).toEqual([none]);
  });
});

describe('shortcut commands', () => {
  it('/trade asks its question, in private and as /trade@botname in a group', async () => {
    for (const [chatType, text] of [
      ['private', '/trade'],
      ['group', `/trade@${BOT_INFO.username}`],
    ] as const) {
      const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, shortcuts: [TRADE] });
      const chat = chatType === 'group' ? new TestChat(bot, GROUP) : new TestChat(bot);
      await chat.say(text);
      expect(chat.lastBotMessage().text).toContain('$1.1 billion');
    }
  });

  it('More under a shortcut’s answer pages on from its question', async () => {
    const chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, shortcuts: [TRADE] }));
    await chat.say('/trade');
    const calls = await chat.press(chat.lastBotMessage(), 'More ▸');
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('/help lists the shortcuts', async () => {
    const chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, shortcuts: [TRADE] }));
    await chat.say('/help');
    expect(chat.lastBotMessage().text).toContain('/trade - What was the trade volume in 2014?');
  });

  it('/start offers the shortcut questions the engine is sure of as its first examples, and not the closest or refused ones', async () => {
    const shortcuts = (['none', 'closest', 'sure'] as const).map((kind) => ({ command: kind, question: KIND_QUESTIONS[kind] }));
    const bridge = bridgeLibrary();
    const chat = new TestChat(createBot({ token: TEST_TOKEN, library: () => bridge, botInfo: BOT_INFO, shortcuts }));
    await chat.say('/start');
    const examples = [...(chat.lastBotMessage().text ?? '').matchAll(/• <i>(.+?)<\/i>/g)].map((m) => m[1]);
    // Curated questions read better than generated ones, but only if the bot is sure of them: an example shown as
    // "the closest passage" would teach doubt.
    expect(examples[0]).toBe(KIND_QUESTIONS.sure);
    expect(examples).not.toContain(KIND_QUESTIONS.closest);
    expect(examples).not.toContain(KIND_QUESTIONS.none);
    expect(examples).toHaveLength(3);
  });

  it('appear in the command menu of every language, after the bot’s own commands', async () => {
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
    const calls = record(bot);
    await registerCommands(bot.api as Api, createI18n(), [TRADE]);
    const menus = calls.filter((c) => c.method === 'setMyCommands');
    expect(menus.length).toBeGreaterThanOrEqual(4);
    for (const menu of menus) {
      const commands = menu.payload.commands as { command: string; description: string }[];
      expect(commands.at(-1)).toEqual({ command: 'trade', description: TRADE.question });
    }
  });
});

describe('npm start with CORPUS_DIR naming a file', () => {
  it.each<{ mode: string; env: Record<string, string> }>([
    { mode: 'long polling, which reads shortcuts.json first', env: { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: 'http://127.0.0.1:9' } },
    { mode: 'the console', env: { BOT_TOKEN: '' } },
  ])('stops with one line blaming the corpus folder and exit code 2 ($mode)', { timeout: 30_000 }, async ({ env }) => {
    const child = runScript('main.ts', [], { ...env, CORPUS_DIR: SEED, DATA_DIR: join(dir, 'data') }, '');
    expect(await child.exited).toBe(2);
    expect(child.stderr().trim().split('\n')).toEqual([`corpus: ${SEED} is not a folder; the corpus is a folder of .txt or .md articles`]);
  });
});

describe('npm start with a bad shortcuts file', () => {
  it('stops with one line and exit code 2', async () => {
    const corpus = await mkdtemp(join(dir, 'corpus-'));
    await copyFile(SEED, join(corpus, 'article.txt'));
    await writeFile(join(corpus, 'shortcuts.json'), JSON.stringify({ 'Trade-Volume': 'What was the trade volume?' }));
    const child = runScript('main.ts', [], { BOT_TOKEN: '', CORPUS_DIR: corpus }, '');
    expect(await child.exited).toBe(2);
    const lines = child.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^shortcuts: .*shortcuts\.json: "Trade-Volume" is not a valid Telegram command name/);
  });
});
