import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';
import { questionType } from '../../src/search/answer-type.ts';
import { editDistance, fixQuestionWords, typoBudget } from '../../src/search/typos.ts';

describe('editDistance', () => {
  it.each<[a: string, b: string, max: number, expected: number, why: string]>([
    ['what', 'what', 1, 0, 'the same word'],
    ['wat', 'what', 1, 1, 'one letter left out'],
    ['hw', 'how', 1, 1, 'one letter left out of a short word'],
    ['whta', 'what', 1, 1, 'two neighbours swapped is one edit'],
    ['nucleer', 'nuclear', 2, 1, 'one letter wrong'],
    ['kazahstan', 'kazakhstan', 2, 1, 'one letter left out of a name'],
    ['nazarbaiv', 'nazarbayev', 2, 2, 'two edits'],
    ['trade', 'volume', 2, 3, 'far apart: stops at max + 1'],
    ['a', 'abcdef', 2, 3, 'lengths alone rule it out'],
  ])('%s ~ %s (max %i) = %i: %s', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
  });
});

describe('fixQuestionWords', () => {
  const dictionary = new Set(['trade', 'volume', 'hat', 'war']);
  const isKnown = (w: string): boolean => dictionary.has(w.toLowerCase()) || ['them', 'then', 'there', 'we', 'is'].includes(w.toLowerCase());
  it.each<[question: string, expected: string, why: string]>([
    ['wat was the trade volum in 2014', 'what was the trade volum in 2014', '"wat" is one edit from "what" and not a word of the article'],
    ['hw many people came', 'how many people came', 'two letters, the first one right'],
    ['wen did it start', 'when did it start', '"wen" is read as "when"'],
    ['wher is the hat', 'where is the hat', '"wher" -> "where"; "hat" is a known word, not a typo of "what"'],
    ['when did the war end', 'when did the war end', 'nothing misspelt: nothing changes'],
    ['tell them then', 'tell them then', 'stop words are real words, one edit from "when" or not'],
    ['volum of trade', 'volum of trade', 'a content word far from every question word stays for fuzzy search'],
  ])('%s -> %s (%s)', (question, expected) => {
    expect(fixQuestionWords(question, isKnown)).toBe(expected);
  });

  it('gives the question its type back ("hw many" wants a figure)', () => {
    expect(questionType('hw many people came')).toBeUndefined();
    expect(questionType(fixQuestionWords('hw many people came', isKnown))).toBe('number');
  });
});

describe('typoBudget', () => {
  it.each<[term: string, edits: number, why: string]>([
    ['sit', 0, 'three letters: too many words are one edit apart'],
    ['trde', 1, 'four letters: one edit'],
    ['nucleer', 1, 'up to seven letters: one edit'],
    ['nazarbaiv', 2, 'eight letters and more: two edits'],
  ])('%s -> %i (%s)', (term, edits) => {
    expect(typoBudget(term)).toBe(edits);
  });
});

describe('Engine.ask: typos in the question', () => {
  const ARTICLE = [
    'Trade between neighbours',
    '',
    'The two presidents met in Astana on Monday.',
    'Bilateral trade reached 900 million dollars in 2014.',
    'Officials from Nazarbayev University signed a memorandum.',
  ].join('\n');
  const corpus = { dir: 'inline', articles: [parseArticle('trade', ARTICLE)] };
  const on = createEngine(corpus);
  const off = createEngine(corpus, { fuzzy: false });

  it.each<[question: string, sentence: number, why: string]>([
    ['wat was the trde in 2014', 1, '"trde" is one edit from "trade" (four letters), "wat" is a question word'],
    ['who signed at Nazarbaiv univ', 2, 'a name two edits off still finds it'],
    ['hw much was bilatral trade', 1, '"bilatral" is one letter short'],
  ])('"%s" -> sentence %i (%s)', (question, sentence) => {
    expect(on.ask(question).hits[0]?.sentence).toBe(sentence);
  });

  it('counts a misspelt question word as what it means, not as a word the article lacks', () => {
    const typed = on.ask('hw much was bilateral trade');
    const clean = on.ask('how much was bilateral trade');
    expect(typed.confidence).toBeCloseTo(clean.confidence ?? 0, 6);
    expect(off.ask('hw much was bilateral trade').confidence).toBeLessThan(clean.confidence ?? 0);
  });
});
