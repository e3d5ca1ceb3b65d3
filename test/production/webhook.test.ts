/**
 * The webhook server in-process, over real HTTP on 127.0.0.1: a genuine
 * update is journaled, answered 200 at once and handled; everything else is
 * refused with the right status and never reaches the bot.
 */
import { request } from 'node:http';
import type { Update } from 'grammy/types';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { runScript, type Child } from '../support/child.ts';
import { createBot } from '../../src/bot/create.ts';
import type { Library } from '../../src/library.ts';
import { openDatabase } from '../../src/store/database.ts';
import { UpdateJournal } from '../../src/store/journal.ts';
import { Dispatcher } from '../../src/transports/dispatcher.ts';
import { createWebhookServer, MAX_BODY_BYTES, type WebhookServer } from '../../src/transports/webhook.ts';
import { seedLibrary } from '../support/engine.ts';
import { BOT_INFO, record, sentTexts, TEST_TOKEN, textUpdate, type Call } from '../support/recorder.ts';

const SECRET = 'test-secret_0123456789abcdef';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Response {
  status: number;
  body: string;
}

/** One HTTP request with node:http (fetch would hide what the server does with a large body). */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined && opts.chunked) {
      // No Content-Length: the server must count as it reads.
      const body = Buffer.from(opts.body);
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(opts.body);
  });
}

describe('createWebhookServer', () => {
  let library: Library;
  let server: WebhookServer | undefined;
  beforeAll(async () => {
    library = await seedLibrary();
  });
  afterEach(async () => {
    await server?.close(1000);
    server = undefined;
  });

  /** A server around a real bot whose API calls are recorded; `handled` counts the updates that reached the bot. */
  async function start(opts: { ready?: () => boolean; slowApiMs?: number } = {}) {
    const bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO, logger: quiet });
    const calls: Call[] = record(bot);
    if (opts.slowApiMs)
      bot.api.config.use(async (prev, method, payload, signal) => {
        await new Promise((r) => setTimeout(r, opts.slowApiMs));
        return prev(method, payload, signal);
      });
    const counter = { handled: 0 };
    const journal = new UpdateJournal(openDatabase(':memory:'));
    const dispatcher = new Dispatcher({
      journal,
      handle: async (update) => {
        counter.handled++;
        await bot.handleUpdate(update);
      },
      logger: quiet,
    });
    server = createWebhookServer({ dispatcher, secret: SECRET, path: '/tg', isReady: opts.ready ?? (() => true), logger: quiet });
    const { port } = await server.listen(0, '127.0.0.1');
    return { url: `http://127.0.0.1:${port}`, calls, counter, journal, dispatcher };
  }

  const question = (): string => JSON.stringify(textUpdate('what was the 2014 trade volume?'));
  const json = { 'content-type': 'application/json' };

  it('answers an update that carries the right secret', async () => {
    const { url, calls, counter, dispatcher } = await start();
    const res = await send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: question() });
    expect(res.status).toBe(200);
    while (dispatcher.size > 0) await dispatcher.progress();
    expect(counter.handled).toBe(1);
    expect(sentTexts(calls).join('\n')).toContain('$1.1 billion');
  });

  it('journals an update before answering 200, and drops Telegram sending it again', async () => {
    const { url, counter, journal, dispatcher } = await start();
    const body = question();
    const headers = { ...json, 'x-telegram-bot-api-secret-token': SECRET };
    expect((await send(`${url}/tg`, { headers, body })).status).toBe(200);
    expect(journal.nextOffset()).toBe((JSON.parse(body) as Update).update_id + 1);
    expect((await send(`${url}/tg`, { headers, body })).status).toBe(200);
    while (dispatcher.size > 0) await dispatcher.progress();
    expect(counter.handled).toBe(1);
  });

  // Each refused request: the status Telegram (or an attacker) gets, and no handler call.
  const refusals: Array<[string, (url: string) => Promise<Response>, number]> = [
    [
      'a wrong secret',
      (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': 'wrong-secret_0123456789abcd' }, body: question() }),
      401,
    ],
    ['a missing secret', (url) => send(`${url}/tg`, { headers: json, body: question() }), 401],
    [
      'a secret that differs only in length',
      (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': `${SECRET}x` }, body: question() }),
      401,
    ],
    [
      'a declared body over the limit',
      (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) }),
      413,
    ],
    [
      'a chunked body over the limit',
      (url) =>
        send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: Buffer.alloc(2 * MAX_BODY_BYTES, 0x20), chunked: true }),
      413,
    ],
    [
      'a body that is not JSON',
      (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id": 1, "message": ' }),
      400,
    ],
    ['JSON that is not an update', (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: '[1, 2, 3]' }), 400],
    ['an empty body', (url) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: '' }), 400],
    ['a GET on the webhook path', (url) => send(`${url}/tg`, { method: 'GET', headers: { 'x-telegram-bot-api-secret-token': SECRET } }), 405],
    ['another path', (url) => send(`${url}/other`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: question() }), 404],
  ];
  it.each(refusals)('refuses %s without calling the bot', async (_name, make, status) => {
    const { url, calls, counter } = await start();
    const res = await make(url);
    expect(res.status).toBe(status);
    expect(counter.handled).toBe(0);
    expect(calls).toEqual([]);
  });

  it('reports ready on /healthz only once the index is loaded, and refuses updates until then', async () => {
    let ready = false;
    const { url, counter } = await start({ ready: () => ready });
    expect((await send(`${url}/healthz`, { method: 'GET' })).status).toBe(503);
    const early = await send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: question() });
    expect(early.status).toBe(503);
    expect(counter.handled).toBe(0);
    ready = true;
    const health = await send(`${url}/healthz`, { method: 'GET' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, status: 'ready' });
  });

  it('answers Telegram before a slow handler is done, and the handler still finishes', async () => {
    // The API takes 1.5 s per call: Telegram gets its 200 first, the reply follows.
    const { url, calls } = await start({ slowApiMs: 1500 });
    const res = await send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: question() });
    expect(res.status).toBe(200);
    expect(sentTexts(calls)).toEqual([]);
    // close() waits for the update in hand.
    const done = await server!.close(10_000);
    server = undefined;
    expect(done.finished).toBe(true);
    expect(sentTexts(calls).join('\n')).toContain('$1.1 billion');
  });

  it('survives a burst of concurrent updates and answers each once', async () => {
    const { url, calls, counter, dispatcher } = await start();
    const updates: Update[] = Array.from({ length: 20 }, (_, i) =>
      textUpdate(`what was the 2014 trade volume? ${i}`, { chat: { id: 1000 + i, type: 'private', first_name: 'P' } }),
    );
    const results = await Promise.all(
      updates.map((u) => send(`${url}/tg`, { headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(u) })),
    );
    expect(results.map((r) => r.status)).toEqual(updates.map(() => 200));
    while (dispatcher.size > 0) await dispatcher.progress();
    expect(counter.handled).toBe(20);
    const chats = calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.chat_id);
    expect(new Set(chats).size).toBe(20);
  });
});

