/**
 * Webhook transport: a `node:http` server that journals Telegram's POSTs
 * and answers 200 at once, plus `GET /healthz` for the supervisor.
 *
 * Telegram's own advice: answer the webhook quickly and handle the update
 * afterwards. The update is in the journal before the 200 goes back, so a
 * reply still waiting out a flood limit when the process stops is handled
 * again at the next start, instead of being lost to a 200 that was already sent.
 *
 * Everything that is not a genuine update is refused before the bot sees
 * it: a wrong or missing secret (401), an oversized body (413, after the
 * body was read so the client sees the status, not a reset), a body that is
 * not a JSON update (400), anything before the index is loaded or while
 * stopping (503, so Telegram sends it again), a journal that cannot be
 * written (500, same).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { describeError, type BotLogger } from '../log.ts';
import type { Dispatcher } from './dispatcher.ts';

/** Largest request body accepted; real updates are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Most a refused client may still send before the connection is cut. */
const DISCARD_LIMIT = 8 * 1024 * 1024;

/** Settings of {@link createWebhookServer}. */
export interface WebhookOptions {
  /** Journals and queues each accepted update. */
  dispatcher: Dispatcher;
  /** Must equal the `secret_token` given to `setWebhook`. */
  secret: string;
  /** Path Telegram posts to (the path of `WEBHOOK_URL`). */
  path: string;
  /** False until the index is loaded: updates get 503 (Telegram retries) and /healthz says so. */
  isReady: () => boolean;
  logger: BotLogger;
  maxBodyBytes?: number;
}

/** The webhook server and its life cycle. */
export interface WebhookServer {
  readonly server: Server;
  /** Starts listening; resolves with the address in use (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, waits (bounded) for the updates being handled, closes the server. */
  close(timeoutMs: number): Promise<{ finished: boolean }>;
}

/** Builds the server; nothing listens until `listen`. */
export function createWebhookServer(opts: WebhookOptions): WebhookServer {
  const maxBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const secret = Buffer.from(opts.secret);
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { ok: false, error: 'method not allowed' }, { allow: 'GET' });
      return opts.isReady() && !closing
        ? reply(res, 200, { ok: true, status: 'ready' })
        : reply(res, 503, { ok: false, status: closing ? 'stopping' : 'loading' });
    }
    if (path !== opts.path) return reply(res, 404, { ok: false, error: 'not found' });
    if (req.method !== 'POST') return reply(res, 405, { ok: false, error: 'method not allowed' }, { allow: 'POST' });
    const header = req.headers[SECRET_HEADER];
    if (typeof header !== 'string' || !sameSecret(header, secret)) return refuse(req, res, 401, 'unauthorized');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBytes) return refuse(req, res, 413, 'body too large');
    const body = await readBody(req, maxBytes);
    if (body === undefined) return refuse(req, res, 413, 'body too large');
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, { ok: false, error: 'body is not JSON' });
    }
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) {
      return reply(res, 400, { ok: false, error: 'body is not a Telegram update' });
    }
    if (!opts.isReady() || closing) return reply(res, 503, { ok: false, error: closing ? 'stopping' : 'loading' }, { 'retry-after': '5' });
    try {
      opts.dispatcher.accept(update as Update);
    } catch (err) {
      // Not journaled: a 500 makes Telegram send it again later.
      opts.logger.error({ err: describeError(err) }, 'webhook: could not journal the update');
      return reply(res, 500, { ok: false, error: 'could not store the update' });
    }
    reply(res, 200);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err: describeError(err) }, 'webhook: request failed');
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'internal error' });
    });
  });
  // Bounds slow or stalled clients; Telegram sends its small bodies at once.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: async (timeoutMs) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const { finished } = await opts.dispatcher.stop(timeoutMs);
      server.closeAllConnections();
      await closed;
      return { finished };
    },
  };
}

function sameSecret(header: string, secret: Buffer): boolean {
  const given = Buffer.from(header);
  return given.length === secret.length && timingSafeEqual(given, secret);
}

/** Reads the body, or resolves undefined as soon as it grows past `max` (the rest is then discarded by `refuse`). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > max) {
        over = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body?: object, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...(body ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(body ? JSON.stringify(body) : undefined);
}

/**
 * Answers a refusal once the client has finished sending, so it reads the
 * status instead of a connection reset; past `DISCARD_LIMIT` bytes the
 * connection is cut. The connection is closed after the answer.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  const answer = (): void => reply(res, status, { ok: false, error }, { connection: 'close' });
  if (req.readableEnded) return answer();
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.destroy();
  });
  req.once('end', answer);
  req.resume();
}
