/**
 * Command shortcuts: an optional `shortcuts.json` beside the articles maps a
 * command name to a question (`{"trade": "What was the trade volume?"}`), so
 * that `/trade` asks it.
 *
 * The file is checked once at start-up against Telegram's rules for command
 * names: a bad name would otherwise surface only later, as a failed
 * `setMyCommands` call or a command that never fires.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCorpusFolder } from './corpus.ts';
import type { Engine } from './search/engine.ts';

/** One shortcut: `/command` asks `question`. */
export interface Shortcut {
  command: string;
  question: string;
}

/**
 * A mistake in the shortcuts file; the message is one line starting with
 * `shortcuts:` and naming the file, so `main` prints it and exits with code 2.
 */
export class ShortcutsError extends Error {
  override name = 'ShortcutsError';
}

/** The file name looked for in the corpus folder. */
export const SHORTCUTS_FILE = 'shortcuts.json';

/** Telegram: 1-32 characters, lowercase English letters, digits and underscores. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
/** Telegram's limit for a command description, which is where the question is shown. */
const MAX_QUESTION = 256;
/** Telegram shows at most 100 commands per menu; the bot's own take some. */
const MAX_SHORTCUTS = 80;

/**
 * Reads `<dir>/shortcuts.json` if it exists; no file means no shortcuts.
 * `reserved` are the bot's own commands, which a shortcut may not replace.
 * A `dir` that is not a folder is a CorpusError: the mistake is the corpus
 * folder, not this file.
 */
export async function loadShortcuts(dir: string, reserved: readonly string[] = []): Promise<Shortcut[]> {
  await checkCorpusFolder(dir);
  const path = join(dir, SHORTCUTS_FILE);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ShortcutsError(`shortcuts: cannot read ${path} (${(err as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ShortcutsError(`shortcuts: ${path} is not valid JSON (${(err as Error).message})`);
  }
  return parseShortcuts(parsed, path, reserved);
}

/** Checks parsed JSON; pure, so tests can feed it objects. */
export function parseShortcuts(value: unknown, path: string, reserved: readonly string[] = []): Shortcut[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShortcutsError(`shortcuts: ${path} must be a JSON object of command name to question, like {"trade": "What was the trade volume?"}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_SHORTCUTS)
    throw new ShortcutsError(`shortcuts: ${path} has ${entries.length} shortcuts; Telegram's menu allows at most ${MAX_SHORTCUTS} besides the bot's own`);
  const out: Shortcut[] = [];
  for (const [name, question] of entries) {
    const command = name.startsWith('/') ? name.slice(1) : name;
    if (!COMMAND_NAME.test(command)) {
      throw new ShortcutsError(`shortcuts: ${path}: "${name}" is not a valid Telegram command name (1-32 lowercase English letters, digits or underscores)`);
    }
    if (reserved.includes(command)) throw new ShortcutsError(`shortcuts: ${path}: "${command}" is one of the bot's own commands; choose another name`);
    if (out.some((s) => s.command === command)) throw new ShortcutsError(`shortcuts: ${path}: "${command}" appears twice`);
    if (typeof question !== 'string' || question.trim() === '')
      throw new ShortcutsError(`shortcuts: ${path}: "${command}" must map to a question (a non-empty string)`);
    const q = question.trim().replace(/\s+/g, ' ');
    if (q.length > MAX_QUESTION) throw new ShortcutsError(`shortcuts: ${path}: the question of "${command}" is longer than ${MAX_QUESTION} characters`);
    out.push({ command, question: q });
  }
  return out;
}

/**
 * The shortcuts whose question the engine refuses (kind `none`, so `/weather`
 * would only ever say "the article does not say"). Pure, for a warning at
 * start-up naming each one: a curated question nobody can get an answer to is
 * a mistake in the deployment, though not one worth stopping for. A question
 * answered with only the closest passage is not named: it still shows a
 * passage, marked as possibly not answering.
 */
export function unansweredShortcuts(engine: Engine, shortcuts: readonly Shortcut[]): Shortcut[] {
  return shortcuts.filter((s) => engine.ask(s.question, { limit: 1 }).kind === 'none');
}
