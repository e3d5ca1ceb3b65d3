/**
 * How the bot talks to Telegram in production: flood waits and transient
 * faults are retried, within bounds, inside the one API call that hit them,
 * so only that chat waits while the others go on.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import type { Bot } from 'grammy';

/** The retry bounds; the README's reliability section quotes them. */
export const RETRY_POLICY = {
  /** Retries of one call before its error reaches the handler (and the user gets the apology). */
  maxRetryAttempts: 5,
  /** A flood wait longer than this fails the call instead of holding the chat. */
  maxDelaySeconds: 60,
} as const;

/** Installs the retry transformer on the bot's API (every `ctx.api` inherits it). */
export function hardenApi(bot: Bot<any>): void {
  bot.api.config.use(autoRetry({ ...RETRY_POLICY }));
}
