/**
 * Commands: /start, /help, /ask, /facts, /source. They work in every chat
 * type (also as `/facts@botname` in groups and as channel posts).
 */
import { Composer } from 'grammy';
import { citationOf, exampleQuestions } from '../answer.ts';
import { keyFacts } from '../digest.ts';
import { escapeHtml, renderFacts } from '../render.ts';
import type { BotContext } from './context.ts';
import type { BotDeps } from './deps.ts';
import { answerIn } from './questions.ts';
import { replyHtml } from './reply.ts';

/** The commands shown in Telegram's menu, in order; descriptions are i18n keys `cmd-<name>`. */
export const MENU_COMMANDS = ['start', 'help', 'ask', 'facts', 'source'] as const;

export function commands(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    const engine = deps.engine();
    const articles = engine.corpus.articles;
    const title = articles.length === 1 ? (articles[0]?.title ?? '') : articles.map((a) => a.title).join('; ');
    const blocks = [ctx.t('welcome', { count: articles.length, title: escapeHtml(title) })];
    const examples = exampleQuestions(engine);
    if (examples.length > 0) blocks.push(`${ctx.t('welcome-examples')}\n${examples.map((q) => `• <i>${escapeHtml(q)}</i>`).join('\n')}`);
    await replyHtml(ctx, blocks);
  });

  composer.command('help', async (ctx) => {
    const blocks = [ctx.t('help')];
    if (ctx.chat.type === 'group' || ctx.chat.type === 'supergroup') blocks.push(ctx.t('help-group', { username: ctx.me.username }));
    await replyHtml(ctx, blocks);
  });

  composer.command('ask', async (ctx) => {
    const question = ctx.match.trim();
    if (question === '') {
      const example = exampleQuestions(deps.engine(), 1)[0] ?? 'What is the article about?';
      await replyHtml(ctx, [ctx.t('ask-usage', { example: escapeHtml(example) })]);
      return;
    }
    await answerIn(ctx, deps, question);
  });

  composer.command('facts', async (ctx) => {
    const blocks = deps.engine().corpus.articles.flatMap((a) => renderFacts(keyFacts(a), citationOf(a), ctx.t));
    await replyHtml(ctx, blocks);
  });

  composer.command('source', async (ctx) => {
    const unknown = ctx.t('unknown');
    const blocks = deps.engine().corpus.articles.map((a) =>
      [
        ctx.t('source-title'),
        ctx.t('source-lines', {
          title: escapeHtml(a.title),
          date: escapeHtml(a.meta.date ?? unknown),
          place: escapeHtml(a.meta.place ?? unknown),
          source: escapeHtml(a.meta.source ?? unknown),
          sentences: a.sentences.length,
        }),
      ].join('\n'),
    );
    await replyHtml(ctx, blocks);
  });

  return composer;
}
