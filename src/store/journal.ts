/**
 * The update journal: every update is written here the moment it arrives,
 * before Telegram is told it was received (long polling advances its
 * offset, the webhook answers 200). From then on the journal, not
 * Telegram, is what guarantees the update is handled:
 *
 * - an update still open at start-up is handled again;
 * - an update that is done is never handled again (Telegram's re-deliveries
 *   of it are dropped by id);
 * - each message sent for an update is recorded just before the request
 *   goes out and again when Telegram confirms it, so an update handled again
 *   after a crash skips the replies Telegram confirmed; a reply that was on
 *   its way at the crash is sent again (it may show twice; never lost).
 *
 * One writer (this process), prepared statements, one short transaction per
 * change.
 */
import type { Update } from 'grammy/types';
import type { Db } from './db.ts';

/** Done entries older than this are deleted by {@link UpdateJournal.prune}. */
export const KEEP_DONE_MS = 24 * 60 * 60 * 1000;
/** An update whose handling was started this many times without finishing is given up (it crashes the process). */
export const MAX_ATTEMPTS = 3;

/** One update as the journal hands it back. */
export interface OpenUpdate {
  update: Update;
  chatKey: string;
  attempts: number;
}

/** A reply sent for an update: its API method and Telegram's result (undefined: it was on its way at a crash). */
export interface SentReply {
  method: string;
  result?: unknown;
}

/** Journal of updates over the bot's database; see the module comment for its guarantees. */
export class UpdateJournal {
  private readonly insert;
  private readonly selectOpen;
  private readonly markDone;
  private readonly bump;
  private readonly insertSend;
  private readonly confirmSend;
  private readonly deleteSend;
  private readonly selectSends;
  private readonly selectMax;
  private readonly deleteOld;
  private readonly deleteOldSends;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.now = now;
    this.insert = db.prepare('INSERT OR IGNORE INTO updates (update_id, chat_key, body, received_at) VALUES (?, ?, ?, ?)');
    this.selectOpen = db.prepare('SELECT body, chat_key, attempts FROM updates WHERE done_at IS NULL ORDER BY update_id');
    this.markDone = db.prepare('UPDATE updates SET done_at = ? WHERE update_id = ?');
    this.bump = db.prepare('UPDATE updates SET attempts = attempts + 1 WHERE update_id = ?');
    this.insertSend = db.prepare('INSERT OR REPLACE INTO sends (update_id, seq, method, result) VALUES (?, ?, ?, NULL)');
    this.confirmSend = db.prepare('UPDATE sends SET result = ? WHERE update_id = ? AND seq = ?');
    this.deleteSend = db.prepare('DELETE FROM sends WHERE update_id = ? AND seq = ?');
    this.selectSends = db.prepare('SELECT method, result FROM sends WHERE update_id = ? ORDER BY seq');
    this.selectMax = db.prepare('SELECT MAX(update_id) AS max FROM updates');
    this.deleteOldSends = db.prepare('DELETE FROM sends WHERE update_id IN (SELECT update_id FROM updates WHERE done_at IS NOT NULL AND done_at < ?)');
    this.deleteOld = db.prepare('DELETE FROM updates WHERE done_at IS NOT NULL AND done_at < ?');
  }

  /** Writes an update that just arrived; false when the journal already has it (a re-delivery). */
  record(update: Update): boolean {
    return this.insert.run(update.update_id, chatKeyOf(update), JSON.stringify(update), this.now()).changes === 1;
  }

  /** Updates not yet done, oldest first: what a restart must handle. */
  open(): OpenUpdate[] {
    return (this.selectOpen.all() as Array<{ body: string; chat_key: string; attempts: number }>).map((row) => ({
      update: JSON.parse(row.body) as Update,
      chatKey: row.chat_key,
      attempts: row.attempts,
    }));
  }

  /** Notes that handling an update begins (counted, so an update that kills the process is not retried forever). */
  begin(updateId: number): void {
    this.bump.run(updateId);
  }

  /** Records that reply number `seq` (from 0) of an update is about to be sent. */
  sending(updateId: number, seq: number, method: string): void {
    this.insertSend.run(updateId, seq, method);
  }

  /** Records Telegram's confirmation of a reply. */
  sent(updateId: number, seq: number, result: unknown): void {
    this.confirmSend.run(JSON.stringify(result ?? null), updateId, seq);
  }

  /** Forgets a reply that Telegram refused or that never went out (it may be sent again). */
  failed(updateId: number, seq: number): void {
    this.deleteSend.run(updateId, seq);
  }

  /** Replies sent (or on their way) for an update, in order: empty unless it was cut off mid-way. */
  sentFor(updateId: number): SentReply[] {
    return (this.selectSends.all(updateId) as Array<{ method: string; result: string | null }>).map((r) =>
      r.result === null ? { method: r.method } : { method: r.method, result: JSON.parse(r.result) as unknown },
    );
  }

  /** Marks an update handled: it is never handled again. */
  done(updateId: number): void {
    this.markDone.run(this.now(), updateId);
  }

  /** The offset that confirms every update in the journal to Telegram (undefined when it is empty). */
  nextOffset(): number | undefined {
    const { max } = this.selectMax.get() as { max: number | null };
    return max === null ? undefined : max + 1;
  }

  /** Deletes done entries older than `keepMs`; returns how many went. */
  prune(keepMs = KEEP_DONE_MS): number {
    const before = this.now() - keepMs;
    this.deleteOldSends.run(before);
    return this.deleteOld.run(before).changes;
  }
}

/**
 * The queue an update belongs to: its chat, or for updates without one
 * (inline queries, callback queries from inline messages) its user. One
 * queue's updates are handled in order; different queues side by side.
 */
export function chatKeyOf(update: Update): string {
  for (const [key, value] of Object.entries(update)) {
    if (key === 'update_id' || typeof value !== 'object' || value === null) continue;
    const payload = value as { chat?: { id?: number }; message?: { chat?: { id?: number } }; from?: { id?: number }; user?: { id?: number } };
    const chat = payload.chat?.id ?? payload.message?.chat?.id;
    if (chat !== undefined) return `c${chat}`;
    const user = payload.from?.id ?? payload.user?.id;
    if (user !== undefined) return `u${user}`;
  }
  return 'none';
}
