/**
 * Bench worker for one corpus size, run in a fresh process (with
 * `--expose-gc`) so that one size's garbage and JIT state never show up in
 * another's figures. Prints one JSON line: {@link SizeResult}.
 *
 * Usage: node --expose-gc --import tsx bench/size.ts '<json SizeJob>'
 */
import MiniSearch from 'minisearch';
import { rm } from 'node:fs/promises';
import { loadCorpus, parseArticle, type Corpus } from '../src/corpus.ts';
import { openEngine, writeIndex } from '../src/search/cache.ts';
import { createEngine } from '../src/search/engine.ts';
import { holdsAnswer } from '../eval/metrics.ts';
import { loadQuestions, SEED_QUESTIONS, SQUAD_QUESTIONS, type BenchQuestion } from './corpora.ts';
import { collect, mb, median, msSince, shuffled, summarize, timeEach, warmUp, type Summary } from './stats.ts';

export interface SizeJob {
  dir: string;
  /** Time budget per engine for the question mix; at least {@link MIN_QUESTIONS} are always timed. */
  budgetMs: number;
  /** How many index builds to time (the median is reported). */
  builds: number;
  /** Leave the saved index in .cache/ for the start-up runs (the runner removes it after). */
  keepIndex: boolean;
}

/** Fewest questions timed per engine and size, whatever the budget: p99 needs a hundred samples. */
export const MIN_QUESTIONS = 100;

/** Fewest answerable-or-not questions whose answers are judged for accuracy, however few were timed. */
const MIN_JUDGED = 300;

export interface Memory {
  heapMb: number;
  rssMb: number;
}

export interface SizeResult {
  articles: number;
  sentences: number;
  words: number;
  /** Distinct terms in the plain MiniSearch index: how the vocabulary grows. */
  terms: number;
  loadMs: number;
  /** Median wall time of `createEngine` over the builds. */
  buildMs: number;
  /** CPU time of the first build. */
  buildCpuMs: number;
  /** Process memory after start-up imports, after loading the corpus, after building the index (each after a full GC). */
  memory: { empty: Memory; corpus: Memory; index: Memory };
  /** Size of the saved index file, the time to write it, and to load it back in process (hash, read, parse, restore). */
  savedMb: number;
  savedPath?: string;
  saveMs: number;
  openMs: number;
  /** Question latency of the bot's engine (`ask`): per question the median of 3 passes, and the first pass alone. */
  ours: Summary;
  oursOnce: Summary;
  /** Share of the timed questions the engine answered (the rest: "not in the article"). */
  answeredShare: number;
  /** Plain MiniSearch defaults over the same sentences: `search(question)`. */
  plain: Summary;
  plainOnce: Summary;
  /** Passes per question for ours and for plain (the median is over these). */
  passes: [number, number];
  plainBuildMs: number;
  plainIndexMb: number;
  /**
   * The previous engine: the same ranking with every sentence scored by MiniSearch, no article stage
   * (`candidateSentences` beyond the corpus), as before the archive-scale work; same questions and passes as ours.
   */
  previous?: Summary;
  previousOnce?: Summary;
  /** Accuracy@1 (the first hit holds a gold answer) of ours and of the previous engine, on the same answerable questions. */
  accuracy?: { ours: number; previous: number; questions: number };
  /** `engine.add` of one more article into the built library (ms per article, over {@link ADDS} adds). */
  add?: Summary;
}

/** Articles added one by one to time `engine.add`. */
const ADDS = 20;

/** Share of `questions` whose first hit contains a gold answer, case-insensitively (eval/squad/README.md). */
function accuracy(questions: readonly BenchQuestion[], ask: (q: string) => { hits: Array<{ text: string }> }): number {
  let right = 0;
  for (const q of questions) {
    if (holdsAnswer(ask(q.question).hits[0]?.text ?? '', q.answers)) right++;
  }
  return right / (questions.length || 1);
}

function memory(): Memory {
  collect();
  const m = process.memoryUsage();
  return { heapMb: mb(m.heapUsed), rssMb: mb(m.rss) };
}

/** Loads the saved index back as start-up would; only the time is kept, the engine is dropped. */
async function timeOpen(corpus: Corpus): Promise<number> {
  const start = process.hrtime.bigint();
  const opened = await openEngine(corpus);
  const ms = msSince(start);
  if (!opened.cached) throw new Error(`bench: the index just saved was not loaded (${opened.reason ?? ''})`);
  return ms;
}

