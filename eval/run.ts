/**
 * `npm run eval`: measures the engine against plain MiniSearch defaults on
 * the SQuAD bench and the seed question set, and writes eval/RESULTS.md.
 *
 * Options: `--split tune` scores the tuning split (questions-all minus
 * questions.jsonl) and does not write the results file; `--set key=value`
 * overrides an engine option (for trying a variant); `--quick` skips the
 * ablations and the threshold sweep.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Corpus } from '../src/corpus.ts';
import { createBaseline, type Asker } from './baseline.ts';
import { createEngine } from '../src/search/engine.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../src/search/options.ts';
import { loadEvalData, type EvalData, type Question } from './data.ts';
import { confidences, outcomes, summarize, timing, type Outcome, type RankingScores } from './metrics.ts';
import { ABLATIONS } from './ablations.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface SystemReport {
  bench: RankingScores;
  seed: RankingScores;
  benchOutcomes: Outcome[];
  seedOutcomes: Outcome[];
  seedOutOfScope: number[];
  squadUnanswerable: number[];
  leaveOneOut: number[];
  time: { mean: number; p99: number };
  /** Milliseconds to build the index over all articles. */
  buildMs: number;
  /** The threshold the system's own `answered` used (for the baseline: any result). */
  refusedBelow: number;
  answered: { seedOutOfScope: number; squadUnanswerable: number; leaveOneOut: number };
  /** The seed article indexed alone, as the bot ships (corpus/ holds only it). */
  seedAlone: { acc1: number; refused: number; outOfScopeRefused: number };
}

type Factory = (corpus: Corpus) => Asker;

