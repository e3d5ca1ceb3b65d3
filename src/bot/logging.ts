/**
 * One log line per update: its kind, the chat type, how long it took, what
 * became of it (answered, closest, refused, replied, limited, ignored,
 * failed) and the top score. Never the message text at the default level:
 * people ask bots things they would not want in a log file.
 *
 * The outcome is collected without touching the handlers: the engine the bot
 * asks is observed, and what it ranked is noted for the update in hand
 * (AsyncLocalStorage keeps concurrent updates apart).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware } from 'grammy';
import type { AnswerKind, Engine, Ranking } from '../search/engine.ts';
import type { BotContext } from './context.ts';
import type { BotLogger } from './deps.ts';

/**
 * What became of one update. The engine's three kinds, so the log shows how
 * often the bot is unsure: `answered` (sure), `closest` (the most related
 * passage, shown marked), `refused` (the article does not cover the question).
 */
export type Outcome = 'answered' | 'closest' | 'refused' | 'replied' | 'limited' | 'ignored' | 'failed';

const OUTCOME_OF_KIND: Record<AnswerKind, Outcome> = { sure: 'answered', closest: 'closest', none: 'refused' };

interface UpdateRecord {
  ranking?: Ranking;
  /** False for commands other than /ask, whose engine calls (example questions) are not the user's question. */
  notesRankings: boolean;
  limited: boolean;
}

const current = new AsyncLocalStorage<UpdateRecord>();
const observed = new WeakMap<Engine, Engine>();

/** The API methods that put something in front of the user. */
const REPLY_METHOD = /^(send|edit|copy|forward)[A-Z]|^answerInlineQuery$/;

/** A logger that may also take debug lines (pino does). */
export type UpdateLogger = BotLogger & { debug?(obj: object, msg?: string): void };

/**
 * Wraps an engine source (e.g. `EngineHolder.current`) so that the first
 * ranking made for an update is noted for its log line. Use the result as
 * `BotDeps.engine`.
 */
export function observeEngine(source: () => Engine): () => Engine {
  return () => {
    const engine = source();
    let wrapped = observed.get(engine);
    if (!wrapped) {
      wrapped = new Proxy(engine, {
        get(target, key) {
          if (key === 'ask') {
            return (...args: Parameters<Engine['ask']>): Ranking => {
              const ranking = target.ask(...args);
              const record = current.getStore();
              if (record?.notesRankings && record.ranking === undefined) record.ranking = ranking;
              return ranking;
            };
          }
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      observed.set(engine, wrapped);
    }
    return wrapped;
  };
}

/** Marks the update in hand as refused by the rate limiter (called by the limiter). */
export function markLimited(): void {
  const record = current.getStore();
  if (record) record.limited = true;
}

/**
 * The middleware; install it first so the latency covers everything,
 * including waiting for the chat's turn. Without a logger it only passes on.
 */
export function logUpdates(logger: UpdateLogger | undefined): Middleware<BotContext> {
  return async (ctx, next) => {
    if (!logger) return next();
    const started = performance.now();
    const command = /^\/([A-Za-z0-9_]+)/.exec(ctx.msg?.text ?? '')?.[1]?.toLowerCase();
    const record: UpdateRecord = { notesRankings: command === undefined || command === 'ask', limited: false };
    let replies = 0;
    ctx.api.config.use((prev, method, payload, signal) => {
      if (REPLY_METHOD.test(method)) replies++;
      return prev(method, payload, signal);
    });
    let failed = false;
    try {
      await current.run(record, () => next());
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      const outcome: Outcome = failed
        ? 'failed'
        : record.limited
          ? 'limited'
          : record.ranking
            ? OUTCOME_OF_KIND[record.ranking.kind]
            : replies > 0
              ? 'replied'
              : 'ignored';
      const top = record.ranking?.hits[0]?.score;
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
