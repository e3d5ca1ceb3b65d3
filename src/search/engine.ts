/**
 * The answering engine: a MiniSearch index over every sentence of the
 * corpus, a ranking on top of it, and the decision whether the best
 * sentence really answers the question.
 *
 * This is the only module that imports MiniSearch for the bot (eval/baseline.ts
 * holds the plain-defaults yardstick of the evaluation). The bot, the `ask`
 * CLI and the evaluation all call {@link Engine.ask}, so what is measured is
 * what users get.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article, Corpus, Sentence } from '../corpus.ts';
import { mergeSpans, type Span } from '../spans.ts';
import { createAnalyzer, normalizeTerm, type Analyzer, type Token } from './analyze.ts';
import { fixQuestionWords, typoBudget } from './typos.ts';
import { familyTable, relatedTerms } from './derivations.ts';
import { questionType, type AnswerType } from './answer-type.ts';
import { decide, gatherEvidence, type AnswerKind, type Evidence } from './decision.ts';
import { appendFeatures, buildFeatures, type SentenceFeatures } from './features.ts';
import { matchedTerms, rank, type Candidate, type Match } from './rank.ts';
import { similarWords } from './similar-words.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.ts';

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
  /**
   * `sure`: the first hit answers the question; `closest`: it is the most related passage, not known to
   * answer; `none`: the article is not about this (no content word of the question is in it): refuse.
   */
  kind: AnswerKind;
  /** A passage is shown: `kind` is `sure` or `closest`. False means the bot says the article does not say. */
  answered: boolean;
  hits: Hit[];
  /** The decision model's probability (0..1) that the first hit answers; `sure` from its threshold up. */
  confidence?: number;
}

export type { AnswerKind } from './decision.ts';

export interface AskOptions {
  /** How many hits to return (default 5). */
  limit?: number;
  /** Skip this many hits first: how "More" pages on. */
  offset?: number;
  /** Restrict to one article. */
  doc?: string;
}

interface Doc {
  id: number;
  /** The sentence's analyzed terms, joined by spaces. */
  text: string;
}

/** Builds the engine over a loaded corpus. */
export function createEngine(corpus: Corpus, options: Partial<EngineOptions> = {}): Engine {
  return new Engine(corpus, { ...DEFAULT_ENGINE_OPTIONS, ...options });
}

export class Engine {
  readonly corpus: Corpus;
  private readonly options: EngineOptions;
  private readonly analyzer: Analyzer;
  private readonly index: MiniSearch<Doc>;
  private readonly sentences: Sentence[] = [];
  private readonly docFreq = new Map<string, number>();
  private readonly features: SentenceFeatures;
  private readonly articleDf = new Map<string, Map<string, number>>();
  private readonly tokenCache = new Map<number, Token[]>();
  /** Index terms by their word-like tails ("quak" -> "earthquak"): see {@link compoundTails}. */
  private readonly tails: Map<string, string[]>;
  /** Each article's first sentence id. */
  private readonly firstSentence = new Map<string, number>();
  /** Derivation families in terms (die ~ death): see derivations.ts. */
  private readonly families: Map<string, string[]>;
  /** Sentences in the index: all of them, less those of removed articles (see {@link Engine.remove}). */
  private live = 0;

  /** `saved` (from {@link Engine.serialize}, same corpus and code) skips indexing: see {@link Engine.restore}. */
  constructor(corpus: Corpus, options: EngineOptions, saved?: SavedEngine) {
    this.corpus = corpus;
    this.options = options;
    this.analyzer = createAnalyzer({ lemmas: options.lemmas, numbers: options.numbers, acronyms: options.acronyms });
    const indexOpts = indexOptions();
    this.index = saved ? MiniSearch.loadJS<Doc>(saved.index, indexOpts) : new MiniSearch<Doc>(indexOpts);
    const docs: Doc[] = [];
    for (const article of corpus.articles) {
      for (const s of article.sentences) {
        const id = this.sentences.length;
        if (s.index === 0) this.firstSentence.set(article.id, id);
        this.sentences.push(s);
        if (saved) continue;
        // Analyzed once here; MiniSearch gets the terms, so a build analyzes each sentence once, not twice.
        const terms = this.analyzer.analyze(s.text);
        docs.push({ id, text: terms.join(' ') });
        for (const term of new Set(terms)) this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
      }
    }
    this.live = this.sentences.length;
    if (saved) for (const [term, n] of saved.docFreq) this.docFreq.set(term, n);
    else this.index.addAll(docs);
    this.tails = options.compoundTails ? compoundTails(this.docFreq) : new Map();
    this.families = familyTable((w) => normalizeTerm(w, this.analyzer.options));
    this.features = buildFeatures(corpus, this.sentences, this.analyzer, saved?.typed);
  }

