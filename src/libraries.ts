/**
 * Which library answers in which chat. Private chats, inline queries and
 * chats without articles of their own use the shipped corpus; a channel's
 * posts answer in the channel and in its linked discussion group; a group's
 * own articles answer only there. A private chat answers from a channel's
 * articles once its user opened that channel's deep link.
 *
 * The one owner of the chats' libraries: each is built from the store on
 * its chat's first use ({@link Libraries.ready}), not at start-up, since a
 * channel of 10,000 posts takes most of a minute to index and start-up
 * must not wait for it. Then it changes one article at a time ({@link
 * Libraries.put}, {@link Libraries.remove}), each change written to the
 * store in the same transaction as the index change. When the database
 * cannot be written the change is kept in memory (answered until the next
 * restart) and the caller is told it was not saved.
 *
 * A big chat's library is also saved as an index file ({@link SavingOptions}) after its build and after changes, and
 * loaded instead of rebuilt on the chat's first use after a restart, when it still matches the chat's articles.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from './corpus.ts';
import { parseArticle } from './corpus.ts';
import { buildLibrary, type Library } from './library.ts';
import { loadIndex, writeIndex } from './search/cache.ts';
import { createEngine, engineAnalyzer } from './search/engine.ts';
import type { BotLogger } from './log.ts';
import type { ChatArticleStore, PutOutcome, StoredArticle } from './store/chat-articles.ts';

/** An article to store: what a post or an `/add` gives. */
export type NewArticle = Omit<StoredArticle, 'at'>;

/** What {@link Libraries.put} did: the store's outcome, or `unsaved` when only memory has it. */
export type LibraryChange = PutOutcome | { kind: 'unsaved'; article: NewArticle };

/** The article a stored row stands for: parsed like a corpus file, in its stored language, with the post's date and link. */
export function toArticle(stored: NewArticle): Article {
  // A language in the file name is taken as given, so the text is not read again to detect it.
  const article = parseArticle(stored.id, stored.text, stored.lang ? `${stored.id}.${stored.lang}.txt` : undefined);
  const meta = { ...article.meta, ...(stored.date ? { date: stored.date } : {}), ...(stored.source ? { source: stored.source } : {}) };
  return { ...article, ...(stored.title ? { title: stored.title } : {}), meta };
}

/** Stored articles indexed between two turns of the event loop while a chat's library is built: other chats wait at most this long. */
export const BUILD_SLICE = 100;

/** Where and when the chats' libraries are saved as index files. */
export interface SavingOptions {
  /** Folder of the saved indexes, a subfolder per chat; none: never saved. */
  dir?: string;
  /** Chats of fewer articles are not saved: they build in a second or two. */
  fromArticles?: number;
  /** A changed chat is saved this long after the change (one save per chat and period, however many posts). */
  afterMs?: number;
}

/** Saved from this many articles: 500 generated articles build in about 1.5 s here. */
const SAVE_FROM_ARTICLES = 500;
/** A channel posts 20 to 50 items a day: one save every ten minutes at most. */
const SAVE_AFTER_MS = 10 * 60 * 1000;

/** A chat's library while it is built: the articles still to index, and the promise its first questions wait on. */
interface Build {
  library: Library;
  left: NewArticle[];
  done: Promise<Library>;
}

/** The chats' libraries over the store; see the module comment. */
export class Libraries {
  private readonly shipped: () => Library;
  private readonly store: ChatArticleStore;
  private readonly logger: BotLogger | undefined;
  /** Built and complete. */
  private readonly own = new Map<number, Library>();
  /** Being built (see {@link Libraries.ready}); moved to `own` when complete. */
  private readonly builds = new Map<number, Build>();
  /** Chats with stored articles whose library is not built yet. */
  private readonly unbuilt = new Set<number>();
  /** Discussion group -> channel, mirrored from the store so a read never needs the disk. */
  private readonly links = new Map<number, number>();
  /** The one analyzer of every chat's engine (see `SharedParts` in search/engine.ts). */
  private readonly analyzer = engineAnalyzer();
  private storeFailed = false;
  private readonly saving: Required<Omit<SavingOptions, 'dir'>> & { dir: string | undefined };
  /** Chats changed since their library was last saved, and the timer that will save them. */
  private readonly unsaved = new Set<number>();
  private saveTimer: NodeJS.Timeout | undefined;

