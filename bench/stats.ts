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
  return percentile([...samples].sort((a, b) => a - b), 0.5);
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

/** Per-call times in milliseconds: wall clock, and CPU time of this process (user + system, all its threads). */
export interface Timings {
  wall: number[];
  cpu: number[];
}

/**
 * Times `fn` once per input, in input order, by the wall clock and by the
 * process's CPU time: on a shared machine the wall clock also counts the
 * time other processes held the core, the CPU time does not (it adds the
 * few microseconds `process.cpuUsage()` itself costs). With a budget it
 * stops once `budgetMs` of wall time have passed and at least `minimum`
 * inputs were timed, so the slowest configurations still finish; shuffle
 * the inputs first (see {@link shuffled}) so that any prefix is a fair sample.
 */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, budget?: { budgetMs: number; minimum: number }): Timings {
  const out: Timings = { wall: [], cpu: [] };
  let spent = 0;
  for (const input of inputs) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn(input);
    const ms = msSince(start);
    const used = process.cpuUsage(cpu);
    out.wall.push(ms);
    out.cpu.push((used.user + used.system) / 1000);
    spent += ms;
    if (budget && spent > budget.budgetMs && out.wall.length >= budget.minimum) break;
  }
  return out;
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