  /** The article with this id, if any. */
  article(id: string): Article | undefined {
    return this.corpus.articles.find((a) => a.id === id);
  }

  /**
   * Adds one article to the index without rebuilding it (a channel post, an
   * article an admin added): its sentences are analyzed and indexed here, and
   * every per-sentence table grows by them. An article with the same id is
   * replaced. Cost is the article's own size, not the corpus's.
   */
  add(article: Article): void {
    if (this.firstSentence.has(article.id)) this.remove(article.id);
    const docs: Doc[] = [];
    const start = this.sentences.length;
    for (const s of article.sentences) {
      const id = this.sentences.length;
      if (s.index === 0) this.firstSentence.set(article.id, id);
      this.sentences.push(s);
      const terms = this.analyzer.analyze(s.text);
      docs.push({ id, text: terms.join(' ') });
      for (const term of new Set(terms)) {
        const n = this.docFreq.get(term) ?? 0;
        this.docFreq.set(term, n + 1);
        if (n === 0 && this.options.compoundTails) addTails(this.tails, term, MAX_TAIL_TERMS);
      }
    }
    appendFeatures(this.features, article, this.sentences.slice(start), this.analyzer);
    this.index.addAll(docs);
    this.corpus.articles.push(article);
  }

  /**
   * Takes one article out of the index (MiniSearch `discard`); false when
   * there is none. Its sentence ids stay as tombstones (no longer in the
   * index, and of no article), so the ids of the others never change.
   */
  remove(id: string): boolean {
    const first = this.firstSentence.get(id);
    if (first === undefined) return false;
    for (let sid = first; this.features.docOf[sid] === id; sid++) {
      this.index.discard(sid);
      for (const term of new Set(this.analyzer.analyze(this.sentences[sid]?.text ?? ''))) {
        const n = (this.docFreq.get(term) ?? 1) - 1;
        if (n > 0) this.docFreq.set(term, n);
        else this.docFreq.delete(term);
      }
      this.features.docOf[sid] = REMOVED;
      this.live--;
    }
    this.firstSentence.delete(id);
    this.articleDf.delete(id);
    const at = this.corpus.articles.findIndex((a) => a.id === id);
    if (at >= 0) this.corpus.articles.splice(at, 1);
    return true;
  }

  /** Ranks the corpus sentences for a question and decides whether the first answers it (see decision.ts). */
  ask(question: string, opts: AskOptions = {}): Ranking {
    return this.explain(question, opts).ranking;
  }

