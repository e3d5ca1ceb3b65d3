/** Starting the real entry points as child processes, the way users do. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs `src/<script>` as `npm start` / `npm run ask` do (`node --import tsx`: one
 * process, so signals reach the bot and a kill leaves nothing behind), with a
 * clean, explicit environment and, unless `env` names one, a fresh empty
 * DATA_DIR (runs must not share a journal).
 */
export function runScript(script: string, args: string[], env: Record<string, string>, input?: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', `src/${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir(), ...env },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  if (input !== undefined) proc.stdin.end(input);
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** A fresh, empty DATA_DIR for runs of the bot that must share one (a restart). */
export function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'bot-data-'));
}
