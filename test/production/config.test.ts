/**
 * Configuration: every variable is checked at start-up; a bad one stops the
 * real entry point with one line naming it and what is expected, exit code
 * 2, and never the token.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { runScript } from '../support/child.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

const WEBHOOK = { BOT_TOKEN: TEST_TOKEN, WEBHOOK_URL: 'https://bot.example.org/telegram', WEBHOOK_SECRET: 'a-long-enough-secret_123' };

describe('loadConfig', () => {
  it('reads a full webhook configuration', () => {
    const config = loadConfig({
      ...WEBHOOK,
      PORT: '8443',
      HOST: '0.0.0.0',
      SET_WEBHOOK: 'false',
      ADMIN_IDS: '12, 34',
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_REFILL_SECONDS: '2',
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT: '20',
      CORPUS_DIR: 'articles',
    });
    expect(config).toMatchObject({
      botToken: TEST_TOKEN,
      corpusDir: 'articles',
      webhook: { url: 'https://bot.example.org/telegram', secret: WEBHOOK.WEBHOOK_SECRET, host: '0.0.0.0', port: 8443, setWebhook: false },
      adminIds: [12, 34],
      rateLimit: { messages: { burst: 3, refillMs: 2000 }, buttons: { burst: 30, refillMs: 1000 }, inline: { burst: 30, refillMs: 500 } },
      logLevel: 'debug',
      shutdownTimeoutMs: 20_000,
    });
  });

  it('defaults to long polling, 127.0.0.1:8080 for a webhook, 10 questions at once then 1 per 5 s, and info logs', () => {
    expect(loadConfig({ BOT_TOKEN: TEST_TOKEN })).toEqual({
      botToken: TEST_TOKEN,
      corpusDir: './corpus',
      dataDir: './data',
      adminIds: [],
      rateLimit: { messages: { burst: 10, refillMs: 5000 }, buttons: { burst: 30, refillMs: 1000 }, inline: { burst: 30, refillMs: 500 } },
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      chats: { minSentences: 3, minChars: 300, graceDays: 7, maxArticles: 20_000, maxBytes: 64 * 1024 * 1024, maxDocumentBytes: 1024 * 1024 },
    });
    expect(loadConfig(WEBHOOK).webhook).toMatchObject({ host: '127.0.0.1', port: 8080, setWebhook: true });
  });

  it('turns every rate limit off with RATE_LIMIT_BURST=0', () => {
    const { rateLimit } = loadConfig({ BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_BURST: '0' });
    expect([rateLimit.messages.burst, rateLimit.buttons.burst, rateLimit.inline.burst]).toEqual([0, 0, 0]);
  });

  it('treats empty values as unset (a copied .env.example works as it is)', () => {
    expect(loadConfig({ BOT_TOKEN: '', BOT_API_ROOT: ' ', WEBHOOK_URL: '', PORT: '', ADMIN_IDS: '' })).toMatchObject({ adminIds: [], corpusDir: './corpus' });
  });
});

// Each bad variable, the variable the message must name, and the rest of the environment it needs.
const BAD: Array<[string, Record<string, string>]> = [
  ['CHAT_GRACE_DAYS', { CHAT_GRACE_DAYS: 'a week' }],
  ['ADD_MAX_KB', { ADD_MAX_KB: '999999' }],
  ['BOT_TOKEN', { BOT_TOKEN: '12345:short' }],
  ['BOT_API_ROOT', { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: 'ftp://files.example.org' }],
  ['WEBHOOK_URL', { ...WEBHOOK, WEBHOOK_URL: 'http://bot.example.org/telegram' }],
  ['WEBHOOK_URL', { ...WEBHOOK, WEBHOOK_URL: 'not a url' }],
  ['WEBHOOK_SECRET', { ...WEBHOOK, WEBHOOK_SECRET: '' }],
  ['WEBHOOK_SECRET', { ...WEBHOOK, WEBHOOK_SECRET: 'short' }],
  ['WEBHOOK_SECRET', { ...WEBHOOK, WEBHOOK_SECRET: 'has spaces and ! marks in it' }],
  ['PORT', { ...WEBHOOK, PORT: '70000' }],
  ['PORT', { ...WEBHOOK, PORT: 'http' }],
  ['HOST', { ...WEBHOOK, HOST: 'a host; rm -rf' }],
  ['SET_WEBHOOK', { ...WEBHOOK, SET_WEBHOOK: 'maybe' }],
  ['ADMIN_IDS', { BOT_TOKEN: TEST_TOKEN, ADMIN_IDS: '12,@admin' }],
  ['RATE_LIMIT_BURST', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_BURST: '-1' }],
  ['RATE_LIMIT_BURST', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_BURST: 'ten' }],
  ['RATE_LIMIT_REFILL_SECONDS', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_REFILL_SECONDS: '0' }],
  ['RATE_LIMIT_REFILL_SECONDS', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_REFILL_SECONDS: '0.5' }],
  // The old variables name their replacement rather than being ignored without a word.
  ['RATE_LIMIT', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT: '5' }],
  ['RATE_LIMIT_WINDOW', { BOT_TOKEN: TEST_TOKEN, RATE_LIMIT_WINDOW: '10' }],
  ['LOG_LEVEL', { BOT_TOKEN: TEST_TOKEN, LOG_LEVEL: 'loud' }],
  ['SHUTDOWN_TIMEOUT', { BOT_TOKEN: TEST_TOKEN, SHUTDOWN_TIMEOUT: '1.5' }],
  ['BOT_TOKEN', { WEBHOOK_URL: WEBHOOK.WEBHOOK_URL, WEBHOOK_SECRET: WEBHOOK.WEBHOOK_SECRET }],
];

describe('a bad variable at start-up', () => {
  it.each(BAD)('%s: loadConfig throws a ConfigError naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^config: ${name} `));
  });

  // The exit path is the same for every ConfigError (the table above checks each message); a few go through the real entry point.
  const KINDS = ['BOT_TOKEN', 'WEBHOOK_SECRET', 'PORT', 'LOG_LEVEL'];
  const children = BAD.filter(([name], i) => KINDS.includes(name) && BAD.findIndex(([n]) => n === name) === i);
  describe.concurrent('npm start', () => {
    it.each(children)('%s: prints one line naming it and exits 2', { timeout: 60_000 }, async (name, env) => {
      const child = runScript('main.ts', [], env);
      expect(await child.exited).toBe(2);
      const lines = child.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^config: ${name} .*(must|expected|required)`));
      expect(child.stderr() + child.stdout()).not.toContain(TEST_TOKEN);
    });
  });

  it('a token Telegram refuses stops start-up the same way', { timeout: 30_000 }, async () => {
    const api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    const other = '654321:AAothertokenothertokenothertoken0000';
    try {
      const child = runScript('main.ts', [], { BOT_TOKEN: other, BOT_API_ROOT: await api.start() });
      expect(await child.exited).toBe(2);
      // After the index is built (logged), Telegram refuses the token: one plain line, no stack.
      const lines = child.stderr().trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/^config: BOT_TOKEN was refused by Telegram \(401/);
      expect(lines.slice(0, -1).every((l) => l.startsWith('{'))).toBe(true);
      expect(child.stderr()).not.toContain(other);
    } finally {
      await api.close();
    }
  });

  it('a missing corpus folder stops start-up the same way', { timeout: 30_000 }, async () => {
    const child = runScript('main.ts', [], { BOT_TOKEN: TEST_TOKEN, CORPUS_DIR: 'no/such/folder' });
    expect(await child.exited).toBe(2);
    expect(child.stderr().trimEnd().split('\n')).toHaveLength(1);
    expect(child.stderr()).toContain('no/such/folder');
  });
});
