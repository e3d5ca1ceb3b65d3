/**
 * Questions in plain text, or in the caption of a photo or document: every
 * one in a private chat; in groups only a mention of the bot or a reply to
 * one of its messages, so the bot never answers ordinary chatter. An edited
 * question edits its answer. A command no feature knew gets a pointer to
 * /help in a private chat, and silence in groups.
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

/** What a message says: its text, or the caption of a photo or document (a question can come with a picture). */
export function wordsOf(msg: Pick<Message, 'text' | 'caption'>): string | undefined {
  return msg.text ?? msg.caption;
}

/** A command as typed: its name, the bot it names (`/ask@bot`), and the words after it. */
export function parseCommand(text: string): { name: string; target?: string; rest: string } | undefined {
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!command) return undefined;
  return { name: (command[1] ?? '').toLowerCase(), ...(command[2] !== undefined ? { target: command[2] } : {}), rest: (command[3] ?? '').trim() };
}

/** The question part of a group message addressed to the bot, or undefined when it is not addressed. */
export function addressedQuestion(msg: Message, me: { id: number; username: string }): string | undefined {
  const text = wordsOf(msg);
  if (text === undefined) return undefined;
  const username = me.username.toLowerCase();
  const mentions = (msg.entities ?? msg.caption_entities ?? []).filter((e: MessageEntity) =>
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
  const command = parseCommand(text);
  if (command) {
    if (command.target !== undefined && command.target.toLowerCase() !== username.toLowerCase()) return undefined;
    const { name, rest } = command;
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

  composer.chatType('private').on(['message:text', 'message:caption'], async (ctx, next) => {
    const text = wordsOf(ctx.message) ?? '';
    if (sentViaMe(ctx)) return next();
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
    if (wordsOf(ctx.message)?.startsWith('/') !== false || sentViaMe(ctx)) return next();
    const question = addressedQuestion(ctx.message, ctx.me);
    if (question === undefined) return next();
    await answerIn(ctx, answerer, question);
  });

  composer.on(['edited_message:text', 'edited_message:caption'], async (ctx, next) => {
    const msg = ctx.editedMessage;
    const text = wordsOf(msg) ?? '';
    if (sentViaMe(ctx)) return next();
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
