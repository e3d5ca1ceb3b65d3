import { describe, expect, it } from 'vitest';
import { SentenceTerms } from '../../src/search/sentence-terms.ts';

describe('SentenceTerms', () => {
  it('counts each term once per sentence, and a removed sentence out', () => {
    const s = new SentenceTerms();
    s.push(['bridge', 'bridge', 'toll']);
    s.push(['bridge', 'euro']);
    expect(s.docFreq('bridge')).toBe(2);
    expect(s.averageLength).toBe(2);
    s.remove(0);
    expect(s.docFreq('bridge')).toBe(1);
    expect(s.has('toll')).toBe(false);
    expect(s.liveCount).toBe(1);
    expect(s.termsOf(1)).toEqual(['bridge', 'euro']);
  });

  it('reads back what it saved, removed sentences included', () => {
    const s = new SentenceTerms();
    s.push(['bridge', 'bridge', 'toll']);
    s.push([]);
    s.push(['volcano']);
    s.remove(2);
    const back = SentenceTerms.restore(JSON.parse(JSON.stringify(s.serialize())) as ReturnType<SentenceTerms['serialize']>);
    expect(back.size).toBe(3);
    expect(back.liveCount).toBe(2);
    expect(back.docFreq('volcano')).toBe(0);
    expect([...back.of(0).counts]).toEqual([2, 1]);
    expect(back.termsOf(0)).toEqual(['bridge', 'toll']);
    expect(back.averageLength).toBe(s.averageLength);
  });
});