  /** Notes which chats have articles; their libraries are built on first use (see {@link Libraries.ready}). */
  constructor(shipped: () => Library, store: ChatArticleStore, logger?: BotLogger, saving: SavingOptions = {}) {
    this.shipped = shipped;
    this.store = store;
    this.logger = logger;
    this.saving = { dir: saving.dir, fromArticles: saving.fromArticles ?? SAVE_FROM_ARTICLES, afterMs: saving.afterMs ?? SAVE_AFTER_MS };
    for (const { groupId, channelId } of store.links()) this.links.set(groupId, channelId);
    for (const chatId of store.chats()) this.unbuilt.add(chatId);
  }

  /**
   * Resolves when the library that answers in `chatId` is built: at once
   * when it is (or the chat has none), else after its build, which starts
   * now. The build indexes {@link BUILD_SLICE} articles per turn of the
   * event loop, so other chats are answered meanwhile; every update of the
   * chat waits on the same build. The bot awaits this before any handler,
   * so the synchronous reads below find the library complete.
   */
  async ready(chatId?: number): Promise<void> {
    if (chatId === undefined) return;
    const home = chatId > 0 ? this.safely(() => this.store.readerChannel(chatId)) : this.home(chatId);
    if (home === undefined) return;
    const build = this.builds.get(home) ?? (this.unbuilt.has(home) ? this.startBuild(home) : undefined);
    if (build) await build.done;
  }

  /** The chat whose articles answer in `chatId`: the channel of a discussion group, else the chat itself. */
  home(chatId: number): number {
    return this.links.get(chatId) ?? chatId;
  }

  /**
   * The library that answers in a chat (a user's private chat has the user's
   * id); no chat (inline mode): the shipped corpus, so nothing of a chat is
   * ever shown to someone outside it.
   */
  for(chatId?: number): Library {
    if (chatId === undefined) return this.shipped();
    const home = chatId > 0 ? this.safely(() => this.store.readerChannel(chatId)) : this.home(chatId);
    const own = home === undefined ? undefined : this.built(home);
    return own && own.articles.length > 0 ? own : this.shipped();
  }

  /** The chat's own library (of its home chat), if it has articles. */
  ownOf(chatId: number): Library | undefined {
    const own = this.built(this.home(chatId));
    return own && own.articles.length > 0 ? own : undefined;
  }

  /** Adds or replaces an article of a chat's home; the index changes in the store's transaction. */
  put(chatId: number, article: NewArticle): LibraryChange {
    const home = this.home(chatId);
    const parsed = toArticle({ ...article, chatId: home });
    const stored = { ...article, chatId: home, lang: parsed.lang };
    let applied = false;
    const apply = (): void => {
      this.libraryOf(home).add(parsed);
      applied = true;
    };
    try {
      const outcome = this.store.put(stored, apply);
      this.saveLater(home);
      return outcome;
    } catch (err) {
      if (!this.isStoreError(err)) {
        throw err;
      }
      if (!applied) apply();
      this.noteStoreFailure(err);
      return { kind: 'unsaved', article: stored };
    }
  }

  /** Removes an article of a chat's home; false when it has none with this id. */
  remove(chatId: number, id: string): boolean {
    const home = this.home(chatId);
    const library = this.built(home);
    if (!library?.article(id)) return false;
    try {
      this.store.remove(home, id, () => library.remove(id));
      this.saveLater(home);
    } catch (err) {
      if (!this.isStoreError(err)) throw err;
      library.remove(id);
      this.noteStoreFailure(err);
    }
    return true;
  }

