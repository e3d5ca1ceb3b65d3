import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from '../../src/corpus.ts';
import { createEngine, Engine } from '../../src/search/engine.ts';

const SEED_DIR = new URL('../../corpus', import.meta.url).pathname;
const BENCH_DIR = new URL('../../eval/squad/corpus', import.meta.url).pathname;

/** A ranking case: the question, the index of the sentence that must come first, and why it should win. */
type Case = [question: string, sentence: number, why: string];

async function engineOver(dir: string, only?: string): Promise<Engine> {
  const corpus = await loadCorpus(dir);
  const articles = only === undefined ? corpus.articles : corpus.articles.filter((a) => a.id === only);
  return createEngine({ dir, articles } satisfies Corpus);
}

describe('ranking: the seed article (Kazinform, Belarus and Kazakhstan)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOver(SEED_DIR);
  });

  const cases: Case[] = [
    ['what was the 2014 trade volume?', 10, '"2014" and "trade" meet only in the $1.1 billion sentence'],
    ['How much trade did they have in 2014?', 10, '"how much" wants an amount, and this sentence has one'],
    ['record trade 1.1bn', 10, '"1.1bn" is analyzed as "1.1 billion"'],
    ['WHAT WAS THE TRADE IN 2014', 10, 'a shouted question is not a row of acronyms'],
    ['Which group are they partners in at the United Nations?', 3, '"United Nations" meets the article\'s "UN"'],
    ['Semipalatinsk nucleer test sit', 4, 'typos in unknown words are forgiven by fuzzy matching'],
    ['cooperation within internatonal organisations', 2, 'a typo and a British spelling still find the sentence'],
    ['intergovernmental comission', 8, 'one letter missing in a rare word'],
    ['Which anniversary is Kazakhstan marking?', 5, '"anniversary" and "marking" are both in sentence 5'],
    ['When was the conference held?', 0, '"when" wants a date: "on 7 December"'],
    ['How often does the intergovernmental commission meet?', 8, '"meet" ~ "meets" by stemming'],
    ['ties between belarusians and kazakhs', 6, '"Belarusians" ~ "Belarusian", the pair of peoples'],
    ['What do they need to restore?', 11, 'the quotation\'s closing sentence holds "restore"'],
    ['Do the two countries have a roadmap?', 9, 'the one sentence with "roadmap"'],
    ['good neighbourly relations', 1, 'hyphenated "good-neighborly" is indexed by its parts'],
  ];

  it.each(cases)('%s -> sentence %i (%s)', (question, sentence) => {
    const r = engine.ask(question);
    expect(r.hits[0]?.sentence).toBe(sentence);
  });
});

describe('ranking: a bench article (Steam engine, from SQuAD 2.0 dev)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOver(BENCH_DIR, 'steam-engine');
  });

  const cases: Array<[question: string, contains: string, why: string]> = [
    ['Who invented the atmospheric engine?', 'Thomas Newcomen', '"invented" and "atmospheric engine" meet in the Newcomen sentence'],
    ['When did Watt patent his engine?', 'In 1781 James Watt patented', '"when" wants a year; "patent" ~ "patented"'],
    ['who built the first steam locomotive', 'Richard Trevithick', '"built" and "locomotive" in one sentence'],
  ];

  it.each(cases)('%s -> "%s" (%s)', (question, contains) => {
    const r = engine.ask(question);
    expect(r.hits[0]?.text).toContain(contains);
  });
});

describe('ranking: all articles in one index', () => {
  it('keeps the seed answer first among 13 articles', async () => {
    const seed = await loadCorpus(SEED_DIR);
    const bench = await loadCorpus(BENCH_DIR);
    const engine = createEngine({ dir: 'both', articles: [...seed.articles, ...bench.articles] });
    const r = engine.ask('what was the 2014 trade volume?');
    expect(r.hits[0]?.text).toContain('$1.1 billion');
    // "doc" restricts to one article, as the bot's per-article questions do.
    expect(engine.ask('steam engine', { doc: 'steam-engine' }).hits.every((h) => h.doc === 'steam-engine')).toBe(true);
  });
});
