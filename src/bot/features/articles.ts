/**
 * Commands about the articles themselves: `/facts`, `/summary`, `/source`,
 * `/topics` and `/articles`. With several articles in the corpus, the first
 * three ask which one first (buttons), since a digest of all at once would
 * be a wall of text.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { citationOf } from '../../answer.ts';
import type { Article } from '../../corpus.ts';
import { keyFacts, lead } from '../../digest.ts';
import { articleKey, type Library } from '../../library.ts';
import { escapeHtml, renderArticles, renderFacts, renderSummary } from '../../render.ts';
import { addTopicButton } from '../answerer.ts';
import { decodeAction, encodeAction, PICKER_COMMANDS, type PickerCommand } from '../callback.ts';
import type { BotContext } from '../context.ts';
import type { BotDeps } from '../deps.ts';
import { newestFirst, pickerPage, pickerText } from '../picker.ts';
import { editHtml, replyHtml } from '../reply.ts';

/** Topic buttons shown by `/topics`, at most, over all articles. */
export const MAX_TOPIC_BUTTONS = 8;

/** The reply to one article command for one article, as HTML blocks. */
export function articleBlocks(command: PickerCommand, article: Article, t: BotContext['t']): string[] {
  switch (command) {
    case 'facts':
      return renderFacts(keyFacts(article), citationOf(article), t);
    case 'summary':
      return renderSummary(lead(article), citationOf(article), t);
    case 'source': {
      const unknown = t('unknown');
      return [
        [
          t('source-title'),
          t('source-lines', {
            title: escapeHtml(article.title),
            date: escapeHtml(article.meta.date ?? unknown),
            place: escapeHtml(article.meta.place ?? unknown),
            source: escapeHtml(article.meta.source ?? unknown),
            sentences: article.sentences.length,
          }),
        ].join('\n'),
      ];
    }
  }
}

/** Articles `/articles` lists at once; `/articles 2` shows the next ones. */
export const ARTICLES_PAGE_SIZE = 10;

/** A page of the picker for one article command (see `picker.ts`), with the text above it. */
export function pickerReply(command: PickerCommand, ordered: readonly Article[], page: number, t: BotContext['t']): { text: string; keyboard: InlineKeyboard } {
  const shown = pickerPage(command, ordered, page, (a) => encodeAction({ kind: 'pick', command, article: articleKey(a.id) }));
  return { text: pickerText(t('pick-article', { count: ordered.length }), shown, t), keyboard: shown.keyboard };
}

/** The `/topics` buttons, two a row: the key topics of each article, shared fairly between articles. */
export function topicsKeyboard(library: Library): InlineKeyboard | undefined {
  const articles = library.articles;
  const per = Math.max(2, Math.floor(MAX_TOPIC_BUTTONS / Math.max(1, articles.length)));
  const topics = articles.flatMap((a) => library.keyTopics(a, per).map((topic) => ({ topic, key: articleKey(a.id) }))).slice(0, MAX_TOPIC_BUTTONS);
  if (topics.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  topics.forEach(({ topic, key }, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row();
    addTopicButton(keyboard, topic, key);
  });
  return keyboard;
}

/** The feature: article commands and the article picker's buttons. */
export function articles(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  for (const command of PICKER_COMMANDS) {
    composer.command(command, async (ctx) => {
      const all = newestFirst(deps.library(ctx.chat.id).articles);
      const arg = ctx.match.trim();
      // "/facts 2" picks directly, for people who know the list (and for channels, where buttons are clumsy).
      const chosen = all.length === 1 ? all[0] : /^\d+$/.test(arg) ? all[Number(arg) - 1] : undefined;
      if (chosen) {
        await replyHtml(ctx, articleBlocks(command, chosen, ctx.t));
        return;
      }
      const { text, keyboard } = pickerReply(command, all, 0, ctx.t);
      await replyHtml(ctx, [text], keyboard);
    });
  }

  composer.command('topics', async (ctx) => {
    const keyboard = topicsKeyboard(deps.library(ctx.chat.id));
    await replyHtml(ctx, [ctx.t(keyboard ? 'topics-title' : 'topics-none')], keyboard);
  });

  composer.command('articles', async (ctx) => {
    // A chat with articles of its own lists those (channel posts, /add); others the shipped corpus.
    const all = newestFirst(deps.library(ctx.chat.id).articles);
    // "/articles 2": the second ten; a channel may have thousands, and a reply is at most three messages.
    const pages = Math.max(1, Math.ceil(all.length / ARTICLES_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number(/^\d+$/.exec(ctx.match.trim())?.[0] ?? 1))) - 1;
    const first = page * ARTICLES_PAGE_SIZE;
    const list = all
      .slice(first, first + ARTICLES_PAGE_SIZE)
      .map((a) => ({ title: a.title, sentences: a.sentences.length, lang: a.lang, ...(a.meta.date ? { date: a.meta.date } : {}) }));
    const blocks = renderArticles(list, ctx.t, { first: first + 1, total: all.length });
    const shown = ctx.t('articles-shown', { from: first + 1, to: first + list.length, total: all.length });
    const more = pages === 1 ? [] : [page + 1 < pages ? `${shown} ${ctx.t('articles-next', { next: page + 2 })}` : shown];
    await replyHtml(ctx, all.length > 1 ? [...blocks, ...more, ctx.t('articles-hint')] : blocks);
  });

  composer.callbackQuery(/^p:/, async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (action?.kind !== 'pick') {
      await ctx.answerCallbackQuery({ text: ctx.t('button-unknown') });
      return;
    }
    const article = deps.library(ctx.chat?.id).articleByKey(action.article);
    const message = ctx.callbackQuery.message;
    if (!article || !message || message.date === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t(article ? 'button-stale' : 'button-article-gone') });
      return;
    }
    await ctx.answerCallbackQuery();
    // The picker turns into what was picked: no extra message, nothing left to press twice.
    await editHtml(ctx, message, articleBlocks(action.command, article, ctx.t), { inline_keyboard: [] });
  });

  composer.callbackQuery(/^g:(?:facts|summary|source):/, async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    if (action?.kind !== 'page' || action.list === 'remove' || !message || message.date === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t(action ? 'button-stale' : 'button-unknown') });
      return;
    }
    await ctx.answerCallbackQuery();
    const { text, keyboard } = pickerReply(action.list, newestFirst(deps.library(ctx.chat?.id).articles), action.page, ctx.t);
    await editHtml(ctx, message, [text], keyboard);
  });

  return composer;
}
