/**
 * Admin commands, for the Telegram users in `ADMIN_IDS` only: `/reload`
 * reads the corpus again and swaps the new index in, or says why it kept the
 * old one. For anyone else the command does not exist.
 */
import { Composer } from 'grammy';
import { escapeHtml } from '../../render.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps } from '../deps.ts';

/** The admin feature; empty unless `deps.admin` names at least one admin and a reload function. */
export function admin(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const admins = new Set(deps.admin?.ids ?? []);
  const reload = deps.admin?.reload;
  if (!reload || admins.size === 0) return composer;
  composer
    .filter((ctx) => ctx.from !== undefined && admins.has(ctx.from.id))
    .command('reload', async (ctx) => {
      deps.logger?.info({ user_id: ctx.from?.id }, 'admin: reload requested');
      const outcome = await reload();
      const text = outcome.ok
        ? `Reloaded: ${outcome.articles} article(s), ${outcome.sentences} sentences, indexed in ${outcome.ms} ms.`
        : `Reload failed, still answering from the old index: ${escapeHtml(outcome.reason)}`;
      await ctx.reply(text);
    });
  return composer;
}
