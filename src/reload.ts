/**
 * The live library and its reload: a new corpus is loaded and indexed aside,
 * then swapped in with one assignment, so an update in hand never sees half
 * a library. A broken new corpus leaves the old library serving.
 */
import type { Library } from './library.ts';

/** What a reload did; `reason` says why it failed, in one line for the admin and the log. */
export type ReloadOutcome = { ok: true; articles: number; sentences: number; ms: number } | { ok: false; reason: string };

/** Loads the corpus and opens its library; throws with a one-line reason when it cannot. */
export type LibraryBuilder = () => Promise<Library>;

/**
 * Holds the library that answers. `current` fits `BotDeps.library`; `reload`
 * may be called from a signal handler and an admin command at once: calls
 * that overlap share one reload.
 */
export class LibraryHolder {
  private library: Library;
  private readonly build: LibraryBuilder;
  private pending?: Promise<ReloadOutcome>;

  constructor(initial: Library, build: LibraryBuilder) {
    this.library = initial;
    this.build = build;
  }

  /** The library to answer from right now. */
  readonly current = (): Library => this.library;

  /** Loads and indexes the corpus again; swaps it in only if that worked. */
  reload(): Promise<ReloadOutcome> {
    this.pending ??= this.rebuild().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async rebuild(): Promise<ReloadOutcome> {
    const started = Date.now();
    let next: Library;
    try {
      next = await this.build();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, reason: reason.split('\n')[0] ?? reason };
    }
    this.library = next;
    return { ok: true, articles: next.articles.length, sentences: next.sentenceCount, ms: Date.now() - started };
  }
}