  /** {@link Engine.ask} with the evidence its decision weighed (undefined for `none`): what eval/fit.ts fits on. */
  explain(question: string, opts: AskOptions = {}): { ranking: Ranking; evidence: Evidence | undefined } {
    const limit = opts.limit ?? 5;
    const offset = opts.offset ?? 0;
    const known = (t: string): boolean => this.docFreq.has(t);
    // "wat was the volum" is asked as "what was the volum": its type is known, and "wat" is no missing word.
    const asked = this.options.fuzzy
      ? fixQuestionWords(question, (w) => {
          // Stop words are real words too ("them" is not a typo of "when").
          const t = normalizeTerm(w, this.analyzer.options);
          return t === '' || known(t);
        })
      : question;
    const query = this.analyzer.tokenize(asked, 'query');
    const terms = [...new Set(query.map((t) => t.term))];
    const type = questionType(asked);
    if (terms.length === 0)
      return {
        ranking: this.typeOnly(question, type, terms, opts) ?? { question, kind: 'none', answered: false, hits: [], confidence: 0 },
        evidence: undefined,
      };
    const o = this.options;
    const compounds = joinCompounds(terms, known);
    // A word the article has only inside a compound ("quake" in "earthquake") is searched as that compound.
    for (const t of terms) if (!known(t)) for (const whole of this.tails.get(t) ?? []) if (!compounds.has(whole)) compounds.set(whole, [t]);
    // A word the index lacks may be a typo with two letters swapped, or another form of a word it has ("jobless" ~ "job").
    for (const t of query) {
      if (known(t.term) || t.end <= t.start) continue;
      const norm = (w: string): string => normalizeTerm(w, this.analyzer.options);
      for (const r of relatedTerms(asked.slice(t.start, t.end), t.term, known, norm, this.families))
        if (!compounds.has(r) && !terms.includes(r)) compounds.set(r, [t.term]);
    }
    // A word the index lacks may be a word of like meaning ("staff" ~ "employees"), searched at a low weight.
    const similar = o.similarWords > 0 ? this.similarTerms(query, asked, terms, compounds, known) : new Map<string, Similar>();
    const results = this.index.search([...terms, ...compounds.keys(), ...similar.keys()].join(' '), {
      boostTerm: (t) => similar.get(t)?.weight ?? 1,
      // The terms are analyzed already; MiniSearch must not analyze them again.
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      // Typo tolerance only where the word is unknown: a known word is not a typo, and fuzzy search is the slow part.
      fuzzy: (t) => (o.fuzzy && !known(t) && typoBudget(t) > 0 ? typoBudget(t) : false),
      prefix: (t) => o.prefix && t.length >= 5 && !known(t),
      weights: { fuzzy: o.fuzzyWeight, prefix: o.prefixWeight },
      maxFuzzy: 2,
      bm25: { k: o.bm25k, b: o.bm25b, d: 0.5 },
    });
    const idf = (t: string): number => this.idf(t);
    // Only the best candidates are re-ranked: on a big corpus MiniSearch returns every sentence sharing a word (bench: ~1,900 at 1,000 articles).
    const docResults = opts.doc === undefined ? results : results.filter((r) => this.features.docOf[r.id] === opts.doc);
    const { ranked, byId } = rank(
      docResults.slice(0, MAX_CANDIDATES),
      { terms, type, idf, features: this.features, options: o, doc: opts.doc },
      Math.max(offset + limit, 2),
    );
    const hits = ranked.slice(offset, offset + limit).map((c) => this.toHit(c));
    // Words are weighed by how rare they are in the answering article: "Kazakhstan" is rare in the corpus but says
    // little inside an article about Kazakhstan, where "president" (absent) is what the question is about.
    const topDoc = ranked[0] === undefined ? undefined : this.features.docOf[ranked[0].id];
    const article = topDoc === undefined ? undefined : this.article(topDoc);
    const evidence = gatherEvidence({
      ranked,
      byId,
      results: docResults,
      // Acronym terms are a second route to a name, not a word the reader asked for.
      terms: terms.filter((t) => !t.startsWith('~')),
      keyTerms: keyTerms(asked, query),
      compounds,
      type,
      localIdf: o.localIdf && topDoc !== undefined ? this.articleIdf(topDoc) : idf,
      articleSentences: article?.sentences.length ?? 1,
      features: this.features,
    });
    const { kind, confidence } = decide(evidence);
    if (kind === 'none') {
      const fallback = this.typeOnly(question, type, terms, opts);
      if (fallback) return { ranking: fallback, evidence: undefined };
      // Each word the article lacks met a word of like meaning there ("how much goes to the staff" ~ "employees"):
      // related, never sure, as the decision does not count such words as the question's own.
      if (hits.length > 0 && similar.size > 0 && this.allMetSimilar(terms, similar, docResults, known))
        return { ranking: { question, kind: 'closest', answered: true, hits, confidence: 0 }, evidence: undefined };
    }
    return { ranking: { question, kind, answered: kind !== 'none', hits, confidence }, evidence };
  }

