/**
 * Bench worker: the bot's retrieval side by side with other well-known
 * JavaScript full-text engines, each used plainly (default options, one
 * document per sentence), on the SQuAD bench articles and their answerable
 * questions. Scoring as in eval/squad/README.md: the top sentence is right
 * when it contains a gold answer string, case-insensitively.
 *
 * Every engine gets the same sentences (split by the bot's own splitter),
 * so only retrieval differs. Accuracy is over all answerable questions;
 * latency over a shuffled mix of them, cut by an optional time budget.
 * Usage: node --import tsx bench/engines.ts '<json {budgetMs?}>'; prints one JSON line: {@link EngineRow}[].
 */
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import FlexSearch from 'flexsearch';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus.ts';
import { createEngine } from '../src/search/engine.ts';
import { holdsAnswer } from '../eval/metrics.ts';
import { loadQuestions, SQUAD_DIR } from './corpora.ts';
import { msSince, shuffled, summarize, timeEach, warmUp, type Summary } from './stats.ts';

export interface EngineRow {
  engine: string;
  /** How it was used, in a few words (options that differ from the defaults, if any). */
  usage: string;
  buildMs: number;
  accuracyAt1: number;
  /** Questions with no result at all. */
  empty: number;
  latency: Summary;
  /** The first pass alone (`latency` is per question the median of 3 passes). */
  once: Summary;
}

/** A search over sentence ids: the best first, [] for none. */
type Search = (question: string) => number[];

/** lunr reads `: ~ ^ + - *` as query operators; a plain user question must not be parsed as one. */
function lunrText(question: string): string {
  return question.replace(/[:~^+\-*]/g, ' ');
}

async function run(budgetMs: number): Promise<EngineRow[]> {
  const corpus = await loadCorpus(join(SQUAD_DIR, 'corpus'));
  const sentences = corpus.articles.flatMap((a) => a.sentences.map((s) => s.text));
  const questions = (await loadQuestions()).filter((q) => q.answerable);
  const correct = (id: number | undefined, answers: string[]): boolean => {
    const text = id === undefined ? undefined : sentences[id];
    return text !== undefined && holdsAnswer(text, answers);
  };

  const engines: Array<{ engine: string; usage: string; build: () => Search }> = [
    {
      engine: 'ours (MiniSearch + our analysis and ranking)',
      usage: 'createEngine(corpus).ask(question)',
      build: () => {
        const engine = createEngine(corpus);
        const ids = new Map(corpus.articles.flatMap((a) => a.sentences).map((s, i) => [`${s.doc}#${s.index}`, i]));
        return (q) => engine.ask(q).hits.map((h) => ids.get(`${h.doc}#${h.sentence}`) ?? -1);
      },
    },
    {
      engine: 'MiniSearch 7.2.0',
      usage: "new MiniSearch({ fields: ['text'] }), search(q)",
      build: () => {
        const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
        index.addAll(sentences.map((text, id) => ({ id, text })));
        return (q) => index.search(q).map((r) => r.id as number);
      },
    },
    {
      engine: 'lunr 2.3.9',
      usage: 'ref + one field, search(q) with : ~ ^ + - * blanked',
      build: () => {
        const index = lunr(function () {
          this.ref('id');
          this.field('text');
          sentences.forEach((text, id) => this.add({ id: String(id), text }));
        });
        return (q) => {
          try {
            return index.search(lunrText(q)).map((r) => Number(r.ref));
          } catch {
            return [];
          }
        };
      },
    },
    {
      engine: 'flexsearch 0.8.212',
      usage: 'new Index(), search(q) (defaults: every word must match)',
      build: () => {
        const index = new FlexSearch.Index();
        sentences.forEach((text, id) => index.add(id, text));
        return (q) => index.search(q, { limit: 5 }) as number[];
      },
    },
    {
      engine: 'flexsearch 0.8.212, suggest',
      usage: 'new Index(), search(q, { suggest: true }) (partial matches allowed)',
      build: () => {
        const index = new FlexSearch.Index();
        sentences.forEach((text, id) => index.add(id, text));
        return (q) => index.search(q, { limit: 5, suggest: true }) as number[];
      },
    },
    {
      engine: '@orama/orama 3.1.18',
      usage: "create({ schema: { text: 'string' } }), search(db, { term: q })",
      build: () => {
        const db = create({ schema: { text: 'string' } as const });
        const inserted = insertMultiple(
          db,
          sentences.map((text, id) => ({ id: String(id), text })),
        );
        if (inserted instanceof Promise) throw new Error('bench: orama insert went async');
        return (q) => {
          const res = oramaSearch(db, { term: q, limit: 5 });
          if (res instanceof Promise) throw new Error('bench: orama search went async');
          return res.hits.map((h) => Number(h.id));
        };
      },
    },
  ];

  const rows: EngineRow[] = [];
  for (const e of engines) {
    const start = process.hrtime.bigint();
    const search = e.build();
    const buildMs = msSince(start);
    let right = 0;
    let empty = 0;
    for (const q of questions) {
      const ids = search(q.question);
      if (ids.length === 0) empty++;
      if (correct(ids[0], q.answers)) right++;
    }
    const mix = shuffled(questions);
    warmUp(mix, (q) => search(q.question));
    const times = timeEach(mix, (q) => search(q.question), { budgetMs, minimum: 200 });
    rows.push({
      engine: e.engine,
      usage: e.usage,
      buildMs,
      accuracyAt1: right / questions.length,
      empty,
      latency: summarize(times.median),
      once: summarize(times.first),
    });
  }
  return rows;
}

const job = JSON.parse(process.argv[2] ?? '{}') as { budgetMs?: number };
process.stdout.write(`${JSON.stringify(await run(job.budgetMs ?? Infinity))}\n`);
