/**
 * Start-up of the real entry point, measured from outside, two ways: the
 * compiled build `npm start` runs (`node dist/main.js`, built by
 * `npm run build`) and the source through tsx (`node --import tsx
 * src/main.ts`, as tests and `npm start` before the build step), each in a
 * clean environment.
 *
 * In Telegram mode (a bot token and the project's Bot API stand-in as API
 * root), ready = the moment the stand-in receives the bot's first
 * `getUpdates`: configuration read, `getMe` and `setMyCommands` done, and the
 * bot asking Telegram for updates (the corpus loads meanwhile); answered =
 * the reply to a question that was waiting when the bot started, so corpus
 * and index are in.
 * In console mode (no token), ready = the first `you>` prompt on stdout.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotApiStandIn } from '../test/support/bot-api-stand-in.ts';
import { ROOT } from '../test/support/child.ts';
import { BOT_INFO, TEST_TOKEN } from '../test/support/recorder.ts';

export interface StartupRun {
  /** Spawn to first API call (getMe): process start, imports, corpus and index. */
  firstCallMs: number;
  /** Spawn to first getUpdates: ready. */
  readyMs: number;
  /** Spawn to the reply to a question waiting at start: corpus and index loaded. */
  answeredMs: number;
  /** Whether main loaded the saved index (from its log line). */
  cached: boolean;
}

/**
 * Starts main.ts on `corpusDir`, waits until it polls, stops it; rejects
 * after `timeoutMs`. `compiled` runs that JavaScript file instead (see
 * {@link buildEntry}) with plain `node`.
 */
export async function measureStartup(corpusDir: string, compiled?: string, timeoutMs = 600_000): Promise<StartupRun> {
  let firstCall: number | undefined;
  let ready: number | undefined;
  let answered: number | undefined;
  const api = new BotApiStandIn({
    token: TEST_TOKEN,
    botInfo: BOT_INFO,
    maxPollMs: 50,
    // Called as each request arrives, before it is answered: the exact moments we want.
    fault: (method) => {
      const now = performance.now();
      firstCall ??= now;
      if (method === 'getUpdates') ready ??= now;
      if (method === 'sendMessage') answered ??= now;
      return undefined;
    },
  });
  const root = await api.start();
  api.pushUpdate({
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 7, type: 'private', first_name: 'Bench' },
      from: { id: 7, is_bot: false, first_name: 'Bench' },
      text: 'What was the trade turnover?',
    },
  });
  const start = performance.now();
  const env = { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root, CORPUS_DIR: corpusDir };
  const child = compiled === undefined ? startScript('main.ts', env) : startProcess([compiled], env);
  try {
    const exited = child.exited.then((code) => {
      throw new Error(`bench: main.ts exited with ${String(code)} before polling: ${child.stderr().slice(-500)}`);
    });
    const polled = api.waitFor(() => ready !== undefined && answered !== undefined, timeoutMs);
    await Promise.race([polled, exited]);
    return {
      firstCallMs: (firstCall ?? NaN) - start,
      readyMs: (ready ?? NaN) - start,
      answeredMs: (answered ?? NaN) - start,
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
  /** Resolves with the moment (`performance.now()`) `text` first appears on stdout. */
  printed: (text: string) => Promise<number>;
  /** CPU time used so far (user + system, all threads), from /proc; NaN where there is none. */
  cpuMs: () => number;
  /** Kills the whole process group: the tsx CLI and the node process it started. */
  kill: () => void;
}

/**
 * Starts `src/<script>` through tsx (`node --import tsx`, one process), in
 * its own process group, so that stopping it cannot leave anything behind.
 */
function startScript(script: string, env: Record<string, string>): Started {
  return startProcess(['--import', 'tsx', join('src', script)], env);
}

function startProcess(args: string[], env: Record<string, string>): Started {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    // A fresh DATA_DIR: runs must not share the update journal.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-data-')), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: Array<{ text: string; resolve: (at: number) => void }> = [];
  proc.stdout.on('data', (d: Buffer) => {
    const at = performance.now();
    out += d.toString();
    for (const w of watchers.filter((w) => out.includes(w.text))) {
      watchers.splice(watchers.indexOf(w), 1);
      w.resolve(at);
    }
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return {
    exited,
    stdout: () => out,
    stderr: () => err,
    printed: (text) => new Promise((resolve) => watchers.push({ text, resolve })),
    cpuMs: () => {
      try {
        // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name: utime and stime in clock ticks (100 per second).
        const stat = readFileSync(`/proc/${String(proc.pid)}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
      } catch {
        return NaN;
      }
    },
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
 * The floor under every start-up: plain node running an empty module, and an
 * empty TypeScript module through the tsx CLI (it starts a second node
 * process) and through `node --import tsx` (one process).
 */
export async function measureFloor(): Promise<{ nodeMs: number; tsxCliMs: number; importTsxMs: number }> {
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
    nodeMs: await time(['--input-type=module', '--eval', 'export {}']),
    tsxCliMs: await time([TSX_CLI, '--eval', 'export {}']),
    importTsxMs: await time(['--import', 'tsx', '--eval', 'export {}']),
  };
}

/** Runs `npm run build` (dist/ from the current src/), as a deploy does; returns the entry point `npm start` runs. */
export function buildEntry(): string {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return join(ROOT, 'dist', 'main.js');
}

/** Console start-up: wall time from spawn to the first prompt, and the CPU time the process had used by then. */
export interface ConsoleStartup {
  readyMs: number;
  /** User + system time of all the process's threads at the prompt (Linux; NaN elsewhere): what the start-up costs, whatever else the machine is doing. */
  cpuMs: number;
}

/**
 * Starts the bot in console mode on `corpusDir` (no token: the terminal
 * transport, as `npm start` on a fresh clone) and measures it up to its first
 * prompt, the moment it can take a question. `compiled` as for
 * {@link measureStartup}.
 */
export async function measureConsoleStartup(corpusDir: string, compiled?: string, timeoutMs = 60_000): Promise<ConsoleStartup> {
  // BOT_TOKEN set but empty, so a developer's .env cannot switch the run to Telegram.
  const env = { BOT_TOKEN: '', CORPUS_DIR: corpusDir };
  const start = performance.now();
  const child = compiled === undefined ? startScript('main.ts', env) : startProcess([compiled], env);
  let timer: NodeJS.Timeout | undefined;
  try {
    const prompted = child.printed('you>');
    const exited = child.exited.then((code) => {
      throw new Error(`bench: main exited with ${String(code)} before its prompt: ${child.stderr().slice(-500)}`);
    });
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`bench: no prompt within ${timeoutMs} ms: ${child.stderr().slice(-500)}`)), timeoutMs);
    });
    const readyMs = (await Promise.race([prompted, exited, late])) - start;
    // Read while the bot waits for a question: idle, so its CPU time no longer moves.
    return { readyMs, cpuMs: child.cpuMs() };
  } finally {
    clearTimeout(timer);
    child.kill();
    await child.exited.catch(() => undefined);
  }
}
