/**
 * One log line per update: its kind, the chat type, how long it took, what
 * became of it (see {@link Outcome}) and the top score. Never the message
 * text at the default level: people ask bots things they would not want in
 * a log file.
 *
 * The features say what they made of an update on the context
 * (`ctx.outcome`, see `context.ts`); this middleware reads it after
 * `await next()` and counts the replies itself.
 */
import type { Middleware } from 'grammy';
import type { Reply } from '../answer.ts';
import type { BotLogger } from '../log.ts';
import type { BotContext, Outcome, OutcomeFlavor } from './context.ts';
import { parseCommand } from './intent.ts';

export type { Outcome } from './context.ts';

const OUTCOME_OF_KIND: Record<Reply['kind'], NonNullable<OutcomeFlavor['outcome']>['kind']> = { sure: 'answered', closest: 'closest', none: 'refused' };

/** The API methods that put something in front of the user. */
const REPLY_METHOD = /^(send|edit|copy|forward)[A-Z]|^answerInlineQuery$/;

/** A logger that may also take debug lines (pino does). */
export type UpdateLogger = BotLogger & { debug?(obj: object, msg?: string): void };

/**
 * Notes an answer to the user's question as the update's outcome: its kind
 * and the engine's top score. The first answer of an update counts; call it
 * only for the user's own question (example questions are not).
 */
export function noteAnswer(ctx: BotContext, reply: Reply): void {
  ctx.outcome ??= { kind: OUTCOME_OF_KIND[reply.kind], ...(reply.top !== undefined ? { topScore: reply.top } : {}) };
}

/**
 * The middleware; install it first so the latency covers everything,
 * including waiting for the chat's turn. Without a logger it only passes on.
 */
export function logUpdates(logger: UpdateLogger | undefined): Middleware<BotContext> {
  return async (ctx, next) => {
    if (!logger) return next();
    const started = performance.now();
    const command = parseCommand(ctx.msg?.text ?? '')?.name;
    let replies = 0;
    ctx.api.config.use((prev, method, payload, signal) => {
      if (REPLY_METHOD.test(method)) replies++;
      return prev(method, payload, signal);
    });
    let failed = false;
    try {
      await next();
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      const noted = ctx.outcome;
      const outcome: Outcome = failed ? 'failed' : (noted?.kind ?? (replies > 0 ? 'replied' : 'ignored'));
      const top = noted?.topScore;
      const line = {
        update_id: ctx.update.update_id,
        kind: updateKind(ctx),
        chat_type: ctx.chat?.type ?? (ctx.inlineQuery ? 'inline' : 'none'),
        ...(command !== undefined ? { command } : {}),
        latency_ms: Math.round((performance.now() - started) * 10) / 10,
        outcome,
        ...(top !== undefined ? { top_score: Math.round(top * 1000) / 1000 } : {}),
        replies,
      };
      if (outcome === 'ignored') logger.debug?.(line, 'update');
      else logger.info(line, 'update');
      const text = ctx.msg?.text ?? ctx.inlineQuery?.query;
      if (text !== undefined) logger.debug?.({ update_id: ctx.update.update_id, text: text.slice(0, 500) }, 'update text');
    }
  };
}

function updateKind(ctx: BotContext): string {
  return Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown';
}
