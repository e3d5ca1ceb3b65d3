/**
 * `npm run ask`: the answering function on the command line, for people and
 * for the evaluation. See README "Command-line contract"; keep it stable.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerQuestion } from './answer.ts';
import { createI18n } from './i18n.ts';
import { corpusDirFrom } from './config.ts';
import { CorpusError, loadCorpus } from './corpus.ts';
import { buildLibrary, type Library } from './library.ts';
import { renderReply } from './render.ts';
import { htmlToTerminal } from './terminal.ts';

const USAGE = 'usage: npm run --silent ask -- [--json] [--corpus DIR] [--limit N] [QUESTION ...]';

/** A mistake in the command line; printed with the usage, exit code 2. */
class UsageError extends Error {}

interface Options {
  json: boolean;
  corpus: string;
  limit: number;
  questions: string[];
}

function parse(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        corpus: { type: 'string', default: corpusDirFrom() },
        limit: { type: 'string', default: '5' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`ask: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const limit = Number(parsed.values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError(`ask: --limit must be a whole number from 1 to 100, got "${parsed.values.limit}"`);
  return { json: parsed.values.json, corpus: parsed.values.corpus, limit, questions: parsed.positionals };
}

function answerJson(library: Library, question: string, limit: number): string {
  const ranking = library.engine.ask(question, { limit });
  return JSON.stringify({
    question,
    answered: ranking.answered,
    sure: ranking.kind === 'sure',
    results: ranking.hits.map((h) => ({ doc: h.doc, sentence: h.sentence, text: h.text, score: Math.round(h.score * 10000) / 10000 })),
  });
}

function answerText(library: Library, question: string, t: (key: string, vars?: Record<string, string | number>) => string, color: boolean): string {
  const reply = answerQuestion(library, question);
  return `? ${question}\n${htmlToTerminal(renderReply(reply, t).join('\n\n'), color)}\n`;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  const library = buildLibrary(await loadCorpus(opts.corpus));
  const i18n = createI18n();
  const t = (key: string, vars?: Record<string, string | number>): string => i18n.t('en', key, vars);
  const color = Boolean(process.stdout.isTTY) && !opts.json;
  const answer = (q: string): string => (opts.json ? answerJson(library, q, opts.limit) : answerText(library, q, t, color));
  if (opts.questions.length > 0) {
    for (const q of opts.questions) process.stdout.write(`${answer(q)}\n`);
    return;
  }
  for await (const line of createInterface({ input: process.stdin, terminal: false })) {
    if (line.trim() === '') continue;
    process.stdout.write(`${answer(line.trim())}\n`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof CorpusError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`ask: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
