/**
 * `npm run eval`: measures the engine against the previous engine and plain
 * MiniSearch defaults on the SQuAD bench, the seed question sets and the
 * news set, and writes eval/RESULTS.md.
 *
 * Options: `--split tune` scores the tuning split (questions-all minus
 * questions.jsonl) and does not write the results file; `--set key=value`
 * overrides an engine option (for trying a variant); `--quick` prints the
 * main table only (no ablations, no timing); `--previous DIR` measures the
 * engine of an older checkout's `DIR/src/search/engine.ts` and saves its
 * column to eval/previous.json instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Corpus } from '../src/corpus.ts';
import { createEngine, type AskOptions, type Ranking } from '../src/search/engine.ts';
import { DEFAULT_MODEL } from '../src/search/decision.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../src/search/options.ts';
import { ABLATIONS } from './ablations.ts';
import { createBaseline, type Asker } from './baseline.ts';
import { loadEvalData, type EvalData, type Question } from './data.ts';
import { atThreshold, outcomes, summarize, timing, type Outcome, type Scores } from './metrics.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PREVIOUS = join(ROOT, 'eval', 'previous.json');

/** Every outcome one system got; the table rows and the threshold curve are read from it. */
interface SystemReport {
  benchAnswerable: Outcome[];
  benchUnanswerable: Outcome[];
  /** Every bench question asked with its own article left out of the index. */
  leaveOneOut: Outcome[];
  seedAnswerable: Outcome[];
  seedOutOfScope: Outcome[];
  /** The seed article indexed alone, as the bot ships (corpus/ holds only it). */
  seedAloneAnswerable: Outcome[];
  seedAloneOutOfScope: Outcome[];
  newsAnswerable: Outcome[];
  newsUnanswerable: Outcome[];
  typedAnswerable: Outcome[];
  typedUnanswerable: Outcome[];
  /** The Russian news set's Russian questions, its five articles in one index. */
  ruAnswerable: Outcome[];
  ruUnanswerable: Outcome[];
  /** The same, each question against its own article alone. */
  ruAloneAnswerable: Outcome[];
  ruAloneUnanswerable: Outcome[];
  /** The same, the English and the Russian news sets in one index (a mixed corpus); and the English questions there. */
  ruMixedAnswerable: Outcome[];
  ruMixedUnanswerable: Outcome[];
  newsMixedAnswerable: Outcome[];
  /** The Russian news set's English questions (about names and figures), its five articles in one index. */
  crossAnswerable: Outcome[];
  crossUnanswerable: Outcome[];
  time?: { mean: number; p99: number };
  buildMs: number;
}

type Factory = (corpus: Corpus) => Asker;

