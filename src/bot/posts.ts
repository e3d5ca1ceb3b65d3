/**
 * Channel posts as articles: which posts are articles (enough text, not
 * just links or emoji), what their article id, title, date and link are,
 * and which post a comment in a discussion group is about.
 *
 * A post has one id wherever the bot sees it (`post-<id in the channel>`),
 * so the channel post and its automatic forward into the discussion group
 * are one article, stored once.
 */
import type { Chat, Message } from 'grammy/types';
import { parseArticle } from '../corpus.ts';
import type { NewArticle } from '../libraries.ts';

/** When a post is long enough to be an article. */
export interface PostRules {
  minSentences: number;
  minChars: number;
}

/** Defaults of {@link PostRules}: three sentences say something; a 300-character post is a paragraph, not a caption. */
export const DEFAULT_POST_RULES: PostRules = { minSentences: 3, minChars: 300 };

/** A post read as an article of `channelId`, or why it is not one. */
export type PostReading = { channelId: number; article: NewArticle } | { skip: 'no-text' | 'short' };

/** The article id of a channel post. */
export function postId(messageId: number): string {
  return `post-${messageId}`;
}

/** The channel and message id a message is (a channel post) or forwards automatically (in a discussion group). */
export function postOrigin(msg: Message): { channel: Chat.ChannelChat; messageId: number } | undefined {
  if (msg.chat.type === 'channel') return { channel: msg.chat, messageId: msg.message_id };
  if (msg.is_automatic_forward && msg.forward_origin?.type === 'channel') return { channel: msg.forward_origin.chat, messageId: msg.forward_origin.message_id };
  return undefined;
}

/** Reads a channel post (or its automatic forward) as an article. */
export function readPost(msg: Message, rules: PostRules = DEFAULT_POST_RULES): PostReading | undefined {
  const origin = postOrigin(msg);
  if (!origin) return undefined;
  const text = (msg.text ?? msg.caption ?? '').trim();
  if (text === '') return { skip: 'no-text' };
  // Links and emoji say nothing to answer from: they do not count towards the length.
  const words = text
    .replace(/https?:\/\/\S+|www\.\S+|t\.me\/\S+/gi, ' ')
    .replace(/[^\p{L}\p{N}\s.,!?;:'"()%-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/\p{L}{2}/u.test(words)) return { skip: 'no-text' };
  const sentences = parseArticle('post', words).sentences.length;
  if (sentences < rules.minSentences && words.length < rules.minChars) return { skip: 'short' };
  const id = postId(origin.messageId);
  const { username } = origin.channel;
  return {
    channelId: origin.channel.id,
    article: {
      chatId: origin.channel.id,
      id,
      text,
      title: parseArticle(id, text).title,
      ...(msg.date > 0 ? { date: new Date(msg.date * 1000).toISOString().slice(0, 10) } : {}),
      ...(username ? { source: `https://t.me/${username}/${origin.messageId}` } : {}),
    },
  };
}

/**
 * The channel message a comment is about: the automatic forward it replies
 * to, or the root of its thread (`message_thread_id`, which the caller maps
 * to an article through the forwards it has seen).
 */
export function commentTarget(msg: Message): { post: string } | { thread: number } | undefined {
  const parent = msg.reply_to_message;
  const origin = parent && postOrigin(parent);
  if (origin) return { post: postId(origin.messageId) };
  return msg.message_thread_id !== undefined ? { thread: msg.message_thread_id } : undefined;
}

/** The deep-link key of a public channel (from its username); private channels get a random one from `/link`. */
export function publicKey(username: string): string {
  return `c_${username.toLowerCase()}`;
}

/** True for a start payload that names a channel, not a question. */
export function isChannelKey(payload: string): boolean {
  return /^[ck]_[A-Za-z0-9_-]{3,60}$/.test(payload);
}
