/**
 * From ranked sentences to what a reply says: the passage (best sentence,
 * plus the neighbour it needs to stand on its own), its highlights and the
 * citation; or, when the article does not say, what it can answer instead.
 *
 * Pure and transport-free: Telegram, the terminal and the CLI render the
 * same {@link Reply}.
 */
import type { Article } from './corpus.ts';
import { leansOnPrevious } from './search/context.ts';
import type { AnswerKind, Engine, Hit } from './search/engine.ts';
import type { Span } from './spans.ts';

/** One sentence of a passage; `highlights` only on the sentence that matched. */
export interface PassageSentence {
  index: number;
  text: string;
  highlights: Span[];
  /** True for the sentence that answers; the others are context. */
  focus: boolean;
}

/** Where a passage comes from, as shown under it. */
export interface Citation {
  doc: string;
  title: string;
  date?: string;
  place?: string;
  source?: string;
}

export interface Passage {
  citation: Citation;
  sentences: PassageSentence[];
}

/**
 * What the bot says to a question, in the engine's three kinds: `sure` (the
 * first passage answers), `closest` (the most related passage, shown marked
 * as possibly not answering) and `none` (the article does not say; topics
 * offered instead). Every transport shows the kind the same way because it
 * travels here, not in each feature.
 */
export type Reply =
  | {
      kind: Exclude<AnswerKind, 'none'>;
      question: string;
      /** The engine's score of its best sentence, for the log line. */
      top?: number;
      passages: Passage[];
      /** Rank of the first passage (0 = best); "More" continues from `offset + passages.length`. */
      offset: number;
      /** True when there are further ranked passages after these. */
      more: boolean;
      /** True when the passages are widened by `around` (the "Context" view): the answer sentence is then set apart. */
      context?: boolean;
    }
  | {
      kind: 'none';
      question: string;
      /** The engine's score of its best sentence, if it found any: for the log line. */
      top?: number;
      /** Topics the article does cover, offered instead. */
      suggestions: string[];
    };

/**
 * What answering reads: the engine, the articles and their key topics. The
 * `Library` (`library.ts`) is the one the bot and the CLI pass; the topics
 * come through it so that they are computed once per corpus.
 */
export interface AnswerSource {
  readonly engine: Engine;
  readonly articles: readonly Article[];
  article(id: string): Article | undefined;
  keyTopics(article: Article, max: number): string[];
}

export interface AnswerOptions {
  /** How many passages (default 1). */
  count?: number;
  /** Start at this rank among distinct passages (for paging). */
  offset?: number;
  /** Show this many sentences on each side instead of the minimal context. */
  around?: number;
  /** Restrict to one article. */
  doc?: string;
  /**
   * Show the best passages, unmarked, even when the engine is not sure or
   * would refuse. For questions known to be in the article, such as its own
   * key topics: a bare name ("Kublai Khan") is not a question the engine is
   * sure of, yet every passage shown is about it.
   */
  always?: boolean;
}

/**
 * Answers a question: the best passage(s), sure or only the closest, or an
 * honest "not in the article" with suggestions. Ranks count distinct
 * passages: a hit already shown as another hit's context (the second half of
 * a quotation) is skipped, so that "More" never repeats what the reader has
 * seen. Deterministic, so a page can
 * be recomputed from its offset alone.
 */
export function answerQuestion(source: AnswerSource, question: string, opts: AnswerOptions = {}): Reply {
  const count = opts.count ?? 1;
  const offset = opts.offset ?? 0;
  // Some hits fold into others; asking for extra keeps the page full.
  const ranking = source.engine.ask(question, { limit: 2 * (offset + count) + 4, doc: opts.doc });
  const top = ranking.hits[0]?.score;
  const scored = top !== undefined ? { top } : {};
  if ((ranking.kind === 'none' && opts.always !== true) || ranking.hits.length === 0) {
    return { kind: 'none', question, ...scored, suggestions: suggest(source, opts.doc) };
  }
  // With `always` every passage shown is about the question (a topic of the article): nothing to mark.
  const kind = opts.always === true || ranking.kind === 'sure' ? 'sure' : 'closest';
  const distinct = distinctHits(source, ranking.hits);
  const passages = distinct.slice(offset, offset + count).map((hit) => toPassage(source, hit, opts.around));
  if (passages.length === 0) return { kind, question, ...scored, passages, offset, more: false };
  return {
    kind,
    question,
    ...scored,
    passages,
    offset,
    more: distinct.length > offset + count,
    ...(opts.around !== undefined ? { context: true } : {}),
  };
}

