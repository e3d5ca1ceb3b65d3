/**
 * Traffic control for the network transports: per-user rate limits against
 * floods. (One chat's updates in order is the dispatcher's job, in
 * `transports/dispatcher.ts`: it owns the queues.)
 *
 * Three token buckets per user (see `limits.ts` and the README's table):
 * messages, button presses and inline queries, so that typing an inline query
 * or paging through an answer never uses up the questions. Only updates the
 * bot would answer cost anything: chatter in a group never earns anyone a
 * "slow down" notice. An over-limit update is still answered where Telegram
 * waits for an answer: a button press gets its `answerCallbackQuery` (or the
 * client keeps spinning), an inline query gets the user's last results.
 */
import { Composer, type Middleware } from 'grammy';
import type { InlineQueryResult } from 'grammy/types';
import type { BotLogger } from '../../log.ts';
import type { BotContext } from '../context.ts';
import { encodeStartPayload } from '../deeplink.ts';
import type { BotDeps } from '../deps.ts';
import { isForMe } from '../intent.ts';
import { RateLimiter, RecentMap, type RateLimits } from '../limits.ts';

/**
 * How long a user's last inline results are kept to answer an over-limit
 * query: long enough for one burst of typing, short enough not to show old results for a new question.
 */
export const INLINE_MEMORY_MS = 60_000;
/** Users whose last inline results are kept at most (each is up to a few KB of HTML). */
const INLINE_MEMORY_USERS = 2_000;

type Kind = keyof RateLimits;

/** The middleware; installed right after i18n so the notices can be translated. */
export function traffic(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  if (deps.rateLimit) composer.use(limit(deps.rateLimit, deps.logger));
  return composer;
}

/** Takes a token from the user's bucket for the update's kind; over the limit, answers for the bot instead of passing on. */
function limit(rates: RateLimits, logger: BotLogger | undefined): Middleware<BotContext> {
  const limiters: Record<Kind, RateLimiter> = {
    messages: new RateLimiter(rates.messages),
    buttons: new RateLimiter(rates.buttons),
    inline: new RateLimiter(rates.inline),
  };
  const lastResults = new RecentMap<readonly InlineQueryResult[]>(INLINE_MEMORY_MS, INLINE_MEMORY_USERS);
  return async (ctx, next) => {
    const kind = costOf(ctx);
    const user = String(ctx.from?.id);
    if (kind === undefined) return next();
    const verdict = limiters[kind].take(user);
    if (verdict === 'allow') {
      if (kind === 'inline') rememberResults(ctx, (results) => lastResults.set(user, results));
      return next();
    }
    ctx.outcome = { kind: 'limited' };
    const notify = verdict === 'notify';
    if (notify) logger?.warn({ user_id: ctx.from?.id, kind, ...limiters[kind].rate }, 'bot: rate limit reached');
    try {
      await refuse(ctx, kind, notify, lastResults.get(user));
    } catch {
      // The notice is a courtesy; a failure to send it is not worth an apology.
    }
  };
}

/** Which bucket an update takes a token from; undefined for updates the bot does not answer, which cost nothing. */
function costOf(ctx: BotContext): Kind | undefined {
  if (ctx.from === undefined || ctx.from.is_bot) return undefined;
  if (ctx.callbackQuery) return 'buttons';
  if (ctx.inlineQuery) return 'inline';
  // An edited question is answered again, so edits count too. (Messages sent via the bot never get here: see createBot.)
  const message = ctx.message ?? ctx.editedMessage;
  return message !== undefined && isForMe(message, ctx.me) ? 'messages' : undefined;
}

/** Hands `keep` the results this update's inline query is answered with, once Telegram has taken them. */
function rememberResults(ctx: BotContext, keep: (results: readonly InlineQueryResult[]) => void): void {
  ctx.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method === 'answerInlineQuery' && response.ok && 'results' in payload) keep(payload.results);
    return response;
  });
}

/**
 * What an over-limit update gets: a question, the notice once per flood;
 * a button press, its answer (with the notice once); an inline query, the
 * user's last results and a button into the private chat, never silence.
 */
async function refuse(ctx: BotContext, kind: Kind, notify: boolean, lastResults: readonly InlineQueryResult[] | undefined): Promise<void> {
  if (kind === 'buttons') {
    await ctx.answerCallbackQuery(notify ? { text: ctx.t('rate-limited-button') } : {});
  } else if (kind === 'inline') {
    const query = ctx.inlineQuery?.query ?? '';
    await ctx.answerInlineQuery(lastResults ?? [], {
      // These results belong to an earlier query: Telegram must not keep them for this one.
      cache_time: 0,
      is_personal: true,
      button: { text: ctx.t('rate-limited-inline'), start_parameter: encodeStartPayload(query) ?? 'inline' },
    });
  } else if (notify && ctx.msg) {
    await ctx.reply(ctx.t('rate-limited'), { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
  }
}
