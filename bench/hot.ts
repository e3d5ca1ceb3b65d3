/**
 * Profiling worker: loads one corpus, builds the engine and asks the
 * question mix, nothing else, so that under `node --cpu-prof` every sample
 * belongs to the bot's own work (no plain MiniSearch, no other engine).
 *
 * Usage: node --cpu-prof --import tsx bench/hot.ts '<json {dir, questions?}>'
 */
import { loadCorpus } from '../src/corpus.ts';
import { createEngine } from '../src/search/engine.ts';
import { loadQuestions, SEED_QUESTIONS, SQUAD_QUESTIONS } from './corpora.ts';
import { shuffled } from './stats.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as { dir: string; questions?: number };
const mix = shuffled([...(await loadQuestions(SQUAD_QUESTIONS)), ...(await loadQuestions(SEED_QUESTIONS))]);
const corpus = await loadCorpus(job.dir);
const engine = createEngine(corpus);
for (const q of mix.slice(0, job.questions ?? mix.length)) engine.ask(q.question);
