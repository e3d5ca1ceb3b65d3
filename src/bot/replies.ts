/**
 * Records every message the bot sends for an update in the update journal
 * as soon as Telegram confirms it, and, when an update is handled again
 * after a crash, skips the sends that already went out (their recorded
 * results stand in for Telegram's). So a restart repeats no finished reply;
 * only a reply sent in the instant before a crash and not yet recorded can
 * go out twice.
 */
import type { Middleware } from 'grammy';
import type { BotContext } from './context.ts';

/** Where sends are recorded; the update journal fits. */
export interface ReplyLog {
  /** Replies already sent for an update, in order. */
  sentFor(updateId: number): ReadonlyArray<{ method: string; result: unknown }>;
  /** Records reply number `seq` (from 0) of an update. */
  sent(updateId: number, seq: number, method: string, result: unknown): void;
}

/** API methods that put a new message in a chat: repeating one would show the user a duplicate. */
const SENDS = /^(send(?!ChatAction)[A-Z]|copyMessages?$|forwardMessages?$)/;

/** The middleware; installed first so every send of every feature passes it. */
export function recordReplies(log: ReplyLog): Middleware<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const before = log.sentFor(updateId);
    let seq = 0;
    ctx.api.config.use(async (prev, method, payload, signal) => {
      if (!SENDS.test(method)) return prev(method, payload, signal);
      const n = seq++;
      const earlier = before[n];
      // The same handler on the same update sends the same sequence; the n-th send already went out.
      if (earlier !== undefined && earlier.method === method) return { ok: true as const, result: earlier.result as never };
      const response = await prev(method, payload, signal);
      if (response.ok) log.sent(updateId, n, method, response.result);
      return response;
    });
    await next();
  };
}
