/**
 * The articles of each channel and group: posts the bot learned and
 * articles admins added, kept in the bot's database so a restart answers
 * from them again. One row per article, with its chat, text and metadata;
 * the same text posted twice in a chat is stored once.
 *
 * Pure storage: parsing the text into sentences and indexing it is the
 * library's job; this module only keeps what must survive.
 */
import { createHash } from 'node:crypto';
import { detectLanguage, isLanguage, type Language } from '../language.ts';
import type { Db } from './db.ts';

/** One stored article of a chat. */
export interface StoredArticle {
  chatId: number;
  /** Stable within the chat: `post-<message id>` for channel posts, `add-<hash>` for articles added by hand. */
  id: string;
  text: string;
  title?: string;
  /** ISO date (YYYY-MM-DD) of the post. */
  date?: string;
  /** Where it came from: `https://t.me/<channel>/<id>` for public channels. */
  source?: string;
  /** Its language, detected once when stored (unless the caller knows it), so loading does not read every text again. */
  lang?: Language;
  /** Milliseconds since the epoch when it was stored or last replaced. */
  at: number;
}

/** Per-chat bounds; a chat that reaches one gets a clear message, not a silent drop. */
export interface ChatLimits {
  articles: number;
  bytes: number;
}

/** Defaults of {@link ChatLimits}: a year of a busy channel, and what a small server holds easily. */
export const DEFAULT_CHAT_LIMITS: ChatLimits = { articles: 20_000, bytes: 64 * 1024 * 1024 };

/** What {@link ChatArticleStore.put} did. */
export type PutOutcome =
  { kind: 'added' | 'replaced'; article: StoredArticle } | { kind: 'duplicate'; existing: string } | { kind: 'full'; limit: keyof ChatLimits };

/** The chats' articles over the bot's database. */
export class ChatArticleStore {
  private readonly db: Db;
  private readonly limits: ChatLimits;
  private readonly now: () => number;
  private readonly sql;

