/**
 * Checks a question set (`<folder>/questions.jsonl`) against its corpus
 * (`<folder>/corpus`) as the bot's own loader splits it: every gold string
 * occurs (case-insensitively) in the labelled sentence and in no other
 * sentence of its article, ids and questions are unique, styles are valid.
 * Where lines carry them: `sentence_text` is the start of the labelled
 * sentence, `lang` is ru or en (English ones in style `cross`), and a
 * Russian question has no «ё» (people type е).
 * Run: node --import tsx eval/check-set.ts eval/news-tune
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus.ts';

interface Line {
  id: string;
  doc: string;
  question: string;
  answers: string[];
  answerable: boolean;
  sentence?: number;
  sentence_text?: string;
  style: string;
  lang?: string;
}

const STYLES = ['short', 'paraphrase', 'typo', 'full'];

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node --import tsx eval/check-set.ts <folder with corpus/ and questions.jsonl>');
  process.exit(2);
}
const corpus = await loadCorpus(join(folder, 'corpus'));
const docs = new Map(corpus.articles.map((a) => [a.id, a.sentences.map((s) => s.text)]));
const lines = readFileSync(join(folder, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const errors: string[] = [];
const ids = new Set<string>();
const asked = new Set<string>();
for (const line of lines) {
  const q = JSON.parse(line) as Line;
  if (ids.has(q.id)) errors.push(`${q.id}: duplicate id`);
  ids.add(q.id);
  const key = `${q.doc}\u0000${q.question.toLowerCase()}`;
  if (asked.has(key)) errors.push(`${q.id}: duplicate question`);
  asked.add(key);
  if (q.lang !== undefined && !['ru', 'en'].includes(q.lang)) errors.push(`${q.id}: bad lang ${q.lang}`);
  if (q.lang === 'ru' && /ё/i.test(q.question)) errors.push(`${q.id}: question has ё`);
  const styles = q.lang === 'en' ? ['cross'] : STYLES;
  if (!styles.includes(q.style)) errors.push(`${q.id}: bad style ${q.style}${q.lang ? ` for lang ${q.lang}` : ''}`);
  const sents = docs.get(q.doc);
  if (!sents) {
    errors.push(`${q.id}: unknown doc ${q.doc}`);
    continue;
  }
  if (!q.answerable) {
    if (q.answers.length || q.sentence !== undefined) errors.push(`${q.id}: unanswerable with answers/sentence`);
    continue;
  }
  if (q.answers.length < 1 || q.answers.length > 3) errors.push(`${q.id}: ${q.answers.length} answers`);
  const labelled = q.sentence === undefined ? undefined : sents[q.sentence];
  if (q.lang !== undefined && (labelled === undefined || !q.sentence_text || !labelled.startsWith(q.sentence_text)))
    errors.push(`${q.id}: sentence_text does not start sentence ${q.sentence}`);
  for (const g of q.answers) {
    const hits = sents.flatMap((s, i) => (s.toLowerCase().includes(g.toLowerCase()) ? [i] : []));
    if (hits.length !== 1 || hits[0] !== q.sentence) errors.push(`${q.id}: "${g}" found in sentences [${hits.join(',')}], labelled ${q.sentence}`);
  }
}
console.log(`${lines.length} questions, ${corpus.articles.length} articles, ${errors.length} errors`);
for (const e of errors) console.log(e);
process.exitCode = errors.length ? 1 : 0;
