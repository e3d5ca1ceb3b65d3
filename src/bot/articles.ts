/**
 * Commands about the articles themselves: `/facts`, `/summary`, `/source`,
 * `/topics` and `/articles`. With several articles in the corpus, the first
 * three ask which one first (buttons), since a digest of all at once would
 * be a wall of text.
 */
import { Composer } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { citationOf } from '../answer.ts';
import type { Article } from '../corpus.ts';
import { keyFacts, keyTopics, lead } from '../digest.ts';
import { escapeHtml, renderArticles, renderFacts, renderSummary } from '../render.ts';
import { shorten } from '../shorten.ts';
import { topicButton } from './answerer.ts';
import { decodeAction, encodeAction, PICKER_COMMANDS, type PickerCommand } from './callback.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { editHtml, replyHtml } from './reply.ts';

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

/** One button per article, for the commands that are about one article. */
export function pickerKeyboard(command: PickerCommand, articles: readonly Article[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: articles.map((a, i) => [{ text: `${i + 1}. ${shorten(a.title, 48)}`, callback_data: encodeAction({ kind: 'pick', command, article: i }) }]),
  };
}

/** The `/topics` buttons: the key topics of each article, shared fairly between articles. */
export function topicsKeyboard(articles: readonly Article[]): InlineKeyboardMarkup | undefined {
  const per = Math.max(2, Math.floor(MAX_TOPIC_BUTTONS / Math.max(1, articles.length)));
  const buttons: InlineKeyboardButton[] = articles
    .flatMap((a, i) => keyTopics(a, per).map((topic) => topicButton(topic, i)))
    .slice(0, MAX_TOPIC_BUTTONS);
  if (buttons.length === 0) return undefined;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

/** The feature: article commands and the article picker's buttons. */
export function articles(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  for (const command of PICKER_COMMANDS) {
    composer.command(command, async (ctx) => {
      const all = deps.engine().corpus.articles;
      const arg = ctx.match.trim();
      // "/facts 2" picks directly, for people who know the list (and for channels, where buttons are clumsy).
      const chosen = all.length === 1 ? all[0] : /^\d+$/.test(arg) ? all[Number(arg) - 1] : undefined;
      if (chosen) {
        await replyHtml(ctx, articleBlocks(command, chosen, ctx.t));
        return;
      }
      await replyHtml(ctx, [ctx.t('pick-article', { count: all.length })], pickerKeyboard(command, all));
    });
  }

  composer.command('topics', async (ctx) => {
    const all = deps.engine().corpus.articles;
    const keyboard = topicsKeyboard(all);
    await replyHtml(ctx, [ctx.t(keyboard ? 'topics-title' : 'topics-none')], keyboard);
  });

  composer.command('articles', async (ctx) => {
    const all = deps.engine().corpus.articles;
    const list = all.map((a) => ({ title: a.title, sentences: a.sentences.length, ...(a.meta.date ? { date: a.meta.date } : {}) }));
    const blocks = renderArticles(list, ctx.t);
    await replyHtml(ctx, all.length > 1 ? [...blocks, ctx.t('articles-hint')] : blocks);
  });

  composer.callbackQuery(/^p:/, async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    const article = action?.kind === 'pick' ? deps.engine().corpus.articles[action.article] : undefined;
    const message = ctx.callbackQuery.message;
    if (!action || action.kind !== 'pick' || !article || !message || message.date === 0) {
      await ctx.answerCallbackQuery({ text: ctx.t(action ? 'button-stale' : 'button-unknown') });
      return;
    }
    await ctx.answerCallbackQuery();
    // The picker turns into what was picked: no extra message, nothing left to press twice.
    await editHtml(ctx, message, articleBlocks(action.command, article, ctx.t), { inline_keyboard: [] });
  });

  return composer;
}
