/**
 * The evaluation's inputs: the seed article (corpus/), the SQuAD bench
 * articles (eval/squad/corpus/), the news set (eval/news/) and their
 * question files, loaded into the shapes the scoring functions take.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, type Corpus } from '../src/corpus.ts';

/** One evaluation question; `answers` are gold strings, empty when it should be refused. */
export interface Question {
  id: string;
  doc: string;
  question: string;
  answers: string[];
  answerable: boolean;
  /** The question's language, where the file says (eval/news-ru has Russian questions and English ones). */
  lang?: string;
}

/** Reads a JSON-lines question file. */
export function loadQuestions(path: string): Question[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const q = JSON.parse(l) as Partial<Question>;
      if (typeof q.question !== 'string' || typeof q.doc !== 'string' || !Array.isArray(q.answers)) {
        throw new Error(`eval: ${path}:${i + 1} is not a question line`);
      }
      const lang = typeof q.lang === 'string' ? { lang: q.lang } : {};
      return {
        id: q.id ?? `${path}:${i + 1}`,
        doc: q.doc,
        question: q.question,
        answers: q.answers,
        answerable: q.answerable ?? q.answers.length > 0,
        ...lang,
      };
    });
}

export interface EvalData {
  seed: Corpus;
  bench: Corpus;
  /** Seed and bench articles in one corpus: the "all articles in one index" setting. */
  all: Corpus;
  seedQuestions: Question[];
  /** The reported split (questions.jsonl) or the tuning split (questions-all minus questions.jsonl). */
  benchQuestions: Question[];
  /** The news-style test set (eval/news/), when present: its own articles and questions. Never tuned on. */
  news: { corpus: Corpus; questions: Question[] } | undefined;
  /** Questions about the seed article typed as people type them (eval/seed-typed/), when present. Never tuned on. */
  typedQuestions: Question[];
  /** The news-style tuning set (eval/news-tune/), when present: tuned on, never reported as a test row. */
  newsTune: { corpus: Corpus; questions: Question[] } | undefined;
  /** The Russian news set (eval/news-ru/), when present: Russian questions and English (cross-language) ones. Never tuned on. */
  newsRu: { corpus: Corpus; questions: Question[] } | undefined;
  /** The Russian tuning set (eval/news-ru-tune/), when present: tuned on, never reported as a test row. */
  newsRuTune: { corpus: Corpus; questions: Question[] } | undefined;
}

/** Loads everything from the repository root `root`; `split` picks the bench questions. */
export async function loadEvalData(root: string, split: 'test' | 'tune'): Promise<EvalData> {
  const seed = await loadCorpus(join(root, 'corpus'));
  const bench = await loadCorpus(join(root, 'eval', 'squad', 'corpus'));
  const all: Corpus = { dir: `${seed.dir} + ${bench.dir}`, articles: [...seed.articles, ...bench.articles] };
  const test = loadQuestions(join(root, 'eval', 'squad', 'questions.jsonl'));
  let benchQuestions = test;
  if (split === 'tune') {
    const testIds = new Set(test.map((q) => q.id));
    benchQuestions = loadQuestions(join(root, 'eval', 'squad', 'questions-all.jsonl')).filter((q) => !testIds.has(q.id));
  }
  const news = await loadNewsSet(join(root, 'eval', 'news'));
  const typedFile = join(root, 'eval', 'seed-typed', 'questions.jsonl');
  const typedQuestions = existsSync(typedFile) ? loadQuestions(typedFile) : [];
  const newsTune = await loadNewsSet(join(root, 'eval', 'news-tune'));
  const newsRu = await loadNewsSet(join(root, 'eval', 'news-ru'));
  const newsRuTune = await loadNewsSet(join(root, 'eval', 'news-ru-tune'));
  return {
    seed,
    bench,
    all,
    seedQuestions: loadQuestions(join(root, 'eval', 'seed-questions.jsonl')),
    benchQuestions,
    news,
    typedQuestions,
    newsTune,
    newsRu,
    newsRuTune,
  };
}

/** A news-style set (corpus/ + questions.jsonl), or undefined when the folder is absent. */
async function loadNewsSet(dir: string): Promise<{ corpus: Corpus; questions: Question[] } | undefined> {
  const file = join(dir, 'questions.jsonl');
  return existsSync(file) ? { corpus: await loadCorpus(join(dir, 'corpus')), questions: loadQuestions(file) } : undefined;
}