function evaluate(data: EvalData, make: Factory, timed: boolean): SystemReport {
  const t0 = performance.now();
  const asker = make(data.all);
  const buildMs = performance.now() - t0;
  const loo: Outcome[] = [];
  for (const held of data.bench.articles) {
    const rest: Corpus = { dir: data.all.dir, articles: data.all.articles.filter((a) => a.id !== held.id) };
    const qs: Question[] = data.benchQuestions.filter((q) => q.doc === held.id).map((q) => ({ ...q, answerable: false }));
    loo.push(...outcomes(make(rest), qs));
  }
  const alone = make(data.seed);
  const news = data.news ? make(data.news.corpus) : undefined;
  const ask = (a: Asker | undefined, qs: Question[], answerable: boolean): Outcome[] =>
    a
      ? outcomes(
          a,
          qs.filter((q) => q.answerable === answerable),
        )
      : [];
  const ruSet = data.newsRu;
  const ru = ruSet ? make(ruSet.corpus) : undefined;
  const ruQuestions = ruSet?.questions.filter((q) => q.lang === 'ru') ?? [];
  const crossQuestions = ruSet?.questions.filter((q) => q.lang !== 'ru') ?? [];
  const mixed =
    ruSet && data.news
      ? make({ dir: `${data.news.corpus.dir} + ${ruSet.corpus.dir}`, articles: [...data.news.corpus.articles, ...ruSet.corpus.articles] })
      : undefined;
  const askAlone = (answerable: boolean): Outcome[] =>
    (ruSet?.corpus.articles ?? []).flatMap((a) =>
      ask(
        make({ dir: ruSet?.corpus.dir ?? '', articles: [a] }),
        ruQuestions.filter((q) => q.doc === a.id),
        answerable,
      ),
    );
  return {
    benchAnswerable: ask(asker, data.benchQuestions, true),
    benchUnanswerable: ask(asker, data.benchQuestions, false),
    leaveOneOut: loo,
    seedAnswerable: ask(asker, data.seedQuestions, true),
    seedOutOfScope: ask(asker, data.seedQuestions, false),
    seedAloneAnswerable: ask(alone, data.seedQuestions, true),
    seedAloneOutOfScope: ask(alone, data.seedQuestions, false),
    newsAnswerable: ask(news, data.news?.questions ?? [], true),
    newsUnanswerable: ask(news, data.news?.questions ?? [], false),
    typedAnswerable: ask(alone, data.typedQuestions, true),
    typedUnanswerable: ask(alone, data.typedQuestions, false),
    ruAnswerable: ask(ru, ruQuestions, true),
    ruUnanswerable: ask(ru, ruQuestions, false),
    ruAloneAnswerable: askAlone(true),
    ruAloneUnanswerable: askAlone(false),
    ruMixedAnswerable: ask(mixed, ruQuestions, true),
    ruMixedUnanswerable: ask(mixed, ruQuestions, false),
    newsMixedAnswerable: ask(mixed, data.news?.questions ?? [], true),
    crossAnswerable: ask(ru, crossQuestions, true),
    crossUnanswerable: ask(ru, crossQuestions, false),
    time: timed ? timing(asker, data.benchQuestions) : undefined,
    buildMs,
  };
}

interface Row {
  key: string;
  label: string;
  format: 'pct' | 'ms' | 'num';
  value: (r: SystemReport, s: (o: Outcome[]) => Scores) => number | undefined;
}

const has = (xs: Outcome[]): boolean => xs.length > 0;

