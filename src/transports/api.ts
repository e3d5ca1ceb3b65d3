/**
 * How the bot talks to Telegram in production: flood waits and transient
 * faults are retried, within bounds, inside the one API call that hit them,
 * so only that chat waits while the others go on.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import type { Bot, Transformer } from 'grammy';

/** The retry bounds; the README's reliability section quotes them. */
export const RETRY_POLICY = {
  /** Retries of one call after a 429 or 5xx before its error reaches the handler (and the user gets the apology). */
  maxRetryAttempts: 5,
  /** A flood wait longer than this fails the call instead of holding the chat. */
  maxDelaySeconds: 60,
  /**
   * Longest one call may take, retries included. auto-retry retries network
   * errors without a count, so without this a dead network would hold a chat forever.
   */
  callDeadlineSeconds: 120,
} as const;

/** Installs retries and the per-call deadline on the bot's API (every `ctx.api` inherits them). */
export function hardenApi(bot: Bot<any>): void {
  bot.api.config.use(autoRetry({ maxRetryAttempts: RETRY_POLICY.maxRetryAttempts, maxDelaySeconds: RETRY_POLICY.maxDelaySeconds }));
  // Installed last, so it wraps the retries: the deadline covers all attempts of a call.
  bot.api.config.use(deadline(RETRY_POLICY.callDeadlineSeconds * 1000));
}

/** Aborts a call (and its pending retries) after `ms`. */
export function deadline(ms: number): Transformer {
  return async (prev, method, payload, signal) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    const forward = (): void => controller.abort();
    signal?.addEventListener('abort', forward);
    if (signal?.aborted) controller.abort();
    try {
      return await prev(method, payload, controller.signal as NonNullable<typeof signal>);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  };
}
