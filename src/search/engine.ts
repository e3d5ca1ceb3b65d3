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
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
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
import { ArticleIndex } from './article-index.ts';
import { SentenceTerms, type SavedSentenceTerms } from './sentence-terms.ts';
import { expandTerm, scoreSentences, type Bm25, type QueryTerm } from './candidates.ts';

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
export function createEngine(corpus: Corpus, options: Partial<EngineOptions> = {}, shared: SharedParts = {}): Engine {
  return new Engine(corpus, { ...DEFAULT_ENGINE_OPTIONS, ...options }, undefined, shared);
}

/**
 * What many engines can share: one analyzer (from {@link engineAnalyzer}) and its cache of analyzed words, instead
 * of one per engine. A bot with a library per chat builds every chat's engine with the same one.
 */
export interface SharedParts {
  analyzer?: Analyzer;
}

/** The analyzer an engine with these options analyzes with; pass it to several engines as {@link SharedParts}. */
export function engineAnalyzer(options: Partial<EngineOptions> = {}): Analyzer {
  const o = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  return createAnalyzer({ lemmas: o.lemmas, numbers: o.numbers, acronyms: o.acronyms });
}

export class Engine {
  readonly corpus: Corpus;
  private readonly options: EngineOptions;
  private readonly analyzer: Analyzer;
  /**
   * MiniSearch's index of every sentence, while the library is small; a big library has none (see
   * {@link Engine.large}): its sentences are scored from the term store, and `vocabulary` finds its terms.
   */
  private index: MiniSearch<Doc> | undefined;
  /** A big library's terms, in MiniSearch's radix tree, for prefix and typo matches (candidates.ts). */
  private vocabulary: SearchableMap<true> | undefined;
  private readonly sentences: Sentence[] = [];
  /** Every sentence's terms and every term's sentence count (sentence-terms.ts). */
  private readonly store: SentenceTerms;
  private readonly features: SentenceFeatures;
  private readonly tokenCache = new Map<number, Token[]>();
  /** Index terms by their word-like tails ("quak" -> "earthquak"): see {@link compoundTails}. */
  private readonly tails: Map<string, string[]>;
  /** Each article by id, with its first sentence id (its sentences are consecutive). */
  private readonly placed = new Map<string, { article: Article; first: number }>();
  /** Derivation families in terms (die ~ death): see derivations.ts. */
  private readonly families: Map<string, string[]>;
  /** Which articles a question is about, so that a big library's sentences are scored only in the best few (article-index.ts). */
  private readonly articles = new ArticleIndex();

  /** `saved` (from {@link Engine.serialize}, same corpus and code) skips indexing: see {@link Engine.restore}. */
  constructor(corpus: Corpus, options: EngineOptions, saved?: SavedEngine, shared: SharedParts = {}) {
    this.corpus = corpus;
    this.options = options;
    this.analyzer = shared.analyzer ?? engineAnalyzer(options);
    const a = this.analyzer.options;
    if (a.lemmas !== options.lemmas || a.numbers !== options.numbers || a.acronyms !== options.acronyms)
      throw new Error('search: a shared analyzer must analyze as the engine would (lemmas, numbers, acronyms)');
    const indexOpts = indexOptions();
    const sentences = corpus.articles.reduce((n, a) => n + a.sentences.length, 0);
    const small = saved ? saved.index !== undefined : !isBig(sentences, options);
    if (small) this.index = saved?.index ? MiniSearch.loadJS<Doc>(saved.index, indexOpts) : new MiniSearch<Doc>(indexOpts);
    const docs: Doc[] = [];
    this.store = saved ? SentenceTerms.restore(saved.terms) : new SentenceTerms();
    for (const article of corpus.articles) {
      this.placed.set(article.id, { article, first: this.sentences.length });
      for (const s of article.sentences) {
        const id = this.sentences.length;
        this.sentences.push(s);
        if (saved) continue;
        // Analyzed once here; MiniSearch and the term store get the terms, so a build analyzes each sentence once.
        const terms = this.analyzer.analyze(s.text);
        if (this.index) docs.push({ id, text: terms.join(' ') });
        this.store.push(terms);
      }
      this.indexArticle(article.id);
    }
    if (this.index && !saved) this.index.addAll(docs);
    if (!this.index) this.vocabulary = vocabularyOf(this.store);
    this.tails = options.compoundTails ? compoundTails(this.store) : new Map();
    this.families = familyTable((w) => normalizeTerm(w, this.analyzer.options));
    this.features = buildFeatures(corpus, this.sentences, this.analyzer, saved?.typed);
  }