/** The table: the issue's targets first, then the figures that explain them. */
const ROWS: Row[] = [
  {
    key: 'benchFound1',
    label: 'SQuAD bench found@1: shown (sure or closest) with the right sentence (target ≥ 85%)',
    format: 'pct',
    value: (r, s) => s(r.benchAnswerable).found1,
  },
  { key: 'benchSureWrong', label: 'SQuAD bench: sure answers that are wrong (target ≤ 8%)', format: 'pct', value: (r, s) => s(r.benchAnswerable).sureWrong },
  { key: 'benchSure', label: 'SQuAD bench: answerable answered sure (target ≥ 60%)', format: 'pct', value: (r, s) => s(r.benchAnswerable).sure },
  { key: 'looSure', label: 'leave-one-article-out: answered sure (target ≤ 3%)', format: 'pct', value: (r, s) => s(r.leaveOneOut).sure },
  { key: 'unansSure', label: 'SQuAD 2.0 unanswerable answered sure (target ≤ 40%)', format: 'pct', value: (r, s) => s(r.benchUnanswerable).sure },
  {
    key: 'newsFound1',
    label: 'news set found@1 (target ≥ 85%)',
    format: 'pct',
    value: (r, s) => (has(r.newsAnswerable) ? s(r.newsAnswerable).found1 : undefined),
  },
  {
    key: 'newsUnansSure',
    label: 'news set on-topic unanswerable answered sure (target ≤ 15%)',
    format: 'pct',
    value: (r, s) => (has(r.newsUnanswerable) ? s(r.newsUnanswerable).sure : undefined),
  },
  {
    key: 'ruFound1',
    label: 'Russian news set (Russian questions) found@1 (target ≥ 85%)',
    format: 'pct',
    value: (r, s) => (has(r.ruAnswerable) ? s(r.ruAnswerable).found1 : undefined),
  },
  {
    key: 'ruUnansSure',
    label: 'Russian news set: on-topic unanswerable answered sure (target ≤ 15%)',
    format: 'pct',
    value: (r, s) => (has(r.ruUnanswerable) ? s(r.ruUnanswerable).sure : undefined),
  },
  {
    key: 'seedAloneMiss',
    label: 'seed article alone: answerable refused or wrong (target ≤ 3%)',
    format: 'pct',
    value: (r, s) => s(r.seedAloneAnswerable).refusedOrWrong,
  },
  { key: 'p99', label: 'p99 ms per question, bench corpus (target ≤ 2 ms)', format: 'ms', value: (r) => r.time?.p99 },
  { key: 'benchAcc1', label: 'SQuAD bench accuracy@1 (ranking alone)', format: 'pct', value: (r, s) => s(r.benchAnswerable).acc1 },
  { key: 'benchAcc5', label: 'SQuAD bench accuracy@5', format: 'pct', value: (r, s) => s(r.benchAnswerable).acc5 },
  { key: 'benchMrr', label: 'SQuAD bench MRR@10', format: 'num', value: (r, s) => s(r.benchAnswerable).mrr },
  { key: 'benchNone', label: 'SQuAD bench: answerable refused (none)', format: 'pct', value: (r, s) => s(r.benchAnswerable).none },
  {
    key: 'benchSureRight',
    label: 'SQuAD bench: answerable answered sure and right',
    format: 'pct',
    value: (r, s) => s(r.benchAnswerable).sure * (1 - s(r.benchAnswerable).sureWrong),
  },
  { key: 'looNone', label: 'leave-one-article-out: refused (none)', format: 'pct', value: (r, s) => s(r.leaveOneOut).none },
  { key: 'unansNone', label: 'SQuAD 2.0 unanswerable refused (none)', format: 'pct', value: (r, s) => s(r.benchUnanswerable).none },
  {
    key: 'newsSure',
    label: 'news set: answerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.newsAnswerable) ? s(r.newsAnswerable).sure : undefined),
  },
  {
    key: 'newsSureWrong',
    label: 'news set: sure answers that are wrong',
    format: 'pct',
    value: (r, s) => (has(r.newsAnswerable) ? s(r.newsAnswerable).sureWrong : undefined),
  },
  {
    key: 'newsUnansNone',
    label: 'news set: on-topic unanswerable refused (none)',
    format: 'pct',
    value: (r, s) => (has(r.newsUnanswerable) ? s(r.newsUnanswerable).none : undefined),
  },
  { key: 'ruAcc5', label: 'Russian news set: accuracy@5', format: 'pct', value: (r, s) => (has(r.ruAnswerable) ? s(r.ruAnswerable).acc5 : undefined) },
  {
    key: 'ruSure',
    label: 'Russian news set: answerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.ruAnswerable) ? s(r.ruAnswerable).sure : undefined),
  },
  {
    key: 'ruSureWrong',
    label: 'Russian news set: sure answers that are wrong',
    format: 'pct',
    value: (r, s) => (has(r.ruAnswerable) ? s(r.ruAnswerable).sureWrong : undefined),
  },
  {
    key: 'ruUnansNone',
    label: 'Russian news set: on-topic unanswerable refused (none)',
    format: 'pct',
    value: (r, s) => (has(r.ruUnanswerable) ? s(r.ruUnanswerable).none : undefined),
  },
  {
    key: 'ruAloneFound1',
    label: 'Russian news set, each question against its own article alone: found@1',
    format: 'pct',
    value: (r, s) => (has(r.ruAloneAnswerable) ? s(r.ruAloneAnswerable).found1 : undefined),
  },
  {
    key: 'ruAloneUnansSure',
    label: 'Russian news set, own article alone: unanswerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.ruAloneUnanswerable) ? s(r.ruAloneUnanswerable).sure : undefined),
  },
  {
    key: 'ruMixedFound1',
    label: 'mixed index (English + Russian news sets): Russian questions found@1',
    format: 'pct',
    value: (r, s) => (has(r.ruMixedAnswerable) ? s(r.ruMixedAnswerable).found1 : undefined),
  },
  {
    key: 'ruMixedUnansSure',
    label: 'mixed index: Russian unanswerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.ruMixedUnanswerable) ? s(r.ruMixedUnanswerable).sure : undefined),
  },
  {
    key: 'newsMixedFound1',
    label: 'mixed index: English news questions found@1',
    format: 'pct',
    value: (r, s) => (has(r.newsMixedAnswerable) ? s(r.newsMixedAnswerable).found1 : undefined),
  },
  {
    key: 'crossFound1',
    label: 'English questions about the Russian articles (names, figures): found@1',
    format: 'pct',
    value: (r, s) => (has(r.crossAnswerable) ? s(r.crossAnswerable).found1 : undefined),
  },
  {
    key: 'crossAcc5',
    label: 'English questions about the Russian articles: accuracy@5',
    format: 'pct',
    value: (r, s) => (has(r.crossAnswerable) ? s(r.crossAnswerable).acc5 : undefined),
  },
  {
    key: 'crossSure',
    label: 'English questions about the Russian articles: answerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.crossAnswerable) ? s(r.crossAnswerable).sure : undefined),
  },
  {
    key: 'crossUnansSure',
    label: 'English questions about the Russian articles: unanswerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.crossUnanswerable) ? s(r.crossUnanswerable).sure : undefined),
  },
  { key: 'seedFound1', label: 'seed set, all articles in one index: found@1', format: 'pct', value: (r, s) => s(r.seedAnswerable).found1 },
  { key: 'seedOosSure', label: 'seed set, all articles: out-of-scope answered sure', format: 'pct', value: (r, s) => s(r.seedOutOfScope).sure },
  { key: 'seedAloneSure', label: 'seed article alone: answerable answered sure', format: 'pct', value: (r, s) => s(r.seedAloneAnswerable).sure },
  { key: 'seedAloneOosSure', label: 'seed article alone: out-of-scope answered sure', format: 'pct', value: (r, s) => s(r.seedAloneOutOfScope).sure },
  { key: 'seedAloneOosNone', label: 'seed article alone: out-of-scope refused (none)', format: 'pct', value: (r, s) => s(r.seedAloneOutOfScope).none },
  {
    key: 'typedFound1',
    label: 'typed seed questions (seed alone): found@1',
    format: 'pct',
    value: (r, s) => (has(r.typedAnswerable) ? s(r.typedAnswerable).found1 : undefined),
  },
  {
    key: 'typedSure',
    label: 'typed seed questions: answerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.typedAnswerable) ? s(r.typedAnswerable).sure : undefined),
  },
  {
    key: 'typedUnansSure',
    label: 'typed seed questions: unanswerable answered sure',
    format: 'pct',
    value: (r, s) => (has(r.typedUnanswerable) ? s(r.typedUnanswerable).sure : undefined),
  },
  { key: 'mean', label: 'mean ms per question, bench corpus', format: 'ms', value: (r) => r.time?.mean },
  { key: 'buildMs', label: 'index build ms, all articles (first build, cold caches)', format: 'num', value: (r) => r.buildMs },
];

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function show(row: Row, v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (row.format === 'pct') return pct(v);
  if (row.format === 'ms') return v.toFixed(3);
  return row.key === 'buildMs' ? v.toFixed(0) : v.toFixed(3);
}

