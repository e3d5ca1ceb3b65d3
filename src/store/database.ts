/**
 * The bot's one embedded database: a SQLite file under `DATA_DIR`, opened
 * once per process. It holds what must survive a restart: the update
 * journal (what arrived, what was sent for it, what is done) and the edit
 * memory (which message answered which question).
 *
 * WAL mode with `synchronous = FULL`: every commit is flushed to disk
 * before the statement returns, so an update journaled (and then confirmed
 * to Telegram, which forgets it) survives a power cut too, not only a
 * crash of the process; readers never block the one writer. The flush
 * costs about 0.2 ms a commit here (bench/journal.ts), nothing next to a
 * Telegram round trip.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addArticleLanguage } from './chat-articles.ts';
import type { Db } from './db.ts';

export type { Db } from './db.ts';

/** File name inside `DATA_DIR`. */
export const DB_FILE = 'bot.sqlite';

/** The schema; every statement is idempotent, so opening an existing file is a no-op. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  update_id   INTEGER PRIMARY KEY,
  chat_key    TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  done_at     INTEGER
);
CREATE INDEX IF NOT EXISTS updates_open ON updates (done_at, update_id);
CREATE TABLE IF NOT EXISTS sends (
  update_id INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  method    TEXT    NOT NULL,
  result    TEXT,
  PRIMARY KEY (update_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers (
  question_key TEXT PRIMARY KEY,
  answer_id    INTEGER NOT NULL,
  at           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS answers_age ON answers (at);
`;

/**
 * The schema version this code writes (`PRAGMA user_version`). A store
 * module that changes its tables bumps it and migrates older files in
 * {@link migrate}; a file from a newer version is refused, never rewritten.
 */
export const SCHEMA_VERSION = 2;

/** A database that cannot be opened; `main` prints its one line and exits with code 2. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Opens (creating on first start) the database in `dataDir`; `:memory:` for
 * tests that need no file. Fails fast, naming the folder, when it cannot.
 */
export function openDatabase(dataDir: string): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      throw new StoreError(`store: cannot create DATA_DIR ${resolve(dataDir)} (${(err as Error).message}); point DATA_DIR at a writable folder`);
    }
    file = join(dataDir, DB_FILE);
  }
  try {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A second process on the same file (a deploy overlapping the old one) waits instead of failing at once.
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new StoreError(
        `store: ${resolve(file)} was written by a newer version of the bot (schema ${version}, this one knows ${SCHEMA_VERSION}); run that version, or move the file away to start empty`,
      );
    }
    db.exec(SCHEMA);
    migrate(db, version);
    return db;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`store: cannot open ${resolve(file)} (${(err as Error).message}); check DATA_DIR and its permissions, or move a damaged file away`);
  }
}

/** Brings a file from schema `from` up to {@link SCHEMA_VERSION}, in one transaction. */
function migrate(db: Db, from: number): void {
  if (from === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Version 0 is a new file or one from before versions were kept: the CREATE ... IF NOT EXISTS above made its tables.
    // Version 2: the chats' articles keep their language (see store/chat-articles.ts).
    if (from < 2) addArticleLanguage(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
