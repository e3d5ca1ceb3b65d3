/**
 * Sending answers: one place that turns a question into an HTML reply with
 * its buttons, shows the typing indicator when answering is slow, and
 * remembers which message answered which question, so that an edited
 * question edits its answer instead of getting a second one.
 *
 * Made per bot by {@link createAnswerer}; the memory is `deps.editMemory`
 * (the bot's database in production, so edits work across restarts) and
 * only serves edits: buttons never depend on it.
 */
import { GrammyError, InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { answerQuestion, type AnswerOptions, type Reply } from '../answer.ts';
import { memoryEditMemory } from '../store/edit-memory.ts';
import { escapeHtml, renderReply } from '../render.ts';
import { shorten } from '../shorten.ts';
import { encodeAction, type QuestionRef } from './callback.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { MAX_QUESTION_LENGTH } from './intent.ts';
import { noteAnswer } from './logging.ts';
import { commentTarget } from './posts.ts';
import { htmlMessages, isNotModified, replyHtml } from './reply.ts';

/** Passages per "More" page. */
export const PAGE_SIZE = 3;
/** Sentences shown on each side of a passage by "Context". */
export const CONTEXT_AROUND = 2;
/** Default for {@link BotDeps.typingAfterMs}: below this, a typing indicator would only flicker. */
export const TYPING_AFTER_MS = 300;

/** What to answer: the question, where buttons will find it again, and which page. */
export interface Ask {
  question: string;
  ref: QuestionRef;
  offset?: number;
  count?: number;
  around?: number;
}

export interface Answerer {
  /** Answers the message in `ctx` (as a reply to it) and remembers the answer for edits. */
  reply(ctx: BotContext, ask: Ask): Promise<void>;
  /** Re-answers an edited question by editing the remembered answer; replies anew when there is none. */
  edit(ctx: BotContext, ask: Ask): Promise<void>;
  /** Builds the reply for a question without sending it (buttons, inline mode). */
  build(ctx: BotContext, ask: Ask): Promise<Built>;
}

/** A rendered answer: HTML blocks and the buttons to put under it. */
export interface Built {
  reply: Reply;
  blocks: string[];
  keyboard?: InlineKeyboardMarkup;
}

/** Creates the answerer of one bot; its memory lives as long as the bot. */
export function createAnswerer(deps: BotDeps): Answerer {
  const answers = deps.editMemory ?? memoryEditMemory();
  let lastMs = 0;
  const typingAfter = deps.typingAfterMs ?? TYPING_AFTER_MS;

  const build = async (ctx: BotContext, ask: Ask): Promise<Built> => {
    // Answering is synchronous and usually takes milliseconds; only when the last
    // answer took noticeably long (a big corpus, a busy machine) is "typing…" worth a call.
    const chatId = ctx.chat?.id;
    if (chatId !== undefined && lastMs >= typingAfter) {
      try {
        await ctx.api.sendChatAction(chatId, 'typing');
      } catch {
        // Only a courtesy: the answer matters more than the indicator before it.
      }
    }
    const started = performance.now();
    const library = deps.library(chatId);
    const opts: AnswerOptions = {
      count: ask.count ?? 1,
      offset: ask.offset ?? 0,
      ...(ask.around !== undefined ? { around: ask.around } : {}),
      // A topic is a word of the article itself: it is there even when the engine would not bet on a bare name.
      ...(ask.ref.kind === 'topic' ? { always: true } : {}),
      ...(ask.ref.kind === 'topic' && ask.ref.article !== undefined ? { doc: library.articleByKey(ask.ref.article)?.id ?? '' } : {}),
    };
    // In the comments of a channel post, the post itself answers first; the chat's other articles when it does not say.
    const post = ask.ref.kind === 'reply' ? discussedPost(ctx, deps) : undefined;
    let reply = answerQuestion(library, ask.question, post !== undefined ? { ...opts, doc: post } : opts);
    if (post !== undefined && reply.kind === 'none') reply = answerQuestion(library, ask.question, opts);
    lastMs = performance.now() - started;
    noteAnswer(ctx, reply);
    const blocks = renderReply(reply, ctx.t);
    if (ask.ref.kind === 'topic' && blocks.length > 0) blocks[0] = `${ctx.t('topic-header', { topic: escapeHtml(ask.ref.topic) })}\n${blocks[0] ?? ''}`;
    const keyboard = answerKeyboard(reply, ask, ctx.t);
    return { reply, blocks, ...(keyboard ? { keyboard } : {}) };
  };

  const keyOf = (ctx: BotContext): string | undefined => (ctx.chat && ctx.msg ? `${ctx.chat.id}:${ctx.msg.message_id}` : undefined);

  const reply = async (ctx: BotContext, ask: Ask): Promise<void> => {
    const key = keyOf(ctx);
    // The same question delivered twice (a retried webhook, a restarted poller) gets one answer.
    if (key !== undefined && answers.get(key) !== undefined && ctx.editedMessage === undefined) return;
    const built = await build(ctx, ask);
    const sent = await replyHtml(ctx, built.blocks, built.keyboard);
    if (key !== undefined && sent[0]) answers.set(key, sent[0].message_id);
  };

  const edit = async (ctx: BotContext, ask: Ask): Promise<void> => {
    const key = keyOf(ctx);
    const answerId = key === undefined ? undefined : answers.get(key);
    const chatId = ctx.chat?.id;
    if (answerId === undefined || chatId === undefined) return reply(ctx, ask);
    const built = await build(ctx, ask);
    // The answer is one message to edit: a longer one is cut to it, and says so.
    const [first = ''] = htmlMessages(ctx, built.blocks, 1);
    try {
      await ctx.api.editMessageText(chatId, answerId, first, { reply_markup: built.keyboard ?? { inline_keyboard: [] } });
    } catch (err) {
      if (isNotModified(err)) return;
      // The answer was deleted meanwhile: answer the edited question afresh.
      if (err instanceof GrammyError && err.error_code === 400) {
        if (key !== undefined) answers.delete(key);
        return reply(ctx, ask);
      }
      throw err;
    }
  };

  return { reply, edit, build };
}

/**
 * The channel post a group message (or the answer a button sits under) is
 * about: the automatic forward it replies to, or its thread's root, when
 * that post is one of the chat's articles.
 */
export function discussedPost(ctx: BotContext, deps: BotDeps): string | undefined {
  const libraries = deps.chats?.libraries;
  const msg = ctx.msg;
  const chat = ctx.chat;
  if (!libraries || !msg || !chat || (chat.type !== 'group' && chat.type !== 'supergroup')) return undefined;
  const target = commentTarget(msg);
  if (!target) return undefined;
  if ('post' in target) return libraries.ownOf(chat.id)?.article(target.post) ? target.post : undefined;
  return libraries.threadArticle(chat.id, target.thread);
}

/** Answers `question` in the chat of `ctx` (cut to {@link MAX_QUESTION_LENGTH}), or asks for words when it is empty. */
export async function answerIn(ctx: BotContext, answerer: Answerer, question: string): Promise<void> {
  const q = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (q === '') {
    await replyHtml(ctx, [ctx.t('empty-question')]);
    return;
  }
  await answerer.reply(ctx, { question: q, ref: { kind: 'reply' } });
}

/**
 * The buttons under an answer, sure or closest alike: "More" while there are
 * further passages, "Context" until it has been shown; under "not in the
 * article", the topics it offers instead, each a button that asks about it.
 */
export function answerKeyboard(reply: Reply, ask: Ask, t: BotContext['t']): InlineKeyboardMarkup | undefined {
  const keyboard = new InlineKeyboard();
  if (reply.kind === 'none') {
    const article = ask.ref.kind === 'topic' ? ask.ref.article : undefined;
    for (const topic of reply.suggestions) addTopicButton(keyboard, topic, article);
    return reply.suggestions.length > 0 ? keyboard : undefined;
  }
  let buttons = 0;
  if (ask.around === undefined) {
    keyboard.text(t('button-context'), encodeAction({ kind: 'context', offset: reply.offset, count: reply.passages.length, ref: ask.ref }));
    buttons++;
  }
  if (reply.more) {
    keyboard.text(t('button-more'), encodeAction({ kind: 'more', offset: reply.offset + reply.passages.length, ref: ask.ref }));
    buttons++;
  }
  return buttons > 0 ? keyboard : undefined;
}

/** Adds a button that asks about one topic (of the article with key `article` when given) to the current row. */
export function addTopicButton(keyboard: InlineKeyboard, topic: string, article?: string): InlineKeyboard {
  return keyboard.text(shorten(topic, 40), encodeAction({ kind: 'ask', ref: { kind: 'topic', topic, ...(article !== undefined ? { article } : {}) } }));
}
