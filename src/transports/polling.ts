/**
 * Long polling with grammY's runner: updates are handled concurrently (one
 * chat in order, thanks to `sequentialize` in the bot), and an update is
 * confirmed to Telegram only once it and all before it have been handled.
 *
 * The runner on its own confirms a batch as soon as it asks for the next
 * one, so a crash or a slow shutdown would lose the updates in hand. Here
 * the offset sent to Telegram never passes the oldest unfinished update;
 * updates Telegram sends again because of that are skipped, not re-handled.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotLogger } from '../bot/deps.ts';
import { InFlight, sleep, trackUpdates } from './inflight.ts';

/** Settings of {@link startPolling}. */
export interface PollingOptions {
  logger: BotLogger;
  /** Longest wait on stop for the updates in hand (they are fetched again after a restart if cut off). */
  shutdownTimeoutMs: number;
  /** `getUpdates` long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

/** A running long-polling loop. */
export interface Polling {
  /** Settles when polling stops; rejects if Telegram refuses it for good (bad token, a webhook or another poller). */
  readonly task: Promise<void>;
  /** Stops fetching, finishes the updates in hand (bounded), confirms the offset. */
  stop(): Promise<{ finished: boolean }>;
}

/** How long to wait, when Telegram only re-sent updates still in hand, before asking again. */
const RECHECK_MS = 200;

/** Starts long polling; the webhook, if any, is removed first (they exclude each other). */
export async function startPolling(bot: Bot<any>, opts: PollingOptions): Promise<Polling> {
  const inFlight = new InFlight();
  trackUpdates(bot, inFlight);
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  /** Highest update id handed to the bot so far. */
  let seen: number | undefined;
  const nextOffset = (): number | undefined => inFlight.lowest() ?? (seen === undefined ? undefined : seen + 1);

  const handle: RunnerHandle = run(
    {
      init: () => bot.init(),
      handleUpdate: (update: Update) => bot.handleUpdate(update),
      errorHandler: (err: unknown) => bot.errorHandler(err as never),
      api: {
        getUpdates: async (args, signal) => {
          const offset = nextOffset();
          let updates: Update[];
          try {
            updates = await bot.api.getUpdates({ ...args, ...(offset !== undefined ? { offset } : { offset: 0 }) }, signal);
          } catch (err) {
            if (!signal.aborted) opts.logger.warn({ err: String((err as Error).message ?? err) }, 'polling: getUpdates failed; retrying');
            throw err;
          }
          const fresh = updates.filter((u) => seen === undefined || u.update_id > seen);
          for (const u of fresh) inFlight.receive(u.update_id);
          const last = fresh[fresh.length - 1];
          if (last !== undefined) seen = last.update_id;
          // Only updates still in hand came back: Telegram answers at once then, so wait for progress instead of spinning.
          if (fresh.length === 0 && updates.length > 0) await Promise.race([inFlight.settled(), sleep(RECHECK_MS)]);
          return fresh;
        },
      },
    },
    {
      runner: { fetch: { timeout: opts.pollTimeoutSeconds ?? 30 }, silent: true, retryInterval: 'exponential', maxRetryTime: 15 * 60 * 1000 },
    },
  );
  const task = handle.task() ?? Promise.resolve();

  let stopping: Promise<{ finished: boolean }> | undefined;
  const stop = (): Promise<{ finished: boolean }> =>
    (stopping ??= (async () => {
      await handle.stop().catch(() => undefined);
      const finished = await inFlight.drain(opts.shutdownTimeoutMs);
      const offset = nextOffset();
      if (offset !== undefined) {
        try {
          // Confirms everything handled, so a restart neither repeats nor loses an update.
          await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(5000) as Parameters<typeof bot.api.getUpdates>[1]);
        } catch (err) {
          opts.logger.warn({ err: String((err as Error).message ?? err) }, 'polling: could not confirm the offset; some updates may be handled again');
        }
      }
      return { finished };
    })());
  return { task, stop };
}
