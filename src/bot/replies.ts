/**
 * Records every message the bot sends for an update in the update journal
 * (before each attempt goes out, and Telegram's result when it comes back),
 * and, when an update is handled again after a crash, skips the sends that
 * Telegram confirmed: their recorded results stand in for Telegram's.
 *
 * A send that was on its way when the process died is sent again: the bot
 * cannot know whether Telegram got it, and a reply shown twice is better
 * than a question never answered. Those are the only replies a crash can
 * repeat; each is logged as a warning so they can be counted.
 */
import type { Bot } from 'grammy';
import type { BotLogger } from '../log.ts';
import type { BotContext } from './context.ts';

/** Where sends are recorded; the update journal fits. */
export interface ReplyLog {
  /** Replies sent for an update, in order; no `result`: it was on its way when the process died. */
  sentFor(updateId: number): ReadonlyArray<{ method: string; result?: unknown }>;
  /** Reply number `seq` (from 0) of an update is about to go out. */
  sending(updateId: number, seq: number, method: string): void;
  /** Telegram confirmed it. */
  sent(updateId: number, seq: number, result: unknown): void;
  /** Telegram refused it or it never went out. */
  failed(updateId: number, seq: number): void;
}

/** API methods that put a new message in a chat: repeating one would show the user a duplicate. */
const SENDS = /^(send(?!ChatAction)[A-Z]|copyMessages?$|forwardMessages?$)/;

/** What the recorder wants to hear about each attempt of one send (retries included). */
interface AttemptHooks {
  start(): void;
  ok(result: unknown): void;
  fail(): void;
}

/**
 * Installs the recorder on a bot: an attempt observer innermost on
 * `bot.api` (call this before any retrying transformer is installed, so it
 * sees each attempt, not just the last), and the middleware that numbers
 * each update's sends. A send is "on its way" only while an attempt is: a
 * reply waiting out a flood limit between attempts is not, so a crash then
 * sends it after the restart instead of skipping it.
 */
export function installReplyLog(bot: Bot<BotContext>, log: ReplyLog, logger?: BotLogger): void {
  // The payload object travels unchanged through every transformer: it is how an attempt finds its send.
  const pending = new WeakMap<object, AttemptHooks>();
  bot.api.config.use(async (prev, method, payload, signal) => {
    const hooks = typeof payload === 'object' && payload !== null ? pending.get(payload) : undefined;
    if (hooks === undefined) return prev(method, payload, signal);
    hooks.start();
    let response;
    try {
      response = await prev(method, payload, signal);
    } catch (err) {
      hooks.fail();
      throw err;
    }
    if (response.ok) hooks.ok(response.result);
    else hooks.fail();
    return response;
  });
  bot.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const before = log.sentFor(updateId);
    let seq = 0;
    ctx.api.config.use(async (prev, method, payload, signal) => {
      if (!SENDS.test(method) || typeof payload !== 'object' || payload === null) return prev(method, payload, signal);
      const n = seq++;
      const earlier = before[n];
      if (earlier !== undefined && earlier.method === method) {
        // The same handler on the same update sends the same sequence; the n-th send already went out.
        if (earlier.result !== undefined) return { ok: true as const, result: earlier.result as never };
        logger?.warn({ update_id: updateId, reply: n, method }, 'bot: a reply that was on its way at the crash is sent again (it may show twice)');
      }
      pending.set(payload, {
        start: () => log.sending(updateId, n, method),
        ok: (result) => log.sent(updateId, n, result),
        fail: () => log.failed(updateId, n),
      });
      return prev(method, payload, signal);
    });
    await next();
  });
}
