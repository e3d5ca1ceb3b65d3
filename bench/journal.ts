/**
 * The update journal's cost per update, as the bot pays it: one update
 * journaled on arrival, its handling begun, one reply recorded before and
 * after it is sent, then marked done; on a SQLite file in WAL mode (the
 * production set-up), in a temporary folder.
 *
 * Run alone (`node --import tsx bench/journal.ts`) it prints a table; as a
 * bench worker (`npm run bench`) it prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { openDatabase } from '../src/store/database.ts';
import { UpdateJournal } from '../src/store/journal.ts';

/** What one run measured. */
export interface JournalResult {
  updates: number;
  /** Mean microseconds per update for the whole cycle (5 writes). */
  meanUs: number;
  p99Us: number;
  /** Mean microseconds of the arrival write alone (what delays confirming to Telegram). */
  recordUs: number;
  /** File size after the run, before pruning. */
  fileBytes: number;
}

/** Measures `n` update cycles on a fresh database. */
export function measureJournal(n = 20_000): JournalResult {
  const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  try {
    const db = openDatabase(dir);
    const journal = new UpdateJournal(db);
    const times: number[] = [];
    let recordTotal = 0;
    for (let i = 1; i <= n; i++) {
      const update = {
        update_id: i,
        message: {
          message_id: i,
          date: 1_700_000_000,
          chat: { id: 1000 + (i % 50), type: 'private', first_name: 'P' },
          from: { id: 1000 + (i % 50), is_bot: false, first_name: 'P' },
          text: 'what was the 2014 trade volume?',
        },
      } as Update;
      const start = process.hrtime.bigint();
      journal.record(update);
      const recorded = process.hrtime.bigint();
      journal.begin(i);
      journal.sending(i, 0, 'sendMessage');
      journal.sent(i, 0, { message_id: i, date: 1_700_000_000, chat: { id: 1000 + (i % 50), type: 'private' }, text: 'x'.repeat(300) });
      journal.done(i);
      const end = process.hrtime.bigint();
      times.push(Number(end - start) / 1000);
      recordTotal += Number(recorded - start) / 1000;
    }
    const fileBytes =
      (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count * (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    db.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((s, t) => s + t, 0) / times.length;
    return { updates: n, meanUs: mean, p99Us: times[Math.floor(times.length * 0.99)] ?? 0, recordUs: recordTotal / n, fileBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // As a bench worker the argument is a JSON job; alone, an optional count.
  const job = process.argv[2]?.startsWith('{') ? (JSON.parse(process.argv[2]) as { updates: number }) : undefined;
  const result = measureJournal(job?.updates ?? Number(process.argv[2] ?? 20_000));
  if (job) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `journal, ${result.updates} updates (WAL, synchronous=FULL): ${result.meanUs.toFixed(1)} µs mean, ${result.p99Us.toFixed(1)} µs p99 per update ` +
        `(5 writes); ${result.recordUs.toFixed(1)} µs to journal an arrival; ${(result.fileBytes / result.updates).toFixed(0)} bytes per update on disk\n`,
    );
  }
}
