/**
 * `npm run export -- --chat ID [--out DIR]`: writes a chat's own articles
 * (channel posts, `/add`) from the bot's database as files in the `corpus/`
 * format (title line, dateline, text), so an operator can read, back up or
 * move them; `CORPUS_DIR=DIR` serves them like any corpus.
 */
import { config as loadDotenv } from 'dotenv';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { ChatArticleStore, type StoredArticle } from './store/chat-articles.ts';
import { openDatabase } from './store/database.ts';
import { parseArticle } from './corpus.ts';
import { toArticle } from './libraries.ts';

/** One article as a corpus file: its title line (if it has one), a dateline the corpus loader reads back, then the text. */
export function articleFile(stored: StoredArticle): string {
  const article = toArticle(stored);
  const body = article.hasTitleLine ? stored.text.slice(stored.text.indexOf('\n') + 1).trim() : stored.text.trim();
  // Wire style ("PLACE, date (Source) - "): the loader parses it back into the date and the source (the post's
  // t.me link when it has one). A text with a dateline of its own keeps it: a second one would become a sentence.
  const own = Object.keys(parseArticle(stored.id, stored.text).meta).length > 0;
  const source = stored.source ?? 'Telegram';
  const dateline = own || (!stored.date && !stored.source) ? '' : `TELEGRAM${stored.date ? `, ${stored.date}` : ''} (${source}) - `;
  // A title derived from the first sentence is derived again on loading; only a real title line is written.
  return `${article.hasTitleLine ? `${article.title}\n\n` : ''}${dateline}${body}\n`;
}

/** Writes every article of `chatId` into `dir` (one `<id>.txt` each); returns the file names. */
export function exportChat(store: ChatArticleStore, chatId: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return store.list(chatId).map((a) => {
    const name = `${a.id}.txt`;
    writeFileSync(join(dir, name), articleFile(a));
    return name;
  });
}

function main(): void {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  const chat = Number(args[args.indexOf('--chat') + 1]);
  const out = args.includes('--out') ? (args[args.indexOf('--out') + 1] ?? '') : `export-${chat}`;
  if (!args.includes('--chat') || !Number.isSafeInteger(chat)) {
    process.stderr.write('usage: npm run export -- --chat ID [--out DIR]   (ID as in the logs, e.g. -1001234567890)\n');
    process.exit(2);
  }
  const store = new ChatArticleStore(openDatabase(loadConfig().dataDir));
  const files = exportChat(store, chat, out);
  process.stdout.write(`${files.length} article(s) of chat ${chat} written to ${out}\n`);
}

if (process.argv[1]?.endsWith('export.ts') || process.argv[1]?.endsWith('export.js')) main();