  /** Adds an article whose sentences are in the term store to the article-level index. */
  private indexArticle(id: string): void {
    const counts = new Map<number, number>();
    const ids = this.store.termIds;
    const tf = this.store.termCounts;
    for (const sid of this.sentenceIds(id))
      for (let i = this.store.from(sid), end = this.store.from(sid + 1); i < end; i++)
        counts.set(ids[i] as number, (counts.get(ids[i] as number) ?? 0) + (tf[i] as number));
    this.articles.add(id, counts);
  }

  /** An article's sentence ids, in order (none for an unknown or removed article). */
  private sentenceIds(doc: string): number[] {
    const p = this.placed.get(doc);
    if (!p) return [];
    const ids: number[] = [];
    for (let i = 0; i < p.article.sentences.length; i++) ids.push(p.first + i);
    return ids;
  }

  /** The article with this id, if any. */
  article(id: string): Article | undefined {
    return this.placed.get(id)?.article;
  }

  /**
   * Adds one article to the index without rebuilding it (a channel post, an
   * article an admin added): its sentences are analyzed and indexed here, and
   * every per-sentence table grows by them. An article with the same id is
   * replaced. Cost is the article's own size, not the corpus's.
   */
  add(article: Article): void {
    if (this.placed.has(article.id)) this.remove(article.id);
    this.placed.set(article.id, { article, first: this.sentences.length });
    const docs: Doc[] = [];
    const start = this.sentences.length;
    for (const s of article.sentences) {
      const id = this.sentences.length;
      this.sentences.push(s);
      const terms = this.analyzer.analyze(s.text);
      if (this.index) docs.push({ id, text: terms.join(' ') });
      for (const term of new Set(terms)) {
        if (this.store.has(term)) continue;
        if (this.options.compoundTails) addTails(this.tails, term, MAX_TAIL_TERMS);
        this.vocabulary?.set(term, true);
      }
      this.store.push(terms);
    }
    appendFeatures(this.features, article, this.sentences.slice(start), this.analyzer);
    this.index?.addAll(docs);
    this.indexArticle(article.id);
    // Grown big: from now on the article stage chooses and the term store scores (see Engine.large).
    if (this.index && isBig(this.store.liveCount, this.options)) {
      this.index = undefined;
      this.vocabulary = vocabularyOf(this.store);
    }
    this.corpus.articles.push(article);
  }

  /**
   * Takes one article out of the index (MiniSearch `discard`); false when
   * there is none. Its sentence ids stay as tombstones (no longer in the
   * index, and of no article), so the ids of the others never change.
   */
  remove(id: string): boolean {
    if (!this.placed.has(id)) return false;
    for (const sid of this.sentenceIds(id)) {
      this.index?.discard(sid);
      this.store.remove(sid);
      this.features.docOf[sid] = REMOVED;
    }
    this.placed.delete(id);
    this.articles.remove(id);
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
    const known = (t: string): boolean => this.store.has(t);
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
    const searched = [...terms, ...compounds.keys(), ...similar.keys()];
    const searchOptions: SearchOptions = {
      boostTerm: (t) => similar.get(t)?.weight ?? 1,
      // The terms are analyzed already; MiniSearch must not analyze them again.
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      // Typo tolerance only where the word is unknown: a known word is not a typo, and fuzzy search is the slow part.
      fuzzy: (t) => (o.fuzzy && !known(t) && typoBudget(t) > 0 ? typoBudget(t) : false),
      prefix: (t) => o.prefix && t.length >= 5 && !known(t),
      weights: { fuzzy: o.fuzzyWeight, prefix: o.prefixWeight },
      maxFuzzy: 2,
      bm25: { k: o.bm25k, b: o.bm25b, d: BM25_D },
    };
    const scope = opts.doc !== undefined ? [opts.doc] : this.candidateArticles(terms, compounds, similar);
    // Only the best matches are re-ranked: a common-word question matches many sentences.
    const found = this.search(scope, searched, known, searchOptions);
    const idf = (t: string): number => this.idf(t);
    const { ranked, byId } = rank(found.best, { terms, type, idf, features: this.features, options: o, doc: opts.doc }, Math.max(offset + limit, 2));
    const hits = ranked.slice(offset, offset + limit).map((c) => this.toHit(c));
    // Words are weighed by how rare they are in the answering article: "Kazakhstan" is rare in the corpus but says
    // little inside an article about Kazakhstan, where "president" (absent) is what the question is about.
    const topDoc = ranked[0] === undefined ? undefined : this.features.docOf[ranked[0].id];
    const article = topDoc === undefined ? undefined : this.article(topDoc);
    const evidence = gatherEvidence({
      ranked,
      byId,
      articleMatches: topDoc === undefined ? [] : found.inArticle(topDoc),
      // Acronym terms are a second route to a name, not a word the reader asked for.
      terms: terms.filter((t) => !t.startsWith('~')),
      keyTerms: keyTerms(asked, query),
      compounds,
      type,
      localIdf: o.localIdf && topDoc !== undefined ? this.articleIdf(topDoc, terms) : idf,
      articleSentences: article?.sentences.length ?? 1,
      features: this.features,
    });
    const { kind, confidence } = decide(evidence);
    if (kind === 'none') {
      const fallback = this.typeOnly(question, type, terms, opts);
      if (fallback) return { ranking: fallback, evidence: undefined };
      // Each word the article lacks met a word of like meaning there ("how much goes to the staff" ~ "employees"):
      // related, never sure, as the decision does not count such words as the question's own.
      if (hits.length > 0 && similar.size > 0 && this.allMetSimilar(terms, similar, found, known))
        return { ranking: { question, kind: 'closest', answered: true, hits, confidence: 0 }, evidence: undefined };
    }
    return { ranking: { question, kind, answered: kind !== 'none', hits, confidence }, evidence };
  }

