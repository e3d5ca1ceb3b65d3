/**
 * Long polling: fetch, journal, confirm, repeat.
 *
 * Each batch from `getUpdates` is written to the journal (through the
 * dispatcher) and the next call's offset confirms it at once: the journal,
 * not Telegram, now holds the updates until they are handled. So one chat
 * stuck in a flood wait can never pin the offset and hide everyone else's
 * updates behind Telegram's 100-update window, and a re-delivered update
 * is dropped by its id.
 *
 * The loop only ends when `stop` is called or Telegram refuses the token;
 * every wait in it is a live request or a referenced timer, so the process
 * cannot fall out of the event loop while polling.
 */
import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { describeError, type BotLogger } from '../log.ts';
import type { Dispatcher } from './dispatcher.ts';

/** Settings of {@link startPolling}. */
export interface PollingOptions {
  logger: BotLogger;
  dispatcher: Dispatcher;
  /** First offset to ask for: the journal's, so a restart confirms what it already has. */
  offset?: number;
  /** Longest wait on stop for the updates being handled (the rest stay open in the journal). */
  shutdownTimeoutMs: number;
  /** `getUpdates` long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** Stop fetching while this many updates are accepted and not yet done (default 1000). */
  maxInHand?: number;
}

/** A running long-polling loop. */
export interface Polling {
  /** Settles when polling stops on request; rejects if Telegram refuses the token for good. */
  readonly task: Promise<void>;
  /** Stops fetching and waits (bounded) for the updates being handled. */
  stop(): Promise<{ finished: boolean }>;
}

/** grammY types its abort signals with a polyfill's type; Node's own is the same at run time. */
type ApiSignal = Parameters<Bot['api']['getUpdates']>[1];

/** Back-off after a failed `getUpdates`: doubles from the first to the last value. */
const BACKOFF_MS = { first: 500, max: 30_000 } as const;

/** Starts long polling; the webhook, if any, is removed first (they exclude each other). */
export async function startPolling(bot: Bot<any>, opts: PollingOptions): Promise<Polling> {
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const abort = new AbortController();
  let stopped = false;
  let offset = opts.offset;
  const maxInHand = opts.maxInHand ?? 1000;

  const loop = async (): Promise<void> => {
    let backoff: number = BACKOFF_MS.first;
    while (!stopped) {
      // A long backlog is already safe in the journal; fetching more would only grow memory.
      while (opts.dispatcher.size >= maxInHand && !stopped) await Promise.race([opts.dispatcher.progress(), wait(1000, abort.signal)]);
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { ...(offset !== undefined ? { offset } : {}), limit: 100, timeout: opts.pollTimeoutSeconds ?? 30 },
          abort.signal as ApiSignal,
        );
      } catch (err) {
        if (stopped) return;
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) throw err;
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        const delay = retryAfter !== undefined ? retryAfter * 1000 : backoff;
        const conflict = err instanceof GrammyError && err.error_code === 409;
        opts.logger[conflict ? 'error' : 'warn'](
          { err: describeError(err), retry_in_ms: delay },
          conflict ? 'polling: another getUpdates or a webhook is active for this token; retrying' : 'polling: getUpdates failed; retrying',
        );
        await wait(delay, abort.signal);
        backoff = Math.min(backoff * 2, BACKOFF_MS.max);
        continue;
      }
      backoff = BACKOFF_MS.first;
      for (const update of updates) {
        try {
          opts.dispatcher.accept(update);
        } catch (err) {
          // Not journaled, so not confirmed: Telegram sends it again with the next call.
          opts.logger.error({ update_id: update.update_id, err: describeError(err) }, 'polling: could not journal an update; it will be fetched again');
          await wait(BACKOFF_MS.first, abort.signal);
          break;
        }
        offset = update.update_id + 1;
      }
    }
  };
  const task = loop();

  let stopping: Promise<{ finished: boolean }> | undefined;
  const stop = (): Promise<{ finished: boolean }> =>
    (stopping ??= (async () => {
      stopped = true;
      abort.abort();
      await task.catch(() => undefined);
      if (offset !== undefined) {
        try {
          // Confirms the last batch, so the next start is not sent it again (it would be dropped, but why fetch it).
          await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(5000) as ApiSignal);
        } catch {
          // Only a saving: the journal drops what comes again.
        }
      }
      return opts.dispatcher.stop(opts.shutdownTimeoutMs);
    })());
  return { task, stop };
}

/** Waits `ms` on a referenced timer (it keeps the process alive), or until `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
