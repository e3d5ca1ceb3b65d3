/**
 * The buttons under answers: "More" (the next passages for the same
 * question), "Context" (the same passages with the sentences around them)
 * and topic buttons (ask about a topic).
 *
 * Stateless: the question comes from the callback data (topics) or from the
 * message the answer replies to, so any bot process can serve any press.
 * Every press is answered with `answerCallbackQuery`, also stale and
 * malformed ones, or the user's client would spin.
 */
import { Composer } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { CONTEXT_AROUND, PAGE_SIZE, type Answerer, type Ask } from '../answerer.ts';
import { decodeAction, type QuestionRef } from '../callback.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps } from '../deps.ts';
import { questionOf, wordsOf } from '../intent.ts';
import { editHtml, isNotModified, replyHtml } from '../reply.ts';

/**
 * The question a button is about; or why there is none: `gone` when it is
 * about an article no longer in the corpus (or names one the old way, by
 * position), `stale` when the question can no longer be found.
 */
export function questionFor(
  ref: QuestionRef,
  message: Message | undefined,
  username: string,
  deps: BotDeps,
): { question: string } | { missing: 'gone' | 'stale' } {
  if (ref.kind === 'topic') {
    return ref.article === undefined || deps.library(message?.chat.id).articleByKey(ref.article) ? { question: ref.topic } : { missing: 'gone' };
  }
  const asked = message?.reply_to_message;
  const text = asked && wordsOf(asked);
  const question = text === undefined ? undefined : questionOf(text, username, deps.shortcuts);
  return question === undefined ? { missing: 'stale' } : { question };
}

/** The feature: More, Context and topic buttons. */
export function buttons(deps: BotDeps, answerer: Answerer): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (!action || action.kind === 'pick' || action.kind === 'page' || action.kind === 'home') return next();
    // A message older than 48 hours arrives "inaccessible" (date 0): nothing to page or edit.
    const raw = ctx.callbackQuery.message;
    const message = raw && raw.date !== 0 ? (raw as Message) : undefined;
    const found = questionFor(action.ref, message, ctx.me.username, deps);
    if ('missing' in found || !message) {
      const gone = 'missing' in found && found.missing === 'gone';
      await ctx.answerCallbackQuery({ text: gone ? ctx.t('button-article-gone') : ctx.t('button-stale') });
      return;
    }
    const question = found.question;

    if (action.kind === 'ask') {
      await ctx.answerCallbackQuery();
      const built = await answerer.build(ctx, { question, ref: action.ref });
      await replyHtml(ctx, built.blocks, built.keyboard, message.message_id);
      return;
    }

    if (action.kind === 'more') {
      const ask: Ask = { question, ref: action.ref, offset: action.offset, count: PAGE_SIZE };
      const built = await answerer.build(ctx, ask);
      if (built.reply.kind === 'none' || built.reply.passages.length === 0) {
        await ctx.answerCallbackQuery({ text: ctx.t('no-more') });
        await dropButton(ctx, message);
        return;
      }
      await ctx.answerCallbackQuery();
      // The next page replies to the question too, so its own buttons find the question again.
      const replyTo = action.ref.kind === 'reply' ? message.reply_to_message?.message_id : message.message_id;
      await replyHtml(ctx, built.blocks, built.keyboard, replyTo);
      await dropButton(ctx, message);
      return;
    }

    // Context: the same passages, wider; the message itself changes, so the chat stays short.
    const ask: Ask = { question, ref: action.ref, offset: action.offset, count: action.count, around: CONTEXT_AROUND };
    const built = await answerer.build(ctx, ask);
    if (built.reply.kind === 'none') {
      await ctx.answerCallbackQuery({ text: ctx.t('button-stale') });
      return;
    }
    await ctx.answerCallbackQuery();
    await editHtml(ctx, message, built.blocks, withoutPressed(message.reply_markup, ctx.callbackQuery.data));
  });

  return composer;
}

/**
 * Installed last: presses no feature handled (buttons of an older version of
 * the bot, forged data, games) are still answered, with a short notice.
 */
export function unknownButtons(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('button-unknown') });
  });
  return composer;
}

/** The message's keyboard without the button that was just pressed. */
export function withoutPressed(markup: InlineKeyboardMarkup | undefined, data: string): InlineKeyboardMarkup {
  const rows = (markup?.inline_keyboard ?? [])
    .map((row) => row.filter((b) => !('callback_data' in b) || b.callback_data !== data))
    .filter((row) => row.length > 0);
  return { inline_keyboard: rows };
}

/** Removes the pressed button from its message, so "More" cannot be pressed twice for the same page. */
async function dropButton(ctx: BotContext, message: Message): Promise<void> {
  const data = ctx.callbackQuery?.data ?? '';
  if (!message.reply_markup) return;
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: withoutPressed(message.reply_markup, data) });
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}
