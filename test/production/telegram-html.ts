/**
 * A checker for Telegram's HTML parse mode, strict enough to catch what
 * Telegram would refuse ("can't parse entities"): only the supported tags,
 * properly nested and closed, and no bare `<`, `>` or `&`.
 */

const TAGS: Record<string, readonly string[]> = {
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  'tg-spoiler': [],
  span: ['class'],
  a: ['href'],
  'tg-emoji': ['emoji-id'],
  code: ['class'],
  pre: [],
  blockquote: ['expandable'],
};

const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:="[^"<>]*")?)*)\s*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|lt|gt|amp|quot);|[<>&]/g;

/** Returns what is wrong with `html` for Telegram, or undefined when it parses. */
export function telegramHtmlProblem(html: string): string | undefined {
  const open: string[] = [];
  for (const m of html.matchAll(TOKEN)) {
    const [whole, slash, name, attrs] = m;
    if (name === undefined) {
      if (whole.length === 1) return `bare "${whole}" at ${m.index}`;
      continue;
    }
    const tag = name.toLowerCase();
    const allowed = TAGS[tag];
    if (!allowed) return `unsupported tag <${slash}${name}> at ${m.index}`;
    if (slash) {
      if (open.pop() !== tag) return `</${tag}> closes nothing open at ${m.index}`;
      continue;
    }
    for (const a of (attrs ?? '').matchAll(/([A-Za-z-]+)(?:="([^"]*)")?/g)) {
      if (!allowed.includes(a[1]!.toLowerCase())) return `attribute ${a[1]} not allowed on <${tag}>`;
    }
    open.push(tag);
  }
  return open.length > 0 ? `unclosed <${open.join('>, <')}>` : undefined;
}

/** The text a reader sees: tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
