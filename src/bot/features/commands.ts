/**
 * Conversation commands: /start (also with a deep-linked question), /help,
 * /ask, and the shortcut commands of `shortcuts.json`. They work in every
 * chat type (also as `/ask@botname` in groups and as channel posts).
 */
import { Composer } from 'grammy';
import { escapeHtml } from '../../render.ts';
import { answerIn, type Answerer } from '../answerer.ts';
import type { BotContext } from '../context.ts';
import { deepLink, decodeStartPayload } from '../deeplink.ts';
import type { BotDeps } from '../deps.ts';
import { replyHtml } from '../reply.ts';

/** The feature: conversation commands; answers go through `answerer` so that edits and buttons work on them too. */
export function commands(deps: BotDeps, answerer: Answerer): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    // A deep link (t.me/bot?start=...) carries a question: answer it right away.
    const question = decodeStartPayload(ctx.match.trim());
    if (question !== undefined) {
      await answerIn(ctx, answerer, question);
      return;
    }
    const library = deps.library(ctx.chat.id);
    const articles = library.articles;
    const title = articles.length === 1 ? (articles[0]?.title ?? '') : articles.map((a) => a.title).join('; ');
    const blocks = [ctx.t('welcome', { count: articles.length, title: escapeHtml(title) })];
    const examples = library.exampleQuestions(
      3,
      (deps.shortcuts ?? []).map((sc) => sc.question),
    );
    if (examples.length > 0) blocks.push(`${ctx.t('welcome-examples')}\n${examples.map((q) => `• <i>${escapeHtml(q)}</i>`).join('\n')}`);
    const link = examples.map((q) => deepLink(ctx.me.username, q)).find((l) => l !== undefined);
    if (link) blocks.push(ctx.t('welcome-share', { link: escapeHtml(link) }));
    await replyHtml(ctx, blocks);
  });

  composer.command('help', async (ctx) => {
    const blocks = [ctx.t('help', { username: ctx.me.username })];
    const shortcuts = deps.shortcuts ?? [];
    if (shortcuts.length > 0) blocks.push([ctx.t('help-shortcuts'), ...shortcuts.map((s) => `/${s.command} - ${escapeHtml(s.question)}`)].join('\n'));
    if (ctx.chat.type === 'group' || ctx.chat.type === 'supergroup') blocks.push(ctx.t('help-group', { username: ctx.me.username }));
    await replyHtml(ctx, blocks);
  });

  composer.command('ask', async (ctx) => {
    const question = ctx.match.trim();
    if (question === '') {
      const example = deps.library(ctx.chat.id).exampleQuestions(1)[0] ?? 'What is the article about?';
      await replyHtml(ctx, [ctx.t('ask-usage', { example: escapeHtml(example) })]);
      return;
    }
    await answerIn(ctx, answerer, question);
  });

  for (const shortcut of deps.shortcuts ?? []) {
    composer.command(shortcut.command, async (ctx) => {
      await answerIn(ctx, answerer, shortcut.question);
    });
  }

  return composer;
}
