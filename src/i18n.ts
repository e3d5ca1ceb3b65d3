/**
 * The bot's words in each language: the i18n plugin over `src/locales/*.ftl`.
 * Its own module (not the bot layer's), so that tools such as `npm run ask`
 * get the same strings without loading grammY or any bot feature.
 */
import { I18n } from '@grammyjs/i18n';
import { fileURLToPath } from 'node:url';
import type { BotContext } from './bot/context.ts';

/** Folder of the `.ftl` translation files. */
export const LOCALES_DIR = fileURLToPath(new URL('./locales', import.meta.url));

/** Creates the i18n plugin: the user's Telegram language when we have it, English otherwise. */
export function createI18n(): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: 'en',
    directory: LOCALES_DIR,
    // Isolation marks would show up as stray characters around every variable in Telegram.
    fluentBundleOptions: { useIsolating: false },
  });
}
