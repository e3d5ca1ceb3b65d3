import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBot } from '../src/bot/create.ts';
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsole } from '../src/transports/console.ts';
import { runScript } from './support/child.ts';
import { bridgeLibrary, KIND_QUESTIONS } from './support/engine.ts';

describe('npm start without BOT_TOKEN (console mode)', () => {
  it('says why it runs in the terminal, answers /start and a question, and ends on EOF', async () => {
    // BOT_TOKEN is set but empty so that a developer's .env cannot switch this test to Telegram.
    const child = runScript('main.ts', [], { BOT_TOKEN: '' }, '/start\nwhat was the 2014 trade volume?\n/facts\n');
    expect(await child.exited).toBe(0);
    expect(child.stderr()).toContain('console mode');
    const out = child.stdout();
    expect(out).toContain('Belarus and Kazakhstan');
    expect(out).toContain('$1.1 billion');
    expect(out).toContain('Kazinform');
    // Readable text, not Telegram HTML.
    expect(out).not.toMatch(/<\/?(b|i|code)>|&lt;|&amp;/);
    // The welcome comes before the answer, which comes before the facts: one reply per line typed, in order.
    expect(out.indexOf('Try')).toBeLessThan(out.indexOf('$1.1 billion'));
  });

  it('stops with a one-line error and exit code 2 when the corpus folder is missing', async () => {
    const child = runScript('main.ts', [], { BOT_TOKEN: '', CORPUS_DIR: '/no/such/corpus' }, '');
    expect(await child.exited).toBe(2);
    expect(child.stderr().trim()).toBe('corpus: cannot read folder /no/such/corpus (ENOENT)');
  });
});

describe('runConsole', () => {
  /** Types `lines` into a console chat with the bridge item's bot; returns each line's printed reply, in order. */
  async function session(lines: string[]): Promise<string[]> {
    const library = bridgeLibrary();
    const bot = createBot({ token: CONSOLE_TOKEN, library: () => library, botInfo: CONSOLE_BOT_INFO });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await runConsole(bot, { input: Readable.from(lines.map((l) => `${l}\n`)), output, color: false });
    return printed.split('\nyou> ').slice(1);
  }

  it('prints the three kinds as Telegram shows them: sure plain, closest marked, none refused with topics', async () => {
    const [sure, closest, none] = await session([KIND_QUESTIONS.sure, KIND_QUESTIONS.closest, KIND_QUESTIONS.none]);
    expect(sure).toContain('280 million euros');
    expect(sure).not.toContain('may not say');
    expect(closest).toMatch(/^\s+The article may not say exactly; the closest passage is:\n\s+\S/m);
    expect(closest).toContain('[1] Context');
    expect(none).toContain('The article does not say that.');
    expect(none).not.toContain('may not say');
  });

  it('marks closest inline results in their description, and not sure ones', async () => {
    const [sure, closest] = await session([`@${CONSOLE_BOT_INFO.username} ${KIND_QUESTIONS.sure}`, `@${CONSOLE_BOT_INFO.username} ${KIND_QUESTIONS.closest}`]);
    expect(sure).toContain('[1] ');
    expect(sure).not.toContain('may not say');
    expect(closest).toMatch(/\[1\] .* — The article may not say exactly · New bridge opens over the Danube/);
  });
});
