/**
 * `node --import tsx eval/probe.ts [--typos] [name=value ...]`: the lean loop for trying a ranking step. Ranking
 * figures only (accuracy@1/@5, MRR, sure, sure-and-wrong) on the tuning split's answerable questions, a few
 * seconds per run, where `npm run eval -- --split tune` takes minutes.
 *
 * `--typos` asks a misspelt copy of the same questions: one word of 4+ letters per question gets one edit
 * (a letter dropped, two swapped or one replaced, chosen by a hash of the question id, so every run asks the
 * same copy) and every other question gets a misspelt question word ("wat", "wen", "wher", "wich", "hw", "wo").
 * SQuAD questions are typed carefully; readers' questions are not.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/search/engine.ts';
import type { EngineOptions } from '../src/search/options.ts';
import { loadEvalData, type Question } from './data.ts';
import { outcomes, summarize } from './metrics.ts';

const QUESTION_WORD_TYPOS: Record<string, string> = { what: 'wat', when: 'wen', where: 'wher', which: 'wich', how: 'hw', who: 'wo' };

function hash(s: string): number {
  let x = 2166136261;
  for (const c of s) x = Math.imul(x ^ c.charCodeAt(0), 16777619) >>> 0;
  return x;
}

/** The misspelt copy of one question (see the file comment). */
function misspell(q: Question): Question {
  const words = q.question.split(' ');
  const x = hash(q.id);
  const candidates = words.flatMap((w, i) => (/^[A-Za-z]{4,}$/.test(w) && !(w.toLowerCase() in QUESTION_WORD_TYPOS) ? [i] : []));
  const i = candidates[x % Math.max(1, candidates.length)];
  const w = i === undefined ? undefined : words[i];
  if (i !== undefined && w !== undefined) {
    const p = 1 + ((x >>> 8) % (w.length - 1));
    const edit = (x >>> 16) % 3;
    words[i] = edit === 0 ? w.slice(0, p) + w.slice(p + 1) : edit === 1 ? w.slice(0, p - 1) + (w[p] ?? '') + (w[p - 1] ?? '') + w.slice(p + 1) : `${w.slice(0, p)}e${w.slice(p + 1)}`;
  }
  const typo = QUESTION_WORD_TYPOS[(words[0] ?? '').toLowerCase()];
  if ((x >>> 20) % 2 === 0 && typo !== undefined) words[0] = typo;
  return { ...q, question: words.join(' ') };
}

const args = process.argv.slice(2);
const options: Record<string, unknown> = {};
for (const a of args.filter((a) => a.includes('='))) {
  const [k, v] = a.split('=');
  if (k !== undefined && v !== undefined) options[k] = v === 'true' ? true : v === 'false' ? false : Number(v);
}
const data = await loadEvalData(join(dirname(fileURLToPath(import.meta.url)), '..'), 'tune');
const engine = createEngine(data.all, options as Partial<EngineOptions>);
let questions = data.benchQuestions.filter((q) => q.answerable);
if (args.includes('--typos')) questions = questions.map(misspell);
const s = summarize(outcomes(engine, questions));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
process.stdout.write(`${JSON.stringify(options)}${args.includes('--typos') ? ' (typos)' : ''}: acc@1 ${pct(s.acc1)}, acc@5 ${pct(s.acc5)}, MRR ${s.mrr.toFixed(3)}, sure ${pct(s.sure)}, sure wrong ${pct(s.sureWrong)}\n`);
