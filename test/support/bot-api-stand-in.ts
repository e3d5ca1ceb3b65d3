/**
 * A small Telegram Bot API stand-in on 127.0.0.1, for end-to-end tests of
 * the real entry point over real HTTP long polling.
 *
 * It speaks the subset the bot uses (getMe, deleteWebhook, getUpdates with
 * offsets and timeout, sendMessage, setMyCommands...), answers with
 * Telegram-shaped errors, and lets a test inject faults (status codes,
 * `retry_after`, dropped connections, delays) per call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** What the stand-in answered (e.g. the sent message, with its id), once answered. */
  result?: unknown;
}

/** What to do with one call instead of answering it normally. */
export type Fault =
  | { status: number; description?: string; retryAfter?: number }
  | { drop: true }
  | { delayMs: number };

export interface StandInOptions {
  token: string;
  botInfo: UserFromGetMe;
  /** Longest a getUpdates call waits for updates, whatever timeout it asks (keeps tests quick). */
  maxPollMs?: number;
  /** Called for each call; return a fault to inject one. `n` counts calls of that method from 1. */
  fault?: (method: string, n: number, payload: Record<string, unknown>) => Fault | undefined;
}

export class BotApiStandIn {
  readonly calls: RecordedCall[] = [];
  /** Highest offset a getUpdates call has confirmed (updates below it are gone). */
  confirmedOffset = 0;
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private readonly counts = new Map<string, number>();
  private waiters: Array<() => void> = [];
  private server?: Server;
  private readonly opts: StandInOptions;

  constructor(opts: StandInOptions) {
    this.opts = opts;
  }

  /** Starts listening on a free port of 127.0.0.1; returns the API root for `BOT_API_ROOT`. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queues an update (its `update_id` is assigned here) and wakes a waiting getUpdates. */
  pushUpdate(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.updates.push(full);
    for (const wake of this.waiters.splice(0)) wake();
    return full;
  }

  /** Calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!predicate(this.calls)) {
      if (Date.now() - start > timeoutMs) throw new Error(`stand-in: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url?.split('?')[0] ?? '');
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    if (token !== this.opts.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let payload: Record<string, unknown> = {};
    try {
      payload = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: can\'t parse JSON' });
    }
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    const fault = this.opts.fault?.(method, n, payload);
    if (fault && 'drop' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && 'status' in fault) {
      return send(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description ?? (fault.status === 429 ? `Too Many Requests: retry after ${fault.retryAfter ?? 1}` : 'Internal Server Error'),
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    const call: RecordedCall = { method, payload, at: Date.now() };
    if (method !== 'getUpdates') this.calls.push(call);
    const result = await this.answer(method, payload);
    call.result = result;
    if (method === 'getUpdates') this.calls.push({ method, payload, at: Date.now() });
    send(res, 200, { ok: true, result });
  }

  private async answer(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return this.opts.botInfo;
      case 'getUpdates': {
        const offset = typeof p.offset === 'number' ? p.offset : 0;
        if (offset > this.confirmedOffset) this.confirmedOffset = offset;
        this.dropConfirmed();
        if (this.updates.length === 0) {
          const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, this.opts.maxPollMs ?? 500);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const limit = typeof p.limit === 'number' ? p.limit : 100;
        return this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
      }
      case 'sendMessage':
      case 'editMessageText':
        return {
          message_id: typeof p.message_id === 'number' ? p.message_id : this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: p.chat_id, type: 'private' },
          from: this.opts.botInfo,
          text: p.text,
        };
      default:
        return true;
    }
  }

  private dropConfirmed(): void {
    while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < this.confirmedOffset) this.updates.shift();
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
