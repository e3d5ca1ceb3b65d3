/**
 * The entry point as systemd runs it: `node --import tsx src/main.ts`, one
 * process, so every signal (SIGHUP too) reaches the bot itself. The same
 * command as `npm start`, so this is `runScript` under a name that says so.
 */
import { runScript, type Child } from '../support/child.ts';

export function startMain(env: Record<string, string>): Child {
  return runScript('main.ts', [], env);
}