type Values = Record<string, number | undefined>;

function values(r: SystemReport): Values {
  return Object.fromEntries(ROWS.map((row) => [row.key, row.value(r, summarize)]));
}

function mainTable(ours: Values, previous: Values | undefined, base: Values): string {
  const lines = ['| | ours (engine.ask) | previous engine | MiniSearch defaults |', '|---|---:|---:|---:|'];
  for (const row of ROWS) lines.push(`| ${row.label} | ${show(row, ours[row.key])} | ${show(row, previous?.[row.key])} | ${show(row, base[row.key])} |`);
  return lines.join('\n');
}

/** What each sure threshold would give: found@1 does not move (closest answers are shown too), sure-and-wrong does. */
function curveTable(r: SystemReport, current: number): string {
  const lines = [
    '| sure from p ≥ | bench sure and right | bench sure answers wrong | bench answerable sure | leave-one-out sure | SQuAD unanswerable sure | news sure answers wrong | news unanswerable sure | seed alone sure |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const thresholds = [...new Set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, current])].sort((a, b) => a - b);
  for (const t of thresholds) {
    const s = (o: Outcome[]): Scores => summarize(atThreshold(o, t));
    const b = s(r.benchAnswerable);
    const mark = Math.abs(t - current) < 1e-9 ? ' **(shipped)**' : '';
    const news = has(r.newsAnswerable) ? pct(s(r.newsAnswerable).sureWrong) : '—';
    const newsUn = has(r.newsUnanswerable) ? pct(s(r.newsUnanswerable).sure) : '—';
    lines.push(
      `| ${t.toFixed(3)}${mark} | ${pct(b.sure * (1 - b.sureWrong))} | ${pct(b.sureWrong)} | ${pct(b.sure)} | ${pct(s(r.leaveOneOut).sure)} | ${pct(s(r.benchUnanswerable).sure)} | ${news} | ${newsUn} | ${pct(s(r.seedAloneAnswerable).sure)} |`,
    );
  }
  return lines.join('\n');
}

function ablationTable(data: EvalData, overrides: Partial<EngineOptions>): string {
  const lines = ['| variant | bench found@1 | bench acc@5 | bench MRR | seed found@1 | seed acc@5 |', '|---|---:|---:|---:|---:|---:|'];
  for (const ab of [{ name: 'engine as shipped', options: {} }, ...ABLATIONS]) {
    const engine = createEngine(data.all, { ...overrides, ...ab.options });
    const b = summarize(
      outcomes(
        engine,
        data.benchQuestions.filter((q) => q.answerable),
      ),
    );
    const s = summarize(
      outcomes(
        engine,
        data.seedQuestions.filter((q) => q.answerable),
      ),
    );
    lines.push(`| ${ab.name} | ${pct(b.found1)} | ${pct(b.acc5)} | ${b.mrr.toFixed(3)} | ${pct(s.found1)} | ${pct(s.acc5)} |`);
  }
  return lines.join('\n');
}

function parseSet(values: string[]): Partial<EngineOptions> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    const [k, raw] = v.split('=');
    if (!k || raw === undefined || !(k in DEFAULT_ENGINE_OPTIONS)) throw new Error(`eval: --set wants a known option=value, got "${v}"`);
    out[k] = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
  }
  return out as Partial<EngineOptions>;
}

