/**
 * Channel posts at scale (issue 12): how long adding one post takes in a
 * chat library that already holds 10,000 articles (the incremental
 * `Library.add`: index, statistics and features of that post only), and how
 * much memory each article of a chat library costs.
 *
 * `node --import tsx bench/channel-add.ts [--articles 10000] [--adds 50]`
 * (run with `--expose-gc` for steadier memory figures). Articles are
 * generated from the real ones (bench/generate.ts), with a fixed seed. As a
 * bench worker (`npm run bench`) its argument is a JSON job and it prints
 * one JSON line.
 */
import { parseArticle } from '../src/corpus.ts';
import { buildLibrary } from '../src/library.ts';
import { realArticles } from './corpora.ts';
import { generateArticle, trainModel } from './generate.ts';

/** What `npm run bench` reads from this worker. */
export interface ChannelAddResult {
  articles: number;
  sentences: number;
  buildMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  adds: number;
  kbPerArticle: number;
}

const args = process.argv.slice(2);
const job = args[0]?.startsWith('{') ? (JSON.parse(args[0]) as { articles: number; adds: number }) : undefined;
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const size = job?.articles ?? option('--articles', 10_000);
const adds = job?.adds ?? option('--adds', 50);
const SEED = 12;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const model = trainModel(await realArticles());
const texts = Array.from({ length: size + adds }, (_, i) => generateArticle(model, SEED, i));

const before = heap();
const started = performance.now();
const library = buildLibrary({ dir: 'bench', articles: texts.slice(0, size).map((t, i) => parseArticle(`post-${i}`, t)) });
const buildMs = performance.now() - started;
const after = heap();

const times: number[] = [];
for (let i = size; i < size + adds; i++) {
  const article = parseArticle(`post-${i}`, texts[i] ?? '');
  const t0 = performance.now();
  library.add(article);
  // Answerable now: the first question after the add is part of its cost.
  library.engine.ask(article.sentences[1]?.text ?? article.title, { limit: 1 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
const sentences = library.sentenceCount;

const result: ChannelAddResult = {
  articles: size,
  sentences,
  buildMs,
  medianMs: pct(0.5),
  p95Ms: pct(0.95),
  maxMs: pct(1),
  adds,
  kbPerArticle: (after - before) / size / 1024,
};
if (job) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  process.stdout.write(
    [
      `chat library: ${size} articles (${sentences} sentences), built in ${(buildMs / 1000).toFixed(1)} s`,
      `add one post + first question: median ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${pct(1).toFixed(1)} ms (${adds} posts)`,
      `memory: ${((after - before) / size / 1024).toFixed(1)} KB per article (heap${gc ? ', after gc' : ', run with --expose-gc for a steadier figure'})`,
      '',
    ].join('\n'),
  );
