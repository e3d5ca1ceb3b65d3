/**
 * What the bot knows right now: the articles, their index, and what is
 * derived from them (key topics, example questions), in one snapshot.
 *
 * Built in one place ({@link openLibrary}, or {@link buildLibrary} over a
 * corpus in hand) and swapped whole on reload (a chat's own library is the
 * exception: it changes in place, one article at a time, see `libraries.ts`), so an update in hand never
 * mixes the articles of one corpus with the topics of another. Whatever is
 * derived is computed on first use and kept here, on the snapshot: a
 * reloaded corpus starts fresh, and nothing outlives the library it came from.
 *
 * Articles are also named here by a short stable key ({@link articleKey}),
 * for anything that outlives one process: button data, inline result ids.
 */
import { createHash } from 'node:crypto';
import { topicQuestions, type AnswerSource } from './answer.ts';
import { loadCorpus, type Article, type Corpus } from './corpus.ts';
import { keyTopics } from './digest.ts';
import { openEngine, type CacheOptions } from './search/cache.ts';
import { createEngine, type Engine } from './search/engine.ts';

/** Length of an article key: 36^7 keys, so two articles of one corpus sharing one is a one-in-a-million event even for thousands. */
export const ARTICLE_KEY_LENGTH = 7;

/**
 * The short key of an article id: base36 of its SHA-256, {@link ARTICLE_KEY_LENGTH}
 * characters. The same id gets the same key in every process and after every
 * reload, whatever else the corpus holds, so a button names its article and
 * not a position in a list that may have changed.
 */
export function articleKey(id: string): string {
  const hash = createHash('sha256').update(id, 'utf8').digest();
  return (hash.readBigUInt64BE(0) % 36n ** BigInt(ARTICLE_KEY_LENGTH)).toString(36).padStart(ARTICLE_KEY_LENGTH, '0');
}

/** One snapshot of the corpus, its engine and what is derived from them; see the module comment. */
export class Library implements AnswerSource {
  readonly corpus: Corpus;
  readonly engine: Engine;
  private readonly byId = new Map<string, Article>();
  private readonly byKey = new Map<string, Article>();
  private readonly topics = new Map<Article, Map<number, string[]>>();
  private examples?: string[];

  /** `engine` must be built over `corpus`; prefer {@link buildLibrary} or {@link openLibrary}. */
  constructor(corpus: Corpus, engine: Engine) {
    this.corpus = corpus;
    this.engine = engine;
    for (const article of corpus.articles) {
      const key = articleKey(article.id);
      const other = this.byKey.get(key);
      // Astronomically rare, but a button must never open the wrong article: refuse the corpus instead.
      if (other) throw new Error(`library: articles "${other.id}" and "${article.id}" share the key ${key}; rename one of the files`);
      this.byId.set(article.id, article);
      this.byKey.set(key, article);
    }
  }

  /** The articles, in corpus order (by file name). */
  get articles(): readonly Article[] {
    return this.corpus.articles;
  }

  /** The article with this id, if any. */
  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** The article a key names, or undefined when it is no longer in the corpus (or the key is not one of ours). */
  articleByKey(key: string): Article | undefined {
    return this.byKey.get(key);
  }

  /** An article's key topics (see `digest.ts`), computed once per article and size: every refusal suggests some. */
  keyTopics(article: Article, max = 6): string[] {
    let byMax = this.topics.get(article);
    if (!byMax) {
      byMax = new Map();
      this.topics.set(article, byMax);
    }
    let topics = byMax.get(max);
    if (!topics) {
      topics = keyTopics(article, max);
      byMax.set(max, topics);
    }
    return [...topics];
  }

  /**
   * Example questions the bot really answers well: the `preferred` ones (the
   * deployment's shortcuts) the engine is sure of, then questions about the
   * articles' key topics (see `topicQuestions` in `answer.ts`; computed once
   * per library).
   */
  exampleQuestions(max = 3, preferred: readonly string[] = []): string[] {
    const curated = preferred.filter((q) => this.engine.ask(q, { limit: 1 }).kind === 'sure');
    this.examples ??= topicQuestions(this);
    return [...new Set([...curated, ...this.examples])].slice(0, max);
  }

  /**
   * Adds an article, or replaces the one with its id, in place (a chat's own
   * library grows post by post; see `libraries.ts`): the engine indexes just
   * this article, and what was derived from the old set is dropped.
   */
  add(article: Article): void {
    const key = articleKey(article.id);
    const other = this.byKey.get(key);
    if (other && other.id !== article.id) throw new Error(`library: articles "${other.id}" and "${article.id}" share the key ${key}`);
    const old = this.byId.get(article.id);
    if (old) this.topics.delete(old);
    this.engine.add(article);
    this.byId.set(article.id, article);
    this.byKey.set(key, article);
    this.examples = undefined;
  }

  /** Removes an article in place; false when there is none. */
  remove(id: string): boolean {
    const old = this.byId.get(id);
    if (!old || !this.engine.remove(id)) return false;
    this.byId.delete(id);
    this.byKey.delete(articleKey(id));
    this.topics.delete(old);
    this.examples = undefined;
    return true;
  }

  /** Sentences over all articles, for reports. */
  get sentenceCount(): number {
    return this.corpus.articles.reduce((n, a) => n + a.sentences.length, 0);
  }
}

/** The library over a corpus in hand; builds its engine unless one is given. */
export function buildLibrary(corpus: Corpus, engine: Engine = createEngine(corpus)): Library {
  return new Library(corpus, engine);
}

/** How {@link openLibrary} got its index, for the start-up log line. */
export interface OpenedLibrary {
  library: Library;
  /** True when the saved index was loaded; false when it was built now. */
  cached: boolean;
  ms: number;
}

/** Reads the corpus folder and opens its index (the saved one when it matches, see `search/cache.ts`). */
export async function openLibrary(dir: string, opts: CacheOptions = {}): Promise<OpenedLibrary> {
  const corpus = await loadCorpus(dir);
  const { engine, cached, ms } = await openEngine(corpus, opts);
  return { library: buildLibrary(corpus, engine), cached, ms };
}
