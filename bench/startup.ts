/**
 * Start-up of the real entry point, measured from outside: `src/main.ts` is
 * started the way `npm start` starts it (`node --import tsx`, a clean environment)
 * with a bot token and the project's Bot API stand-in as API root.
 *
 * Ready = the moment the stand-in receives the bot's first `getUpdates`:
 * configuration read, corpus loaded, index built or loaded, `getMe` and
 * `setMyCommands` done, and the bot asking Telegram for updates.
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BotApiStandIn } from '../test/support/bot-api-stand-in.ts';
import { ROOT } from '../test/support/child.ts';
import { BOT_INFO, TEST_TOKEN } from '../test/support/recorder.ts';

export interface StartupRun {
  /** Spawn to first API call (getMe): process start, imports, corpus and index. */
  firstCallMs: number;
  /** Spawn to first getUpdates: ready. */
  readyMs: number;
  /** Whether main loaded the saved index (from its log line). */
  cached: boolean;
}

/**
 * Starts main.ts on `corpusDir`, waits until it polls, stops it; rejects
 * after `timeoutMs`. `compiled` runs a JavaScript build of it instead (see
 * {@link compileEntry}) with plain `node`.
 */
export async function measureStartup(corpusDir: string, compiled?: string, timeoutMs = 600_000): Promise<StartupRun> {
  let firstCall: number | undefined;
  let ready: number | undefined;
  const api = new BotApiStandIn({
    token: TEST_TOKEN,
    botInfo: BOT_INFO,
    maxPollMs: 50,
    // Called as each request arrives, before it is answered: the exact moments we want.
    fault: (method) => {
      const now = performance.now();
      firstCall ??= now;
      if (method === 'getUpdates') ready ??= now;
      return undefined;
    },
  });
  const root = await api.start();
  const start = performance.now();
  const env = { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root, CORPUS_DIR: corpusDir };
  const child = compiled === undefined ? startScript('main.ts', env) : startProcess([compiled], env);
  try {
    const exited = child.exited.then((code) => {
      throw new Error(`bench: main.ts exited with ${String(code)} before polling: ${child.stderr().slice(-500)}`);
    });
    const polled = api.waitFor(() => ready !== undefined, timeoutMs);
    await Promise.race([polled, exited]);
    return {
      firstCallMs: (firstCall ?? NaN) - start,
      readyMs: (ready ?? NaN) - start,
      cached: /"cached":true/.test(child.stderr()),
    };
  } finally {
    child.kill();
    await child.exited.catch(() => undefined);
    await api.close();
  }
}

interface Started {
  exited: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  /** Kills the whole process group: the tsx CLI and the node process it started. */
  kill: () => void;
}

/**
 * Starts `src/<script>` exactly as `npm start` does (`node --import tsx`), in
 * its own process group, so that stopping it cannot leave anything behind.
 */
function startScript(script: string, env: Record<string, string>): Started {
  return startProcess(['--import', 'tsx', join('src', script)], env);
}

function startProcess(args: string[], env: Record<string, string>): Started {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return {
    exited,
    stdout: () => out,
    stderr: () => err,
    kill: () => {
      try {
        if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface IndexRun {
  ms: number;
  path: string;
  mb: number;
}

/** Runs `npm run index` (src/indexer.ts via tsx) for `corpusDir`; returns its wall time and the file written. */
export async function runIndexer(corpusDir: string): Promise<IndexRun> {
  const start = performance.now();
  const child = startScript('indexer.ts', { CORPUS_DIR: corpusDir });
  const code = await child.exited;
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`bench: npm run index failed (${String(code)}): ${child.stderr().slice(-500)}`);
  const m = /: (\S+\.json) \(([\d.]+) MB\)/.exec(child.stdout());
  if (!m) throw new Error(`bench: cannot read the index path from: ${child.stdout()}`);
  return { ms, path: m[1] ?? '', mb: Number(m[2]) };
}

/** Removes a cache file the bench wrote, so runs leave nothing behind in .cache/. */
export async function removeIndex(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * The floor under every start-up: node running an empty TypeScript module,
 * through the tsx CLI (as `npm start` does: it starts a second node process)
 * and through `node --import tsx` (one process).
 */
export async function measureFloor(): Promise<{ tsxCliMs: number; importTsxMs: number }> {
  const time = async (args: string[]): Promise<number> => {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      proc.on('error', reject);
      proc.on('close', () => resolve());
    });
    return performance.now() - start;
  };
  return {
    tsxCliMs: await time([TSX_CLI, '--eval', 'export {}']),
    importTsxMs: await time(['--import', 'tsx', '--eval', 'export {}']),
  };
}

/**
 * The entry point compiled to one JavaScript file (esbuild, dependencies left
 * as imports), to show what running without tsx would save. It is written
 * under .cache/ (gitignored, and inside the project so `node_modules` still
 * resolves), next to a copy of the locales it reads relative to itself.
 */
export async function compileEntry(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = join(ROOT, '.cache', `bench-compiled-${process.pid}`);
  const file = join(dir, 'bin', 'main.mjs');
  await build({ entryPoints: [join(ROOT, 'src', 'main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: file, logLevel: 'silent' });
  await cp(join(ROOT, 'src', 'locales'), join(dir, 'locales'), { recursive: true });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}
