/**
 * Article pickers that page: `/facts`, `/summary`, `/source` and `/remove`
 * offer a chat's articles as buttons, {@link PICKER_PAGE_SIZE} a page,
 * newest first, with ‹ › buttons to turn the page. Telegram refuses a
 * keyboard of more than 100 buttons, and a channel may hold thousands of
 * posts; a long keyboard would be no use anyway.
 *
 * Each article button names its article by key (it still means that
 * article after new posts arrive); a page button carries only the page
 * number, so a page turned later shows what is newest then.
 */
import { InlineKeyboard } from 'grammy';
import type { Article } from '../corpus.ts';
import { shorten } from '../shorten.ts';
import { encodeAction, type PickerList } from './callback.ts';
import type { BotContext } from './context.ts';

/** Articles a picker shows at once: a screenful on a phone. */
export const PICKER_PAGE_SIZE = 8;

/**
 * The articles in the order every list and picker numbers them: newest
 * date first, undated last; among equal dates, the one added later first
 * (a chat library grows at its end), so `/facts 2` means what `/articles`
 * numbers 2.
 */
export function newestFirst(articles: readonly Article[]): Article[] {
  return articles
    .map((article, at) => ({ article, at, date: article.meta.date ?? '' }))
    .sort((a, b) => (a.date === b.date ? b.at - a.at : a.date < b.date ? 1 : -1))
    .map((x) => x.article);
}

/** One page of a picker: its keyboard, and which page it is of how many (both from 0 / counts). */
export interface PickerPage {
  keyboard: InlineKeyboard;
  /** The page shown, from 0; a page past the end shows the last. */
  page: number;
  pages: number;
}

/**
 * One page of `ordered` (see {@link newestFirst}) as buttons numbered as
 * `/articles` numbers them, each with the callback data `pick` gives it,
 * then ‹ › when there are pages before or after.
 */
export function pickerPage(list: PickerList, ordered: readonly Article[], page: number, pick: (article: Article) => string): PickerPage {
  const pages = Math.max(1, Math.ceil(ordered.length / PICKER_PAGE_SIZE));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const keyboard = new InlineKeyboard();
  const first = shown * PICKER_PAGE_SIZE;
  ordered.slice(first, first + PICKER_PAGE_SIZE).forEach((article, i) => {
    if (i > 0) keyboard.row();
    keyboard.text(`${first + i + 1}. ${shorten(article.title, 48)}`, pick(article));
  });
  if (pages > 1) {
    keyboard.row();
    if (shown > 0) keyboard.text('‹', encodeAction({ kind: 'page', list, page: shown - 1 }));
    if (shown < pages - 1) keyboard.text('›', encodeAction({ kind: 'page', list, page: shown + 1 }));
  }
  return { keyboard, page: shown, pages };
}

/** A picker's question, and which page it shows when there are several. */
export function pickerText(question: string, shown: PickerPage, t: BotContext['t']): string {
  return shown.pages > 1 ? `${question} ${t('picker-page', { page: shown.page + 1, pages: shown.pages })}` : question;
}
