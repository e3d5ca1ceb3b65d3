import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';

const ARTICLE = [
  'Jobs report',
  '',
  'The unemployment rate fell to 4.1 percent in May, the ministry said.',
  '',
  'Floods caused the deaths of twelve people in the north.',
  '',
  'Users can send photos and videos to their friends.',
  '',
  'The height of the new tower is 320 metres.',
].join('\n');

describe('Engine.ask: another form of a word the article has', () => {
  const engine = createEngine({ dir: 'inline', articles: [parseArticle('jobs', ARTICLE)] });

  it.each<[question: string, sentence: number, why: string]>([
    ['jobless rate?', 0, '"jobless" is the news word for unemployment (derivation family)'],
    ['how many died', 1, '"died" and "deaths" stem apart; die, dead and death are one family'],
    ['what can you sned', 2, '"sned" is "send" with two letters swapped, two edits for the fuzzy search'],
    ['how high is the tower', 3, '"high" and "height" stem apart (derivation family)'],
  ])('"%s" -> sentence %i (%s)', (question, sentence) => {
    const r = engine.ask(question);
    expect(r.kind).not.toBe('none');
    expect(r.hits[0]?.sentence).toBe(sentence);
  });
});
