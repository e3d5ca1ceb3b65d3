/**
 * The prebuilt index: `npm run index` saves the engine's index to disk once,
 * and start-up loads it instead of re-indexing every sentence, which is what
 * makes a big corpus start in a second or two.
 *
 * A saved index is only used when it was built from exactly the same
 * sentences by exactly the same code: its file name carries a hash of both
 * (the parsed corpus, every source file of `src/search/`, where all text
 * analysis and indexing live, and the lock file). Any edit to an article,
 * the analyzer or a dependency gives a new hash, so a stale index is never
 * loaded; start-up then builds as usual and says so. Edits elsewhere (the
 * bot, the transports) keep the saved index valid.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../corpus.ts';
import { createEngine, Engine, type SavedEngine, type SharedParts } from './engine.ts';
import type { EngineOptions } from './options.ts';

/** Where `npm run index` writes and start-up looks: `.cache/` at the project root (gitignored). */
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache', import.meta.url));

/** Bumped when the file layout below changes. */
const FORMAT = 1;
/** The code that decides what goes into the index. */
const SEARCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const LOCK_FILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

interface CacheFile {
  format: number;
  key: string;
  articles: number;
  sentences: number;
  createdAt: string;
  engine: SavedEngine;
}

export interface CacheOptions {
  /** Folder of the cache files (default {@link DEFAULT_CACHE_DIR}). */
  dir?: string;
  /** Engine options, as for `createEngine`. */
  engine?: Partial<EngineOptions>;
  /** What the engine shares with others (a chat's engine: the analyzer), as for `createEngine`. */
  shared?: SharedParts;
}

/** How the engine was obtained, for the start-up log line. */
export interface OpenedEngine {
  engine: Engine;
  /** True when the saved index was loaded; false when it was built now. */
  cached: boolean;
  /** Why it was built when it was not loaded ("no saved index", "unreadable: ..."). */
  reason?: string;
  path: string;
  ms: number;
}

/**
 * The key of a corpus under the current code: sha256 of the parsed
 * sentences, of every file under `src/search/` and of the lock file.
 */
export async function indexKey(corpus: Corpus): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\n`);
  await hashTree(hash, SEARCH_DIR);
  try {
    hash.update(await readFile(LOCK_FILE));
  } catch {
    hash.update('no lock file');
  }
  for (const article of corpus.articles) {
    hash.update(`\u0000article ${article.id}\u0000`);
    for (const s of article.sentences) hash.update(`${s.text}\u0000`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** The cache file for a key. */
export function cachePath(key: string, dir = DEFAULT_CACHE_DIR): string {
  return join(dir, `index-${key}.json`);
}

/** Builds the engine and writes its index for this corpus; returns the file written. */
export async function saveIndex(corpus: Corpus, opts: CacheOptions = {}): Promise<{ path: string; bytes: number; engine: Engine }> {
  const engine = createEngine(corpus, opts.engine);
  return { ...(await writeIndex(corpus, engine, opts.dir)), engine };
}

/**
 * Writes the index of an engine already built over `corpus` (the bench reuses its build this way). `only` removes
 * the folder's other saved indexes once this one is in place: a chat's folder keeps its latest index alone.
 */
export async function writeIndex(corpus: Corpus, engine: Engine, dir = DEFAULT_CACHE_DIR, only = false): Promise<{ path: string; bytes: number }> {
  const key = await indexKey(corpus);
  const file: CacheFile = {
    format: FORMAT,
    key,
    articles: corpus.articles.length,
    sentences: corpus.articles.reduce((n, a) => n + a.sentences.length, 0),
    createdAt: new Date().toISOString(),
    engine: engine.serialize(),
  };
  const text = JSON.stringify(file);
  await mkdir(dir, { recursive: true });
  const path = cachePath(key, dir);
  // Write then rename, so a start-up running meanwhile never reads half a file.
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
  if (only) for (const name of await readdir(dir)) if (join(dir, name) !== path && /^index-.*\.json$/.test(name)) await rm(join(dir, name), { force: true });
  return { path, bytes: Buffer.byteLength(text) };
}

/**
 * The engine for `corpus` from its saved index, or why there is none ("no saved index", "unreadable: ..."),
 * without building one: the caller decides how to build (start-up at once, a chat's library in slices).
 */
export async function loadIndex(corpus: Corpus, opts: CacheOptions = {}): Promise<{ engine: Engine; path: string } | { reason: string; path: string }> {
  const path = cachePath(await indexKey(corpus), opts.dir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { reason: 'no saved index', path };
  }
  try {
    const file = JSON.parse(text) as CacheFile;
    if (file.format !== FORMAT) throw new Error(`format ${String(file.format)}, expected ${FORMAT}`);
    return { engine: Engine.restore(corpus, file.engine, opts.engine, opts.shared), path };
  } catch (err) {
    return { reason: `unreadable: ${err instanceof Error ? err.message : String(err)}`, path };
  }
}

/**
 * The engine for `corpus`: loaded from the saved index when one matches,
 * built otherwise. A missing or unreadable file is a normal outcome, not
 * an error: the bot works either way, only start-up is slower.
 */
export async function openEngine(corpus: Corpus, opts: CacheOptions = {}): Promise<OpenedEngine> {
  const start = performance.now();
  const loaded = await loadIndex(corpus, opts);
  if ('engine' in loaded) return { engine: loaded.engine, cached: true, path: loaded.path, ms: performance.now() - start };
  return { engine: createEngine(corpus, opts.engine, opts.shared), cached: false, reason: loaded.reason, path: loaded.path, ms: performance.now() - start };
}

async function hashTree(hash: Hash, dir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await hashTree(hash, path);
    else if (e.isFile()) {
      hash.update(`\u0000${e.name}\u0000`);
      hash.update(await readFile(path));
    }
  }
}
