import { describe, expect, it } from 'vitest';
import { runScript } from './support/child.ts';

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
