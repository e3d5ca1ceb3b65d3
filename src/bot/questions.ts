/**
 * Questions in plain text: every text in a private chat; in groups only a
 * mention of the bot or a reply to one of its messages, so the bot never
 * answers ordinary chatter. An edited question edits its answer.
 */
import { Composer } from 'grammy';
import type { Message, MessageEntity } from 'grammy/types';
import type { Shortcut } from '../shortcuts.ts';
import type { Answerer } from './answerer.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { decodeStartPayload } from './deeplink.ts';
import { replyHtml } from './reply.ts';

/** Longest question the bot reads; longer texts are cut here, not rejected. */
export const MAX_QUESTION_LENGTH = 500;

/** Answers `question` in the chat of `ctx`, or asks for words when it is empty. */
export async function answerIn(ctx: BotContext, answerer: Answerer, question: string): Promise<void> {
  const q = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (q === '') {
    await replyHtml(ctx, [ctx.t('empty-question')]);
    return;
  }
  await answerer.reply(ctx, { question: q, ref: { kind: 'reply' } });
}

/** The question part of a group message addressed to the bot, or undefined when it is not addressed. */
export function addressedQuestion(msg: Message, me: { id: number; username: string }): string | undefined {
  const text = msg.text;
  if (text === undefined) return undefined;
  const username = me.username.toLowerCase();
  const mentions = (msg.entities ?? []).filter((e: MessageEntity) =>
    (e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === username) ||
    (e.type === 'text_mention' && e.user.id === me.id),
  );
  if (mentions.length > 0) {
    let rest = text;
    for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) rest = rest.slice(0, e.offset) + rest.slice(e.offset + e.length);
    return rest.replace(/^[\s,:;-]+/, '');
  }
  if (msg.reply_to_message?.from?.id === me.id) return text;
  return undefined;
}

/**
 * The question a message asked, read back from its text alone: `/ask q`,
 * a shortcut command, a `/start` deep link, or plain words (a mention of the
 * bot removed). This is how buttons find their question without any memory.
 */
export function questionOf(text: string, username: string, shortcuts: readonly Shortcut[] = []): string | undefined {
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (command) {
    if (command[2] !== undefined && command[2].toLowerCase() !== username.toLowerCase()) return undefined;
    const name = (command[1] ?? '').toLowerCase();
    const rest = (command[3] ?? '').trim();
    if (name === 'ask') return rest === '' ? undefined : rest.slice(0, MAX_QUESTION_LENGTH);
    if (name === 'start') return decodeStartPayload(rest);
    return shortcuts.find((s) => s.command === name)?.question;
  }
  const escaped = username.replace(/[^A-Za-z0-9_]/g, '');
  const q = text.replace(new RegExp(`@${escaped}\\b`, 'gi'), '').replace(/^[\s,:;-]+/, '').trim();
  return q === '' ? undefined : q.slice(0, MAX_QUESTION_LENGTH);
}

/** True for a message the bot itself produced through inline mode: it is an answer, not a question. */
function sentViaMe(ctx: BotContext): boolean {
  return ctx.msg?.via_bot?.id === ctx.me.id;
}

/** The feature: private questions, group mentions and replies, and edits of all of these. */
export function questions(deps: BotDeps, answerer: Answerer): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const shortcuts = deps.shortcuts ?? [];

  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || sentViaMe(ctx)) return next();
    // "@bot question" typed in the bot's own chat is still the question, without the name.
    await answerIn(ctx, answerer, questionOf(ctx.message.text, ctx.me.username) ?? '');
  });
  composer.chatType(['group', 'supergroup']).on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || sentViaMe(ctx)) return next();
    const question = addressedQuestion(ctx.message, ctx.me);
    if (question === undefined) return next();
    await answerIn(ctx, answerer, question);
  });

  composer.on('edited_message:text', async (ctx, next) => {
    const msg = ctx.editedMessage;
    if (sentViaMe(ctx)) return next();
    const isCommand = msg.text.startsWith('/');
    let question: string | undefined;
    if (isCommand) question = questionOf(msg.text, ctx.me.username, shortcuts);
    else if (msg.chat.type === 'private') question = questionOf(msg.text, ctx.me.username);
    else if (msg.chat.type === 'group' || msg.chat.type === 'supergroup') question = addressedQuestion(msg, ctx.me);
    if (question === undefined || question.trim() === '') return next();
    await answerer.edit(ctx, { question: question.trim().slice(0, MAX_QUESTION_LENGTH), ref: { kind: 'reply' } });
  });
  return composer;
}
