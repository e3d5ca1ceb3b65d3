/**
 * Which message answered which question, so that an edited question edits
 * its answer instead of getting a second one, also after a restart.
 */
import type { Db } from './db.ts';

/** Telegram lets a bot edit its messages for 48 hours; older answers are not worth remembering. */
export const REMEMBER_ANSWERS_MS = 48 * 60 * 60 * 1000;

/** The memory the answerer uses; `key` names a question (`<chat id>:<message id>`). */
export interface EditMemory {
  get(key: string): number | undefined;
  set(key: string, answerId: number): void;
  delete(key: string): void;
}

/** Bounded in-process memory, for the console and tests: the oldest answers are forgotten first. */
export function memoryEditMemory(capacity = 2000): EditMemory {
  const answers = new Map<string, number>();
  return {
    get: (key) => answers.get(key),
    set: (key, answerId) => {
      answers.delete(key);
      answers.set(key, answerId);
      if (answers.size > capacity) answers.delete(answers.keys().next().value ?? '');
    },
    delete: (key) => void answers.delete(key),
  };
}

/** Edit memory in the bot's database: survives restarts; entries older than 48 hours are pruned. */
export class SqliteEditMemory implements EditMemory {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly deleteOld;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.now = now;
    this.select = db.prepare('SELECT answer_id FROM answers WHERE question_key = ? AND at >= ?');
    this.upsert = db.prepare('INSERT OR REPLACE INTO answers (question_key, answer_id, at) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM answers WHERE question_key = ?');
    this.deleteOld = db.prepare('DELETE FROM answers WHERE at < ?');
  }

  get(key: string): number | undefined {
    const row = this.select.get(key, this.now() - REMEMBER_ANSWERS_MS) as { answer_id: number } | undefined;
    return row?.answer_id;
  }

  set(key: string, answerId: number): void {
    this.upsert.run(key, answerId, this.now());
  }

  delete(key: string): void {
    this.remove.run(key);
  }

  /** Deletes answers too old to edit; returns how many went. */
  prune(): number {
    return this.deleteOld.run(this.now() - REMEMBER_ANSWERS_MS).changes;
  }
}
