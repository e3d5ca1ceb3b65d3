import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';

const ARTICLE = [
  'Storm and fire',
  '',
  'A strong earthquake shook the coast on Monday morning.',
  '',
  'The navy sent two warships to the harbour.',
  '',
  'The government announced an agreement with the unions.',
].join('\n');

describe('Engine.ask: a word the article only uses inside a compound', () => {
  const on = createEngine({ dir: 'inline', articles: [parseArticle('storm', ARTICLE)] });
  const off = createEngine({ dir: 'inline', articles: [parseArticle('storm', ARTICLE)] }, { compoundTails: false, similarWords: 0 });

  it.each<[question: string, sentence: number, why: string]>([
    ['where was the quake', 0, '"quake" is the tail of "earthquake"'],
    ['which ships', 1, '"ship" is the tail of "warship", and the only word of the question'],
  ])('"%s" -> sentence %i (%s)', (question, sentence) => {
    const r = on.ask(question);
    expect(r.kind).not.toBe('none');
    expect(r.hits[0]?.sentence).toBe(sentence);
  });

  // Without the step no word of the question matches: "which ships" is refused, and "where was the quake" only gets
  // the article's first place-holding sentence as closest (a bare typed question, see type-only.test.ts).
  it.each(['where was the quake', 'which ships'])('matches no word of "%s" without compound tails: the step is what finds it', (question) => {
    const r = off.ask(question);
    expect(r.kind).not.toBe('sure');
    expect(r.hits[0]?.highlights ?? []).toEqual([]);
  });
});
