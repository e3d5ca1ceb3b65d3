/**
 * Inline mode: `@botname question` in any chat lists the best passages; the
 * one picked is posted with the match in bold and the source. When the bot
 * is not sure the passages answer (the closest ones), each result says so in
 * its description, so nobody posts one believing it is the answer. An empty
 * query lists the key facts, so the bot is useful before a word is typed.
 *
 * Needs inline mode switched on in BotFather (`/setinline`).
 */
import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { answerQuestion, citationOf, type Reply } from '../../answer.ts';
import { keyFacts } from '../../digest.ts';
import { articleKey, type Library } from '../../library.ts';
import { renderCitation, renderPassage, renderSentence, toMessages, type Translate } from '../../render.ts';
import { shorten } from '../../shorten.ts';
import type { BotContext } from '../context.ts';
import { encodeStartPayload } from '../deeplink.ts';
import type { BotDeps } from '../deps.ts';
import { noteAnswer } from '../logging.ts';
import { HTML_OPTIONS } from '../reply.ts';

/** Results per query: a short list reads faster than a long one on a phone. */
export const INLINE_RESULTS = 5;
/**
 * Seconds Telegram may serve cached results. The corpus only changes on a
 * restart or reload, so a few minutes saves work without serving stale text for long.
 */
export const INLINE_CACHE_SECONDS = 300;
const TITLE_MAX = 64;

/**
 * The inline results for a query: passages that answer it (marked when only
 * the closest), or key facts when it is empty; with the answer they come
 * from (none for key facts). Result ids name articles by key, as buttons do.
 */
export function inlineResults(library: Library, query: string, t: Translate): { results: InlineQueryResultArticle[]; reply?: Reply } {
  if (query.trim() === '') {
    const results = library.articles
      .flatMap((a) => keyFacts(a).map((f) => ({ a, f })))
      .slice(0, INLINE_RESULTS)
      .map(({ a, f }) =>
        article(`f${articleKey(a.id)}.${f.index}`, f.text, a.title, `${renderSentence(f.text, f.highlights, t)}\n${renderCitation(citationOf(a))}`, t),
      );
    return { results };
  }
  const reply = answerQuestion(library, query, { count: INLINE_RESULTS });
  if (reply.kind === 'none') return { results: [], reply };
  const results = reply.passages.map((p) => {
    const focus = p.sentences.find((s) => s.focus) ?? p.sentences[0];
    const description = reply.kind === 'closest' ? t('inline-closest', { title: p.citation.title }) : p.citation.title;
    return article(`p${articleKey(p.citation.doc)}.${focus?.index ?? 0}`, focus?.text ?? '', description, renderPassage(p, t).join('\n'), t);
  });
  return { results, reply };
}

function article(id: string, sentence: string, description: string, html: string, t: Translate): InlineQueryResultArticle {
  return {
    type: 'article',
    id,
    title: shorten(sentence, TITLE_MAX),
    description,
    // A passage is a few sentences, but one giant sentence must not make Telegram reject the whole answer.
    input_message_content: { message_text: toMessages([html], { max: 1, notice: t('reply-cut') })[0] ?? '', ...HTML_OPTIONS },
  };
}

/** The feature: answers inline queries. */
export function inline(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    // No chat: the shipped corpus, so no chat's own articles ever reach another user's inline results.
    const { results, reply } = inlineResults(deps.library(), query, ctx.t);
    if (reply) noteAnswer(ctx, reply);
    // Nothing found: a button into the private chat, where the question gets a full answer with suggestions.
    const button = results.length === 0 ? { text: ctx.t('inline-nothing'), start_parameter: encodeStartPayload(query) ?? 'inline' } : undefined;
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, ...(button ? { button } : {}) });
  });
  return composer;
}