  /**
   * "when?", "who won", "where did it happen": a short question that asks for a type (a date, a person, a place, a
   * figure) and names nothing the article has is about the article as a whole. When one article is asked, its
   * first sentence holding that type answers it as closest (a news lead says who, what, when and where first);
   * undefined otherwise, and the question is refused.
   */
  private typeOnly(question: string, type: AnswerType | undefined, terms: string[], opts: AskOptions): Ranking | undefined {
    const doc = opts.doc ?? (this.corpus.articles.length === 1 ? this.corpus.articles[0]?.id : undefined);
    const first = doc === undefined ? undefined : this.firstSentence.get(doc);
    if (type === undefined || terms.length > MAX_TYPE_ONLY_TERMS || first === undefined) return undefined;
    const ids: number[] = [];
    for (let id = first; this.features.docOf[id] === doc; id++) ids.push(id);
    const chosen = ids.find((id) => (this.features.typed[id]?.[type]?.length ?? 0) > 0) ?? first;
    const order = [chosen, ...ids.filter((id) => id !== chosen)];
    const offset = opts.offset ?? 0;
    const hits = order.slice(offset, offset + (opts.limit ?? 5)).map((id) => this.toHit({ id, score: 0, base: 0, result: undefined }));
    return { question, kind: 'closest', answered: true, hits, confidence: 0 };
  }

  /**
   * The index terms of like meaning (similar-words.ts) for the question words the index lacks, each with the word
   * it stands for and its search weight, `similarWords` × cosine. Kept out of `compounds`, so the decision still
   * counts the asked word as absent: "monday" ~ "tuesday" and "france" ~ "spain" are neighbours too.
   */
  private similarTerms(query: Token[], asked: string, terms: string[], compounds: Map<string, string[]>, known: (t: string) => boolean): Map<string, Similar> {
    const out = new Map<string, Similar>();
    for (const t of query) {
      if (known(t.term) || t.end <= t.start) continue;
      for (const n of similarWords()(asked.slice(t.start, t.end).toLowerCase())) {
        const term = normalizeTerm(n.word, this.analyzer.options);
        if (term !== '' && known(term) && !terms.includes(term) && !compounds.has(term) && !out.has(term))
          out.set(term, { origin: t.term, weight: this.options.similarWords * n.cosine });
      }
    }
    return out;
  }

  /** True when every question word is in the index or met a word of like meaning in the first result's article. */
  private allMetSimilar(terms: string[], similar: Map<string, Similar>, results: Match[], known: (t: string) => boolean): boolean {
    const doc = results[0] === undefined ? undefined : this.features.docOf[results[0].id];
    const met = new Set<string>();
    for (const r of results) if (this.features.docOf[r.id] === doc) for (const q of r.queryTerms) met.add(similar.get(q)?.origin ?? q);
    return terms.every((t) => t.startsWith('~') || known(t) || met.has(t));
  }

  /** A sentence's tokens, kept for the sentences that questions reach (bounded, so a huge corpus cannot fill memory). */
  private sentenceTokens(id: number): Token[] {
    let tokens = this.tokenCache.get(id);
    if (!tokens) {
      tokens = this.analyzer.tokenize(this.sentences[id]?.text ?? '');
      if (this.tokenCache.size >= TOKEN_CACHE_MAX) this.tokenCache.clear();
      this.tokenCache.set(id, tokens);
    }
    return tokens;
  }

  /** IDF within one article, computed when first needed (also after a restore, which keeps only corpus statistics). */
  private articleIdf(doc: string): (term: string) => number {
    let df = this.articleDf.get(doc);
    const article = this.article(doc);
    if (!article) return (t) => this.idf(t);
    if (!df) {
      df = new Map<string, number>();
      for (const s of article.sentences) for (const t of new Set(this.analyzer.analyze(s.text))) df.set(t, (df.get(t) ?? 0) + 1);
      this.articleDf.set(doc, df);
    }
    const n = article.sentences.length;
    const counts = df;
    return (t) => {
      const k = counts.get(t) ?? 0;
      return Math.log(1 + (n - k + 0.5) / (k + 0.5));
    };
  }

