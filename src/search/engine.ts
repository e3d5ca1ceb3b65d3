/**
 * The answering engine: a MiniSearch index over every sentence of the
 * corpus, a ranking on top of it, and the decision whether the best
 * sentence really answers the question.
 *
 * This is the only module that imports MiniSearch. The bot, the `ask` CLI
 * and the evaluation all call {@link Engine.ask}, so what is measured is
 * what users get.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { Article, Corpus, Sentence } from '../corpus.ts';
import { mergeSpans, type Span } from '../spans.ts';
import { analyze, tokenize } from './analyze.ts';

/** One ranked sentence. */
export interface Hit {
  doc: string;
  sentence: number;
  text: string;
  score: number;
  /** Character ranges of `text` whose words matched the question, for bold. */
  highlights: Span[];
}

/** The engine's answer to one question. */
export interface Ranking {
  question: string;
  /** False when the corpus does not cover the question: the bot says so instead of bluffing. */
  answered: boolean;
  hits: Hit[];
  /** How sure the engine is that the best hit answers (0..1); `answered` is this against the threshold. */
  confidence?: number;
}

export interface AskOptions {
  /** How many hits to return (default 5). */
  limit?: number;
  /** Skip this many hits first: how "More" pages on. */
  offset?: number;
  /** Restrict to one article. */
  doc?: string;
}

/** Tuning knobs; the defaults are what the evaluation chose. */
export interface EngineOptions {
  /** Minimum IDF-weighted share of the question's terms that the best sentence must contain. */
  minConfidence: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  minConfidence: 0.5,
};

interface Doc {
  id: number;
  text: string;
}

/** Builds the engine over a loaded corpus. */
export function createEngine(corpus: Corpus, options: Partial<EngineOptions> = {}): Engine {
  return new Engine(corpus, { ...DEFAULT_ENGINE_OPTIONS, ...options });
}

export class Engine {
  readonly corpus: Corpus;
  private readonly options: EngineOptions;
  private readonly index: MiniSearch<Doc>;
  private readonly sentences: Sentence[] = [];
  private readonly docFreq = new Map<string, number>();

  /** `saved` (from {@link Engine.serialize}, same corpus and code) skips indexing: see {@link Engine.restore}. */
  constructor(corpus: Corpus, options: EngineOptions, saved?: SavedEngine) {
    this.corpus = corpus;
    this.options = options;
    this.index = saved ? MiniSearch.loadJS<Doc>(saved.index, indexOptions()) : new MiniSearch<Doc>(indexOptions());
    const docs: Doc[] = [];
    for (const article of corpus.articles) {
      for (const s of article.sentences) {
        const id = this.sentences.length;
        this.sentences.push(s);
        if (saved) continue;
        docs.push({ id, text: s.text });
        for (const term of new Set(analyze(s.text))) this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      }
    }
    if (saved) for (const [term, n] of saved.docFreq) this.docFreq.set(term, n);
    else this.index.addAll(docs);
  }

  /** The article with this id, if any. */
  article(id: string): Article | undefined {
    return this.corpus.articles.find((a) => a.id === id);
  }

  /** Ranks the corpus sentences for a question and decides whether it is answered. */
  ask(question: string, opts: AskOptions = {}): Ranking {
    const limit = opts.limit ?? 5;
    const offset = opts.offset ?? 0;
    const terms = [...new Set(analyze(question))];
    if (terms.length === 0) return { question, answered: false, hits: [] };
    const filter = opts.doc === undefined ? undefined : (r: SearchResult) => this.sentences[r.id]?.doc === opts.doc;
    const results = this.index.search(terms.join(' '), {
      prefix: (t) => t.length >= 5,
      fuzzy: (t) => (t.length >= 6 ? 0.2 : false),
      weights: { fuzzy: 0.3, prefix: 0.4 },
      filter,
    });
    const hits = results.slice(offset, offset + limit).map((r) => this.toHit(r));
    const top = results[0];
    const confidence = top === undefined ? 0 : this.coverage(terms, top);
    return { question, answered: confidence >= this.options.minConfidence, hits, confidence };
  }

  /** IDF-weighted share of the question's terms found (exactly or nearly) in the result. */
  private coverage(terms: string[], result: SearchResult): number {
    const matched = new Set(result.queryTerms);
    let total = 0;
    let got = 0;
    for (const t of terms) {
      const w = this.idf(t);
      total += w;
      if (matched.has(t)) got += w;
    }
    return total === 0 ? 0 : got / total;
  }

  private idf(term: string): number {
    const n = this.sentences.length;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private toHit(r: SearchResult): Hit {
    const s = this.sentences[r.id];
    if (!s) throw new Error(`search: unknown sentence id ${String(r.id)}`);
    const matched = new Set(Object.keys(r.match));
    const highlights: Span[] = tokenize(s.text)
      .filter((t) => matched.has(t.term) && t.end > t.start)
      .map((t) => [t.start, t.end]);
    return { doc: s.doc, sentence: s.index, text: s.text, score: r.score, highlights: mergeSpans(highlights) };
  }

  /** The built index and its statistics as plain JSON-able data, for the start-up cache (`search/cache.ts`). */
  serialize(): SavedEngine {
    return { index: this.index.toJSON(), docFreq: [...this.docFreq] };
  }

  /**
   * An engine over `corpus` from {@link Engine.serialize} output, without
   * re-indexing. Only valid for the same corpus and the same code: the
   * cache checks that with a content hash before calling this.
   */
  static restore(corpus: Corpus, saved: SavedEngine, options: Partial<EngineOptions> = {}): Engine {
    return new Engine(corpus, { ...DEFAULT_ENGINE_OPTIONS, ...options }, saved);
  }
}

/** What {@link Engine.serialize} returns. */
export interface SavedEngine {
  index: AsPlainObject;
  docFreq: Array<[string, number]>;
}

/** One set of MiniSearch options for building and for loading, so a loaded index analyzes queries the same way. */
function indexOptions(): Options<Doc> {
  return {
    fields: ['text'],
    storeFields: [],
    tokenize: (text) => analyze(text),
    processTerm: (term) => term,
  };
}
