/**
 * Channels and their discussion groups: every channel post with enough text
 * becomes an article of the channel (an edit replaces it); the automatic
 * forward of a post into the linked discussion group is the same article
 * (stored once) and links the group to the channel, so questions in the
 * comments are answered from the channel's posts. The bot leaving a chat
 * starts its grace period; coming back ends it.
 *
 * Also the channel deep links: `/link` gives an admin the link readers open
 * (`t.me/<bot>?start=<key>`), and `/start <key>` in a private chat makes
 * that chat answer from the channel's articles.
 */
import { randomBytes } from 'node:crypto';
import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { escapeHtml } from '../../render.ts';
import type { AdminCheck } from '../admins.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps, ChatDeps } from '../deps.ts';
import { readPost, isChannelKey, publicKey } from '../posts.ts';
import { encodeAction } from '../callback.ts';
import { editHtml, replyHtml } from '../reply.ts';
import type { LibraryChange } from '../../libraries.ts';

/** The feature; empty without `deps.chats`. */
export function channels(deps: BotDeps, isAdmin: AdminCheck): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chats = deps.chats;
  if (!chats) return composer;
  const { libraries } = chats;
  // One notice per chat and kind per process: a full channel must not get a notice under every post.
  const told = new Set<string>();

  const learn = async (ctx: BotContext, msg: Message): Promise<void> => {
    const reading = readPost(msg, chats);
    if (!reading || 'skip' in reading) return;
    const { channelId, article } = reading;
    if (msg.chat.type !== 'channel') {
      libraries.link(msg.chat.id, channelId);
      libraries.noteThread(msg.chat.id, msg.message_id, article.id);
    }
    const origin = msg.chat.type === 'channel' ? msg.chat : msg.forward_origin?.type === 'channel' ? msg.forward_origin.chat : undefined;
    if (origin?.username) noteKey(chats, publicKey(origin.username), channelId, origin.title);
    const change = libraries.put(channelId, article);
    deps.logger?.info({ chat_id: channelId, article: article.id, kind: change.kind }, 'channels: post learned');
    const notice = noticeOf(change);
    if (notice && msg.chat.type === 'channel' && !told.has(`${msg.chat.id}:${notice}`)) {
      told.add(`${msg.chat.id}:${notice}`);
      await ctx.reply(ctx.t(notice));
    }
  };

  composer.on(['channel_post', 'edited_channel_post'], async (ctx, next) => {
    const msg = ctx.channelPost ?? ctx.editedChannelPost;
    if (!msg || (msg.text ?? msg.caption ?? '').startsWith('/')) return next();
    await learn(ctx, msg);
  });

  composer.chatType(['group', 'supergroup']).on('message', async (ctx, next) => {
    if (!ctx.message.is_automatic_forward) return next();
    await learn(ctx, ctx.message);
  });

  composer.on('my_chat_member', (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const chatId = ctx.myChatMember.chat.id;
    const store = libraries.chats;
    try {
      if (status === 'left' || status === 'kicked') store.markRemoved(chatId);
      else store.markBack(chatId);
    } catch (err) {
      deps.logger?.error({ chat_id: chatId, err: err instanceof Error ? err.message : String(err) }, 'channels: could not note the membership change');
    }
  });

  composer.command('link', async (ctx) => {
    if (ctx.chat.type === 'private') return;
    if (!(await isAdmin(ctx))) {
      await replyHtml(ctx, [ctx.t('chat-not-admin')]);
      return;
    }
    const home = libraries.home(ctx.chat.id);
    const username = ctx.chat.type === 'channel' && home === ctx.chat.id ? ctx.chat.username : undefined;
    const title = ctx.chat.title;
    let key = username ? publicKey(username) : libraries.chats.keysOf(home).find((k) => k.startsWith('k_'));
    key ??= `k_${randomBytes(12).toString('base64url')}`;
    noteKey(chats, key, home, title);
    await replyHtml(ctx, [ctx.t('link-done', { link: escapeHtml(`https://t.me/${ctx.me.username}?start=${key}`) })]);
  });

  composer.chatType('private').command('start', async (ctx, next) => {
    const payload = ctx.match.trim();
    // "/start" alone is the way back from a channel's articles to the shipped ones, then the usual greeting.
    if (payload === '') {
      if (leave(ctx.chat.id)) await replyHtml(ctx, [ctx.t('reader-left')]);
      return next();
    }
    if (!isChannelKey(payload)) return next();
    const channel = libraries.chats.channelOfKey(payload);
    if (!channel) {
      await replyHtml(ctx, [ctx.t('reader-unknown')]);
      return;
    }
    libraries.chats.setReader(ctx.chat.id, channel.channelId);
    const back = new InlineKeyboard().text(ctx.t('reader-back'), encodeAction({ kind: 'home' }));
    await replyHtml(ctx, [ctx.t('reader-start', { title: escapeHtml(channel.title) })], back);
  });

  composer.callbackQuery(encodeAction({ kind: 'home' }), async (ctx) => {
    const message = ctx.callbackQuery.message;
    if (ctx.chat?.type !== 'private') {
      await ctx.answerCallbackQuery({ text: ctx.t('button-unknown') });
      return;
    }
    leave(ctx.chat.id);
    await ctx.answerCallbackQuery();
    if (message && message.date !== 0) await editHtml(ctx, message, [ctx.t('reader-left')], { inline_keyboard: [] });
  });

  /** The private chat stops reading a channel; true when it read one. */
  function leave(userId: number): boolean {
    try {
      return libraries.chats.clearReader(userId);
    } catch {
      // The reader stays until the database can be written; Libraries logs a database that cannot be.
      return false;
    }
  }

  return composer;
}

function noteKey(chats: ChatDeps, key: string, channelId: number, title: string): void {
  try {
    if (chats.libraries.chats.channelOfKey(key)?.channelId !== channelId) chats.libraries.chats.setKey(key, channelId, title);
  } catch {
    // Only the deep link is affected; Libraries logs a database that cannot be written.
  }
}

/** The notice a change deserves in the channel, if any. */
function noticeOf(change: LibraryChange): string | undefined {
  if (change.kind === 'unsaved') return 'post-unsaved';
  if (change.kind === 'full') return change.limit === 'articles' ? 'post-full-articles' : 'post-full-bytes';
  return undefined;
}
