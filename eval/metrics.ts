/**
 * Scoring: how often the first (or one of the first five) returned
 * sentences holds a gold answer, how often an answer is refused, and how
 * long a question takes. Pure functions over an {@link Asker}, so the engine
 * and plain MiniSearch are measured by the same code.
 */
import type { Asker } from './baseline.ts';
import type { Question } from './data.ts';

/** A returned sentence counts when it contains a gold answer string, case-insensitively. */
export function holdsAnswer(text: string, answers: string[]): boolean {
  const t = text.toLowerCase();
  return answers.some((a) => t.includes(a.toLowerCase()));
}

/** What one answerable question got. */
export interface Outcome {
  /** 1-based rank of the first sentence holding a gold answer in the top 10, 0 when none. */
  rank: number;
  answered: boolean;
  confidence: number;
}

export interface RankingScores {
  n: number;
  acc1: number;
  acc5: number;
  /** Mean reciprocal rank over the top 10. */
  mrr: number;
  /** Share of these answerable questions that the asker refused. */
  refused: number;
  /** Share answered with a right first sentence: what a user gets with abstention on. */
  acc1Answered: number;
}

/** Asks each question and records where the first right sentence came. */
export function outcomes(asker: Asker, questions: Question[]): Outcome[] {
  return questions.map((q) => {
    const r = asker.ask(q.question, { limit: 10 });
    const i = r.hits.findIndex((h) => holdsAnswer(h.text, q.answers));
    return { rank: i + 1, answered: r.answered, confidence: r.confidence ?? (r.answered ? 1 : 0) };
  });
}

/** Accuracy@1/@5, MRR@10 and refusals of a set of outcomes. */
export function summarize(outs: Outcome[]): RankingScores {
  const n = outs.length;
  const share = (f: (o: Outcome) => boolean): number => (n === 0 ? 0 : outs.filter(f).length / n);
  return {
    n,
    acc1: share((o) => o.rank === 1),
    acc5: share((o) => o.rank >= 1 && o.rank <= 5),
    mrr: n === 0 ? 0 : outs.reduce((s, o) => s + (o.rank > 0 ? 1 / o.rank : 0), 0) / n,
    refused: share((o) => !o.answered),
    acc1Answered: share((o) => o.rank === 1 && o.answered),
  };
}

/** Confidence of each question (refused when below the engine's threshold). */
export function confidences(asker: Asker, questions: Question[]): Array<{ answered: boolean; confidence: number }> {
  return questions.map((q) => {
    const r = asker.ask(q.question, { limit: 5 });
    return { answered: r.answered, confidence: r.confidence ?? (r.answered ? 1 : 0) };
  });
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
