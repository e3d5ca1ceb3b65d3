/**
 * Start-up with a big chat library (issue 12): how long opening the chats'
 * libraries takes when one chat holds 10,000 articles in the database, and
 * how long that chat's first question then waits.
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
const t0 = performance.now();
const libraries = new Libraries(() => shipped, new ChatArticleStore(openDatabase(dir)));
const startMs = performance.now() - t0;
const t1 = performance.now();
// The first question in the chat waits for its library, built on first use; a second one asking meanwhile shares the build.
await Promise.all([libraries.ready(CHAT), libraries.ready(CHAT)]);
const first = libraries.for(CHAT).engine.ask('What happened?', { limit: 1 });
const firstMs = performance.now() - t1;

process.stdout.write(
  [
    `chat library: ${size} articles in the database`,
    `start-up (open the chats' libraries): ${(startMs / 1000).toFixed(2)} s`,
    `first question in that chat (${libraries.for(CHAT).articles.length} articles, ${first.kind}): ${(firstMs / 1000).toFixed(2)} s`,
    '',
  ].join('\n'),
);
rmSync(dir, { recursive: true, force: true });
