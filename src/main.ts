/**
 * Entry point: configuration, logger, corpus, index, bot, then the transport:
 * a webhook server when WEBHOOK_URL is set, long polling when only BOT_TOKEN
 * is, the console chat otherwise.
 *
 * Updates go through the update journal (a SQLite file under DATA_DIR):
 * written on arrival, handled per chat, marked done; what is open at
 * start-up is handled first.
 *
 * Signals: SIGINT/SIGTERM stop taking updates, wait (bounded) for those
 * being handled and exit 0; SIGHUP reloads the corpus (the old index keeps
 * serving if the new one is broken). The process never ends otherwise: a
 * transport that stops by itself, or an event loop that runs dry, is logged
 * as an error and exits 1, so the supervisor restarts it.
 */
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { GrammyError, type Bot } from 'grammy';
import type { BotContext } from './bot/context.ts';
import { createBot } from './bot/create.ts';
import { createI18n } from './i18n.ts';
import type { BotDeps, ChatDeps } from './bot/deps.ts';
import { MENU_COMMANDS, registerCommands } from './bot/menu.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { CorpusError } from './corpus.ts';
import { openLibrary, type Library } from './library.ts';
import { createLogger, describeError, type Logger } from './log.ts';
import { LibraryHolder, type ReloadOutcome } from './reload.ts';
import { loadShortcuts, ShortcutsError, unansweredShortcuts, type Shortcut } from './shortcuts.ts';
import { hardenApi } from './transports/api.ts';
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsole } from './transports/console.ts';
import { openDatabase, StoreError, type Db } from './store/database.ts';
import { ChatArticleStore } from './store/chat-articles.ts';
import { Libraries } from './libraries.ts';
import { fileDownloader } from './bot/features/library-admin.ts';
import { SqliteEditMemory } from './store/edit-memory.ts';
import { UpdateJournal } from './store/journal.ts';
import { Dispatcher } from './transports/dispatcher.ts';
import { startPolling } from './transports/polling.ts';
import { createWebhookServer } from './transports/webhook.ts';

