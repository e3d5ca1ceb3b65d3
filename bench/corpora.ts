/**
 * The benchmark's corpora on disk: the real articles first (the seed article
 * the bot ships with, then the SQuAD bench articles), then generated ones,
 * each size in its own temporary folder so `loadCorpus` reads it as the bot
 * would.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/corpus.ts';
import { generateArticle, generatedName, trainModel, type SourceText, type TextModel } from './generate.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The article the bot ships with. */
export const SEED_DIR = join(ROOT, 'corpus');
/** The SQuAD 2.0 bench articles and questions (see eval/squad/README.md). */
export const SQUAD_DIR = join(ROOT, 'eval', 'squad');

interface NamedText extends SourceText {
  file: string;
}

async function readTexts(dir: string): Promise<NamedText[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map(async (file) => ({ file, id: file.replace(/\.txt$/, ''), raw: await readFile(join(dir, file), 'utf8') })));
}

/** The real articles, in the order sizes take them: the seed article first. */
export async function realArticles(): Promise<NamedText[]> {
  return [...(await readTexts(SEED_DIR)), ...(await readTexts(join(SQUAD_DIR, 'corpus')))];
}

/** Words per sentence, real against generated: the check that generated text has realistic lengths. */
export interface GeneratorCheck {
  real: { sentences: number; meanWords: number; sdWords: number };
  generated: { articles: number; sentencesPerArticle: number; meanWords: number; sdWords: number };
}

function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, x) => s + x, 0) / (values.length || 1);
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length || 1));
  return { mean, sd };
}

/** Corpus folders for each size under `root`, sharing one model; returns size -> folder, and the length check. */
export async function writeCorpora(root: string, sizes: number[], seed: number): Promise<{ dirs: Map<number, string>; check: GeneratorCheck }> {
  const real = await realArticles();
  const model: TextModel = trainModel(real);
  const largest = Math.max(...sizes);
  const generated: string[] = [];
  for (let i = 0; i < largest - real.length; i++) generated.push(generateArticle(model, seed, i));
  const sample = generated.slice(0, 500).map((text, i) => parseArticle(`g${i}`, text).sentences);
  const lengths = sample.flat().map((s) => s.text.split(' ').length);
  const realStats = meanSd(model.lengths);
  const genStats = meanSd(lengths);
  const check: GeneratorCheck = {
    real: { sentences: model.lengths.length, meanWords: realStats.mean, sdWords: realStats.sd },
    generated: { articles: sample.length, sentencesPerArticle: lengths.length / (sample.length || 1), meanWords: genStats.mean, sdWords: genStats.sd },
  };
  const dirs = new Map<number, string>();
  for (const size of sizes) {
    const dir = join(root, `n${size}`);
    await mkdir(dir, { recursive: true });
    const files = real.slice(0, size).map((r) => ({ name: r.file, text: r.raw }));
    for (let i = 0; files.length < size; i++) files.push({ name: generatedName(i), text: generated[i] ?? '' });
    for (const f of files) await writeFile(join(dir, f.name), f.text);
    dirs.set(size, dir);
  }
  return { dirs, check };
}

/** One benchmark question (a line of eval/squad/questions.jsonl). */
export interface BenchQuestion {
  id: string;
  doc: string;
  question: string;
  answers: string[];
  answerable: boolean;
}

/** The SQuAD bench questions (eval/squad/questions.jsonl). */
export const SQUAD_QUESTIONS = join(SQUAD_DIR, 'questions.jsonl');
/** The project's questions about the seed article, answerable and not (eval/seed-questions.jsonl). */
export const SEED_QUESTIONS = join(ROOT, 'eval', 'seed-questions.jsonl');

/** Questions of one eval file, in file order. */
export async function loadQuestions(file = SQUAD_QUESTIONS): Promise<BenchQuestion[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchQuestion);
}
