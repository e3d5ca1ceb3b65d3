/**
 * The bot factory. One call wires every feature (`features/`, one Composer
 * each) onto a fresh grammY `Bot`, with the helpers they share (this
 * folder); no module-level state, so tests and several processes can each
 * have their own.
 */
import { Bot, type BotError } from 'grammy';
import { createI18n } from '../i18n.ts';
import { describeError } from '../log.ts';
import { createAnswerer } from './answerer.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { createAdminCheck } from './admins.ts';
import { admin } from './features/admin.ts';
import { articles } from './features/articles.ts';
import { buttons, unknownButtons } from './features/buttons.ts';
import { channels } from './features/channels.ts';
import { commands } from './features/commands.ts';
import { inline } from './features/inline.ts';
import { libraryAdmin } from './features/library-admin.ts';
import { questions } from './features/questions.ts';
import { traffic } from './features/traffic.ts';
import { sentViaMe } from './intent.ts';
import { logUpdates } from './logging.ts';
import { installReplyLog } from './replies.ts';
import { sendOptions } from './reply.ts';

/** Builds the bot with all its features; call `bot.start()` or feed it updates yourself. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}),
  });
  const apologise = async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    deps.logger?.error({ err: describeError(err.error), update_id: ctx.update.update_id }, 'bot: handler failed');
    try {
      // A button press must be answered even when its handler failed, or the client keeps spinning.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t?.('error') ?? 'Sorry, something went wrong.' });
      else if (ctx.chat) await ctx.reply(ctx.t?.('error') ?? 'Sorry, something went wrong.');
    } catch {
      // The apology itself failed (chat gone, network down): nothing more to do for this update.
    }
  };
  // The boundary catches handler errors for every transport (polling, webhook, console,
  // tests calling handleUpdate); bot.catch alone only covers bot.start().
  // First of all: outside the error boundary (the apology is a send like any other), and
  // innermost on bot.api, before the transport installs its retries.
  if (deps.replyLog) installReplyLog(bot, deps.replyLog, deps.logger);
  const guarded = bot.errorBoundary(apologise);
  guarded.use(logUpdates(deps.logger));
  guarded.use(sendOptions());
  guarded.use(createI18n());
  const features = guarded
    // Never talk to other bots: two bots answering each other would loop forever.
    .drop((ctx) => ctx.from?.is_bot === true && ctx.from.id !== ctx.me.id)
    // A message posted through the bot's inline mode is an answer, not a question.
    .drop((ctx) => sentViaMe(ctx.msg, ctx.me));
  features.use(traffic(deps));
  // A chat's own library is built on its first use after start-up: every update of that chat waits for it here,
  // so the features read it complete (other chats are answered meanwhile).
  const chats = deps.chats;
  if (chats)
    features.use(async (ctx, next) => {
      await chats.libraries.ready(ctx.chat?.id);
      await next();
    });
  features.use(admin(deps));
  const answerer = createAnswerer(deps);
  const isAdmin = createAdminCheck(deps.admin?.ids ?? []);
  // Before the commands: `/start <channel key>` is a deep link into a channel's articles, not a question.
  features.use(channels(deps, isAdmin));
  features.use(libraryAdmin(deps, isAdmin));
  features.use(commands(deps, answerer));
  features.use(articles(deps));
  features.use(inline(deps));
  features.use(buttons(deps, answerer));
  features.use(questions(deps, answerer));
  features.use(unknownButtons());
  bot.catch(apologise);
  return bot;
}
