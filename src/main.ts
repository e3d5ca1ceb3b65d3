/**
 * Entry point: configuration, corpus, index, bot, then the transport:
 * long polling when BOT_TOKEN is set, the console chat otherwise.
 */
import { config as loadDotenv } from 'dotenv';
import { createBot, createI18n, describeError } from './bot/create.ts';
import { registerCommands } from './bot/menu.ts';
import { ConfigError, loadConfig } from './config.ts';
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsole } from './console.ts';
import { CorpusError, loadCorpus } from './corpus.ts';
import { openEngine } from './search/cache.ts';

const logger = {
  info: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'info', msg, ...obj })),
  warn: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const corpus = await loadCorpus(config.corpusDir);
  // The index saved by `npm run index` when it matches this corpus and code; built here otherwise.
  const { engine, cached, ms } = await openEngine(corpus);
  if (config.botToken !== undefined) logger.info({ cached, ms: Math.round(ms) }, cached ? 'main: index loaded' : 'main: index built');

  if (config.botToken === undefined) {
    process.stderr.write(
      `No BOT_TOKEN set, so the bot runs here in console mode: type a question about the article, /start, /facts or /help (Ctrl-D to quit).\n` +
        `Loaded ${corpus.articles.length} article(s) from ${config.corpusDir}.\n`,
    );
    const bot = createBot({ token: CONSOLE_TOKEN, engine: () => engine, botInfo: CONSOLE_BOT_INFO, logger });
    process.on('SIGINT', () => process.exit(0));
    const lang = (process.env.LANG ?? '').slice(0, 2).toLowerCase();
    await runConsole(bot, { input: process.stdin, output: process.stdout, ...(lang ? { languageCode: lang } : {}) });
    return;
  }

  const bot = createBot({ token: config.botToken, engine: () => engine, logger, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) });
  await bot.init();
  await registerCommands(bot.api, createI18n());
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'main: stopping');
    // bot.stop() lets the update in hand finish and confirms the offset with Telegram.
    void bot.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await bot.start({
    drop_pending_updates: false,
    onStart: (me) => logger.info({ username: me.username, articles: corpus.articles.length }, 'main: polling'),
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CorpusError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`main: ${describeError(err)}\n`);
  process.exit(1);
});
