/**
 * Scoring: where the first right sentence comes, what kind of answer the
 * asker gave (sure, closest, none), and how long a question takes. Pure
 * functions over an {@link Asker}, so the engine, the previous engine and
 * plain MiniSearch are measured by the same code.
 */
import type { AnswerKind } from '../src/search/engine.ts';
import type { Asker } from './baseline.ts';
import type { Question } from './data.ts';

/** A returned sentence counts when it contains a gold answer string, case-insensitively. */
export function holdsAnswer(text: string, answers: string[]): boolean {
  const t = text.toLowerCase();
  return answers.some((a) => t.includes(a.toLowerCase()));
}

/** What one question got. */
export interface Outcome {
  /** 1-based rank of the first sentence holding a gold answer in the top 10, 0 when none (always 0 for unanswerable questions). */
  rank: number;
  kind: AnswerKind;
  /** The asker's probability that its first hit answers (1 or 0 for askers without one). */
  confidence: number;
}

/** Asks each question and records where the first right sentence came and the kind of answer. */
export function outcomes(asker: Asker, questions: Question[]): Outcome[] {
  return questions.map((q) => {
    const r = asker.ask(q.question, { limit: 10 });
    const i = q.answerable ? r.hits.findIndex((h) => holdsAnswer(h.text, q.answers)) : -1;
    return { rank: i + 1, kind: r.kind, confidence: r.confidence ?? (r.kind === 'sure' ? 1 : 0) };
  });
}

export interface Scores {
  n: number;
  /** Right sentence first and shown (sure or closest): what the user reads first. */
  found1: number;
  /** Right sentence first, whatever the kind (ranking alone). */
  acc1: number;
  acc5: number;
  /** Mean reciprocal rank over the top 10. */
  mrr: number;
  /** Share answered sure. */
  sure: number;
  /** Share of sure answers whose first sentence is wrong. */
  sureWrong: number;
  /** Share refused (kind none). */
  none: number;
  /** Share refused or answered with a wrong first sentence. */
  refusedOrWrong: number;
}

const share = <T>(xs: T[], f: (x: T) => boolean): number => (xs.length === 0 ? 0 : xs.filter(f).length / xs.length);

/** The scores of a set of outcomes. */
export function summarize(outs: Outcome[]): Scores {
  const sure = outs.filter((o) => o.kind === 'sure');
  return {
    n: outs.length,
    found1: share(outs, (o) => o.rank === 1 && o.kind !== 'none'),
    acc1: share(outs, (o) => o.rank === 1),
    acc5: share(outs, (o) => o.rank >= 1 && o.rank <= 5),
    mrr: outs.length === 0 ? 0 : outs.reduce((s, o) => s + (o.rank > 0 ? 1 / o.rank : 0), 0) / outs.length,
    sure: sure.length / Math.max(1, outs.length),
    sureWrong: share(sure, (o) => o.rank !== 1),
    none: share(outs, (o) => o.kind === 'none'),
    refusedOrWrong: share(outs, (o) => o.kind === 'none' || o.rank !== 1),
  };
}

/** The same outcomes as if the sure threshold were `t` (for the threshold curve). */
export function atThreshold(outs: Outcome[], t: number): Outcome[] {
  return outs.map((o) => (o.kind === 'none' ? o : { ...o, kind: o.confidence >= t ? 'sure' : 'closest' }));
}

/**
 * Mean and 99th percentile milliseconds per question. Each question is timed
 * in `passes` passes after a warm-up and its median is kept: the machine is
 * shared, and a single pass mostly measures the other processes' bursts.
 */
export function timing(asker: Asker, questions: Question[], passes = 5): { mean: number; p99: number } {
  for (const q of questions) asker.ask(q.question);
  const runs: number[][] = questions.map(() => []);
  for (let p = 0; p < passes; p++) {
    questions.forEach((q, i) => {
      const t0 = performance.now();
      asker.ask(q.question);
      runs[i]?.push(performance.now() - t0);
    });
  }
  const ms = runs.map((r) => r.sort((a, b) => a - b)[Math.floor(r.length / 2)] ?? 0).sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / Math.max(1, ms.length);
  return { mean, p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? 0 };
}
