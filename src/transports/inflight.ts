/**
 * The updates in hand: every update between "received" and "handled".
 * Shutdown waits for them, and long polling confirms an update to Telegram
 * only once it and every update before it are done.
 */
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';

/** Update ids received but not yet handled, and a way to wait for them. */
export class InFlight {
  private readonly pending = new Map<number, Promise<void> | undefined>();
  private waiters: Array<() => void> = [];

  /** Notes that an update was received (long polling notes it before the runner hands it on). */
  receive(updateId: number): void {
    if (!this.pending.has(updateId)) this.pending.set(updateId, undefined);
  }

  /** Runs `handle` for an update and keeps it pending until that settles. */
  track(updateId: number, handle: () => Promise<void>): Promise<void> {
    const task = (async () => {
      try {
        await handle();
      } finally {
        this.pending.delete(updateId);
        for (const wake of this.waiters.splice(0)) wake();
      }
    })();
    this.pending.set(updateId, task);
    return task;
  }

  get size(): number {
    return this.pending.size;
  }

  /** The lowest update id still in hand: everything below it is done. */
  lowest(): number | undefined {
    let low: number | undefined;
    for (const id of this.pending.keys()) if (low === undefined || id < low) low = id;
    return low;
  }

  /** Resolves the next time any update settles. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once nothing is in hand, or after `timeoutMs`; true when all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([this.settled(), sleep(left)]);
    }
    return true;
  }
}

/**
 * Routes every `bot.handleUpdate` call through `inFlight`, whoever makes it
 * (the runner, grammY's `webhookCallback`): the one place all updates pass.
 */
export function trackUpdates(bot: Bot<any>, inFlight: InFlight): void {
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update: Update, ...rest: unknown[]) =>
    inFlight.track(update.update_id, () => handle(update, ...(rest as [])));
}

/** A promise that resolves after `ms`; unref'd so it never keeps the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
