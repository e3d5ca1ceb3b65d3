import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';
import { questionType } from '../../src/search/answer-type.ts';

const ARTICLE = [
  'Home side loses final',
  '',
  'Portugal beat Spain in the cup final.',
  '',
  'The match was played on Saturday at the national stadium.',
  '',
  'About 40,000 fans watched the game in Lisbon.',
].join('\n');

describe('questionType: a question typed as a bare noun', () => {
  it.each<[question: string, type: string | undefined, why: string]>([
    ['price?', 'number', 'a price is a figure'],
    ['death toll?', 'number', 'a toll is a count'],
    ['venue?', 'place', 'a venue is a place'],
    ['what was the final score of the long match in the end', undefined, 'a long question is not a bare noun: its last word says nothing of the type'],
    ['sentence?', undefined, 'a sentence (prison term) is not a typed thing the regexes know'],
  ])('"%s" -> %s (%s)', (question, type) => {
    expect(questionType(question)).toBe(type);
  });
});

describe('Engine.ask: a short typed question that names nothing the article has', () => {
  const alone = createEngine({ dir: 'inline', articles: [parseArticle('final', ARTICLE)] });
  const two = createEngine({ dir: 'inline', articles: [parseArticle('final', ARTICLE), parseArticle('other', 'Other\n\nA different story about rain.')] });

  it.each<[question: string, sentence: number, why: string]>([
    ['when?', 1, 'the first sentence holding a date ("Saturday") answers a bare "when"'],
    ['who won', 0, '"won" is not in the article; a "who" question about the article as a whole gets the first sentence naming someone, its lead'],
    ['how many were there', 2, 'no content word at all: the first sentence holding a figure'],
  ])('"%s" -> closest, sentence %i (%s)', (question, sentence) => {
    const r = alone.ask(question);
    expect(r.kind).toBe('closest');
    expect(r.hits[0]?.sentence).toBe(sentence);
  });

  it.each<[question: string, why: string]>([
    ['who is the president of france', 'two content words the article lacks: a question about something else, refused'],
    ['why?', 'no type asked: nothing to look for'],
  ])('refuses "%s" (%s)', (question) => {
    expect(alone.ask(question).kind).toBe('none');
  });

  it('refuses when several articles are asked and none is named: which lead would answer is unknown', () => {
    expect(two.ask('when?').kind).toBe('none');
  });
});