/** Extra time after the shutdown timeout before giving up on a clean exit. */
const HARD_EXIT_GRACE_MS = 10_000;
/** How often done journal entries and old edit memory are pruned. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const token = config.botToken;
  const logger = createLogger({
    // Per-update lines would drown the console chat; warnings and errors still show.
    level: token === undefined && config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: [token, config.webhook?.secret].filter((s): s is string => s !== undefined),
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err: describeError(err) }, 'main: unhandled rejection');
    process.exit(1);
  });

  if (token === undefined) return runConsoleMode(config, logger);

  const db = openDatabase(config.dataDir);
  const journal = new UpdateJournal(db);
  const editMemory = new SqliteEditMemory(db);
  // The webhook server listens before the index is loaded, so /healthz can say "not yet".
  let holder: LibraryHolder | undefined;
  const shipped = (): Library => {
    if (!holder) throw new Error('main: the index is not loaded yet');
    return holder.current();
  };
  const libraries = openChatLibraries(db, config, shipped, logger);
  const prune = (): void => {
    try {
      const updates = journal.prune();
      const answers = editMemory.prune();
      const chats = libraries.purge(config.chats.graceDays * DAY_MS);
      if (updates + answers + chats.length > 0) logger.info({ updates, answers, chats }, 'main: pruned the journal and the chats the bot left');
    } catch (err) {
      logger.error({ err: describeError(err) }, 'main: could not prune the journal');
    }
  };
  prune();
  setInterval(prune, PRUNE_EVERY_MS).unref();

  const deps: BotDeps = {
    token,
    library: (chatId) => libraries.for(chatId),
    chats: chatDeps(config, libraries, fileDownloader(token, config.apiRoot)),
    logger,
    ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
    rateLimit: config.rateLimit,
    admin: { ids: config.adminIds, reload: () => reload() },
    replyLog: journal,
    editMemory,
  };
  const reload = async (): Promise<ReloadOutcome> => {
    if (!holder) return { ok: false, reason: 'the index is still loading' };
    const outcome = await holder.reload();
    if (outcome.ok) logger.info(outcome, 'main: corpus reloaded');
    else logger.error({ reason: outcome.reason }, 'main: corpus reload failed; still serving the old index');
    return outcome;
  };

  const shortcuts = await loadShortcuts(config.corpusDir, MENU_COMMANDS);
  const bot = createBot({ ...deps, shortcuts });
  hardenApi(bot);
  // Updates that arrive while the corpus loads are journaled and confirmed at once, and handled once it is in.
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  const dispatcher = new Dispatcher({
    journal,
    handle: async (update) => {
      await loaded;
      await bot.handleUpdate(update);
    },
    logger,
  });

  const webhook = config.webhook
    ? createWebhookServer({
        dispatcher,
        secret: config.webhook.secret,
        path: new URL(config.webhook.url).pathname,
        isReady: () => holder !== undefined,
        logger,
      })
    : undefined;
  if (webhook && config.webhook) {
    const address = await webhook.listen(config.webhook.port, config.webhook.host);
    logger.info({ host: address.address, port: address.port }, 'main: webhook server listening');
  }

  // Signals are taken from here on: a stop during start-up waits for the updates being handled, too.
  let stopping = false;
  let stopTransport: (() => Promise<{ finished: boolean }>) | undefined;
  const onSignal = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'main: stopping');
    setTimeout(() => {
      logger.error({}, 'main: shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + HARD_EXIT_GRACE_MS).unref();
    const stop = stopTransport ?? (() => (webhook ? webhook.close(config.shutdownTimeoutMs) : dispatcher.stop(config.shutdownTimeoutMs)));
    // Not awaited: a signal listener cannot wait. If stopping hangs, the timer above ends the process.
    void stop().then(
      ({ finished }) => {
        logger.info(
          { finished },
          finished ? 'main: stopped' : 'main: stopped with updates unfinished; they are in the journal and will be handled after the restart',
        );
        db.close();
        process.exit(0);
      },
      (err: unknown) => {
        // The journal still holds whatever was not finished; the next start handles it.
        logger.fatal({ err: describeError(err) }, 'main: stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => void reload());
  // Nothing left to wait for means nothing is serving: never end quietly with code 0.
  process.on('beforeExit', () => {
    if (stopping) return;
    logger.error({}, 'main: nothing left running (the transport stopped by itself); exiting with an error so the supervisor restarts the bot');
    process.exit(1);
  });

  // The corpus loads while the bot connects and starts taking updates: a big corpus no longer delays being reachable.
  // A mistake in it still ends start-up with its one line, whatever the network is doing.
  const loading = loadLibrary(config, logger).then((h) => {
    holder = h;
    warnUnanswered(h.current(), shortcuts, logger);
    markLoaded();
  });
  const failed = loading.then(() => new Promise<never>(() => undefined));
  const connect = async (): Promise<void> => {
    // Retried for up to two minutes when Telegram cannot be reached: say what the wait is.
    logger.info({ api: config.apiRoot ?? 'https://api.telegram.org' }, 'main: asking Telegram who the bot is');
    await checkToken(bot);
    await registerCommands(bot.api, createI18n(), shortcuts);
  };
  await Promise.race([failed, connect()]);
  if (stopping) return new Promise(() => undefined);
  const resumed = dispatcher.resume();
  if (resumed > 0) logger.info({ updates: resumed }, 'main: handling the updates left open by the last run');

  let task: Promise<void>;
  if (webhook && config.webhook) {
    if (config.webhook.setWebhook) {
      await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, drop_pending_updates: false });
    }
    logger.info({ username: bot.botInfo.username, url: redactUrl(config.webhook.url) }, 'main: webhook ready');
    stopTransport = () => webhook.close(config.shutdownTimeoutMs);
    task = new Promise<void>((resolve) => webhook.server.once('close', () => resolve()));
  } else {
    const offset = journal.nextOffset();
    const polling = await startPolling(bot, { logger, dispatcher, shutdownTimeoutMs: config.shutdownTimeoutMs, ...(offset !== undefined ? { offset } : {}) });
    logger.info({ username: bot.botInfo.username }, 'main: long polling');
    stopTransport = () => polling.stop();
    task = polling.task;
  }
  await Promise.race([task, failed]);
  if (!stopping) throw new Error('main: the transport stopped by itself');
  // The signal handler exits once the updates in hand are done.
  await new Promise(() => undefined);
}

/** Asks Telegram who we are; a token it refuses is a configuration mistake (exit 2), not a crash. */
async function checkToken(bot: Bot<BotContext>): Promise<void> {
  try {
    await bot.init();
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
      throw new ConfigError(`config: BOT_TOKEN was refused by Telegram (${err.error_code} ${err.description}); get the current token from @BotFather`);
    }
    throw err;
  }
}

