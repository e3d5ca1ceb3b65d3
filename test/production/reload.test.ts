/**
 * Corpus reload: the new index is built aside and swapped in whole; a
 * broken corpus leaves the old index serving and says why. Triggered by
 * SIGHUP or by an admin's /reload.
 */
import { cp, mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import { loadCorpus } from '../../src/corpus.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { LibraryHolder } from '../../src/reload.ts';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { buttonsOf, TestChat } from '../support/chat.ts';
import type { Child } from '../support/child.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, record, sentTexts, TEST_TOKEN, textUpdate } from '../support/recorder.ts';
import { startMain } from './main-process.ts';

const NEWCOMEN =
  'The Atmospheric Engine\n\nThomas Newcomen built the first practical atmospheric engine in 1712 to pump water out of flooded mines.\nHis engine burned a great deal of coal but ran for decades.\n';

describe('LibraryHolder', () => {
  let seed: Library;
  beforeAll(async () => {
    seed = await seedLibrary();
  });

  it('swaps in the new library only once it is built', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const next = await seedLibrary();
    const holder = new LibraryHolder(seed, async () => {
      await gate;
      return next;
    });
    const reloading = holder.reload();
    // Still building: the old library answers.
    expect(holder.current()).toBe(seed);
    release();
    expect(await reloading).toMatchObject({ ok: true, articles: 1, sentences: seed.articles[0]!.sentences.length });
    expect(holder.current()).toBe(next);
  });

  it('keeps the old library when the new corpus is broken, and says why in one line', async () => {
    const holder = new LibraryHolder(seed, () => loadCorpus('no/such/folder').then((corpus) => buildLibrary(corpus)));
    const outcome = await holder.reload();
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.reason).toContain('no/such/folder');
    expect(outcome.ok ? '' : outcome.reason).not.toContain('\n');
    expect(holder.current()).toBe(seed);
  });

  it('shares one reload between overlapping requests (a SIGHUP during /reload)', async () => {
    let builds = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = new LibraryHolder(seed, async () => {
      builds++;
      await gate;
      return seed;
    });
    // All three ask while the first build is still running.
    const reloads = [holder.reload(), holder.reload(), holder.reload()];
    release();
    await Promise.all(reloads);
    expect(builds).toBe(1);
    await holder.reload();
    expect(builds).toBe(2);
  });
});

describe('/reload', () => {
  const ADMIN = { id: 99, is_bot: false, first_name: 'Admin', language_code: 'en' };
  const ADMIN_CHAT = { id: 99, type: 'private' as const, first_name: 'Admin' };
  let seed: Library;
  beforeAll(async () => {
    seed = await seedLibrary();
  });

  function adminBot(build: () => Promise<Library>) {
    const holder = new LibraryHolder(seed, build);
    const bot = createBot({ token: TEST_TOKEN, library: holder.current, botInfo: BOT_INFO, admin: { ids: [ADMIN.id], reload: () => holder.reload() } });
    return { bot, holder, calls: record(bot) };
  }

  it('reloads for an admin and reports the new size', async () => {
    const next = await seedLibrary();
    const { bot, holder, calls } = adminBot(async () => next);
    await bot.handleUpdate(textUpdate('/reload', { chat: ADMIN_CHAT, from: ADMIN }));
    expect(sentTexts(calls)).toHaveLength(1);
    expect(sentTexts(calls)[0]).toMatch(/^Reloaded: 1 article\(s\), \d+ sentences/);
    expect(holder.current()).toBe(next);
  });

  it('tells the admin why a broken corpus was not loaded, escaped for HTML', async () => {
    const { bot, holder, calls } = adminBot(async () => {
      throw new Error('corpus: <bad> & broken');
    });
    await bot.handleUpdate(textUpdate('/reload', { chat: ADMIN_CHAT, from: ADMIN }));
    expect(sentTexts(calls)).toEqual(['Reload failed, still answering from the old index: corpus: &lt;bad&gt; &amp; broken']);
    expect(holder.current()).toBe(seed);
  });

  it('keeps the old index when a corpus file turns out binary, and tells the admin which file and why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await cp('corpus', dir, { recursive: true });
    await writeFile(join(dir, 'scan.txt'), Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const { bot, holder, calls } = adminBot(() => loadCorpus(dir).then((corpus) => buildLibrary(corpus)));
    await bot.handleUpdate(textUpdate('/reload', { chat: ADMIN_CHAT, from: ADMIN }));
    expect(sentTexts(calls)).toEqual([
      `Reload failed, still answering from the old index: corpus: ${join(dir, 'scan.txt')} is a binary file, not text (NUL byte at offset 4); articles are UTF-8 text`,
    ]);
    expect(holder.current()).toBe(seed);
    await rm(dir, { recursive: true, force: true });
  });

  it('does nothing for anyone else', async () => {
    let builds = 0;
    const { bot, calls } = adminBot(async () => {
      builds++;
      return seed;
    });
    await bot.handleUpdate(textUpdate('/reload'));
    expect(builds).toBe(0);
    expect(sentTexts(calls).join('\n')).not.toMatch(/Reload/);
  });
});

