/** Starting the real entry points as child processes, the way users do. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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
 * clean, explicit environment.
 */
export function runScript(script: string, args: string[], env: Record<string, string>, input?: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', `src/${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  if (input !== undefined) proc.stdin.end(input);
  return { proc, stdout: () => out, stderr: () => err, exited };
}
