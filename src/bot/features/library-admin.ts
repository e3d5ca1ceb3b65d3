/**
 * Admins change their chat's library: `/add` (a reply to a message, the text
 * after the command, or a `.txt`/`.md` file sent with the caption `/add` or
 * replied to with `/add`) and `/remove` (a picker of the chat's own articles,
 * buttons naming them by key). `/articles` lists them (`articles.ts`, which
 * asks for the chat's library). Everyone else gets a short notice.
 */
import { Composer, type InlineKeyboard } from 'grammy';
import type { Document, Message } from 'grammy/types';
import { CorpusError, decodeText, parseArticle, type Article } from '../../corpus.ts';
import { articleKey } from '../../library.ts';
import { escapeHtml } from '../../render.ts';
import { textHash } from '../../store/chat-articles.ts';
import type { AdminCheck } from '../admins.ts';
import { decodeAction } from '../callback.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps, ChatDeps } from '../deps.ts';
import { newestFirst, pickerPage, pickerText } from '../picker.ts';
import { editHtml, replyHtml } from '../reply.ts';

const REMOVE_PREFIX = 'x:';

/** The feature; empty without `deps.chats`. */
export function libraryAdmin(deps: BotDeps, isAdmin: AdminCheck): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chats = deps.chats;
  if (!chats) return composer;
  const { libraries } = chats;
  const download = chats.download ?? fileDownloader(deps.token, deps.apiRoot);

  /** Runs `body` for an admin of a group or channel; says why not to anyone else. */
  const guarded = async (ctx: BotContext, body: (chatId: number) => Promise<void>): Promise<void> => {
    const chat = ctx.chat;
    if (!chat || chat.type === 'private') {
      await replyHtml(ctx, [ctx.t('chat-only-groups')]);
      return;
    }
    if (!(await isAdmin(ctx))) {
      await replyHtml(ctx, [ctx.t('chat-not-admin')]);
      return;
    }
    await body(chat.id);
  };

  const add = async (ctx: BotContext, msg: Message, rest: string): Promise<void> => {
    await guarded(ctx, async (chatId) => {
      const source = msg.document ? msg : msg.reply_to_message;
      let text: string | undefined;
      if (source?.document) {
        const read = await readDocument(ctx, chats, source.document, download);
        if ('error' in read) {
          await replyHtml(ctx, [read.error]);
          return;
        }
        text = read.text;
      } else {
        text = rest !== '' ? rest : (source?.text ?? source?.caption);
      }
      text = text?.trim();
      if (!text) {
        await replyHtml(ctx, [ctx.t('add-usage')]);
        return;
      }
      const id = `add-${textHash(text).slice(0, 12)}`;
      const parsed = parseArticle(id, text);
      if (parsed.sentences.length === 0) {
        await replyHtml(ctx, [ctx.t('add-usage')]);
        return;
      }
      // The date the text gives (its dateline) is the article's date; else the day it was added.
      const date = parsed.meta.date ?? new Date().toISOString().slice(0, 10);
      const change = libraries.put(chatId, { chatId, id, text, title: parsed.title, date });
      const title = escapeHtml(libraries.ownOf(chatId)?.article(id)?.title ?? '');
      const sentences = libraries.ownOf(chatId)?.article(id)?.sentences.length ?? 0;
      deps.logger?.info({ chat_id: chatId, article: id, kind: change.kind }, 'library-admin: /add');
      switch (change.kind) {
        case 'added':
        case 'replaced':
          await replyHtml(ctx, [ctx.t('add-done', { title, sentences })]);
          return;
        case 'duplicate':
          await replyHtml(ctx, [ctx.t('add-duplicate')]);
          return;
        case 'full':
          await replyHtml(ctx, [ctx.t(change.limit === 'articles' ? 'add-full-articles' : 'add-full-bytes')]);
          return;
        case 'unsaved':
          await replyHtml(ctx, [ctx.t('add-unsaved', { title })]);
          return;
      }
    });
  };

  composer.command('add', async (ctx) => {
    if (ctx.msg) await add(ctx, ctx.msg, ctx.match.trim());
  });
  // grammY does not read commands in captions: a file sent with the caption "/add".
  composer.on('message:document', async (ctx, next) => {
    const caption = ctx.message.caption?.trim() ?? '';
    const command = /^\/add(?:@(\w+))?(?:\s+([\s\S]*))?$/i.exec(caption);
    if (!command || (command[1] !== undefined && command[1].toLowerCase() !== ctx.me.username.toLowerCase())) return next();
    await add(ctx, ctx.message, '');
  });

  composer.command('remove', async (ctx) => {
    await guarded(ctx, async (chatId) => {
      const own = libraries.ownOf(chatId)?.articles ?? [];
      if (own.length === 0) {
        await replyHtml(ctx, [ctx.t('remove-none')]);
        return;
      }
      const { text, keyboard } = removePicker(ctx, own, 0);
      await replyHtml(ctx, [text], keyboard);
    });
  });

  composer.callbackQuery(/^g:remove:/, async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    const chatId = ctx.chat?.id;
    if (chatId === undefined || !(await isAdmin(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t('chat-not-admin') });
      return;
    }
    if (action?.kind !== 'page' || !message || message.date === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t(action ? 'button-stale' : 'button-unknown') });
      return;
    }
    await ctx.answerCallbackQuery();
    const { text, keyboard } = removePicker(ctx, libraries.ownOf(chatId)?.articles ?? [], action.page);
    await editHtml(ctx, message, [text], keyboard);
  });

  composer.callbackQuery(new RegExp(`^${REMOVE_PREFIX}`), async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined || !(await isAdmin(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t('chat-not-admin') });
      return;
    }
    const article = libraries.ownOf(chatId)?.articleByKey(ctx.callbackQuery.data.slice(REMOVE_PREFIX.length));
    if (!article || !libraries.remove(chatId, article.id)) {
      await ctx.answerCallbackQuery({ text: ctx.t('remove-gone') });
      return;
    }
    await ctx.answerCallbackQuery();
    const message = ctx.callbackQuery.message;
    if (message && message.date !== 0) await editHtml(ctx, message, [ctx.t('remove-done', { title: escapeHtml(article.title) })], { inline_keyboard: [] });
  });

  return composer;
}