describe('npm start in webhook mode', () => {
  let api: BotApiStandIn | undefined;
  let child: Child | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await api?.close();
  });

  it('registers the webhook with its secret, serves /healthz and answers, then stops on SIGTERM', { timeout: 60_000 }, async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    const root = await api.start();
    child = runScript('main.ts', [], {
      BOT_TOKEN: TEST_TOKEN,
      BOT_API_ROOT: root,
      WEBHOOK_URL: 'https://bot.example.org/hook/telegram',
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const lines = (): Array<Record<string, unknown>> =>
      child!
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await api.waitFor(() => lines().some((l) => l.msg === 'main: webhook ready'), 30_000);
    const port = lines().find((l) => l.msg === 'main: webhook server listening')?.port;
    expect(port).toBeTypeOf('number');
    const url = `http://127.0.0.1:${String(port)}`;

    expect(api.callsOf('setWebhook').map((c) => c.payload)).toEqual([
      expect.objectContaining({ url: 'https://bot.example.org/hook/telegram', secret_token: SECRET }),
    ]);
    expect(api.callsOf('getUpdates')).toEqual([]);
    expect((await send(`${url}/healthz`, { method: 'GET' })).status).toBe(200);

    expect((await send(`${url}/hook/telegram`, { headers: json(), body: question() })).status).toBe(401);
    const res = await send(`${url}/hook/telegram`, { headers: { ...json(), 'x-telegram-bot-api-secret-token': SECRET }, body: question() });
    expect(res.status).toBe(200);
    await api.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'));
    expect(String(api.callsOf('sendMessage')[0]!.payload.text)).toContain('$1.1 billion');

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    // A passage was shown: sure (answered) or marked as the closest, as the engine decides on the seed article.
    expect(lines().filter((l) => l.msg === 'update')).toMatchObject([{ outcome: expect.stringMatching(/^(answered|closest)$/), chat_type: 'private' }]);
    expect(child.stderr()).not.toContain(TEST_TOKEN);
    expect(child.stderr()).not.toContain(SECRET);
  });
});

function json(): Record<string, string> {
  return { 'content-type': 'application/json' };
}

function question(): string {
  return JSON.stringify(textUpdate('what was the 2014 trade volume?'));
}
