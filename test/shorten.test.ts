import { describe, expect, it } from 'vitest';
import { shorten } from '../src/shorten.ts';

describe('shorten', () => {
  it.each([
    { why: 'a text that fits is returned as it is, trimmed', text: '  Trade grew.  ', max: 20, opts: {}, want: 'Trade grew.' },
    { why: 'a cut falls between words, never inside one', text: 'Belarus and Kazakhstan are interested in trade', max: 20, opts: {}, want: 'Belarus and…' },
    { why: 'a dangling comma is dropped before the ellipsis', text: 'Minsk, Astana, Moscow and Beijing', max: 16, opts: {}, want: 'Minsk, Astana…' },
    {
      why: 'with clause, the cut falls at the last clause boundary in the second half',
      text: 'The ministers met in Minsk on Monday, agreed on grain quotas and signed a treaty',
      max: 60,
      opts: { clause: true },
      want: 'The ministers met in Minsk on Monday…',
    },
    {
      why: 'with clause, a boundary too early to keep half the text is passed over for a word boundary',
      text: 'Yes, the ministers met in Minsk on Monday and agreed on grain quotas for the year',
      max: 40,
      opts: { clause: true },
      want: 'Yes, the ministers met in Minsk on…',
    },
    { why: 'one long word is cut inside it rather than lost', text: 'x'.repeat(30), max: 10, opts: {}, want: `${'x'.repeat(9)}…` },
    { why: 'an emoji (two code units) is never split', text: '😀'.repeat(20), max: 5, opts: {}, want: '😀😀😀😀…' },
  ])('$why', ({ text, max, opts, want }) => {
    const out = shorten(text, max, opts);
    expect(out).toBe(want);
    expect([...out].length).toBeLessThanOrEqual(max);
  });

  it('cuts a megabyte of text to the limit, at a clause', () => {
    const out = shorten('word, '.repeat(200_000), 600, { clause: true });
    expect(out).toMatch(/^(word, )+word…$/);
    expect([...out].length).toBeLessThanOrEqual(600);
  });
});
