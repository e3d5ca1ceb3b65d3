/**
 * Questions in plain text: every text in a private chat; in groups only a
 * mention of the bot or a reply to one of its messages, so the bot never
 * answers ordinary chatter.
 */
import { Composer } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { answerQuestion } from '../answer.ts';
import { renderReply } from '../render.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { replyHtml } from './reply.ts';

/** Longest question the bot reads; longer texts are cut here, not rejected. */
export const MAX_QUESTION_LENGTH = 500;

/** Answers `question` in the chat of `ctx`, or asks for words when it is empty. */
export async function answerIn(ctx: BotContext, deps: BotDeps, question: string): Promise<void> {
  const q = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (q === '') {
    await replyHtml(ctx, [ctx.t('empty-question')]);
    return;
  }
  const reply = answerQuestion(deps.engine(), q);
  await replyHtml(ctx, renderReply(reply, ctx.t));
}

/** The question part of a group message addressed to the bot, or undefined when it is not addressed. */
export function addressedQuestion(ctx: BotContext): string | undefined {
  const msg = ctx.message;
  const text = msg?.text;
  if (!msg || text === undefined) return undefined;
  const username = ctx.me.username.toLowerCase();
  const mentions = (msg.entities ?? []).filter((e: MessageEntity) =>
    (e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === username) ||
    (e.type === 'text_mention' && e.user.id === ctx.me.id),
  );
  if (mentions.length > 0) {
    let rest = text;
    for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) rest = rest.slice(0, e.offset) + rest.slice(e.offset + e.length);
    return rest.replace(/^[\s,:;-]+/, '');
  }
  if (msg.reply_to_message?.from?.id === ctx.me.id) return text;
  return undefined;
}

/** The feature: private questions, group mentions and replies. */
export function questions(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    await answerIn(ctx, deps, ctx.message.text);
  });
  composer.chatType(['group', 'supergroup']).on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const question = addressedQuestion(ctx);
    if (question === undefined) return next();
    await answerIn(ctx, deps, question);
  });
  return composer;
}
