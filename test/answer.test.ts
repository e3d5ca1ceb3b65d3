import { describe, expect, it } from 'vitest';
import { answerQuestion, minimalContext } from '../src/answer.ts';
import { parseArticle } from '../src/corpus.ts';
import { leansOnPrevious } from '../src/search/context.ts';
import type { AnswerKind } from '../src/search/engine.ts';
import { bridgeLibrary, KIND_QUESTIONS } from './support/engine.ts';

const library = bridgeLibrary();

describe('answerQuestion', () => {
  it.each<[AnswerKind, string]>(Object.entries(KIND_QUESTIONS) as [AnswerKind, string][])(
    'carries the engine’s kind %s into the reply ("%s")',
    (kind, question) => {
      const reply = answerQuestion(library, question);
      expect(reply.kind).toBe(kind);
      expect(reply.kind === 'none' ? reply.suggestions.length : reply.passages.length).toBeGreaterThan(0);
    },
  );

  it('keeps the kind on later pages, so a page is recomputed the same from its offset', () => {
    expect(answerQuestion(library, KIND_QUESTIONS.closest, { offset: 1 }).kind).toBe('closest');
  });

  it('shows passages unmarked with `always` (a topic button: every passage is about it), whatever the engine’s kind', () => {
    expect(answerQuestion(library, KIND_QUESTIONS.closest, { always: true }).kind).toBe('sure');
  });
});

describe('Library.exampleQuestions', () => {
  it('offers only questions the engine is sure of, curated ones first', () => {
    const examples = library.exampleQuestions(3, [KIND_QUESTIONS.closest, KIND_QUESTIONS.sure, KIND_QUESTIONS.none]);
    expect(examples[0]).toBe(KIND_QUESTIONS.sure);
    for (const q of examples) expect(library.engine.ask(q).kind, q).toBe('sure');
  });
});

describe('minimalContext', () => {
  // Two short paragraphs; each case names the sentence asked for, the window expected, and why.
  const article = parseArticle(
    'lean',
    [
      'Leaning sentences',
      '',
      'Thomas Newcomen built an engine in 1712. He sold it to a mine. Moreover, it ran for decades. The mine closed in 1750.',
      '',
      'It was sold for scrap. "The engine was the first of its kind. Nothing came close," said the curator. Visitors still come.',
    ].join('\n'),
  );
  it.each<[sentence: number, window: [number, number], why: string]>([
    [0, [0, 0], 'the first sentence has nothing before it'],
    [1, [0, 1], '"He" points back to Newcomen'],
    [2, [1, 2], 'a connective ("Moreover") continues the sentence before, as the ranking reads it too'],
    [3, [3, 3], 'a sentence with its own subject stands alone'],
    [4, [4, 4], '"It" opens a new paragraph: the sentence before belongs to another thought'],
    [5, [5, 6], 'a quotation that the next sentence finishes needs it: it says who spoke'],
    [6, [5, 6], 'the end of a quotation needs its beginning'],
    [7, [7, 7], 'an ordinary sentence after a quotation stands alone'],
  ])('sentence %i shows %j: %s', (i, window) => {
    expect(minimalContext(article, i)).toEqual(window);
  });

  it('uses the ranking’s rule: a sentence leans on the one before exactly when `leansOnPrevious` says so (same paragraph)', () => {
    for (const s of article.sentences) {
      const prev = article.sentences[s.index - 1];
      const leans = prev !== undefined && prev.paragraph === s.paragraph && leansOnPrevious(s);
      expect(minimalContext(article, s.index)[0], s.text).toBe(leans ? s.index - 1 : s.index);
    }
  });
});
