/**
 * Questions in plain text, or in the caption of a photo or document: every
 * one in a private chat; in groups only a mention of the bot or a reply to
 * one of its messages, so the bot never answers ordinary chatter. An edited
 * question edits its answer. A command no feature knew gets a pointer to
 * /help in a private chat, and silence in groups.
 */
import { Composer } from 'grammy';
import { answerIn, type Answerer } from '../answerer.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps } from '../deps.ts';
import { addressedQuestion, MAX_QUESTION_LENGTH, parseCommand, questionOf, wordsOf } from '../intent.ts';
import { replyHtml } from '../reply.ts';

/** The feature: private questions, group mentions and replies, and edits of all of these. */
export function questions(deps: BotDeps, answerer: Answerer): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const shortcuts = deps.shortcuts ?? [];

  composer.chatType('private').on(['message:text', 'message:caption'], async (ctx, next) => {
    const text = wordsOf(ctx.message) ?? '';
    if (text.startsWith('/')) {
      // Every feature before this one passed on it: a command the bot does not have (a typo, an
      // old one). Say where the list is, unless it names another bot.
      const target = parseCommand(text)?.target;
      if (target !== undefined && target.toLowerCase() !== ctx.me.username.toLowerCase()) return next();
      await replyHtml(ctx, [ctx.t('unknown-command')]);
      return;
    }
    // "@bot question" typed in the bot's own chat is still the question, without the name.
    await answerIn(ctx, answerer, questionOf(text, ctx.me.username) ?? '');
  });
  composer.chatType(['group', 'supergroup']).on(['message:text', 'message:caption'], async (ctx, next) => {
    // Commands nobody handled stay unanswered here: in a group they may be meant for people or other bots.
    if (wordsOf(ctx.message)?.startsWith('/') !== false) return next();
    const question = addressedQuestion(ctx.message, ctx.me);
    if (question === undefined) return next();
    await answerIn(ctx, answerer, question);
  });

  composer.on(['edited_message:text', 'edited_message:caption'], async (ctx, next) => {
    const msg = ctx.editedMessage;
    const text = wordsOf(msg) ?? '';
    const isCommand = text.startsWith('/');
    let question: string | undefined;
    if (isCommand) question = questionOf(text, ctx.me.username, shortcuts);
    else if (msg.chat.type === 'private') question = questionOf(text, ctx.me.username);
    else if (msg.chat.type === 'group' || msg.chat.type === 'supergroup') question = addressedQuestion(msg, ctx.me);
    if (question === undefined || question.trim() === '') return next();
    await answerer.edit(ctx, { question: question.trim().slice(0, MAX_QUESTION_LENGTH), ref: { kind: 'reply' } });
  });
  return composer;
}
