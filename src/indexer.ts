/**
 * `npm run index`: builds the search index of the configured corpus once and
 * saves it where start-up finds it (see `search/cache.ts`). Run it after
 * changing the articles or the code, e.g. as a deploy step; the bot works
 * without it, it only starts slower on a big corpus.
 */
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config.ts';
import { CorpusError, loadCorpus } from './corpus.ts';
import { saveIndex } from './search/cache.ts';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const start = performance.now();
  const corpus = await loadCorpus(config.corpusDir);
  const saved = await saveIndex(corpus);
  const sentences = corpus.articles.reduce((n, a) => n + a.sentences.length, 0);
  process.stdout.write(
    `Indexed ${corpus.articles.length} article(s), ${sentences} sentences from ${config.corpusDir} ` +
      `in ${Math.round(performance.now() - start)} ms: ${saved.path} (${(saved.bytes / 1e6).toFixed(1)} MB).\n`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CorpusError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`index: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
