import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';
import { similarWords } from '../../src/search/similar-words.ts';

// Counts the reads of the table, to show it is read on first need, once.
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) };
});
const tableReads = (): number => vi.mocked(readFileSync).mock.calls.filter(([path]) => String(path).endsWith('similar-words.bin')).length;

const ARTICLE = [
  'Facebook buys WhatsApp',
  '',
  'Facebook will pay US$16 billion for the messaging service WhatsApp.',
  '',
  'A further US$3 billion in restricted stock is offered to employees who stay four years.',
  '',
  'Journalists should not be imprisoned for doing their jobs, the union said.',
  '',
  'The deal was announced on Wednesday in California.',
].join('\n');

describe('Engine.ask: a question word the article lacks, asked in other words', () => {
  const engine = createEngine({ dir: 'inline', articles: [parseArticle('deal', ARTICLE)] });

  it('does not read the table to build the engine, nor for a question whose words the article has', () => {
    engine.ask('how much will facebook pay');
    expect(tableReads()).toBe(0);
  });

  it.each<[question: string, sentence: number, why: string]>([
    ['what do the staff get', 1, '"staff" ~ "employees", the only content word of the question'],
    ['were they jailed', 2, '"jailed" ~ "imprisoned"'],
  ])('"%s" -> closest, sentence %i (%s)', (question, sentence) => {
    const r = engine.ask(question);
    // Words of like meaning also join words of one topic ("monday" ~ "tuesday"): related, never sure.
    expect(r.kind).toBe('closest');
    expect(r.hits[0]?.sentence).toBe(sentence);
  });

  it.each<[question: string, why: string]>([
    ['how much goes to the staff', '"staff" meets "employees" but "goes" meets nothing: a question may share only a topic'],
    ['who is the president of france', 'neither word meets anything in the article, and "california" is no neighbour of "france"'],
  ])('refuses "%s" (%s)', (question) => {
    expect(engine.ask(question).kind).toBe('none');
  });

  it('reads the table once, on the first question that needs it', () => {
    expect(tableReads()).toBe(1);
  });
});

describe('similarWords', () => {
  it.each<[word: string, similar: string, why: string]>([
    ['staff', 'employees', 'the same people in other words: no stem or derivation joins them'],
    ['fatalities', 'deaths', 'the news word for deaths'],
    ['jailed', 'imprisoned', 'the same act'],
    ['employees', 'workers', 'the same people'],
  ])('"%s" has "%s" among its nearest words (%s)', (word, similar) => {
    expect(similarWords()(word).map((s) => s.word)).toContain(similar);
  });

  it('gives nothing for a word the table lacks (a name, a typo)', () => {
    expect(similarWords()('whatsap')).toEqual([]);
  });
});
