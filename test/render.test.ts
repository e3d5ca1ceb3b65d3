import { describe, expect, it } from 'vitest';
import type { Passage, Reply } from '../src/answer.ts';
import { CUT_NOTICE, escapeHtml, highlight, MAX_MESSAGES, MESSAGE_LIMIT, renderReply, renderSentence, SENTENCE_MAX, toMessages } from '../src/render.ts';

const t = (key: string, vars: Record<string, string | number> = {}): string => `${key}:${Object.values(vars).join('|')}`;

/** Every tag opened is closed, in order, and only tags Telegram allows appear. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!['b', 'i', 'code', 'a', 'u', 's', 'pre', 'blockquote'].includes(m[2]!)) return false;
    if (m[1] === '') stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe('escapeHtml', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['AT&T', 'AT&amp;T'],
    ['a > b < c', 'a &gt; b &lt; c'],
    ['&amp;', '&amp;amp;'],
    ['plain', 'plain'],
  ])('escapes %s', (input, want) => {
    expect(escapeHtml(input)).toBe(want);
  });
});

describe('highlight', () => {
  it('bolds the given spans and escapes everything else', () => {
    const text = 'Trade <up> & $1.1 billion';
    const at = text.indexOf('billion');
    expect(
      highlight(text, [
        [0, 5],
        [at, at + 7],
      ]),
    ).toBe('<b>Trade</b> &lt;up&gt; &amp; $1.1 <b>billion</b>');
  });
  it('escapes text inside a bold span', () => {
    expect(highlight('x <y> z', [[2, 5]])).toBe('x <b>&lt;y&gt;</b> z');
  });
  it('ignores overlapping and out-of-range spans rather than breaking the markup', () => {
    const html = highlight('abcdef', [
      [0, 3],
      [2, 4],
      [5, 99],
    ]);
    expect(html).toBe('<b>abc</b>def');
    expect(balanced(html)).toBe(true);
  });
});

describe('renderReply', () => {
  const passage: Passage = {
    citation: { doc: 'd', title: 'A <title> & more', date: '2016-12-08', place: 'Minsk', source: 'Kazinform' },
    sentences: [{ index: 0, text: 'Profits <rose> & fell.', highlights: [[0, 7]], focus: true }],
  };
  const answer = { kind: 'sure', question: 'q', offset: 0, more: false, passages: [passage] } satisfies Reply;
  it('escapes article text and the citation, and keeps tags balanced', () => {
    const html = renderReply(answer, t).join('\n\n');
    expect(html).toContain('<b>Profits</b> &lt;rose&gt; &amp; fell.');
    expect(html).toContain('<i>A &lt;title&gt; &amp; more</i>, Kazinform, Minsk, 2016-12-08');
    expect(balanced(html)).toBe(true);
  });
  it('offers the suggested topics, escaped, when the article does not say', () => {
    const html = renderReply({ kind: 'none', question: '<q>', suggestions: ['trade & <oil>', 'x'] }, t).join('');
    expect(html).toContain('&lt;oil&gt;');
    expect(html).not.toContain('<oil>');
    expect(html.startsWith('not-found')).toBe(true);
  });

  // The closest marker heads the page that holds the engine's first passage, whose verdict the kind is.
  it.each<{ why: string; reply: Reply; marker?: string }>([
    { why: 'a sure answer is shown as it is', reply: { ...answer, kind: 'sure' } },
    { why: 'a closest answer opens with the marker', reply: { ...answer, kind: 'closest' }, marker: 'closest:1\n' },
    { why: 'the marker counts the passages it introduces', reply: { ...answer, kind: 'closest', passages: [passage, passage] }, marker: 'closest:2\n1. ' },
    { why: 'a later page ("More") holds further passages, not the verdict: unmarked', reply: { ...answer, kind: 'closest', offset: 3 } },
  ])('$why', ({ reply, marker }) => {
    const html = renderReply(reply, t).join('\n\n');
    expect(html.includes('closest:')).toBe(marker !== undefined);
    if (marker !== undefined) expect(html.startsWith(marker)).toBe(true);
    expect(html).toContain('<b>Profits</b>');
  });
});

describe('toMessages', () => {
  it('joins short blocks into one message', () => {
    expect(toMessages(['a', 'b'])).toEqual(['a\n\nb']);
  });
  it('never exceeds the limit and breaks between blocks', () => {
    const block = `<b>${'x'.repeat(1500)}</b>`;
    const messages = toMessages([block, block, block, block]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(m)).toBe(true);
    }
    expect(messages.join('\n\n')).toBe([block, block, block, block].join('\n\n'));
  });
  it('splits one huge block at its line breaks', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• <b>fact ${i}</b> ${'y'.repeat(40)}`);
    const messages = toMessages([lines.join('\n')]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(m)).toBe(true);
    }
  });
  it('cuts a single over-long line as plain, escaped text', () => {
    const messages = toMessages([`<b>${'&lt;'.repeat(3000)}</b>`]);
    expect(messages.every((m) => m.length <= MESSAGE_LIMIT && balanced(m))).toBe(true);
    expect(messages.join('')).toBe('&lt;'.repeat(3000));
  });
});

describe('toMessages, the cap', () => {
  it.each([
    { why: 'many blocks', blocks: Array.from({ length: 40 }, (_, i) => `<b>${i}</b> ${'z'.repeat(1000)}`) },
    { why: 'one block of many lines', blocks: [Array.from({ length: 400 }, (_, i) => `• <b>fact ${i}</b> ${'y'.repeat(40)}`).join('\n')] },
    { why: 'one line of a megabyte', blocks: [`<b>${'w '.repeat(500_000)}</b>`] },
  ])('never gives more than three messages, the last saying it was cut ($why)', ({ blocks }) => {
    const messages = toMessages(blocks);
    expect(messages).toHaveLength(MAX_MESSAGES);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(m)).toBe(true);
    }
    expect(messages.at(-1)!.endsWith(`\n\n${CUT_NOTICE}`)).toBe(true);
  });

  it('says nothing when the reply fits, and keeps every word of it', () => {
    const blocks = Array.from({ length: 6 }, (_, i) => `<b>${i}</b> ${'z'.repeat(1500)}`);
    const messages = toMessages(blocks);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n\n')).toBe(blocks.join('\n\n'));
  });

  it('takes the notice in the reader’s language and a smaller cap, for a message that is edited', () => {
    const notice = '<i>(обрезано)</i>';
    const messages = toMessages(['a'.repeat(3000), 'b'.repeat(3000)], { max: 1, notice });
    expect(messages).toEqual([`${'a'.repeat(3000)}\n\n${notice}`]);
  });
});

describe('renderSentence', () => {
  const long = `${'The council met, '.repeat(30)}and then it agreed on ${'a very long list of things '.repeat(20)}`;
  it.each([
    {
      why: 'a sentence that fits is only highlighted',
      text: 'Trade grew by a third.',
      spans: [[0, 5]] as [number, number][],
      want: '<b>Trade</b> grew by a third.',
    },
    { why: 'an article’s text is escaped either way', text: 'A <b> & c.', spans: [], want: 'A &lt;b&gt; &amp; c.' },
  ])('$why', ({ text, spans, want }) => {
    expect(renderSentence(text, spans, t)).toBe(want);
  });

  it('cuts a run-on sentence at a clause boundary and says it is shortened', () => {
    const html = renderSentence(long, [], t);
    expect(html).toMatch(/^(The council met, )+The council met… <i>shortened:<\/i>$/);
    expect(html.length).toBeLessThanOrEqual(SENTENCE_MAX + 20);
  });

  it('keeps highlights before the cut, clips one across it and drops those after', () => {
    const at = long.indexOf('agreed');
    const cut = long.lastIndexOf(',', 600);
    const html = renderSentence(
      long,
      [
        [0, 3],
        [cut - 3, cut + 10],
        [at, at + 6],
      ],
      t,
      600,
    );
    expect(html.startsWith('<b>The</b>')).toBe(true);
    expect(html.match(/<b>/g)).toHaveLength(2);
    expect(html).toContain('<b>met</b>…');
    expect(html).not.toContain('agreed');
    expect(balanced(html)).toBe(true);
  });
});