function commit(dir = ROOT): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/search', 'eval', ':!eval/RESULTS.md'], { cwd: dir, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes in src/search/ or eval/)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** What an older engine returned: no `kind`, so anything it answered was sure. */
interface OldRanking extends Omit<Ranking, 'kind'> {
  kind?: Ranking['kind'];
}

/** The previous engine from another checkout, its two-way answer read as sure / none. */
async function previousFactory(dir: string): Promise<Factory> {
  const mod = (await import(pathToFileURL(join(resolve(dir), 'src', 'search', 'engine.ts')).href)) as {
    createEngine: (c: Corpus) => { ask(q: string, o?: AskOptions): OldRanking };
  };
  return (c) => {
    const engine = mod.createEngine(c);
    return {
      ask: (q, o) => {
        const r = engine.ask(q, o);
        return { ...r, kind: r.kind ?? (r.answered ? 'sure' : 'none') };
      },
    };
  };
}

interface PreviousFile {
  /** Which code was measured. */
  source: string;
  splits: Partial<Record<'test' | 'tune', Values>>;
}

function readPrevious(): PreviousFile | undefined {
  return existsSync(PREVIOUS) ? (JSON.parse(readFileSync(PREVIOUS, 'utf8')) as PreviousFile) : undefined;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      split: { type: 'string', default: 'test' },
      set: { type: 'string', multiple: true, default: [] },
      quick: { type: 'boolean', default: false },
      previous: { type: 'string' },
    },
  });
  if (args.split !== 'test' && args.split !== 'tune') throw new Error('eval: --split is "test" or "tune"');
  const split = args.split;
  const data = await loadEvalData(ROOT, split);
  if (args.previous !== undefined) {
    const report = evaluate(data, await previousFactory(args.previous), true);
    const file = readPrevious() ?? { source: '', splits: {} };
    file.source = `commit ${commit(args.previous)}, measured by npm run eval -- --previous`;
    file.splits[split] = values(report);
    writeFileSync(PREVIOUS, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`wrote eval/previous.json (${split})\n`);
    return;
  }
  const overrides = parseSet(args.set);
  const ours = evaluate(data, (c) => createEngine(c, overrides), !args.quick);
  const base = evaluate(data, (c) => createBaseline(c), !args.quick);
  const previous = readPrevious();
  const sentences = data.all.articles.reduce((s, a) => s + a.sentences.length, 0);
  const count = (qs: Question[], answerable: boolean): number => qs.filter((q) => q.answerable === answerable).length;
  const ruOnly = data.newsRu?.questions.filter((q) => q.lang === 'ru') ?? [];
  const crossOnly = data.newsRu?.questions.filter((q) => q.lang !== 'ru') ?? [];
  const head = [
    `Split: **${split === 'test' ? 'test (questions.jsonl)' : 'tuning (questions-all.jsonl minus questions.jsonl)'}**: ${count(data.benchQuestions, true)} answerable and ${count(data.benchQuestions, false)} unanswerable SQuAD questions; seed set: ${count(data.seedQuestions, true)} answerable, ${count(data.seedQuestions, false)} out-of-scope; news set: ${data.news ? `${count(data.news.questions, true)} answerable, ${count(data.news.questions, false)} on-topic unanswerable over ${data.news.corpus.articles.length} articles` : 'not present'}; typed seed questions: ${data.typedQuestions.length > 0 ? `${count(data.typedQuestions, true)} answerable, ${count(data.typedQuestions, false)} unanswerable` : 'not present'}; Russian news set: ${data.newsRu ? `${count(ruOnly, true)} answerable, ${count(ruOnly, false)} on-topic unanswerable Russian questions and ${count(crossOnly, true)} + ${count(crossOnly, false)} English ones over ${data.newsRu.corpus.articles.length} articles` : 'not present'}.`,
    `One index holds all ${data.all.articles.length} articles (the seed article and the ${data.bench.articles.length} bench articles, ${sentences} sentences); the news set has its own index, and so has the Russian news set (also asked per article, and in one index with the English news set); the typed seed questions go to the seed article alone.`,
    `Ours answers sure when the decision model's probability is at least ${DEFAULT_MODEL.threshold} (src/search/decision.json); the previous column is ${previous?.source ?? 'not measured'}.`,
  ].join('\n');
  const main = mainTable(values(ours), previous?.splits[split], values(base));
  process.stdout.write(`${head}\n\n${main}\n`);
  if (args.quick) return;
  const curve = curveTable(ours, DEFAULT_MODEL.threshold);
  const ablations = ablationTable(data, overrides);
  process.stdout.write(`\n${curve}\n\n${ablations}\n`);
  if (split !== 'test' || args.set.length > 0) return;
  const notes = readFileSync(join(ROOT, 'eval', 'NOTES.md'), 'utf8');
  const md = [
    '# Evaluation results',
    '',
    `Generated by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit()}, Node ${process.version}. Do not edit by hand: edit eval/NOTES.md and rerun.`,
    '',
    head,
    '',
    main,
    '',
    'A returned sentence counts when it contains a gold answer string, case-insensitively. "Found@1" counts a question when the first shown sentence (sure or closest) is right; "none" is the refusal. "Leave-one-article-out" indexes every article but one bench article and asks all of that article\'s questions: none should be answered sure. The previous engine had two kinds only: what it answered counts as sure. MiniSearch never refuses: every result counts as sure. Times are wall-clock on this machine (2 cores shared with other work) over every bench question of the split with the full index: one warm-up pass, then the median of 5 passes per question; mean and 99th percentile over questions.',
    '',
    '## The sure threshold: found@1 against sure-and-wrong (ours)',
    '',
    'Closest answers are shown too, so found@1 does not move with the threshold; what moves is which shown answers are marked sure.',
    '',
    curve,
    '',
    '## Ablations (ours with one step turned off, same split)',
    '',
    ablations,
    '',
    notes.trim(),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'eval', 'RESULTS.md'), md);
  process.stdout.write('\nwrote eval/RESULTS.md\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
