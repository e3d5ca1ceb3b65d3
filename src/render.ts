/**
 * Pure rendering: reply content to Telegram HTML.
 *
 * Everything that comes from the article or from a user is escaped here and
 * nowhere else, and every message is cut to Telegram's 4096-character limit
 * at sentence boundaries, so no handler can forget either.
 */
import type { Citation, Passage, Reply } from './answer.ts';
import type { Fact } from './digest.ts';
import type { Span } from './spans.ts';

/** Translation function: the i18n plugin's `ctx.t`, or any equivalent. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/** Escapes the three characters Telegram's HTML parse mode requires. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
 * One passage: its sentences (the matching one highlighted), then the
 * citation. With `wide` (the "Context" view, where several sentences
 * surround the answer) the whole answering sentence is bold, so it stands out.
 */
export function renderPassage(p: Passage, wide = false): string[] {
  const body = p.sentences.map((s) => (wide && s.focus ? `<b>${escapeHtml(s.text)}</b>` : highlight(s.text, s.highlights))).join(' ');
  return [body, renderCitation(p.citation)];
}

/** A full reply as HTML blocks (joined by blank lines into messages by {@link toMessages}). */
export function renderReply(reply: Reply, t: Translate): string[] {
  if (reply.kind === 'unknown') {
    const topics = reply.suggestions.map((s) => `<b>${escapeHtml(s)}</b>`);
    return [topics.length > 0 ? t('not-found', { topics: joinList(topics) }) : t('not-found-none')];
  }
  const blocks: string[] = [];
  reply.passages.forEach((p, i) => {
    const [body, cite] = renderPassage(p, reply.context === true);
    const numbered = reply.passages.length > 1 || reply.offset > 0 ? `${reply.offset + i + 1}. ${body ?? ''}` : (body ?? '');
    blocks.push(`${numbered}\n${cite ?? ''}`);
  });
  return blocks;
}

/** Key facts as a bulleted list, figures and names in bold. */
export function renderFacts(facts: readonly Fact[], citation: Citation, t: Translate): string[] {
  return [[t('facts-title'), ...facts.map((f) => `• ${highlight(f.text, f.highlights)}`)].join('\n'), renderCitation(citation)];
}

/** "a, b and c" in the reader's words. */
function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}, ${items[items.length - 1] ?? ''}`;
}

/**
 * Packs HTML blocks into messages of at most `limit` characters, joining
 * blocks with a blank line and breaking only between blocks. A block longer
 * than the limit on its own (a huge sentence) is cut as plain text, so no
 * tag is ever split.
 */
export function toMessages(blocks: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of blocks) {
    for (const block of raw.length <= limit ? [raw] : splitLongBlock(raw, limit)) {
      if (current === '') current = block;
      else if (current.length + 2 + block.length <= limit) current += `\n\n${block}`;
      else {
        out.push(current);
        current = block;
      }
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** Cuts an over-long block at line breaks (our tags never span lines), else as plain text. */
function splitLongBlock(html: string, limit: number): string[] {
  const lines = html.split('\n');
  if (lines.length > 1) return toMessages(lines, limit).flatMap((m) => m.split('\n\n'));
  const plain = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const parts: string[] = [];
  let current = '';
  for (const ch of plain) {
    const escaped = escapeHtml(ch);
    if (current.length + escaped.length > limit) {
      parts.push(current);
      current = '';
    }
    current += escaped;
  }
  if (current !== '') parts.push(current);
  return parts;
}

/** Cuts plain text to at most `max` characters at a word boundary, with an ellipsis; for titles and button labels. */
export function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= max / 2 ? atWord : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The lead as one short paragraph under a heading, then the citation. */
export function renderSummary(sentences: readonly string[], citation: Citation, t: Translate): string[] {
  return [`${t('summary-title')}\n${escapeHtml(sentences.join(' '))}`, renderCitation(citation)];
}

/** One line per article: number, title, date and size, so a reader can pick one. */
export function renderArticles(articles: ReadonlyArray<{ title: string; date?: string; sentences: number }>, t: Translate): string[] {
  const lines = articles.map((a, i) =>
    `${i + 1}. <b>${escapeHtml(a.title)}</b>${a.date ? `, ${escapeHtml(a.date)}` : ''} (${t('article-sentences', { count: a.sentences })})`,
  );
  return [[t('articles-title', { count: articles.length }), ...lines].join('\n')];
}