  constructor(db: Db, limits: ChatLimits = DEFAULT_CHAT_LIMITS, now: () => number = Date.now) {
    this.db = db;
    this.limits = limits;
    this.now = now;
    db.exec(`
      CREATE TABLE IF NOT EXISTS chat_articles (
        chat_id INTEGER NOT NULL,
        id      TEXT    NOT NULL,
        hash    TEXT    NOT NULL,
        text    TEXT    NOT NULL,
        title   TEXT,
        date    TEXT,
        source  TEXT,
        at      INTEGER NOT NULL,
        lang    TEXT,
        PRIMARY KEY (chat_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS chat_articles_hash ON chat_articles (chat_id, hash);
      CREATE TABLE IF NOT EXISTS chat_links (
        chat_id  INTEGER PRIMARY KEY,
        channel_id INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS chat_removals (
        chat_id    INTEGER PRIMARY KEY,
        removed_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS chat_threads (
        chat_id    INTEGER NOT NULL,
        thread_id  INTEGER NOT NULL,
        article_id TEXT    NOT NULL,
        PRIMARY KEY (chat_id, thread_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS channel_keys (
        key        TEXT    PRIMARY KEY,
        channel_id INTEGER NOT NULL,
        title      TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS readers (
        user_id    INTEGER PRIMARY KEY,
        channel_id INTEGER NOT NULL
      );
    `);
    this.sql = {
      sameText: db.prepare('SELECT id FROM chat_articles WHERE chat_id = ? AND hash = ?'),
      oldSize: db.prepare('SELECT length(CAST(text AS BLOB)) AS bytes FROM chat_articles WHERE chat_id = ? AND id = ?'),
      usage: db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(text AS BLOB))), 0) AS bytes FROM chat_articles WHERE chat_id = ?'),
      upsert: db.prepare('INSERT OR REPLACE INTO chat_articles (chat_id, id, hash, text, title, date, source, at, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      deleteOne: db.prepare('DELETE FROM chat_articles WHERE chat_id = ? AND id = ?'),
      selectChat: db.prepare('SELECT * FROM chat_articles WHERE chat_id = ? ORDER BY at, id'),
      selectChats: db.prepare('SELECT DISTINCT chat_id FROM chat_articles ORDER BY chat_id'),
      upsertLink: db.prepare('INSERT OR REPLACE INTO chat_links (chat_id, channel_id) VALUES (?, ?)'),
      selectLink: db.prepare('SELECT channel_id FROM chat_links WHERE chat_id = ?'),
      insertRemoval: db.prepare('INSERT OR IGNORE INTO chat_removals (chat_id, removed_at) VALUES (?, ?)'),
      deleteRemoval: db.prepare('DELETE FROM chat_removals WHERE chat_id = ?'),
      selectRemoved: db.prepare('SELECT chat_id FROM chat_removals WHERE removed_at < ?'),
      deleteChat: db.prepare('DELETE FROM chat_articles WHERE chat_id = ?'),
      deleteLinks: db.prepare('DELETE FROM chat_links WHERE chat_id = ? OR channel_id = ?'),
      selectLinks: db.prepare('SELECT chat_id, channel_id FROM chat_links'),
      upsertThread: db.prepare('INSERT OR REPLACE INTO chat_threads (chat_id, thread_id, article_id) VALUES (?, ?, ?)'),
      selectThread: db.prepare('SELECT article_id FROM chat_threads WHERE chat_id = ? AND thread_id = ?'),
      deleteThreads: db.prepare('DELETE FROM chat_threads WHERE chat_id = ?'),
      upsertKey: db.prepare('INSERT OR REPLACE INTO channel_keys (key, channel_id, title) VALUES (?, ?, ?)'),
      selectKey: db.prepare('SELECT channel_id, title FROM channel_keys WHERE key = ?'),
      selectKeysOf: db.prepare('SELECT key FROM channel_keys WHERE channel_id = ? ORDER BY key'),
      deleteKeys: db.prepare('DELETE FROM channel_keys WHERE channel_id = ?'),
      upsertReader: db.prepare('INSERT OR REPLACE INTO readers (user_id, channel_id) VALUES (?, ?)'),
      selectReader: db.prepare('SELECT channel_id FROM readers WHERE user_id = ?'),
      deleteReader: db.prepare('DELETE FROM readers WHERE user_id = ?'),
      deleteReaders: db.prepare('DELETE FROM readers WHERE channel_id = ?'),
    };
  }

  /**
   * Stores an article, replacing the one with the same id (an edited post).
   * The same text under another id in the chat is a duplicate, stored once.
   * `apply` runs inside the same transaction (the index change): if it
   * throws, nothing is stored.
   */
  put(article: Omit<StoredArticle, 'at'>, apply?: (stored: StoredArticle) => void): PutOutcome {
    const hash = textHash(article.text);
    const run = this.db.transaction((): PutOutcome => {
      const same = this.sql.sameText.get(article.chatId, hash) as { id: string } | undefined;
      if (same && same.id !== article.id) return { kind: 'duplicate', existing: same.id };
      const old = this.sql.oldSize.get(article.chatId, article.id) as { bytes: number } | undefined;
      const usage = this.sql.usage.get(article.chatId) as { n: number; bytes: number };
      if (!old && usage.n >= this.limits.articles) return { kind: 'full', limit: 'articles' };
      if (usage.bytes - (old?.bytes ?? 0) + Buffer.byteLength(article.text) > this.limits.bytes) return { kind: 'full', limit: 'bytes' };
      const stored: StoredArticle = { ...article, lang: article.lang ?? detectLanguage(article.text), at: this.now() };
      this.sql.upsert.run(
        stored.chatId,
        stored.id,
        hash,
        stored.text,
        stored.title ?? null,
        stored.date ?? null,
        stored.source ?? null,
        stored.at,
        stored.lang,
      );
      apply?.(stored);
      return { kind: old ? 'replaced' : 'added', article: stored };
    });
    return run();
  }

  /** Deletes one article; false when the chat has no such article. `apply` runs in the same transaction. */
  remove(chatId: number, id: string, apply?: () => void): boolean {
    const run = this.db.transaction(() => {
      const gone = this.sql.deleteOne.run(chatId, id).changes === 1;
      if (gone) apply?.();
      return gone;
    });
    return run();
  }

  /** A chat's articles, oldest first. */
  list(chatId: number): StoredArticle[] {
    return (this.sql.selectChat.all(chatId) as Row[]).map(fromRow);
  }

  /** Every chat that has articles of its own (start-up loads them). */
  chats(): number[] {
    return (this.sql.selectChats.all() as Array<{ chat_id: number }>).map((r) => r.chat_id);
  }

  /** Notes that a discussion group is linked to a channel: the group is answered from the channel's articles too. */
  link(groupId: number, channelId: number): void {
    this.sql.upsertLink.run(groupId, channelId);
  }

  /** The channel a discussion group belongs to, if the bot has seen it. */
  linkedChannel(groupId: number): number | undefined {
    return (this.sql.selectLink.get(groupId) as { channel_id: number } | undefined)?.channel_id;
  }

  /** Every discussion group with its channel (start-up loads them). */
  links(): Array<{ groupId: number; channelId: number }> {
    return (this.sql.selectLinks.all() as Array<{ chat_id: number; channel_id: number }>).map((r) => ({ groupId: r.chat_id, channelId: r.channel_id }));
  }

  /** Notes that a thread of a discussion group (its root: the automatic forward) discusses one article. */
  noteThread(groupId: number, threadId: number, articleId: string): void {
    this.sql.upsertThread.run(groupId, threadId, articleId);
  }

  /** The article a discussion thread is about, if the bot saw its automatic forward. */
  threadArticle(groupId: number, threadId: number): string | undefined {
    return (this.sql.selectThread.get(groupId, threadId) as { article_id: string } | undefined)?.article_id;
  }

  /** Registers a deep-link key that opens a channel's articles in a private chat. */
  setKey(key: string, channelId: number, title: string): void {
    this.sql.upsertKey.run(key, channelId, title);
  }

  /** The channel a deep-link key opens, with its title. */
  channelOfKey(key: string): { channelId: number; title: string } | undefined {
    const row = this.sql.selectKey.get(key) as { channel_id: number; title: string } | undefined;
    return row && { channelId: row.channel_id, title: row.title };
  }

  /** The keys registered for a channel. */
  keysOf(channelId: number): string[] {
    return (this.sql.selectKeysOf.all(channelId) as Array<{ key: string }>).map((r) => r.key);
  }

  /** Remembers which channel a user reads in the private chat (the last deep link they opened). */
  setReader(userId: number, channelId: number): void {
    this.sql.upsertReader.run(userId, channelId);
  }

  /** The channel a user reads in the private chat, if any. */
  readerChannel(userId: number): number | undefined {
    return (this.sql.selectReader.get(userId) as { channel_id: number } | undefined)?.channel_id;
  }

  /** The user goes back to the shipped articles in the private chat; false when they read no channel. */
  clearReader(userId: number): boolean {
    return this.sql.deleteReader.run(userId).changes > 0;
  }

  /** The bot was removed from a chat: its articles go after the grace period, unless it comes back. */
  markRemoved(chatId: number): void {
    this.sql.insertRemoval.run(chatId, this.now());
  }

  /** The bot is back in a chat: nothing of it is deleted. */
  markBack(chatId: number): void {
    this.sql.deleteRemoval.run(chatId);
  }

  /** Deletes the articles of chats the bot left more than `graceMs` ago; returns those chats. */
  purgeRemoved(graceMs: number): number[] {
    const run = this.db.transaction(() => {
      const chats = (this.sql.selectRemoved.all(this.now() - graceMs) as Array<{ chat_id: number }>).map((r) => r.chat_id);
      for (const chat of chats) {
        this.sql.deleteChat.run(chat);
        this.sql.deleteLinks.run(chat, chat);
        this.sql.deleteThreads.run(chat);
        this.sql.deleteKeys.run(chat);
        this.sql.deleteReaders.run(chat);
        this.sql.deleteRemoval.run(chat);
      }
      return chats;
    });
    return run();
  }
}

