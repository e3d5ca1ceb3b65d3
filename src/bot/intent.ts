/**
 * What a message asks, and whether it is meant for the bot: the one place
 * that reads a message's words, its command, its mentions of the bot and the
 * question they leave. Every feature asks here (questions, commands, buttons
 * reading back the question an answer replies to, traffic control deciding
 * what costs a token, the log line's command), so they never disagree about
 * which messages the bot answers.
 */
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';
import type { Shortcut } from '../shortcuts.ts';
import { decodeStartPayload } from './deeplink.ts';

/** Longest question the bot reads; longer texts are cut here, not rejected. */
export const MAX_QUESTION_LENGTH = 500;

/** Who the bot is, as far as reading messages goes. */
export type Me = Pick<UserFromGetMe, 'id' | 'username'>;

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

/** The question part of a group message addressed to the bot (a mention, or a reply to it), or undefined when it is not addressed. */
export function addressedQuestion(msg: Message, me: Me): string | undefined {
  const text = wordsOf(msg);
  if (text === undefined) return undefined;
  const username = me.username.toLowerCase();
  const mentions = (msg.entities ?? msg.caption_entities ?? []).filter(
    (e: MessageEntity) =>
      (e.type === 'mention' && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === username) || (e.type === 'text_mention' && e.user.id === me.id),
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
 * True for a message the bot would answer: anything in its private chat, a
 * command, or a group message addressed to it. Ordinary group chatter is not,
 * so it never costs anyone a rate-limit token.
 */
export function isForMe(msg: Message, me: Me): boolean {
  const text = wordsOf(msg);
  if (text === undefined) return false;
  return msg.chat.type === 'private' || text.startsWith('/') || addressedQuestion(msg, me) !== undefined;
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
  const q = text
    .replace(new RegExp(`@${escaped}\\b`, 'gi'), '')
    .replace(/^[\s,:;-]+/, '')
    .trim();
  return q === '' ? undefined : q.slice(0, MAX_QUESTION_LENGTH);
}

/** True for a message the bot itself produced through inline mode: it is an answer, not a question. */
export function sentViaMe(msg: Pick<Message, 'via_bot'> | undefined, me: Me): boolean {
  return msg?.via_bot?.id === me.id;
}
