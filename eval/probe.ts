/**
 * `node --import tsx eval/probe.ts [--typos] [--misses] [name=value ...]`: the lean loop for trying a ranking step,
 * on tuning data only, a few seconds per run where `npm run eval -- --split tune` takes minutes. Two parts:
 *
 * - the SQuAD tuning split's answerable questions against all articles: accuracy@1/@5, MRR, sure, sure-and-wrong;
 * - the news tuning set (eval/news-tune/), each question against its own article alone (as the bot ships one
 *   article) and against all eight in one index: found@1, sure, sure-and-wrong, and its on-topic unanswerable
 *   questions answered sure. `--misses` lists its answerable misses (article alone), to study failure classes.
 *   eval/news and eval/seed-typed are test sets and never asked here;
 * - the Russian tuning set (eval/news-ru-tune/) the same way, its Russian and English (cross-language) questions
 *   apart. `--ru` asks only this set (a second or two), for Russian steps; eval/news-ru is a test set, never asked.
 *
 * `--typos` asks a misspelt copy of the same questions: one word of 4+ letters per question gets one edit
 * (a letter dropped, two swapped or one replaced, chosen by a hash of the question id, so every run asks the
 * same copy) and every other question gets a misspelt question word ("wat", "wen", "wher", "wich", "hw", "wo").
 * SQuAD questions are typed carefully; readers' questions are not.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../src/corpus.ts';
import { createEngine } from '../src/search/engine.ts';
import type { EngineOptions } from '../src/search/options.ts';
import { loadEvalData, type Question } from './data.ts';
import { outcomes, summarize, type Outcome } from './metrics.ts';

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
    words[i] =
      edit === 0
        ? w.slice(0, p) + w.slice(p + 1)
        : edit === 1
          ? w.slice(0, p - 1) + (w[p] ?? '') + (w[p - 1] ?? '') + w.slice(p + 1)
          : `${w.slice(0, p)}e${w.slice(p + 1)}`;
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
const engineOptions = options as Partial<EngineOptions>;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const out = process.stdout;
out.write(`${JSON.stringify(options)}${args.includes('--typos') ? ' (typos)' : ''}\n`);
if (!args.includes('--ru')) {
  const engine = createEngine(data.all, engineOptions);
  let questions = data.benchQuestions.filter((q) => q.answerable);
  if (args.includes('--typos')) questions = questions.map(misspell);
  const s = summarize(outcomes(engine, questions));
  out.write(`SQuAD tune: acc@1 ${pct(s.acc1)}, acc@5 ${pct(s.acc5)}, MRR ${s.mrr.toFixed(3)}, sure ${pct(s.sure)}, sure wrong ${pct(s.sureWrong)}\n`);
}

/**
 * A news-style tuning set: each question against its own article alone and against all of the set's articles in one
 * index; `--misses` lists the answerable misses (article alone). A set with questions in two languages is reported
 * per language (`lang`), since each language has its own failure classes.
 */
function probeSet(name: string, set: { corpus: Corpus; questions: Question[] }): void {
  const allEngine = createEngine(set.corpus, engineOptions);
  const alone = new Map(set.corpus.articles.map((a) => [a.id, createEngine({ dir: set.corpus.dir, articles: [a] }, engineOptions)]));
  // Each question against its own article's engine, in the questions' order.
  const askAlone = (qs: Question[]): Outcome[] => qs.flatMap((q) => outcomes(alone.get(q.doc) ?? allEngine, [q]));
  const n = set.corpus.articles.length;
  const langs = [...new Set(set.questions.map((q) => q.lang ?? 'en'))];
  for (const lang of langs) {
    const qs = set.questions.filter((q) => (q.lang ?? 'en') === lang);
    const answerable = qs.filter((q) => q.answerable);
    const unanswerable = qs.filter((q) => !q.answerable);
    const label = langs.length > 1 ? `${name} (${lang})` : name;
    const line = (where: string, a: Outcome[], u: Outcome[]): void => {
      const x = summarize(a);
      const y = summarize(u);
      out.write(
        `${label} ${where}: found@1 ${pct(x.found1)}, acc@5 ${pct(x.acc5)}, sure ${pct(x.sure)}, sure wrong ${pct(x.sureWrong)}, refused ${pct(x.none)}; unanswerable sure ${pct(y.sure)}, none ${pct(y.none)}\n`,
      );
    };
    const aloneOutcomes = askAlone(answerable);
    line('article alone', aloneOutcomes, askAlone(unanswerable));
    line(`all ${n} in one index`, outcomes(allEngine, answerable), outcomes(allEngine, unanswerable));
    if (!args.includes('--misses')) continue;
    answerable.forEach((q, i) => {
      const o = aloneOutcomes[i];
      if (!o || (o.rank === 1 && o.kind !== 'none')) return;
      const top = alone.get(q.doc)?.ask(q.question, { limit: 1 }).hits[0];
      out.write(`  ${q.id} [${o.kind} rank ${o.rank}] ${q.question} | gold: ${q.answers.join(' / ')} | top: ${top?.text.slice(0, 110) ?? '-'}\n`);
    });
  }
}

if (data.newsTune && !args.includes('--ru')) probeSet('news-tune', data.newsTune);
if (data.newsRuTune) probeSet('news-ru-tune', data.newsRuTune);
