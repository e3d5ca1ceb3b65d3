import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';

/**
 * What became of one update, as its log line says. The engine's three kinds
 * show how often the bot is unsure: `answered` (sure), `closest` (the most
 * related passage, shown marked), `refused` (the article does not cover the
 * question); then `replied` (anything else sent), `limited` (over the rate
 * limit), `ignored` (nothing sent) and `failed` (a handler threw).
 */
export type Outcome = 'answered' | 'closest' | 'refused' | 'replied' | 'limited' | 'ignored' | 'failed';

/**
 * Per-update facts for the log line, set on the context where they happen
 * (the answerer when it answers the user's question, inline mode for its
 * query, traffic control when it refuses) and read by the logging middleware
 * after `await next()`. The outcomes the middleware can tell for itself
 * (`replied`, `ignored`, `failed`) are not set here.
 */
export interface OutcomeFlavor {
  outcome?: { kind: Extract<Outcome, 'answered' | 'closest' | 'refused' | 'limited'>; topScore?: number };
}

/** The context every handler sees: grammY's, plus `ctx.t` from the i18n plugin and `ctx.outcome` for the log. */
export type BotContext = Context & I18nFlavor & OutcomeFlavor;