/** Hits whose sentence is not already inside the passage of a better hit. */
function distinctHits(source: AnswerSource, hits: readonly Hit[]): Hit[] {
  const shown = new Set<string>();
  const out: Hit[] = [];
  for (const hit of hits) {
    if (shown.has(`${hit.doc}#${hit.sentence}`)) continue;
    const article = source.article(hit.doc);
    const [from, to] = article ? minimalContext(article, hit.sentence) : [hit.sentence, hit.sentence];
    for (let i = from; i <= to; i++) shown.add(`${hit.doc}#${i}`);
    out.push(hit);
  }
  return out;
}

/** Builds the passage for one hit: the hit plus the neighbours it needs to be understood. */
export function toPassage(source: AnswerSource, hit: Hit, around?: number): Passage {
  const article = source.article(hit.doc);
  if (!article) throw new Error(`answer: unknown article ${hit.doc}`);
  const [from, to] = around === undefined ? minimalContext(article, hit.sentence) : [hit.sentence - around, hit.sentence + around];
  const sentences: PassageSentence[] = [];
  for (let i = Math.max(0, from); i <= Math.min(article.sentences.length - 1, to); i++) {
    const s = article.sentences[i];
    if (!s) continue;
    const focus = i === hit.sentence;
    sentences.push({ index: i, text: s.text, highlights: focus ? hit.highlights : [], focus });
  }
  return { citation: citationOf(article), sentences };
}

/**
 * The smallest window around sentence `i` that stands alone: the sentence
 * before when it leans on it (the ranking's own rule, `leansOnPrevious`: a
 * pronoun or connective opener, or the end of a quotation) within the same
 * paragraph; the sentence after when it opens a quotation that the next one
 * finishes (it carries who said it).
 */
export function minimalContext(article: Article, i: number): [number, number] {
  const s = article.sentences[i];
  if (!s) return [i, i];
  let from = i;
  let to = i;
  const prev = article.sentences[i - 1];
  if (prev && prev.paragraph === s.paragraph && leansOnPrevious(s)) from = i - 1;
  const next = article.sentences[i + 1];
  if (next && s.quote > 0 && next.quote < 0) to = i + 1;
  return [from, to];
}

/** The citation line of an article. */
export function citationOf(article: Article): Citation {
  return { doc: article.id, title: article.title, ...article.meta };
}

function suggest(source: AnswerSource, doc: string | undefined): string[] {
  const articles = doc === undefined ? source.articles : source.articles.filter((a) => a.id === doc);
  const perArticle = Math.max(1, Math.ceil(3 / Math.max(1, articles.length)));
  // Only as many articles as needed: with thousands of articles, the first few give the three topics.
  const out: string[] = [];
  for (const a of articles) {
    out.push(...source.keyTopics(a, perArticle));
    if (out.length >= 3) break;
  }
  return out.slice(0, 3);
}

/**
 * Questions about the articles' key topics that the engine is sure of, each
 * from its own article: material for example questions (`Library.exampleQuestions`,
 * which keeps them). Only sure answers: an example shown as "the closest
 * passage" would teach the reader to doubt the bot.
 */
export function topicQuestions(source: AnswerSource): string[] {
  const out: string[] = [];
  for (const article of source.articles) {
    for (const topic of source.keyTopics(article, 12)) {
      const question = `What about ${topic}?`;
      const ranking = source.engine.ask(question, { limit: 1 });
      if (ranking.kind === 'sure' && ranking.hits[0]?.doc === article.id) out.push(question);
      if (out.length >= 6) break;
    }
    if (out.length >= 6) break;
  }
  return out;
}