async function run(job: SizeJob): Promise<SizeResult> {
  // Shuffled once, the same way every run, so that a budget-cut prefix is still a fair mix.
  const mix = shuffled([...(await loadQuestions(SQUAD_QUESTIONS)), ...(await loadQuestions(SEED_QUESTIONS))]);
  const questions = mix.map((q) => q.question);
  const budget = { budgetMs: job.budgetMs, minimum: MIN_QUESTIONS };
  const empty = memory();

  let start = process.hrtime.bigint();
  const corpus = await loadCorpus(job.dir);
  const loadMs = msSince(start);
  const sentences = corpus.articles.flatMap((a) => a.sentences);
  const corpusMemory = memory();

  start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let engine = createEngine(corpus);
  const builds = [msSince(start)];
  const buildCpu = process.cpuUsage(cpu);
  // Memory of the first build, before extra timing builds leave garbage behind.
  const indexMemory = memory();
  for (let i = 1; i < job.builds; i++) {
    start = process.hrtime.bigint();
    engine = createEngine(corpus);
    builds.push(msSince(start));
  }

  warmUp(questions, (q) => engine.ask(q));
  let answered = 0;
  let asked = 0;
  const ours = timeEach(
    questions,
    (q) => {
      asked++;
      if (engine.ask(q).answered) answered++;
    },
    budget,
  );

  // The previous engine on the same questions, then its accuracy and ours on the answerable ones it was timed on.
  // In a block of its own, so that it is garbage before plain MiniSearch is built and measured.
  const { previousTimes, judgedAccuracy } = (() => {
    const prev = createEngine(corpus, { candidateSentences: Number.MAX_SAFE_INTEGER });
    warmUp(questions, (q) => prev.ask(q));
    const times = timeEach(questions, (q) => prev.ask(q), budget);
    const judged = mix.slice(0, Math.max(times.first.length, MIN_JUDGED)).filter((q) => q.answerable && q.answers.length > 0);
    return {
      previousTimes: times,
      judgedAccuracy: { ours: accuracy(judged, (q) => engine.ask(q)), previous: accuracy(judged, (q) => prev.ask(q)), questions: judged.length },
    };
  })();

  const before = memory();
  start = process.hrtime.bigint();
  const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  plain.addAll(sentences.map((s, id) => ({ id, text: s.text })));
  const plainBuildMs = msSince(start);
  const plainIndexMb = memory().heapMb - before.heapMb;
  warmUp(questions, (q) => plain.search(q));
  const plainTimes = timeEach(questions, (q) => plain.search(q), budget);

  // The saved index, as `npm run index` writes it; start-up with a saved index reads this very file.
  // Written last, so that the start-up runs right after this worker find it still matching the code.
  start = process.hrtime.bigint();
  const saved = await writeIndex(corpus, engine);
  const saveMs = msSince(start);
  const openMs = await timeOpen(corpus);
  if (!job.keepIndex) await rm(saved.path, { force: true });

  // Last, as it changes the library: articles added one at a time, as a channel posts them (copies of real ones under new ids).
  const adds: number[] = [];
  for (let i = 0; i < ADDS; i++) {
    const source = corpus.articles[(i * 7919) % corpus.articles.length];
    if (!source) break;
    const article = parseArticle(
      `added-${i}`,
      [source.title, '', ...source.paragraphs.map((p) => p.map((s) => source.sentences[s]?.text ?? '').join(' '))].join('\n\n'),
    );
    start = process.hrtime.bigint();
    engine.add(article);
    adds.push(msSince(start));
  }

  return {
    articles: corpus.articles.length,
    sentences: sentences.length,
    words: sentences.reduce((n, s) => n + s.text.split(' ').length, 0),
    terms: plain.termCount,
    loadMs,
    buildMs: median(builds),
    buildCpuMs: (buildCpu.user + buildCpu.system) / 1000,
    memory: { empty, corpus: corpusMemory, index: indexMemory },
    savedMb: mb(saved.bytes),
    savedPath: job.keepIndex ? saved.path : undefined,
    saveMs,
    openMs,
    ours: summarize(ours.median),
    oursOnce: summarize(ours.first),
    passes: [ours.passes, plainTimes.passes],
    answeredShare: answered / asked,
    plain: summarize(plainTimes.median),
    plainOnce: summarize(plainTimes.first),
    plainBuildMs,
    plainIndexMb,
    previous: summarize(previousTimes.median),
    previousOnce: summarize(previousTimes.first),
    accuracy: judgedAccuracy,
    add: summarize(adds),
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as SizeJob;
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