/** A page of the `/remove` picker over a chat's own articles, newest first. */
function removePicker(ctx: BotContext, own: readonly Article[], page: number): { text: string; keyboard: InlineKeyboard } {
  const shown = pickerPage('remove', newestFirst(own), page, (a) => `${REMOVE_PREFIX}${articleKey(a.id)}`);
  return { text: pickerText(ctx.t('remove-pick'), shown, ctx.t), keyboard: shown.keyboard };
}

/** A `.txt`/`.md` document's text, or the notice why not (too big, another kind of file, not UTF-8 text). */
async function readDocument(
  ctx: BotContext,
  chats: ChatDeps,
  doc: Document,
  download: (filePath: string) => Promise<Uint8Array>,
): Promise<{ text: string } | { error: string }> {
  const name = doc.file_name ?? 'file';
  if (!/\.(txt|md)$/i.test(name)) return { error: ctx.t('add-bad-type') };
  // Checked before and after the download: file_size may be missing.
  const tooBig = { error: ctx.t('add-too-big', { kb: Math.floor(chats.maxDocumentBytes / 1024) }) };
  if ((doc.file_size ?? 0) > chats.maxDocumentBytes) return tooBig;
  const file = await ctx.api.getFile(doc.file_id);
  if (file.file_path === undefined) return { error: ctx.t('add-not-text') };
  const bytes = await download(file.file_path);
  if (bytes.length > chats.maxDocumentBytes) return tooBig;
  try {
    return { text: decodeText(bytes, name) };
  } catch (err) {
    if (err instanceof CorpusError) return { error: ctx.t('add-not-text') };
    throw err;
  }
}

/** Downloads a file through the bot's API server (`apiRoot`, default api.telegram.org), as Telegram's file URLs work. */
export function fileDownloader(token: string, apiRoot = 'https://api.telegram.org'): (filePath: string) => Promise<Uint8Array> {
  return async (filePath) => {
    const res = await fetch(`${apiRoot}/file/bot${token}/${filePath}`);
    // The URL holds the token: the error names only the status.
    if (!res.ok) throw new Error(`library-admin: file download failed with HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
