import { describe, expect, it } from 'vitest';
import { answerQuestion, exampleQuestions } from '../src/answer.ts';
import type { AnswerKind } from '../src/search/engine.ts';
import { bridgeEngine, KIND_QUESTIONS } from './support/engine.ts';

const engine = bridgeEngine();

describe('answerQuestion', () => {
  it.each<[AnswerKind, string]>(Object.entries(KIND_QUESTIONS) as [AnswerKind, string][])('carries the engine’s kind %s into the reply ("%s")', (kind, question) => {
    const reply = answerQuestion(engine, question);
    expect(reply.kind).toBe(kind);
    expect(reply.kind === 'none' ? reply.suggestions.length : reply.passages.length).toBeGreaterThan(0);
  });

  it('keeps the kind on later pages, so a page is recomputed the same from its offset', () => {
    expect(answerQuestion(engine, KIND_QUESTIONS.closest, { offset: 1 }).kind).toBe('closest');
  });

  it('shows passages unmarked with `always` (a topic button: every passage is about it), whatever the engine’s kind', () => {
    expect(answerQuestion(engine, KIND_QUESTIONS.closest, { always: true }).kind).toBe('sure');
  });
});

describe('exampleQuestions', () => {
  it('offers only questions the engine is sure of, curated ones first', () => {
    const examples = exampleQuestions(engine, 3, [KIND_QUESTIONS.closest, KIND_QUESTIONS.sure, KIND_QUESTIONS.none]);
    expect(examples[0]).toBe(KIND_QUESTIONS.sure);
    for (const q of examples) expect(engine.ask(q).kind, q).toBe('sure');
  });
});