  private idf(term: string): number {
    const n = this.live;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private toHit(c: Candidate): Hit {
    const s = this.sentences[c.id];
    if (!s) throw new Error(`search: unknown sentence id ${String(c.id)}`);
    const matched = matchedTerms(c);
    const highlights: Span[] = this.sentenceTokens(c.id)
      .filter((t) => matched.has(t.term) && t.end > t.start)
      .map((t) => [t.start, t.end]);
    return { doc: s.doc, sentence: s.index, text: s.text, score: c.score, highlights: mergeSpans(highlights) };
  }

  /** The built index and its statistics as plain JSON-able data, for the start-up cache (`search/cache.ts`). */
  serialize(): SavedEngine {
    return { index: this.index.toJSON(), docFreq: [...this.docFreq], typed: this.features.typed };
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

/**
 * Adds the joined form of two adjacent question words when the article has
 * it ("road map" finds "roadmap", "data base" finds "database"); the words
 * themselves stay, so nothing is lost when the article writes them apart.
 */
function joinCompounds(terms: string[], known: (t: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 1; i < terms.length; i++) {
    const a = terms[i - 1] ?? '';
    const b = terms[i] ?? '';
    if (!terms.includes(a + b) && known(a + b)) out.set(a + b, [a, b]);
  }
  return out;
}

/**
 * The terms of the question's names and figures: a capitalized word after
 * the first ("Who did Kazakhstan help?") or a word with a digit ("2014").
 * They are what the question is about, so a sentence without them rarely
 * answers it.
 */
function keyTerms(question: string, query: Token[]): string[] {
  const out: string[] = [];
  for (const t of query) {
    if (t.end <= t.start || t.term.startsWith('~')) continue;
    const word = question.slice(t.start, t.end);
    if (/\d/.test(word) || (t.start > 0 && /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(question))) out.push(t.term);
  }
  return out;
}

/**
 * Maps the tail of each long index term to the terms it ends ("quak" ->
 * "earthquak", "fire" -> "wildfire"), so that a question word the article
 * only uses inside a compound still finds it. Tails of 4+ characters after a
 * head of 3+; a tail ending many terms ("ment") keeps the most frequent few.
 */
function compoundTails(docFreq: Map<string, number>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const term of docFreq.keys()) addTails(out, term);
  for (const [tail, terms] of out)
    if (terms.length > MAX_TAIL_TERMS) out.set(tail, terms.sort((a, b) => (docFreq.get(b) ?? 0) - (docFreq.get(a) ?? 0)).slice(0, MAX_TAIL_TERMS));
  return out;
}

/** Adds a term under each of its tails (see {@link compoundTails}), up to `cap` terms a tail (an added article's words come last). */
function addTails(out: Map<string, string[]>, term: string, cap = Infinity): void {
  if (term.length < 7 || !/^\p{L}+$/u.test(term)) return;
  for (let i = 3; i <= term.length - 4; i++) {
    const tail = term.slice(i);
    const list = out.get(tail);
    if (!list) out.set(tail, [term]);
    else if (list.length < cap) list.push(term);
  }
}

/** A word of like meaning searched for a question word the index lacks (see {@link Engine.similarTerms}). */
interface Similar {
  /** The question term it stands for. */
  origin: string;
  /** Its search weight (an exact match weighs 1). */
  weight: number;
}

/** The article id of a removed article's sentences: matches no real id, so ranking never joins them to a neighbour. */
const REMOVED = '\u0000removed';

/** A question with more content words than this that the article lacks is refused, not answered by its type alone. */
const MAX_TYPE_ONLY_TERMS = 1;

/** How many compounds one unknown word may stand for. */
const MAX_TAIL_TERMS = 3;

/** Sentences whose tokens are kept between questions. */
const TOKEN_CACHE_MAX = 50_000;

/** What {@link Engine.serialize} returns. */
export interface SavedEngine {
  index: AsPlainObject;
  docFreq: Array<[string, number]>;
  /** Per sentence, the terms that could answer each question type (see features.ts); rebuilt when absent. */
  typed?: SentenceFeatures['typed'];
}

/** One set of MiniSearch options for building and for loading, so a loaded index analyzes queries the same way. */
function indexOptions(): Options<Doc> {
  return {
    fields: ['text'],
    storeFields: [],
    // Documents and queries arrive as analyzed terms joined by spaces (see the constructor and `ask`).
    tokenize: (terms) => (terms === '' ? [] : terms.split(' ')),
    processTerm: (term) => term,
  };
}

/**
 * How many of MiniSearch's results `rank` re-scores. Measured against no limit: the same accuracy@1 on the
 * SQuAD bench (78.9%) and on the bench's 1,000-article corpus (72.6%), and `ask` there 15.9 -> 8.6 ms mean.
 */
const MAX_CANDIDATES = 300;
