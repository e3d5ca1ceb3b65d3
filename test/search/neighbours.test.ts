import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';
import { borrowedScore, type Match } from '../../src/search/rank.ts';

const match = (id: number, score: number, terms: string[]): Match => ({
  id,
  score,
  match: Object.fromEntries(terms.map((t) => [t, ['text']])),
  queryTerms: terms,
});
const idf = (t: string): number => ({ council: 3, board: 1, bank: 2 })[t] ?? 1;

describe('borrowedScore', () => {
  it.each<[why: string, prev: Match | undefined, own: Match | undefined, expected: number]>([
    ['nothing before it matched: nothing to borrow', undefined, match(2, 4, ['board']), 0],
    ['the sentence matched nothing itself: it borrows all', match(1, 6, ['council', 'board']), undefined, 6],
    ['only "council" (3 of 4 IDF) is new to it: it borrows 3/4', match(1, 6, ['council', 'board']), match(2, 4, ['board']), 4.5],
    ['it has every word the sentence before it matched', match(1, 6, ['board']), match(2, 4, ['board', 'bank']), 0],
  ])('%s', (_why, prev, own, expected) => {
    expect(borrowedScore(prev, own, idf)).toBeCloseTo(expected, 9);
  });
});

describe('Engine.ask: a sentence that leans on the one before it', () => {
  const ARTICLE = [
    'Institutions',
    '',
    'The European Council gives the Union its political direction. It appoints the board of the central bank for eight years. The board of the central bank appoints staff.',
  ].join('\n');
  const engine = createEngine({ dir: 'inline', articles: [parseArticle('eu', ARTICLE)] });

  it.each<[question: string, sentence: number, why: string]>([
    [
      'Which council appoints the board of the central bank?',
      1,
      '"It appoints" borrows "council" from the sentence it leans on, and beats the sentence that repeats "board"',
    ],
    ['Who appoints staff at the central bank?', 2, 'a sentence that stands alone wins on its own words'],
  ])('"%s" -> sentence %i (%s)', (question, sentence) => {
    expect(engine.ask(question).hits[0]?.sentence).toBe(sentence);
  });

  it('loses the leaning answer without borrowing', () => {
    const off = createEngine({ dir: 'inline', articles: [parseArticle('eu', ARTICLE)] }, { contextWeight: 0 });
    expect(off.ask('Which council appoints the board of the central bank?').hits[0]?.sentence).not.toBe(1);
  });
});
