/**
 * Webhook transport: a `node:http` server that feeds Telegram's POSTs to
 * grammY's `webhookCallback`, plus `GET /healthz` for the supervisor.
 *
 * Everything that is not a genuine update is refused before the bot sees
 * it: a wrong or missing secret (401), an oversized body (413), a body that
 * is not a JSON update (400), anything before the index is loaded (503).
 * A slow handler is answered 200 after a bound and finishes in the
 * background, so Telegram never times out and sends the update again.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotLogger } from '../bot/deps.ts';
import { InFlight, trackUpdates } from './inflight.ts';

/** Largest request body accepted; real updates are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** After this, Telegram gets its 200 and the handler goes on in the background. */
export const HANDLER_TIMEOUT_MS = 8000;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Most a refused client may still send before the connection is cut. */
const DISCARD_LIMIT = 8 * 1024 * 1024;

/** Settings of {@link createWebhookServer}. */
export interface WebhookOptions {
  bot: Bot<any>;
  /** Must equal the `secret_token` given to `setWebhook`. */
  secret: string;
  /** Path Telegram posts to (the path of `WEBHOOK_URL`). */
  path: string;
  /** False until the index is loaded: updates get 503 (Telegram retries) and /healthz says so. */
  isReady: () => boolean;
  logger: BotLogger;
  maxBodyBytes?: number;
  handlerTimeoutMs?: number;
}

/** The webhook server and its life cycle. */
export interface WebhookServer {
  readonly server: Server;
  /** Starts listening; resolves with the address in use (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, finishes the updates in hand (bounded), closes the server. */
  close(timeoutMs: number): Promise<{ finished: boolean }>;
}

/** Builds the server; nothing listens until `listen`. */
export function createWebhookServer(opts: WebhookOptions): WebhookServer {
  const inFlight = new InFlight();
  trackUpdates(opts.bot, inFlight);
  const maxBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const secret = Buffer.from(opts.secret);
  let closing = false;

  // Our adapter hands grammY the update we already read and checked.
  const adapter = (update: Update, header: string | undefined, res: ServerResponse) => ({
    update,
    header,
    end: () => reply(res, 200),
    respond: (json: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json);
    },
    unauthorized: () => reply(res, 401, { ok: false, error: 'unauthorized' }),
  });
  const callback = webhookCallback(opts.bot, adapter, {
    secretToken: opts.secret,
    onTimeout: 'return',
    timeoutMilliseconds: opts.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { ok: false, error: 'method not allowed' }, { allow: 'GET' });
      return opts.isReady() && !closing ? reply(res, 200, { ok: true, status: 'ready' }) : reply(res, 503, { ok: false, status: closing ? 'stopping' : 'loading' });
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
      await callback(update as Update, header, res);
    } catch (err) {
      // The bot's error boundary already answered the user; a non-2xx here would only make Telegram resend.
      opts.logger.error({ err: String((err as Error).message ?? err) }, 'webhook: update failed');
      if (!res.headersSent) reply(res, 200);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err: String((err as Error).message ?? err) }, 'webhook: request failed');
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
      const finished = await inFlight.drain(timeoutMs);
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
 * Answers a refusal and closes the connection. What the client still sends
 * is read and dropped, so it sees the status instead of a reset; past
 * `DISCARD_LIMIT` bytes the connection is cut.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  reply(res, status, { ok: false, error }, { connection: 'close' });
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.destroy();
  });
  req.resume();
}
