/**
 * The live index and its reload: a new corpus is loaded and indexed aside,
 * then swapped in with one assignment, so an update in hand never sees half
 * an index. A broken new corpus leaves the old index serving.
 */
import type { Engine } from './search/engine.ts';

/** What a reload did; `reason` says why it failed, in one line for the admin and the log. */
export type ReloadOutcome =
  | { ok: true; articles: number; sentences: number; ms: number }
  | { ok: false; reason: string };

/** Loads the corpus and builds (or restores) its engine; throws with a one-line reason when it cannot. */
export type EngineBuilder = () => Promise<Engine>;

/**
 * Holds the engine that answers. `current` fits `BotDeps.engine`; `reload`
 * may be called from a signal handler and an admin command at once: calls
 * that overlap share one reload.
 */
export class EngineHolder {
  private engine: Engine;
  private readonly build: EngineBuilder;
  private pending?: Promise<ReloadOutcome>;

  constructor(initial: Engine, build: EngineBuilder) {
    this.engine = initial;
    this.build = build;
  }

  /** The engine to answer with right now. */
  readonly current = (): Engine => this.engine;

  /** Loads and indexes the corpus again; swaps it in only if that worked. */
  reload(): Promise<ReloadOutcome> {
    this.pending ??= this.rebuild().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async rebuild(): Promise<ReloadOutcome> {
    const started = Date.now();
    let next: Engine;
    try {
      next = await this.build();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, reason: reason.split('\n')[0] ?? reason };
    }
    this.engine = next;
    const sentences = next.corpus.articles.reduce((n, a) => n + a.sentences.length, 0);
    return { ok: true, articles: next.corpus.articles.length, sentences, ms: Date.now() - started };
  }
}
