/**
 * Pure rendering: reply content to Telegram HTML.
 *
 * Everything that comes from the article or from a user is escaped here and
 * nowhere else; every sentence is cut to a readable length and every reply
 * to at most three messages of Telegram's 4096 characters, so no handler can
 * forget any of these.
 */
import type { Citation, Passage, Reply } from './answer.ts';
import type { Fact } from './digest.ts';
import { shorten } from './shorten.ts';
import type { Span } from './spans.ts';

/** Translation function: the i18n plugin's `ctx.t`, or any equivalent. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;
/** The most messages one reply may take; beyond that a chat is flooded, not answered. */
export const MAX_MESSAGES = 3;
/** Shown at the end of a reply cut by {@link MAX_MESSAGES} when the caller gives no translation. */
export const CUT_NOTICE = '<i>(cut here: a reply is at most three messages long)</i>';
/**
 * Longest sentence shown whole in passages, facts and summaries. A news
 * sentence is rarely over 300 characters; a longer one is usually a text
 * without full stops, and shown whole it would fill the chat.
 */
export const SENTENCE_MAX = 600;
/** In the Context view the answering sentence may be this long, so "Context" shows what a passage cut. */
export const CONTEXT_SENTENCE_MAX = 3000;

/** Escapes the three characters Telegram's HTML parse mode requires. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decodes the entities Telegram's HTML knows back into text (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** A sentence with its highlighted spans in bold; everything escaped. */
export function highlight(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || end > text.length || end <= start) continue;
    out += escapeHtml(text.slice(at, start)) + '<b>' + escapeHtml(text.slice(start, end)) + '</b>';
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/** The citation line under a passage: title, then agency, place and date where known. */
export function renderCitation(c: Citation): string {
  const where = [c.source, c.place, c.date].filter((x): x is string => Boolean(x)).map(escapeHtml);
  return `— <i>${escapeHtml(c.title)}</i>${where.length > 0 ? `, ${where.join(', ')}` : ''}`;
}

/**
 * One sentence, highlighted; one longer than `max` is cut at a clause (else
 * word) boundary and says it is shortened, so a run-on sentence cannot fill
 * the chat. Highlights beyond the cut are dropped.
 */
export function renderSentence(text: string, spans: readonly Span[], t: Translate, max = SENTENCE_MAX): string {
  if (text.length <= max) return highlight(text, spans);
  const short = shorten(text, max, { clause: true });
  if (short === text.trim()) return highlight(text, spans);
  const kept = short.slice(0, -1);
  const clipped = spans.filter(([start]) => start < kept.length).map(([start, end]): Span => [start, Math.min(end, kept.length)]);
  return `${highlight(kept, clipped)}… <i>${t('shortened')}</i>`;
}

/**
 * One passage: its sentences (the matching one highlighted), then the
 * citation. With `wide` (the "Context" view, where several sentences
 * surround the answer) the whole answering sentence is bold, so it stands
 * out, and may be longer before it is cut.
 */
export function renderPassage(p: Passage, t: Translate, wide = false): string[] {
  const body = p.sentences
    .map((s) => (wide && s.focus ? renderSentence(s.text, [[0, s.text.length]], t, CONTEXT_SENTENCE_MAX) : renderSentence(s.text, s.highlights, t)))
    .join(' ');
  return [body, renderCitation(p.citation)];
}

/**
 * A full reply as HTML blocks (joined by blank lines into messages by
 * {@link toMessages}). A `closest` reply opens with the marker saying the
 * article may not answer exactly, in the same block as the first passage so
 * no message cut can part them. Only the page holding the first passage is
 * marked: the kind is a verdict on that passage, and later pages ("More")
 * are further passages for any kind.
 */
export function renderReply(reply: Reply, t: Translate): string[] {
  if (reply.kind === 'none') {
    const topics = reply.suggestions.map((s) => `<b>${escapeHtml(s)}</b>`);
    return [topics.length > 0 ? t('not-found', { topics: joinList(topics) }) : t('not-found-none')];
  }
  const blocks: string[] = [];
  reply.passages.forEach((p, i) => {
    const [body, cite] = renderPassage(p, t, reply.context === true);
    const numbered = reply.passages.length > 1 || reply.offset > 0 ? `${reply.offset + i + 1}. ${body ?? ''}` : (body ?? '');
    blocks.push(`${numbered}\n${cite ?? ''}`);
  });
  if (reply.kind === 'closest' && reply.offset === 0 && blocks.length > 0) blocks[0] = `${t('closest', { count: blocks.length })}\n${blocks[0] ?? ''}`;
  return blocks;
}

