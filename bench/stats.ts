/** Small statistics and timing helpers shared by the bench workers. */

/** Summary of timings in milliseconds. */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (`q` in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` value). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Calls `fn` on the first `n` inputs untimed, so the JIT has compiled the hot
 * path before timing starts, as in a bot that has been running a while.
 */
export function warmUp<T>(inputs: readonly T[], fn: (input: T) => unknown, n = 50): void {
  for (const input of inputs.slice(0, n)) fn(input);
}

/** Per-call times in milliseconds, in input order. */
export interface Timings {
  /** The first pass: what a question costs the first time it is asked. */
  first: number[];
  /**
   * Per input, the median of its times over all passes. On a shared
   * machine a single timing also counts the moments another process held
   * the core; the median of three drops such one-off stalls while a
   * question that is slow every time stays slow.
   */
  median: number[];
  /** How many passes were made (1 when the first pass used up the budget). */
  passes: number;
}

/**
 * Times `fn` once per input and pass, by the wall clock. With a budget the
 * first pass stops once `budgetMs` have passed and at least `minimum` inputs
 * were timed, so the slowest configurations still finish, and later passes
 * time the same inputs; shuffle the inputs first (see {@link shuffled}) so
 * that any prefix is a fair sample. (Per-call CPU time is no help here:
 * Linux accounts it in jumps of a scheduler tick, 4 ms, far above the
 * sub-millisecond calls measured.)
 */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, opts: { passes?: number; budgetMs?: number; minimum?: number } = {}): Timings {
  const first: number[] = [];
  let spent = 0;
  for (const input of inputs) {
    const ms = timeOne(fn, input);
    first.push(ms);
    spent += ms;
    if (opts.budgetMs !== undefined && spent > opts.budgetMs && first.length >= (opts.minimum ?? 0)) break;
    // Never more than three budgets, whatever the minimum: the slowest engine at the largest size must still finish.
    if (opts.budgetMs !== undefined && spent > 3 * opts.budgetMs && first.length >= 20) break;
  }
  const timed = inputs.slice(0, first.length);
  const passes = [first];
  // A configuration that already used up its budget in one pass gets no more: its figures are the first pass.
  const more = opts.budgetMs !== undefined && spent > opts.budgetMs ? 0 : (opts.passes ?? 3) - 1;
  for (let p = 0; p < more; p++) passes.push(timed.map((input) => timeOne(fn, input)));
  return { first, median: timed.map((_, i) => median(passes.map((pass) => pass[i] ?? NaN))), passes: passes.length };
}

function timeOne<T>(fn: (input: T) => unknown, input: T): number {
  const start = process.hrtime.bigint();
  fn(input);
  return msSince(start);
}

/** A copy of `items` in a seeded random order (Fisher–Yates over a small LCG): the same order every run. */
export function shuffled<T>(items: readonly T[], seed = 1): T[] {
  const out = [...items];
  let x = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}
