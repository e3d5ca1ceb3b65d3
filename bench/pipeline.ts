/**
 * Bench worker: bot pipeline throughput. Updates go one after another
 * through the whole middleware stack (`createBot` + `bot.handleUpdate`) with
 * the tests' recording API transformer, so nothing touches the network and
 * the figure is the bot's own cost per update. One process, one thread: the
 * wall-clock rate is on one core, and the CPU time is reported beside it
 * because the machine may be shared.
 *
 * Usage: node --import tsx bench/pipeline.ts '<json PipelineJob>'; prints one JSON line.
 */
import type { Update } from 'grammy/types';
import { createBot } from '../src/bot/create.ts';
import { loadCorpus } from '../src/corpus.ts';
import { buildLibrary } from '../src/library.ts';
import { BOT_INFO, GROUP, record, TEST_TOKEN, textUpdate, USER, type Call } from '../test/support/recorder.ts';
import { loadQuestions, SEED_QUESTIONS, SQUAD_QUESTIONS } from './corpora.ts';

export interface PipelineCase {
  kind: 'private question' | 'group chatter (ignored)' | 'inline query';
  updates: number;
  perSecond: number;
  /** Updates per second of CPU time (user + system) of this process. */
  perCpuSecond: number;
  /** What the bot sent, per update: checks it did the work (or ignored the chatter). */
  callsPerUpdate: Record<string, number>;
}

export interface PipelineResult {
  articles: number;
  sentences: number;
  cases: PipelineCase[];
}

const WARM_UP = 200;
/** Distinct updates per case, reused in turn (each question of the mix several times over). */
const POOL = 5000;

async function measure(kind: PipelineCase['kind'], make: (i: number) => Update, seconds: number, dir: string): Promise<PipelineCase> {
  const corpus = await loadCorpus(dir);
  const library = buildLibrary(corpus);
  const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
  const calls: Call[] = record(bot);
  for (let i = 0; i < WARM_UP; i++) await bot.handleUpdate(make(i));
  // Built before the clock starts, so building test updates is not counted as the bot's work.
  const pool = Array.from({ length: POOL }, (_, i) => make(WARM_UP + i));
  calls.length = 0;
  const counts = new Map<string, number>();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  // Check the clock every 50 updates only: reading it is not free.
  while (n % 50 !== 0 || performance.now() - start < seconds * 1000) {
    await bot.handleUpdate(pool[n % POOL] as Update);
    n++;
    if (calls.length > 1000) {
      for (const c of calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
      calls.length = 0;
    }
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  for (const c of calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
  return {
    kind,
    updates: n,
    perSecond: n / (wallMs / 1000),
    perCpuSecond: n / ((used.user + used.system) / 1e6),
    callsPerUpdate: Object.fromEntries([...counts].map(([m, c]) => [m, c / n])),
  };
}

interface PipelineJob {
  dir: string;
  seconds: number;
  /** Which questions the private and inline updates ask: the seed set for the seed article, the SQuAD mix for the bench articles. */
  questions: 'seed' | 'squad';
}

async function run(job: PipelineJob): Promise<PipelineResult> {
  const mix = (await loadQuestions(job.questions === 'seed' ? SEED_QUESTIONS : SQUAD_QUESTIONS)).map((q) => q.question);
  const q = (i: number): string => mix[i % mix.length] ?? '';
  const corpus = await loadCorpus(job.dir);
  const cases = [
    await measure('private question', (i) => textUpdate(q(i)), job.seconds, job.dir),
    // The same questions, in a group, neither mentioning nor replying to the bot: it must stay quiet.
    await measure('group chatter (ignored)', (i) => textUpdate(q(i), { chat: GROUP }), job.seconds, job.dir),
    await measure(
      'inline query',
      (i) => ({ update_id: 1e6 + i, inline_query: { id: String(i), from: USER, query: q(i), offset: '', chat_type: 'sender' } }) as Update,
      job.seconds,
      job.dir,
    ),
  ];
  return { articles: corpus.articles.length, sentences: corpus.articles.reduce((n, a) => n + a.sentences.length, 0), cases };
}

const job = JSON.parse(process.argv[2] ?? '{}') as PipelineJob;
process.stdout.write(`${JSON.stringify(await run(job))}\n`);