/** Key facts as a bulleted list, figures and names in bold. */
export function renderFacts(facts: readonly Fact[], citation: Citation, t: Translate): string[] {
  return [[t('facts-title'), ...facts.map((f) => `• ${renderSentence(f.text, f.highlights, t)}`)].join('\n'), renderCitation(citation)];
}

/** "a, b and c" in the reader's words. */
function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}, ${items[items.length - 1] ?? ''}`;
}

/** How a reply is cut into messages; the defaults are Telegram's limit and {@link MAX_MESSAGES}. */
export interface MessageOptions {
  limit?: number;
  max?: number;
  /** HTML line that ends a reply cut short (the reader's language); default {@link CUT_NOTICE}. */
  notice?: string;
}

/**
 * Packs HTML blocks into at most `max` messages of at most `limit`
 * characters, joining blocks with a blank line and breaking only between
 * blocks. A block longer than the limit on its own (a huge sentence) is cut
 * as plain text, so no tag is ever split. When the blocks need more messages,
 * the last one ends with `notice`: every message leaves room for it, so
 * nothing has to be packed twice. The one place the message cap lives.
 */
export function toMessages(blocks: readonly string[], opts: MessageOptions = {}): string[] {
  const max = opts.max ?? MAX_MESSAGES;
  const notice = opts.notice ?? CUT_NOTICE;
  const out: string[] = [];
  for (const message of pack(blocks, (opts.limit ?? MESSAGE_LIMIT) - notice.length - 2)) {
    if (out.length === max) {
      out[max - 1] = `${out[max - 1] ?? ''}\n\n${notice}`;
      break;
    }
    out.push(message);
  }
  return out;
}

/** The messages, lazily: a megabyte of text is only split as far as it is shown. */
function* pack(blocks: readonly string[], limit: number): Generator<string> {
  let current = '';
  for (const raw of blocks) {
    for (const block of raw.length <= limit ? [raw] : splitLongBlock(raw, limit)) {
      if (current === '') current = block;
      else if (current.length + 2 + block.length <= limit) current += `\n\n${block}`;
      else {
        yield current;
        current = block;
      }
    }
  }
  if (current !== '') yield current;
}

/** Cuts an over-long block at line breaks (our tags never span lines), else as plain text. */
function* splitLongBlock(html: string, limit: number): Generator<string> {
  const lines = html.split('\n');
  if (lines.length > 1) {
    for (const message of pack(lines, limit)) yield* message.split('\n\n');
    return;
  }
  const plain = unescapeHtml(html.replace(/<[^>]*>/g, ''));
  let current = '';
  for (const ch of plain) {
    const escaped = escapeHtml(ch);
    if (current.length + escaped.length > limit) {
      yield current;
      current = '';
    }
    current += escaped;
  }
  if (current !== '') yield current;
}

/** The lead as one short paragraph under a heading, then the citation. */
export function renderSummary(sentences: readonly string[], citation: Citation, t: Translate): string[] {
  return [`${t('summary-title')}\n${sentences.map((s) => renderSentence(s, [], t)).join(' ')}`, renderCitation(citation)];
}

/**
 * One line per article: number, title, date and size, so a reader can pick
 * one. A page of a longer list numbers from `first`, and its heading counts
 * all `total`.
 */
export function renderArticles(
  articles: ReadonlyArray<{ title: string; date?: string; lang?: string; sentences: number }>,
  t: Translate,
  { first = 1, total = articles.length }: { first?: number; total?: number } = {},
): string[] {
  const lines = articles.map(
    (a, i) =>
      `${first + i}. <b>${escapeHtml(a.title)}</b>${a.date ? `, ${escapeHtml(a.date)}` : ''}${a.lang ? `, ${t('article-language', { lang: a.lang })}` : ''} (${t('article-sentences', { count: a.sentences })})`,
  );
  return [[t('articles-title', { count: total }), ...lines].join('\n')];
}