describe('buttons across a reload', () => {
  const BRIDGE =
    'New bridge opens over the Danube\n\nThe new Danube bridge at Vidin opened to traffic on Saturday after four years of construction.\n\nMayor Elena Petrova said the crossing would cut the journey to Romania by two hours.\n';
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A bot over a two-article folder, with a holder to reload it after the folder changes. */
  async function twoArticles(): Promise<{ chat: TestChat; holder: LibraryHolder; folder: string }> {
    const folder = await mkdtemp(join(tmpdir(), 'keys-'));
    dir = folder;
    await cp('corpus', folder, { recursive: true });
    await writeFile(join(folder, 'm-newcomen.txt'), NEWCOMEN);
    const build = async (): Promise<Library> => buildLibrary(await loadCorpus(folder));
    const holder = new LibraryHolder(await build(), build);
    return { chat: new TestChat(createBot({ token: TEST_TOKEN, library: holder.current, botInfo: BOT_INFO })), holder, folder };
  }

  it('an old button still answers about its own article after a reload adds one that sorts first', async () => {
    const { chat, holder, folder } = await twoArticles();
    await chat.say('/summary');
    const picker = chat.lastBotMessage();
    const newcomen = buttonsOf(picker).find((b) => b.text.includes('Atmospheric Engine'))!;
    await chat.say('/topics');
    const topics = chat.lastBotMessage();
    // Sorts before both: by position, every old button would now name a different article.
    await writeFile(join(folder, '0-bridge.txt'), BRIDGE);
    expect(await holder.reload()).toMatchObject({ ok: true, articles: 3 });
    expect(holder.current().articles[0]!.title).toBe('New bridge opens over the Danube');

    await chat.press(picker, newcomen.text);
    // The picker turns into the summary of the article it named.
    expect(chat.messages.get(picker.message_id)!.text).toContain('— <i>The Atmospheric Engine');
    for (const button of buttonsOf(topics)) {
      await chat.press(topics, button.text);
      expect(chat.lastBotMessage().text, button.text).not.toContain('Danube');
    }
  });

  it('a button for an article the reload removed gets a short notice, not another article', async () => {
    const { chat, holder, folder } = await twoArticles();
    await chat.say('/facts');
    const picker = chat.lastBotMessage();
    const newcomen = buttonsOf(picker).find((b) => b.text.includes('Atmospheric Engine'))!;
    await rm(join(folder, 'm-newcomen.txt'));
    await writeFile(join(folder, '0-bridge.txt'), BRIDGE);
    expect(await holder.reload()).toMatchObject({ ok: true, articles: 2 });

    const calls = await chat.press(picker, newcomen.text);
    expect(calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.text)).toEqual(['That article is no longer here. Please ask again.']);
    expect(calls.filter((c) => c.method === 'sendMessage' || c.method.startsWith('edit'))).toEqual([]);
  });
});

describe('SIGHUP', () => {
  let api: BotApiStandIn | undefined;
  let child: Child | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reloads the corpus in place, and keeps the old index when the new one is broken', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await cp('corpus', dir, { recursive: true });
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    const root = await api.start();
    child = startMain({ BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root, CORPUS_DIR: dir, RATE_LIMIT_BURST: '0' });
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);

    let chat = 500;
    const ask = async (text: string): Promise<string> => {
      const id = ++chat;
      api!.pushUpdate({
        message: {
          message_id: id,
          date: 0,
          chat: { id, type: 'private', first_name: 'H' },
          from: { id, is_bot: false, first_name: 'H', language_code: 'en' },
          text,
        },
      });
      await api!.waitFor((calls) => calls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === id));
      return api!.calls
        .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === id)
        .map((c) => String(c.payload.text))
        .join('\n');
    };
    const logged = async (msg: string, times = 1): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (child!.stderr().split(msg).length - 1 < times) {
        if (Date.now() > deadline) throw new Error(`no "${msg}" in: ${child!.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    expect(await ask('Who built the atmospheric engine?')).not.toContain('Newcomen');

    await writeFile(join(dir, 'newcomen.txt'), NEWCOMEN);
    child.proc.kill('SIGHUP');
    await logged('main: corpus reloaded');
    expect(await ask('Who built the atmospheric engine?')).toContain('Newcomen');

    // A binary file among the articles: the reload names it, and the index loaded before keeps answering.
    await writeFile(join(dir, 'scan.txt'), Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    child.proc.kill('SIGHUP');
    await logged('corpus reload failed');
    expect(child.stderr()).toContain(`${join(dir, 'scan.txt')} is a binary file, not text (NUL byte at offset 4)`);
    expect(await ask('Who built the atmospheric engine?')).toContain('Newcomen');

    // An empty folder is not a corpus: the index loaded before keeps answering.
    for (const f of await readdir(dir)) await rm(join(dir, f), { recursive: true });
    child.proc.kill('SIGHUP');
    await logged('corpus reload failed', 2);
    expect(await ask('Who built the atmospheric engine?')).toContain('Newcomen');
    expect(await ask('what was the 2014 trade volume?')).toContain('$1.1 billion');

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    const failure = child
      .stderr()
      .split('\n')
      .find((l) => l.includes('corpus reload failed'));
    expect(failure).toContain(dir);
  });
});
