/**
 * What the ranking knows about each sentence besides its words: its
 * paragraph, whether it leans on the sentence before, and the terms that
 * could answer each question type. Built once with the index, in one
 * linear pass.
 */
import type { Article, Corpus, Sentence } from '../corpus.ts';
import type { Analyzer } from './analyze.ts';
import { typedSpans, type AnswerType } from './answer-type.ts';
import { leansOnPrevious } from './context.ts';

export interface SentenceFeatures {
  /** Per sentence id: analyzed terms that could answer each type (a year for "when", a figure for "how many"). */
  typed: Array<Partial<Record<AnswerType, string[]>>>;
  /** Per sentence id: true when it leans on the sentence before it (same article). */
  leans: boolean[];
  /** Per sentence id: its paragraph's id across the corpus. */
  paragraphOf: number[];
  /** Per sentence id: its article's id. */
  docOf: string[];
}

/** Computes the features; `typed` may come from a saved index, since it is the costly part. */
export function buildFeatures(corpus: Corpus, sentences: Sentence[], analyzer: Analyzer, typed?: SentenceFeatures['typed']): SentenceFeatures {
  const paragraphOf: number[] = [];
  let paragraphBase = 0;
  for (const article of corpus.articles) {
    for (const s of article.sentences) paragraphOf.push(paragraphBase + s.paragraph);
    paragraphBase += article.paragraphs.length + 1;
  }
  return {
    typed: typed ?? sentences.map((s) => typedTerms(s.text, analyzer)),
    leans: sentences.map((s) => leansOnPrevious(s)),
    paragraphOf,
    docOf: sentences.map((s) => s.doc),
  };
}

function typedTerms(text: string, analyzer: Analyzer): Partial<Record<AnswerType, string[]>> {
  const out: Partial<Record<AnswerType, string[]>> = {};
  for (const [type, spans] of Object.entries(typedSpans(text)) as Array<[AnswerType, string[]]>) {
    const terms = [...new Set(spans.flatMap((span) => analyzer.analyze(span)))];
    if (terms.length > 0) out[type] = terms;
  }
  return out;
}

/** Grows the features by one article appended to the index (`Engine.add`); `sentences` are its own, in order. */
export function appendFeatures(f: SentenceFeatures, article: Article, sentences: Sentence[], analyzer: Analyzer): void {
  // Paragraph ids only need to differ between articles: the next free one after the last.
  const base = (f.paragraphOf.at(-1) ?? -1) + 2;
  for (const s of sentences) {
    f.typed.push(typedTerms(s.text, analyzer));
    f.leans.push(leansOnPrevious(s));
    f.paragraphOf.push(base + s.paragraph);
    f.docOf.push(article.id);
  }
}
