/** Tables for the terminal and for bench/RESULTS.md, from the same rows. */

export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** Columns to right-align (numbers). */
  numeric?: boolean[];
  note?: string;
}

/** A Markdown table with its title as a heading and its note under it. */
export function markdownTable(t: Table): string {
  const align = t.head.map((_, i) => (t.numeric?.[i] ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [`### ${t.title}`, '', line(t.head), `|${align.join('|')}|`, ...t.rows.map(line), ...(t.note ? ['', t.note] : []), ''].join('\n');
}

/** A plain-text table padded to column widths, for the terminal. */
export function terminalTable(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const cell = (c: string, i: number): string => (t.numeric?.[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0));
  const line = (cells: string[]): string => cells.map(cell).join('  ').trimEnd();
  return [t.title, line(t.head), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line), ''].join('\n');
}

/** A number with a fixed count of significant-looking decimals for tables. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds: three decimals under 1 ms, two under 10, one under 100, none above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  return num(value, abs < 1 ? 3 : abs < 10 ? 2 : abs < 100 ? 1 : 0);
}

export function pct(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : 'n/a';
}
