/**
 * Checks eval/news-tune/questions.jsonl against the corpus as the bot's own
 * loader splits it: every gold string occurs (case-insensitively) in the
 * labelled sentence and in no other sentence; ids and questions are unique.
 * Run: node --import tsx eval/news-tune/check.ts
 */
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../../src/corpus.ts';

const corpus = await loadCorpus('eval/news-tune/corpus');
const docs = new Map(corpus.articles.map((a) => [a.id, a.sentences.map((s) => s.text.toLowerCase())]));
const lines = readFileSync('eval/news-tune/questions.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const errors: string[] = [];
const ids = new Set<string>();
const asked = new Set<string>();
for (const line of lines) {
  const q = JSON.parse(line) as { id: string; doc: string; question: string; answers: string[]; answerable: boolean; sentence?: number; style: string };
  if (ids.has(q.id)) errors.push(`${q.id}: duplicate id`);
  ids.add(q.id);
  const key = `${q.doc}\u0000${q.question.toLowerCase()}`;
  if (asked.has(key)) errors.push(`${q.id}: duplicate question`);
  asked.add(key);
  const sents = docs.get(q.doc);
  if (!sents) {
    errors.push(`${q.id}: unknown doc ${q.doc}`);
    continue;
  }
  if (!['short', 'paraphrase', 'typo', 'full'].includes(q.style)) errors.push(`${q.id}: bad style ${q.style}`);
  if (!q.answerable) {
    if (q.answers.length || q.sentence !== undefined) errors.push(`${q.id}: unanswerable with answers/sentence`);
    continue;
  }
  if (q.answers.length < 1 || q.answers.length > 3) errors.push(`${q.id}: ${q.answers.length} answers`);
  for (const g of q.answers) {
    const hits = sents.flatMap((s, i) => (s.includes(g.toLowerCase()) ? [i] : []));
    if (hits.length !== 1 || hits[0] !== q.sentence) errors.push(`${q.id}: "${g}" found in sentences [${hits.join(',')}], labelled ${q.sentence}`);
  }
}
console.log(`${lines.length} questions, ${corpus.articles.length} articles, ${errors.length} errors`);
for (const e of errors) console.log(e);
process.exitCode = errors.length ? 1 : 0;
