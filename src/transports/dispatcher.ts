/**
 * Hands journaled updates to the bot: one chat's updates in order, chats
 * side by side, so a chat held by a flood wait holds nobody else.
 *
 * Every update passes {@link Dispatcher.accept} (write to the journal, drop
 * re-deliveries) before the transport tells Telegram it has it; an update
 * is marked done in the journal only once its handler settled. What is
 * still open when the process ends is picked up by {@link Dispatcher.resume}
 * at the next start.
 */
import type { Update } from 'grammy/types';
import { describeError, type BotLogger } from '../log.ts';
import { chatKeyOf, MAX_ATTEMPTS, type UpdateJournal } from '../store/journal.ts';

/** Settings of {@link Dispatcher}. */
export interface DispatcherOptions {
  journal: UpdateJournal;
  /** Handles one update (the bot's `handleUpdate`); a rejection is logged and the update counted done. */
  handle: (update: Update) => Promise<void>;
  logger: BotLogger;
}

/** Per-chat queues over the journal; see the module comment. */
export class Dispatcher {
  private readonly queues = new Map<string, Update[]>();
  private readonly opts: DispatcherOptions;
  private pending = 0;
  private active = 0;
  private stopping = false;
  private waiters: Array<() => void> = [];

  constructor(opts: DispatcherOptions) {
    this.opts = opts;
  }

  /**
   * Journals a newly arrived update and queues it. Returns false for an
   * update the journal already has (Telegram sending it again). Throws when
   * the journal cannot be written: the transport must then not confirm it.
   */
  accept(update: Update): boolean {
    if (!this.opts.journal.record(update)) return false;
    this.enqueue(chatKeyOf(update), update);
    return true;
  }

  /** Queues what the journal still has open (start-up after a crash or a cut-off shutdown); returns how many. */
  resume(): number {
    let resumed = 0;
    for (const open of this.opts.journal.open()) {
      if (open.attempts >= MAX_ATTEMPTS) {
        // It was started this often and never finished: it is what stops the process. Give it up.
        this.opts.logger.error({ update_id: open.update.update_id, attempts: open.attempts }, 'dispatcher: update given up after repeated crashes');
        this.opts.journal.done(open.update.update_id);
        continue;
      }
      this.enqueue(open.chatKey, open.update);
      resumed++;
    }
    return resumed;
  }

  /** Updates accepted and not yet done (queued or being handled). */
  get size(): number {
    return this.pending;
  }

  /** Resolves the next time an update is done. */
  progress(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Stops starting updates and waits (at most `timeoutMs`) for those being
   * handled; true when all of them finished. Queued ones stay open in the
   * journal for the next start.
   */
  async stop(timeoutMs: number): Promise<{ finished: boolean }> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const idle = (async () => {
      while (this.active > 0) await this.progress();
      return true as const;
    })();
    const finished = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return { finished };
  }

  private enqueue(key: string, update: Update): void {
    this.pending++;
    const queue = this.queues.get(key);
    if (queue) {
      queue.push(update);
      return;
    }
    this.queues.set(key, [update]);
    // Not awaited: each chat drains on its own, so a slow chat never holds up the others; work() catches every failure itself.
    void this.work(key);
  }

  /** Drains one chat's queue; the only place updates are handled. */
  private async work(key: string): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    while (queue.length > 0 && !this.stopping) {
      const update = queue.shift() as Update;
      this.active++;
      try {
        this.opts.journal.begin(update.update_id);
        await this.opts.handle(update);
      } catch (err) {
        // The bot's error boundary has answered the user already; handling it again would fail the same way.
        this.opts.logger.error({ update_id: update.update_id, err: describeError(err) }, 'dispatcher: update failed');
      }
      this.active--;
      this.finish(update.update_id);
      this.pending--;
      for (const wake of this.waiters.splice(0)) wake();
    }
    this.queues.delete(key);
  }

  private finish(updateId: number): void {
    try {
      this.opts.journal.done(updateId);
    } catch (err) {
      // Left open, it is handled again after a restart; its recorded replies are not sent twice.
      this.opts.logger.error({ update_id: updateId, err: describeError(err) }, 'dispatcher: could not mark the update done');
    }
  }
}