  /**
   * The matches for the query, MiniSearch's way, in the sentences of `scope` (every sentence when undefined). A
   * small library is searched by MiniSearch itself. A big one is scored from the term store (candidates.ts, the
   * same scores), its unknown words expanded in the vocabulary as MiniSearch would expand them.
   */
  private search(scope: string[] | undefined, query: string[], known: (t: string) => boolean, options: SearchOptions): Found {
    if (this.index) {
      const docs = scope === undefined ? undefined : new Set(scope);
      const results = this.index.search(
        query.join(' '),
        docs ? { ...options, boostDocument: (id: number) => (docs.has(this.features.docOf[id] ?? '') ? 1 : 0) } : options,
      );
      return { best: results.slice(0, MAX_CANDIDATES), inArticle: (doc) => results.filter((r) => this.features.docOf[r.id] === doc) };
    }
    const o = this.options;
    const terms: QueryTerm[] = [];
    for (const t of query) {
      const boost = options.boostTerm?.(t, 0, query) ?? 1;
      if (known(t)) terms.push({ term: t, source: t, weight: boost });
      else if (this.vocabulary) {
        const fuzzy: number | false = o.fuzzy && typoBudget(t) > 0 ? typoBudget(t) : false;
        const expansion = { prefix: o.prefix && t.length >= 5, fuzzy, maxFuzzy: 2, prefixWeight: o.prefixWeight, fuzzyWeight: o.fuzzyWeight };
        terms.push(...expandTerm(t, boost, this.vocabulary, expansion));
      }
    }
    const sentences: number[] = [];
    for (const doc of scope ?? this.placed.keys()) for (const sid of this.sentenceIds(doc)) sentences.push(sid);
    const scored = scoreSentences(this.store, sentences, terms, options.bm25 as Bm25);
    return { best: scored.best(MAX_CANDIDATES), inArticle: (doc) => scored.matchesIn(this.sentenceIds(doc)) };
  }

  /**
   * True for a big library (see {@link isBig}): choosing articles first pays once it cuts the sentences scored by half
   * or more; below that it cost more than it saved (bench: at 2,300 sentences and a budget of 2,000, 0.2 ms more a
   * question; at 4,200, 0.2 ms less), and MiniSearch scores every sentence.
   */
  private large(): boolean {
    return this.index === undefined;
  }

  /**
   * The articles whose sentences are scored: all of them (undefined) in a small library (see {@link Engine.large}),
   * else the best by article-level BM25 over the question's terms (article-index.ts), as many as fit in
   * `candidateSentences` sentences, so a question's cost stops growing with the library.
   */
  private candidateArticles(terms: string[], compounds: Map<string, string[]>, similar: Map<string, Similar>): string[] | undefined {
    const budget = this.options.candidateSentences;
    if (!this.large()) return undefined;
    const query = new Map<number, number>();
    const ask = (t: string, weight: number): void => {
      const id = this.store.idOfTerm(t);
      if (id !== undefined && !query.has(id)) query.set(id, weight);
    };
    for (const t of terms) ask(t, 1);
    for (const t of compounds.keys()) ask(t, 1);
    for (const [t, s] of similar) ask(t, s.weight);
    const out: string[] = [];
    let sentences = 0;
    for (const id of this.articles.top(query, MAX_CANDIDATE_ARTICLES)) {
      const n = this.placed.get(id)?.article.sentences.length ?? 0;
      if (out.length > 0 && sentences + n > budget) break;
      out.push(id);
      sentences += n;
    }
    return out;
  }

