import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';

/** The context every handler sees: grammY's, plus `ctx.t` from the i18n plugin. */
export type BotContext = Context & I18nFlavor;
