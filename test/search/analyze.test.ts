import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from '../../src/search/analyze.ts';
import { numberWord } from '../../src/search/numbers.ts';

describe('analyze', () => {
  // Each pair must share terms: the reader's wording on the left, the article's on the right.
  it.each([
    ['possessive with s', "Kazakhstan's independence", 'Kazakhstan independence'],
    ['possessive after s', "Belarus' partner", 'Belarus partner'],
    ['currency and magnitude', '$1.1 billion', '1.1bn'],
    ['ordinal digits', '25th anniversary', '25 anniversary'],
    ['ordinal words', 'twenty-fifth anniversary', '25th anniversary'],
    ['irregular superlative', 'the highest trade', 'high trade'],
    ['irregular past', 'who built it', 'build'],
    ['irregular plural', 'men', 'man'],
    ['diacritics', 'Zürich café', 'Zurich cafe'],
    ['full-width and ligature forms (NFKC)', 'ﬁnance ２０１４', 'finance 2014'],
    ['thousands separator', '75,000 people', '75000 people'],
  ])('%s: "%s" ~ "%s"', (_why, reader, article) => {
    expect(analyze(reader, 'query')).toEqual(analyze(article, 'query'));
  });

  it('drops question words and function words', () => {
    expect(analyze('What was the 2014 trade volume?', 'query')).toEqual(['2014', 'trade', 'volum']);
  });

  it('indexes a hyphenated word whole and by parts', () => {
    expect(analyze('pre-crisis')).toEqual(['pre', 'crisi', 'precrisi']);
  });

  it('meets an acronym and its spelled-out name across sides only', () => {
    expect(analyze('the United Nations', 'query')).toContain('un');
    expect(analyze('In the UN Kazakhstan')).toContain('un');
    expect(analyze('the United Nations')).toContain('~un');
    expect(analyze('in the UN?', 'query')).toContain('~un');
  });

  it('does not read a question typed in capitals as acronyms', () => {
    expect(analyze('WHAT WAS THE TRADE IN 2014', 'query')).toEqual(['trade', '2014']);
  });

  it('keeps spans on the surface words for bolding', () => {
    const text = 'a record high trade of $1.1 billion';
    const spans = createAnalyzer()
      .tokenize(text)
      .map((t) => text.slice(t.start, t.end));
    expect(spans).toEqual(['record', 'high', 'trade', '1.1', 'billion']);
  });
});

describe('numberWord', () => {
  it.each([
    ['fifth', '5'],
    ['twelve', '12'],
    ['twenty-five', '25'],
    ['thirtieth', '30'],
    ['twenty-fifth', '25'],
    ['fifty-twelve', undefined],
    ['trade', undefined],
  ])('%s -> %s', (word, digits) => {
    expect(numberWord(word)).toBe(digits);
  });
});