function evaluate(data: EvalData, make: Factory): SystemReport {
  const t0 = performance.now();
  const asker = make(data.all);
  const buildMs = performance.now() - t0;
  const benchAnswerable = data.benchQuestions.filter((q) => q.answerable);
  const seedAnswerable = data.seedQuestions.filter((q) => q.answerable);
  const benchOutcomes = outcomes(asker, benchAnswerable);
  const seedOutcomes = outcomes(asker, seedAnswerable);
  const oos = confidences(asker, data.seedQuestions.filter((q) => !q.answerable));
  const unans = confidences(asker, data.benchQuestions.filter((q) => !q.answerable));
  const loo: Array<{ answered: boolean; confidence: number }> = [];
  for (const held of data.bench.articles) {
    const rest: Corpus = { dir: data.all.dir, articles: data.all.articles.filter((a) => a.id !== held.id) };
    const qs: Question[] = data.benchQuestions.filter((q) => q.doc === held.id);
    loo.push(...confidences(make(rest), qs));
  }
  const refusedShare = (xs: Array<{ answered: boolean }>): number => xs.filter((x) => !x.answered).length / Math.max(1, xs.length);
  const alone = make(data.seed);
  const aloneScores = summarize(outcomes(alone, seedAnswerable));
  const aloneOos = confidences(alone, data.seedQuestions.filter((q) => !q.answerable));
  return {
    bench: summarize(benchOutcomes),
    seed: summarize(seedOutcomes),
    benchOutcomes,
    seedOutcomes,
    seedOutOfScope: oos.map((x) => x.confidence),
    squadUnanswerable: unans.map((x) => x.confidence),
    leaveOneOut: loo.map((x) => x.confidence),
    time: timing(asker, data.benchQuestions),
    buildMs,
    refusedBelow: NaN,
    answered: { seedOutOfScope: refusedShare(oos), squadUnanswerable: refusedShare(unans), leaveOneOut: refusedShare(loo) },
    seedAlone: { acc1: aloneScores.acc1, refused: aloneScores.refused, outOfScopeRefused: refusedShare(aloneOos) },
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function mainTable(ours: SystemReport, base: SystemReport): string {
  const rows: Array<[string, string, string]> = [
    ['SQuAD bench accuracy@1 (target ≥ 85%)', pct(ours.bench.acc1), pct(base.bench.acc1)],
    ['SQuAD bench accuracy@5 (target ≥ 95%)', pct(ours.bench.acc5), pct(base.bench.acc5)],
    ['SQuAD bench MRR@10', ours.bench.mrr.toFixed(3), base.bench.mrr.toFixed(3)],
    ['SQuAD bench answerable wrongly refused', pct(ours.bench.refused), pct(base.bench.refused)],
    ['SQuAD bench answered and right at 1 (abstention on)', pct(ours.bench.acc1Answered), pct(base.bench.acc1Answered)],
    ['seed accuracy@1 (target ≥ 95%)', pct(ours.seed.acc1), pct(base.seed.acc1)],
    ['seed accuracy@5', pct(ours.seed.acc5), pct(base.seed.acc5)],
    ['seed MRR@10', ours.seed.mrr.toFixed(3), base.seed.mrr.toFixed(3)],
    ['seed answerable wrongly refused (target ≤ 5%)', pct(ours.seed.refused), pct(base.seed.refused)],
    ['seed out-of-scope refused (target ≥ 90%)', pct(ours.answered.seedOutOfScope), pct(base.answered.seedOutOfScope)],
    ['seed article alone, as shipped: accuracy@1', pct(ours.seedAlone.acc1), pct(base.seedAlone.acc1)],
    ['seed article alone, as shipped: answerable wrongly refused', pct(ours.seedAlone.refused), pct(base.seedAlone.refused)],
    ['seed article alone, as shipped: out-of-scope refused', pct(ours.seedAlone.outOfScopeRefused), pct(base.seedAlone.outOfScopeRefused)],
    ['leave-one-article-out refused (target ≥ 90%)', pct(ours.answered.leaveOneOut), pct(base.answered.leaveOneOut)],
    ['SQuAD 2.0 unanswerable refused (report only)', pct(ours.answered.squadUnanswerable), pct(base.answered.squadUnanswerable)],
    ['mean ms per question (bench corpus)', ours.time.mean.toFixed(3), base.time.mean.toFixed(3)],
    ['p99 ms per question (target < 2 ms)', ours.time.p99.toFixed(3), base.time.p99.toFixed(3)],
    ['index build ms, all articles (first build, cold caches)', ours.buildMs.toFixed(0), base.buildMs.toFixed(0)],
  ];
  return ['| | ours (engine.ask) | MiniSearch defaults |', '|---|---:|---:|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** What each abstention threshold would give: the calibration curve the default was chosen from. */
function sweepTable(r: SystemReport, current: number): string {
  const lines = ['| refuse below | bench answered and right at 1 | bench answerable refused | seed answerable refused | seed out-of-scope refused | leave-one-out refused | SQuAD unanswerable refused |', '|---:|---:|---:|---:|---:|---:|---:|'];
  const below = (xs: number[], t: number): number => xs.filter((x) => x < t).length / Math.max(1, xs.length);
  for (let i = 0; i <= 20; i++) {
    const t = Math.round(i * 5) / 100;
    const benchRight = r.benchOutcomes.filter((o) => o.rank === 1 && o.confidence >= t).length / Math.max(1, r.benchOutcomes.length);
    const mark = Math.abs(t - current) < 1e-9 ? ' **(default)**' : '';
    lines.push(`| ${t.toFixed(2)}${mark} | ${pct(benchRight)} | ${pct(below(r.benchOutcomes.map((o) => o.confidence), t))} | ${pct(below(r.seedOutcomes.map((o) => o.confidence), t))} | ${pct(below(r.seedOutOfScope, t))} | ${pct(below(r.leaveOneOut, t))} | ${pct(below(r.squadUnanswerable, t))} |`);
  }
  return lines.join('\n');
}

function ablationTable(data: EvalData, overrides: Partial<EngineOptions>): string {
  const lines = ['| variant | bench acc@1 | bench acc@5 | bench MRR | seed acc@1 | seed acc@5 |', '|---|---:|---:|---:|---:|---:|'];
  for (const ab of [{ name: 'engine as shipped', why: '', options: {} }, ...ABLATIONS]) {
    const engine = createEngine(data.all, { ...overrides, ...ab.options });
    const b = summarize(outcomes(engine, data.benchQuestions.filter((q) => q.answerable)));
    const s = summarize(outcomes(engine, data.seedQuestions.filter((q) => q.answerable)));
    lines.push(`| ${ab.name} | ${pct(b.acc1)} | ${pct(b.acc5)} | ${b.mrr.toFixed(3)} | ${pct(s.acc1)} | ${pct(s.acc5)} |`);
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

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'eval', ':!eval/RESULTS.md'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes in src/ or eval/)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      split: { type: 'string', default: 'test' },
      set: { type: 'string', multiple: true, default: [] },
      quick: { type: 'boolean', default: false },
    },
  });
  if (values.split !== 'test' && values.split !== 'tune') throw new Error('eval: --split is "test" or "tune"');
  const overrides = parseSet(values.set);
  const data = await loadEvalData(ROOT, values.split);
  const options = { ...DEFAULT_ENGINE_OPTIONS, ...overrides };
  const ours = evaluate(data, (c) => createEngine(c, overrides));
  const base = evaluate(data, (c) => createBaseline(c));
  const sentences = data.all.articles.reduce((s, a) => s + a.sentences.length, 0);
  const head = [
    `Split: **${values.split === 'test' ? 'test (questions.jsonl)' : 'tuning (questions-all.jsonl minus questions.jsonl)'}**: ${data.benchQuestions.filter((q) => q.answerable).length} answerable and ${data.benchQuestions.filter((q) => !q.answerable).length} unanswerable SQuAD questions; seed set: ${data.seedQuestions.filter((q) => q.answerable).length} answerable, ${data.seedQuestions.filter((q) => !q.answerable).length} out-of-scope.`,
    `One index holds all ${data.all.articles.length} articles (the seed article and the ${data.bench.articles.length} bench articles, ${sentences} sentences).`,
    `Ours refuses when the answer confidence is below ${options.minConfidence}.`,
  ].join('\n');
  const main = mainTable(ours, base);
  process.stdout.write(`${head}\n\n${main}\n`);
  if (values.quick) return;
  const sweep = sweepTable(ours, options.minConfidence);
  const ablations = ablationTable(data, overrides);
  process.stdout.write(`\n${sweep}\n\n${ablations}\n`);
  if (values.split !== 'test' || values.set.length > 0) return;
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
    'A returned sentence counts when it contains a gold answer string, case-insensitively. "Leave-one-article-out" indexes every article but one bench article and asks all of that article\'s questions: every one should be refused. "Answered and right at 1" counts a refused answerable question as a miss. Times are wall-clock on this machine (2 cores shared with other work) over every bench question of the split with the full index: one warm-up pass, then the median of 5 passes per question; mean and 99th percentile over questions.',
    '',
    '## Abstention threshold sweep (ours)',
    '',
    sweep,
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
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
