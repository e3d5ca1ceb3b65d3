import { describe, expect, it } from 'vitest';
import { runScript } from './support/child.ts';

interface Line {
  question: string;
  answered: boolean;
  sure: boolean;
  results: Array<{ doc: string; sentence: number; text: string; score: number }>;
}

function parseLines(stdout: string): Line[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('npm run ask -- --json', () => {
  it('prints one JSON object per question, in order, with the contract shape', async () => {
    const child = runScript('cli.ts', ['--json', 'what was the 2014 trade volume?', 'What is the capital of France?'], {});
    expect(await child.exited).toBe(0);
    const [trade, france] = parseLines(child.stdout());
    expect(trade!.question).toBe('what was the 2014 trade volume?');
    expect(trade!.answered).toBe(true);
    expect(trade!.results[0]!.text).toContain('$1.1 billion');
    expect(trade!.results[0]).toMatchObject({ doc: 'kazinform-2016-12-08-belarus-kazakhstan', sentence: 10 });
    expect(trade!.results.length).toBeLessThanOrEqual(5);
    const scores = trade!.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(france!.answered).toBe(false);
    // Nothing answered is never sure.
    expect(france!.sure).toBe(false);
    expect(typeof trade!.sure).toBe('boolean');
    expect(Object.keys(trade!).sort()).toEqual(['answered', 'question', 'results', 'sure']);
  });

  it('reads questions from stdin when none are given, skipping blank lines', async () => {
    const child = runScript('cli.ts', ['--json', '--limit', '2'], {}, 'what was the 2014 trade volume?\n\n  \nwho is Yevdochenko?\n');
    expect(await child.exited).toBe(0);
    const lines = parseLines(child.stdout());
    expect(lines.map((l) => l.question)).toEqual(['what was the 2014 trade volume?', 'who is Yevdochenko?']);
    for (const l of lines) expect(l.results.length).toBeLessThanOrEqual(2);
  });

  it('answers from another corpus with --corpus', async () => {
    const child = runScript('cli.ts', ['--json', '--corpus', 'eval/squad/corpus', 'Who invented the atmospheric engine?'], {});
    expect(await child.exited).toBe(0);
    const [line] = parseLines(child.stdout());
    expect(line!.answered).toBe(true);
    expect(line!.results[0]!.doc).toBe('steam-engine');
  });

  it.each([
    { why: 'an unknown option', args: ['--json', '--bogus'], err: /Unknown option '--bogus'/ },
    { why: 'a bad --limit', args: ['--json', '--limit', 'many', 'q'], err: /--limit must be a whole number/ },
    { why: 'a missing corpus', args: ['--json', '--corpus', '/no/such/dir', 'q'], err: /^corpus: cannot read folder \/no\/such\/dir/ },
  ])('exits with code 2 and a clear message on $why, printing nothing on stdout', async ({ args, err }) => {
    const child = runScript('cli.ts', args, {});
    expect(await child.exited).toBe(2);
    expect(child.stderr()).toMatch(err);
    expect(child.stdout()).toBe('');
  });

  it('prints a readable answer without --json', async () => {
    const child = runScript('cli.ts', ['what was the 2014 trade volume?'], {});
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toContain('$1.1 billion');
    expect(child.stdout()).not.toContain('<b>');
  });
});
