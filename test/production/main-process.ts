/**
 * The entry point as systemd runs it: `node --import tsx src/main.ts`, one
 * process, so every signal (SIGHUP too, which the tsx CLI does not pass on)
 * reaches the bot itself.
 */
import { spawn } from 'node:child_process';
import { ROOT, type Child } from '../support/child.ts';

export function startMain(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return { proc, stdout: () => out, stderr: () => err, exited };
}