  /**
   * "when?", "who won", "where did it happen": a short question that asks for a type (a date, a person, a place, a
   * figure) and names nothing the article has is about the article as a whole. When one article is asked, its
   * first sentence holding that type answers it as closest (a news lead says who, what, when and where first);
   * undefined otherwise, and the question is refused.
   */
  private typeOnly(question: string, type: AnswerType | undefined, terms: string[], opts: AskOptions): Ranking | undefined {
    const doc = opts.doc ?? (this.corpus.articles.length === 1 ? this.corpus.articles[0]?.id : undefined);
    const ids = doc === undefined ? [] : this.sentenceIds(doc);
    const first = ids[0];
    if (type === undefined || terms.length > MAX_TYPE_ONLY_TERMS || first === undefined) return undefined;
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

  /** True when every question word is in the index or met a word of like meaning in the best match's article. */
  private allMetSimilar(terms: string[], similar: Map<string, Similar>, found: Found, known: (t: string) => boolean): boolean {
    const best = found.best[0];
    const doc = best === undefined ? undefined : this.features.docOf[best.id];
    const met = new Set<string>();
    for (const r of doc === undefined ? [] : found.inArticle(doc)) for (const q of r.queryTerms) met.add(similar.get(q)?.origin ?? q);
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

  /** IDF within one article of the question's terms, from its sentences' stored terms (no re-analysis). */
  private articleIdf(doc: string, terms: string[]): (term: string) => number {
    const ids = this.sentenceIds(doc);
    const n = ids.length;
    if (n === 0) return (t) => this.idf(t);
    const df = new Map<number, number>();
    for (const t of terms) {
      const id = this.store.idOfTerm(t);
      if (id !== undefined) df.set(id, 0);
    }
    for (const sid of ids) for (const id of this.store.of(sid).ids) if (df.has(id)) df.set(id, (df.get(id) ?? 0) + 1);
    return (t) => {
      const id = this.store.idOfTerm(t);
      const k = id === undefined ? 0 : (df.get(id) ?? 0);
      return Math.log(1 + (n - k + 0.5) / (k + 0.5));
    };
  }

  private idf(term: string): number {
    const n = this.store.liveCount;
    const df = this.store.docFreq(term);
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
    if (!this.intact) throw new Error('search: an engine with removed articles cannot be saved; build it afresh');
    return { index: this.index?.toJSON(), terms: this.store.serialize(), typed: this.features.typed };
  }

  /**
   * An engine over `corpus` from {@link Engine.serialize} output, without
   * re-indexing. Only valid for the same corpus and the same code: the
   * cache checks that with a content hash before calling this.
   */
  static restore(corpus: Corpus, saved: SavedEngine, options: Partial<EngineOptions> = {}, shared: SharedParts = {}): Engine {
    return new Engine(corpus, { ...DEFAULT_ENGINE_OPTIONS, ...options }, saved, shared);
  }

  /**
   * True while no article was removed or replaced since the build: only then can the engine be saved, since a
   * saved index is read back over the articles in order, and a removed article leaves its sentence ids behind.
   */
  get intact(): boolean {
    return this.store.liveCount === this.store.size;
  }
}

/** True when a library of this many sentences is big: MiniSearch keeps no index of it, and a question scores only its best articles' sentences. */
function isBig(sentences: number, options: EngineOptions): boolean {
  return sentences > 2 * options.candidateSentences;
}

/** A radix tree of the store's terms, for prefix and typo matches: MiniSearch's own structure, as its index would hold them. */
function vocabularyOf(store: SentenceTerms): SearchableMap<true> {
  const out = new SearchableMap<true>();
  for (const [term] of store.terms()) out.set(term, true);
  return out;
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
function compoundTails(store: SentenceTerms): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [term] of store.terms()) addTails(out, term);
  for (const [tail, terms] of out)
    if (terms.length > MAX_TAIL_TERMS) out.set(tail, terms.sort((a, b) => store.docFreq(b) - store.docFreq(a)).slice(0, MAX_TAIL_TERMS));
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

/** What a search found: the matches `rank` re-scores, and any article's matches (what the article mentions). */
interface Found {
  /** The best matches, at most {@link MAX_CANDIDATES}, best first. */
  best: Match[];
  /** Every match in one article. */
  inArticle(doc: string): Match[];
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

/** The most articles whose sentences one question scores, however short they are. */
const MAX_CANDIDATE_ARTICLES = 256;

/** BM25+'s lower bound for a matching term (MiniSearch's `d`). */
const BM25_D = 0.5;

/** A question with more content words than this that the article lacks is refused, not answered by its type alone. */
const MAX_TYPE_ONLY_TERMS = 1;

/** How many compounds one unknown word may stand for. */
const MAX_TAIL_TERMS = 3;

/** Sentences whose tokens are kept between questions. */
const TOKEN_CACHE_MAX = 50_000;

/** What {@link Engine.serialize} returns. */
export interface SavedEngine {
  /** MiniSearch's index; none for a big library (see {@link Engine.large}). */
  index?: AsPlainObject;
  /** Every sentence's terms (sentence-terms.ts). */
  terms: SavedSentenceTerms;
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
