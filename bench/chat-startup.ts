/**
 * Start-up with a big chat library (issues 12 and 13): how long opening the
 * chats' libraries takes when one chat holds 10,000 articles in the
 * database, how long that chat's first question then waits while its
 * library is built, and how long after a restart, with its saved index.
 *
 * `node --import tsx bench/chat-startup.ts [--articles 10000]`. Articles are
 * generated from the real ones (bench/generate.ts), with a fixed seed, and
 * stored once in a temporary DATA_DIR; every figure is over that file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '../src/corpus.ts';
import { Libraries } from '../src/libraries.ts';
import { buildLibrary } from '../src/library.ts';
import { ChatArticleStore } from '../src/store/chat-articles.ts';
import { openDatabase } from '../src/store/database.ts';
import { realArticles } from './corpora.ts';
import { generateArticle, trainModel } from './generate.ts';

const args = process.argv.slice(2);
const size = args.includes('--articles') ? Number(args[args.indexOf('--articles') + 1]) : 10_000;
const SEED = 12;
const CHAT = -1_000_000_000_001;

const dir = mkdtempSync(join(tmpdir(), 'chat-startup-'));
const model = trainModel(await realArticles());
const db = openDatabase(dir);
const filler = new ChatArticleStore(db);
// One transaction (each put is a savepoint in it): 10,000 commits would only time the disk.
db.transaction(() => {
  for (let i = 0; i < size; i++) {
    const text = generateArticle(model, SEED, i);
    filler.put({ chatId: CHAT, id: `post-${i}`, text, title: parseArticle(`post-${i}`, text).title, date: '2024-01-01' });
  }
})();
db.close();

const shipped = buildLibrary({ dir: 'shipped', articles: [] });
const indexes = join(dir, 'chat-index');

/** One start: open the chats' libraries, then the chat's first question (a second one asking meanwhile shares the build). */
async function start(): Promise<{ startMs: number; firstMs: number; articles: number; kind: string; loaded: boolean; saved: Promise<void> }> {
  let loaded = false;
  let markSaved: () => void = () => undefined;
  const saved = new Promise<void>((resolve) => (markSaved = resolve));
  const logger = {
    info: (_: object, msg?: string) => {
      if (msg === 'libraries: chat library loaded') loaded = true;
      if (msg === 'libraries: chat index saved') markSaved();
    },
    warn: () => undefined,
    error: () => undefined,
  };
  const t0 = performance.now();
  const libraries = new Libraries(() => shipped, new ChatArticleStore(openDatabase(dir)), logger, { dir: indexes });
  const startMs = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all([libraries.ready(CHAT), libraries.ready(CHAT)]);
  const first = libraries.for(CHAT).engine.ask('What happened?', { limit: 1 });
  return { startMs, firstMs: performance.now() - t1, articles: libraries.for(CHAT).articles.length, kind: first.kind, loaded, saved };
}

// The first start builds the chat's library and saves its index; the second, as after a restart, loads it.
const cold = await start();
await cold.saved;
const warm = await start();

process.stdout.write(
  [
    `chat library: ${size} articles in the database`,
    `start-up (open the chats' libraries): ${(cold.startMs / 1000).toFixed(2)} s`,
    `first question in that chat, no saved index (${cold.articles} articles, ${cold.kind}): ${(cold.firstMs / 1000).toFixed(2)} s`,
    `first question after a restart, saved index ${warm.loaded ? 'loaded' : 'NOT loaded'} (${warm.articles} articles, ${warm.kind}): ${(warm.firstMs / 1000).toFixed(2)} s`,
    '',
  ].join('\n'),
);
rmSync(dir, { recursive: true, force: true });