/** The corpus and its index: the saved index when it matches, a fresh build otherwise. */
async function loadLibrary(config: Config, logger: Logger): Promise<LibraryHolder> {
  const build = async (): Promise<Library> => {
    const { library, cached, ms } = await openLibrary(config.corpusDir);
    logger.info({ cached, ms: Math.round(ms), articles: library.articles.length }, cached ? 'main: index loaded' : 'main: index built');
    return library;
  };
  return new LibraryHolder(await build(), build);
}

/** The chats' own libraries over the bot's database; each is indexed on its chat's first use (see `libraries.ts`). */
function openChatLibraries(db: Db, config: Config, shipped: () => Library, logger: Logger): Libraries {
  const started = performance.now();
  const store = new ChatArticleStore(db, { articles: config.chats.maxArticles, bytes: config.chats.maxBytes });
  const libraries = new Libraries(shipped, store, logger, { dir: join(config.dataDir, 'chat-index') });
  const chats = store.chats();
  if (chats.length > 0)
    logger.info({ chats: chats.length, ms: Math.round(performance.now() - started) }, "main: chats' articles found (each indexed on first use)");
  return libraries;
}

function chatDeps(config: Config, libraries: Libraries, download?: ChatDeps['download']): ChatDeps {
  return {
    libraries,
    minSentences: config.chats.minSentences,
    minChars: config.chats.minChars,
    maxDocumentBytes: config.chats.maxDocumentBytes,
    ...(download ? { download } : {}),
  };
}

async function runConsoleMode(config: Config, logger: Logger): Promise<void> {
  const { library } = await openLibrary(config.corpusDir);
  // The console's channel and group (/post, /comment) live in memory: a session leaves nothing behind.
  const libraries = openChatLibraries(openDatabase(':memory:'), config, () => library, logger);
  // Optional corpus/shortcuts.json: checked now, so a bad command name stops start-up with one line.
  const shortcuts: Shortcut[] = await loadShortcuts(config.corpusDir, MENU_COMMANDS);
  warnUnanswered(library, shortcuts, logger);
  process.stderr.write(
    `No BOT_TOKEN set, so the bot runs here in console mode: type a question about the article, /start, /facts or /help (Ctrl-D to quit).\n` +
      `Loaded ${library.articles.length} article(s) from ${config.corpusDir}.\n`,
  );
  const bot: Bot<BotContext> = createBot({
    token: CONSOLE_TOKEN,
    library: (chatId) => libraries.for(chatId),
    chats: chatDeps(config, libraries),
    botInfo: CONSOLE_BOT_INFO,
    logger,
    shortcuts,
  });
  process.on('SIGINT', () => process.exit(0));
  await runConsole(bot, { input: process.stdin, output: process.stdout, ...(config.consoleLanguage ? { languageCode: config.consoleLanguage } : {}) });
}

/** One warning line per shortcut whose question the corpus does not answer (a typo in shortcuts.json, or an article gone). */
function warnUnanswered(library: Library, shortcuts: readonly Shortcut[], logger: Logger): void {
  for (const s of unansweredShortcuts(library.engine, shortcuts)) {
    logger.warn({ command: s.command, question: s.question }, `main: shortcut /${s.command} is not answered by the corpus`);
  }
}

/** The webhook URL without a query string, which some set-ups use for secrets. */
function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof ShortcutsError || err instanceof StoreError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`main: ${describeError(err)}\n`);
  process.exit(1);
});
