import { unescapeHtml } from './render.ts';

/**
 * Telegram HTML to terminal text: bold and italics as ANSI styles (or plain
 * when the output is not a terminal), tags removed, entities decoded.
 */
export function htmlToTerminal(html: string, color: boolean): string {
  const style = (on: string, off: string) => (color ? [on, off] : ['', '']);
  const [b1, b0] = style('\x1b[1m', '\x1b[22m');
  const [i1, i0] = style('\x1b[3m', '\x1b[23m');
  return unescapeHtml(
    html
      .replace(/<b>/g, b1 ?? '')
      .replace(/<\/b>/g, b0 ?? '')
      .replace(/<i>/g, i1 ?? '')
      .replace(/<\/i>/g, i0 ?? '')
      .replace(/<code>/g, b1 ?? '')
      .replace(/<\/code>/g, b0 ?? '')
      .replace(/<[^>]*>/g, ''),
  );
}