  /** A discussion group belongs to a channel: it answers from the channel's articles from now on. */
  link(groupId: number, channelId: number): void {
    if (this.links.get(groupId) === channelId) return;
    this.links.set(groupId, channelId);
    this.safely(() => this.store.link(groupId, channelId));
  }

  /** Remembers the article a discussion thread is about. */
  noteThread(groupId: number, threadId: number, articleId: string): void {
    this.safely(() => this.store.noteThread(groupId, threadId, articleId));
  }

  /** The article a discussion thread is about, if it is still in the chat's library. */
  threadArticle(groupId: number, threadId: number): string | undefined {
    const id = this.safely(() => this.store.threadArticle(groupId, threadId));
    return id !== undefined && this.ownOf(groupId)?.article(id) ? id : undefined;
  }

  /** The store itself, for keys and readers (deep links) and removals. */
  get chats(): ChatArticleStore {
    return this.store;
  }

  /** Deletes the articles of chats the bot left more than `graceMs` ago, in the store and in memory. */
  purge(graceMs: number): number[] {
    const chats = this.store.purgeRemoved(graceMs);
    for (const chat of chats) {
      this.own.delete(chat);
      this.unbuilt.delete(chat);
      // A build under way stops at its next slice: nothing is left for it to add.
      const build = this.builds.get(chat);
      if (build) build.left.length = 0;
      this.builds.delete(chat);
      for (const [group, channel] of this.links) if (group === chat || channel === chat) this.links.delete(group);
      this.unsaved.delete(chat);
      const dir = this.indexDir(chat);
      if (dir) void rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
    return chats;
  }

  /** A new, empty library for a chat; every chat's engine analyzes with the same analyzer and shares its word cache. */
  private emptyLibrary(home: number): Library {
    const corpus = { dir: `chat:${home}`, articles: [] };
    return buildLibrary(corpus, createEngine(corpus, {}, { analyzer: this.analyzer }));
  }

  private libraryOf(home: number): Library {
    let library = this.built(home);
    if (!library) {
      library = this.emptyLibrary(home);
      this.own.set(home, library);
    }
    return library;
  }

  /**
   * The complete library of a home chat, if it has one. Normally built by
   * then ({@link Libraries.ready}); a caller that did not wait (a script, a
   * test) gets the rest of the build done now, synchronously.
   */
  private built(home: number): Library | undefined {
    const done = this.own.get(home);
    if (done) return done;
    const build = this.builds.get(home) ?? (this.unbuilt.has(home) ? this.startBuild(home) : undefined);
    if (!build) return undefined;
    for (const stored of build.left.splice(0)) build.library.add(toArticle(stored));
    this.complete(home, build);
    return build.library;
  }

  /** Starts building a chat's library from the store, a slice at a time; see {@link Libraries.ready}. */
  private startBuild(home: number): Build {
    this.unbuilt.delete(home);
    const pending = { library: this.emptyLibrary(home), left: this.safely(() => this.store.list(home)) ?? [] };
    const build: Build = { ...pending, done: this.fill(home, pending) };
    this.builds.set(home, build);
    return build;
  }

  /** Indexes what is left of a build, {@link BUILD_SLICE} articles a turn, then makes it the chat's library. */
  private async fill(home: number, build: Omit<Build, 'done'>): Promise<Library> {
    const started = performance.now();
    const total = build.left.length;
    const original = build.library;
    const current = (): boolean => this.builds.get(home)?.library === original;
    // Not in the caller's turn: start-up, or the update that asked first, goes on at once.
    await nextTurn();
    // A big chat's articles are parsed first (a slice a turn), to look for its saved index; the build then uses them.
    let parsed: Article[] | undefined;
    if (this.saving.dir !== undefined && total >= this.saving.fromArticles) {
      parsed = [];
      for (let i = 0; i < total; i += BUILD_SLICE) {
        for (const stored of build.left.slice(i, i + BUILD_SLICE)) parsed.push(toArticle(stored));
        await nextTurn();
      }
      const loaded = current() ? await this.load(home, parsed) : undefined;
      if (loaded && current() && build.left.length === total) {
        build.library = loaded;
        build.left.length = 0;
        this.complete(home, build);
        this.logger?.info({ chat_id: home, articles: total, ms: Math.round(performance.now() - started) }, 'libraries: chat library loaded');
        return loaded;
      }
    }
    let next = 0;
    while (build.left.length > 0) {
      for (const stored of build.left.splice(0, BUILD_SLICE)) build.library.add(parsed?.[next++] ?? toArticle(stored));
      await nextTurn();
    }
    if (current()) {
      this.complete(home, build);
      this.logger?.info({ chat_id: home, articles: total, ms: Math.round(performance.now() - started) }, 'libraries: chat library built');
      if (parsed) void this.save(home);
    }
    return build.library;
  }

  /** A chat's library from its saved index, when one matches these articles (its key is a hash of them and of the code). */
  private async load(home: number, articles: Article[]): Promise<Library | undefined> {
    const dir = this.indexDir(home);
    if (!dir) return undefined;
    const corpus = { dir: `chat:${home}`, articles };
    const loaded = await loadIndex(corpus, { dir, shared: { analyzer: this.analyzer } });
    if ('engine' in loaded) return buildLibrary(corpus, loaded.engine);
    this.logger?.info({ chat_id: home, reason: loaded.reason }, 'libraries: no saved index for the chat; building it');
    return undefined;
  }

  /** Saves a changed chat's library later (see {@link SavingOptions.afterMs}); every change waits for the same timer. */
  private saveLater(home: number): void {
    if (this.saving.dir === undefined) return;
    this.unsaved.add(home);
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      const chats = [...this.unsaved];
      this.unsaved.clear();
      void (async () => {
        for (const chat of chats) await this.save(chat);
      })();
    }, this.saving.afterMs);
    this.saveTimer.unref();
  }

  /**
   * Writes a big chat's library as an index file, replacing its older one. Skipped for a small chat, and for one
   * with removed or edited articles (an engine that is not `intact`): its next build after a restart saves it
   * afresh. A failure is logged; the library answers the same either way.
   */
  private async save(home: number): Promise<void> {
    const library = this.own.get(home);
    const dir = this.indexDir(home);
    if (!library || !dir || library.articles.length < this.saving.fromArticles || !library.engine.intact) return;
    const started = performance.now();
    try {
      const { bytes } = await writeIndex(library.corpus, library.engine, dir, true);
      this.logger?.info(
        { chat_id: home, articles: library.articles.length, mb: Math.round(bytes / 1e5) / 10, ms: Math.round(performance.now() - started) },
        'libraries: chat index saved',
      );
    } catch (err) {
      this.logger?.warn(
        { chat_id: home, err: err instanceof Error ? err.message : String(err) },
        'libraries: could not save the chat index; it is built again after a restart',
      );
    }
  }

  /** The folder of a chat's saved index. */
  private indexDir(home: number): string | undefined {
    return this.saving.dir === undefined ? undefined : join(this.saving.dir, String(home));
  }

  private complete(home: number, build: Omit<Build, 'done'>): void {
    this.builds.delete(home);
    this.own.set(home, build.library);
  }

  /** A store call whose failure must not stop the bot (a read, or a note that can be made again). */
  private safely<T>(call: () => T): T | undefined {
    try {
      return call();
    } catch (err) {
      if (!this.isStoreError(err)) throw err;
      this.noteStoreFailure(err);
      return undefined;
    }
  }

  private isStoreError(err: unknown): boolean {
    return err instanceof Error && (err.name === 'SqliteError' || /database|disk|readonly/i.test(err.message));
  }

  /** Logged once per process: a full disk would otherwise log every post. */
  private noteStoreFailure(err: unknown): void {
    if (this.storeFailed) return;
    this.storeFailed = true;
    this.logger?.error(
      { err: err instanceof Error ? err.message : String(err) },
      "libraries: the database cannot be written; chats' articles are kept in memory only until it can",
    );
  }
}
