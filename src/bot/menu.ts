import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import type { I18n } from '@grammyjs/i18n';
import type { Shortcut } from '../shortcuts.ts';
import type { BotContext } from './context.ts';

/**
 * The bot's own commands as shown in Telegram's menu, in order; descriptions
 * are i18n keys `cmd-<name>`. Shortcuts may not take these names.
 */
export const MENU_COMMANDS = ['start', 'help', 'ask', 'facts', 'summary', 'topics', 'source', 'articles'] as const;

/**
 * Registers the command menu for private chats and for groups, in every
 * language the bot speaks (Telegram picks by the user's language), the
 * shortcuts after the bot's own commands (their question is the description,
 * in the article's language).
 */
export async function registerCommands(api: Api, i18n: I18n<BotContext>, shortcuts: readonly Shortcut[] = []): Promise<void> {
  // Independent calls: sent together, start-up waits one round trip instead of one per locale and scope.
  await Promise.all(
    i18n.locales.flatMap((locale) => {
      const commands = [
        ...MENU_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) })),
        ...shortcuts.map((s) => ({ command: s.command, description: s.question })),
      ];
      const language = locale === 'en' ? {} : { language_code: locale as LanguageCode };
      return [
        api.setMyCommands(commands, { scope: { type: 'all_private_chats' }, ...language }),
        api.setMyCommands(
          commands.filter((c) => c.command !== 'start'),
          { scope: { type: 'all_group_chats' }, ...language },
        ),
      ];
    }),
  );
}
