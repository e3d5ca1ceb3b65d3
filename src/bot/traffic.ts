/**
 * Traffic control for the concurrent transports: a per-user rate limit
 * against spam, then one chat's updates in order while chats run side by side.
 *
 * Only updates the bot would answer count against the limit, so chatter in
 * a group never earns anyone a "slow down" notice; the notice is sent at
 * most once per window and user (the limiter's own rule).
 */
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Composer } from 'grammy';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { markLimited } from './logging.ts';

/** Sent once per window when a user goes over the limit (when the locale has no `rate-limited` message). */
export const RATE_LIMIT_NOTICE = 'You are sending me questions faster than I can answer. Please wait a few seconds and ask again.';

/** The middleware; installed right after i18n so the notice can be translated. */
export function traffic(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const rate = deps.rateLimit;
  if (rate && rate.limit > 0) {
    // User id -> when the last notice went out: the notice is sent at most once per window.
    const noticedAt = new Map<string, number>();
    composer.use(
      limit<BotContext, never>({
        timeFrame: rate.windowMs,
        limit: rate.limit,
        // Called for every update over the limit (not only the first), so that every
        // button press still gets its answerCallbackQuery and the client stops spinning.
        alwaysReply: true,
        keyGenerator: (ctx) => (costsAnswer(ctx) ? String(ctx.from?.id) : undefined),
        onLimitExceeded: async (ctx) => {
          markLimited();
          const user = String(ctx.from?.id);
          const now = Date.now();
          const first = (noticedAt.get(user) ?? Number.NEGATIVE_INFINITY) + rate.windowMs <= now;
          if (first) {
            if (noticedAt.size > 10_000) prune(noticedAt, now - rate.windowMs);
            noticedAt.set(user, now);
            deps.logger?.warn({ user_id: ctx.from?.id, window_ms: rate.windowMs }, 'bot: rate limit reached');
          }
          try {
            await sendNotice(ctx, first);
          } catch {
            // The notice is a courtesy; a failure to send it is not worth an apology.
          }
        },
      }),
    );
  }
  // Same chat (or same user, for inline queries): one at a time, in arrival order.
  composer.use(sequentialize<BotContext>((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
  return composer;
}

/** True for updates the bot answers, the only ones worth limiting. */
function costsAnswer(ctx: BotContext): boolean {
  if (ctx.from === undefined || ctx.from.is_bot) return false;
  if (ctx.callbackQuery || ctx.inlineQuery) return true;
  // An edited question is answered again, so edits count too.
  const message = ctx.message ?? ctx.editedMessage;
  const text = message?.text;
  if (message === undefined || text === undefined) return false;
  if (ctx.chat?.type === 'private' || text.startsWith('/')) return true;
  // In groups: a reply to the bot or an @mention of it (what the questions feature answers).
  if (message.reply_to_message?.from?.id === ctx.me.id) return true;
  const me = `@${ctx.me.username}`.toLowerCase();
  return (message.entities ?? []).some(
    (e) => (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === me) || (e.type === 'text_mention' && e.user.id === ctx.me.id),
  );
}

/** Drops notice times older than `before`, so the map stays as small as the set of recent spammers. */
function prune(noticedAt: Map<string, number>, before: number): void {
  for (const [user, at] of noticedAt) if (at < before) noticedAt.delete(user);
}

/** The notice when `first` in this window; otherwise only the silent answer a button press needs. */
async function sendNotice(ctx: BotContext, first: boolean): Promise<void> {
  const translated = typeof ctx.t === 'function' ? ctx.t('rate-limited') : undefined;
  const notice = translated && translated !== 'rate-limited' ? translated : RATE_LIMIT_NOTICE;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery(first ? { text: notice } : {});
  else if (first && ctx.chat && ctx.msg) await ctx.reply(notice, { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
}
