/**
 * Logs: one structured line per update (kind, chat type, latency, outcome,
 * top score), no message text at the default level, and no token ever.
 */
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { encodeAction } from '../../src/bot/callback.ts';
import { createBot } from '../../src/bot/create.ts';
import { articleKey, type Library } from '../../src/library.ts';
import { createLogger } from '../../src/log.ts';
import { bridgeLibrary, KIND_QUESTIONS, seedLibrary } from '../support/engine.ts';
import { BOT_INFO, GROUP, PRIVATE, record, TEST_TOKEN, textUpdate, USER } from '../support/recorder.ts';

/** A logger writing JSON lines into an array. */
function capture(level: 'info' | 'debug' = 'info', secrets: string[] = [TEST_TOKEN]) {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level, pretty: false, secrets, destination });
  const lines = (): Array<Record<string, unknown>> =>
    raw
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('logUpdates', () => {
  let library: Library;
  beforeAll(async () => {
    library = await seedLibrary();
  });
  const bridge = bridgeLibrary();

  function botWith(level: 'info' | 'debug' = 'info', source: () => Library = () => library) {
    const log = capture(level);
    const bot = createBot({ token: TEST_TOKEN, library: source, botInfo: BOT_INFO, logger: log.logger });
    record(bot);
    return { bot, ...log };
  }

  it('writes one line per answered question, with score and latency but without the text', async () => {
    const { bot, lines, raw } = botWith('info', () => bridge);
    await bot.handleUpdate(textUpdate(KIND_QUESTIONS.sure));
    const updates = lines().filter((l) => l.msg === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ level: 30, kind: 'message', chat_type: 'private', outcome: 'answered', replies: 1 });
    expect(updates[0]!.top_score).toBeGreaterThan(0);
    expect(updates[0]!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(raw.join('')).not.toMatch(/bridge cost/i);
  });

  // What became of an update, as the log line says; questions about the bridge item of test/support/engine.ts.
  const outcomes: Array<[name: string, outcome: string, text: string]> = [
    ['a question the engine is sure of', 'answered', KIND_QUESTIONS.sure],
    ['a question answered with the closest passage', 'closest', KIND_QUESTIONS.closest],
    ['a question the article does not cover', 'refused', KIND_QUESTIONS.none],
    ["a command that is not a question (its example questions are not the user's)", 'replied', '/start'],
    ['/ask with a question', 'answered', `/ask ${KIND_QUESTIONS.sure}`],
    ['/ask with a question answered with the closest passage', 'closest', `/ask ${KIND_QUESTIONS.closest}`],
  ];
  it.each(outcomes)('logs %s as %s', async (_name, outcome, text) => {
    const { bot, lines } = botWith('info', () => bridge);
    await bot.handleUpdate(textUpdate(text));
    expect(lines().filter((l) => l.msg === 'update')).toMatchObject([{ outcome }]);
  });

  // Updates other than messages: the feature that answers says what became of them.
  const answerMessage = { message_id: 900, date: 1, chat: PRIVATE, from: BOT_INFO, text: 'an answer' };
  const others: Array<[name: string, outcome: string, update: Omit<Update, 'update_id'>]> = [
    // A topic is a word of the article: its passages are shown unmarked, whatever the engine's kind.
    [
      'a topic button press',
      'answered',
      {
        callback_query: {
          id: 'cb',
          from: USER,
          chat_instance: 'ci',
          message: answerMessage,
          data: encodeAction({ kind: 'ask', ref: { kind: 'topic', topic: 'Danube', article: articleKey('bridge') } }),
        },
      },
    ],
    ['an inline query the engine is sure of', 'answered', { inline_query: { id: 'iq', from: USER, query: KIND_QUESTIONS.sure, offset: '' } }],
    ['an inline query answered with the closest passages', 'closest', { inline_query: { id: 'iq', from: USER, query: KIND_QUESTIONS.closest, offset: '' } }],
    ['an inline query the article does not cover', 'refused', { inline_query: { id: 'iq', from: USER, query: KIND_QUESTIONS.none, offset: '' } }],
    ['an empty inline query (key facts, no question)', 'replied', { inline_query: { id: 'iq', from: USER, query: '', offset: '' } }],
  ];
  it.each(others)('logs %s as %s', async (_name, outcome, update) => {
    const { bot, lines } = botWith('info', () => bridge);
    await bot.handleUpdate({ update_id: 1, ...update } as Update);
    const logged = lines().filter((l) => l.msg === 'update');
    expect(logged).toMatchObject([{ outcome }]);
    if (outcome === 'answered' || outcome === 'closest') expect(logged[0]!.top_score).toBeGreaterThan(0);
  });

  it('keeps ignored group chatter out of the default level', async () => {
    const { bot, lines } = botWith();
    await bot.handleUpdate(textUpdate('nice weather today', { chat: GROUP }));
    expect(lines().filter((l) => l.msg === 'update')).toEqual([]);
  });

  it('shows the text only at debug level', async () => {
    const { bot, raw } = botWith('debug');
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?'));
    expect(raw.join('')).toContain('what was the 2014 trade volume?');
  });

  it('logs a failed update as failed, and the user still gets an apology', async () => {
    const log = capture();
    const bot = createBot({
      token: TEST_TOKEN,
      library: () => {
        throw new Error(`index broken while fetching https://api.telegram.org/bot${TEST_TOKEN}/getMe`);
      },
      botInfo: BOT_INFO,
      logger: log.logger,
    });
    const calls = record(bot);
    await bot.handleUpdate(textUpdate('what was the 2014 trade volume?'));
    expect(log.lines().filter((l) => l.msg === 'update')).toMatchObject([{ outcome: 'failed' }]);
    expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(log.raw.join('')).not.toContain(TEST_TOKEN);
  });
});

describe('createLogger', () => {
  it('never writes the token or a secret, wherever it appears', () => {
    const { logger, raw } = capture('info', [TEST_TOKEN, 'webhook-secret-value-123']);
    logger.error({ err: `request to http://127.0.0.1/bot${TEST_TOKEN}/sendMessage failed` }, 'api failed');
    logger.warn({ nested: { url: `https://x/bot${TEST_TOKEN}/getUpdates`, header: 'webhook-secret-value-123' } });
    logger.info(`token is ${TEST_TOKEN}`);
    // A token we were not told about is caught by its shape.
    logger.info({ other: '987654321:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789' });
    const text = raw.join('');
    expect(raw).toHaveLength(4);
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain('webhook-secret-value-123');
    expect(text).not.toContain('987654321:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789');
  });
});