interface Row {
  chat_id: number;
  id: string;
  text: string;
  title: string | null;
  date: string | null;
  source: string | null;
  at: number;
  lang: string | null;
}

function fromRow(r: Row): StoredArticle {
  return {
    chatId: r.chat_id,
    id: r.id,
    text: r.text,
    ...(r.title !== null ? { title: r.title } : {}),
    ...(r.date !== null ? { date: r.date } : {}),
    ...(r.source !== null ? { source: r.source } : {}),
    ...(r.lang !== null && isLanguage(r.lang) ? { lang: r.lang } : {}),
    at: r.at,
  };
}

/** Identity of a text for duplicate detection: whitespace and case do not make a post new. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()).digest('base64url').slice(0, 22);
}

/**
 * Migration to schema 2 (`database.ts`): a `chat_articles` table from before
 * gets its `lang` column, filled in once from each text. A file without the
 * table has nothing to migrate: the store creates it with the column.
 */
export function addArticleLanguage(db: Db): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('chat_articles') as Array<{ name: string }>;
  if (columns.length === 0 || columns.some((c) => c.name === 'lang')) return;
  db.exec('ALTER TABLE chat_articles ADD COLUMN lang TEXT');
  const update = db.prepare('UPDATE chat_articles SET lang = ? WHERE chat_id = ? AND id = ?');
  // All read first: better-sqlite3 runs no write while a read is open.
  for (const r of db.prepare('SELECT chat_id, id, text FROM chat_articles').all() as Array<{ chat_id: number; id: string; text: string }>) {
    update.run(detectLanguage(r.text), r.chat_id, r.id);
  }
}
