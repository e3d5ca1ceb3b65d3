/** Characters a cut should not end on: a dangling comma or dash reads as a typo before the ellipsis. */
const TRAILING = /[\s,;:.\-–—]+$/;

/**
 * Cuts text to at most `max` characters with an ellipsis: titles, button
 * labels, and sentences too long to show whole. Counts code points, so an
 * emoji is never split. The cut falls at a word boundary; with `clause`, at
 * the last clause boundary (a comma, semicolon, colon or dash) in the second
 * half, so a long sentence stops where a thought does.
 */
export function shorten(text: string, max: number, opts: { clause?: boolean } = {}): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  // `max` code points take at most 2 * max code units: never spread a megabyte into an array.
  const chars = [...trimmed.slice(0, 2 * max)];
  if (chars.length <= max && trimmed.length <= 2 * max) return trimmed;
  const cut = chars.slice(0, max - 1).join('');
  const atClause = opts.clause ? /^([\s\S]*[,;:–—])\s/.exec(cut)?.[1] : undefined;
  const atWord = cut.replace(/\s+\S*$/, '');
  const best = atClause !== undefined && atClause.length >= max / 2 ? atClause : atWord.length >= max / 2 ? atWord : cut;
  return `${best.replace(TRAILING, '')}…`;
}
