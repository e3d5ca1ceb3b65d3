/**
 * A Telegram Bot API stand-in on 127.0.0.1, for end-to-end tests of the
 * real entry point over real HTTP long polling.
 *
 * It behaves like Telegram where that has bitten us, not kinder:
 * - every call takes time (`latencyMs`, 20-60 ms by default);
 * - `getUpdates` returns every unconfirmed update at or above the offset
 *   at once, again and again until an offset confirms it, at most 100 (or
 *   `limit`) per call, and long-polls only when there is none;
 * - faults can be injected per call: Telegram-shaped errors (429 with
 *   `retry_after`), dropped connections, delays; and `dropRate` drops a
 *   share of all connections at random.
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
export type Fault = { status: number; description?: string; retryAfter?: number } | { drop: true } | { delayMs: number };

export interface StandInOptions {
  token: string;
  botInfo: UserFromGetMe;
  /** Longest a getUpdates call waits for updates, whatever timeout it asks (keeps tests quick). */
  maxPollMs?: number;
  /** Time every call takes before it is answered, drawn uniformly from [min, max] ms (default [20, 60]). */
  latencyMs?: [number, number];
  /** Share of calls (0-1) whose connection is dropped without an answer, like a flaky network. */
  dropRate?: number;
  /** A member's status in a chat, for `getChatMember` (default: `member`). */
  memberStatus?: (chatId: number, userId: number) => 'creator' | 'administrator' | 'member' | 'left' | 'kicked';
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
  private callWatchers: Array<() => void> = [];
  private server?: Server;
  private readonly opts: StandInOptions;
  private closed = false;
  private readonly files = new Map<string, Buffer>();
  /** Chats `getChat` knows, e.g. a channel with its `linked_chat_id`. */
  readonly chats = new Map<number, Record<string, unknown>>();

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
    this.closed = true;
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

  /** Stores a file as Telegram would (a document sent to the bot); returns its `file_id`. */
  addFile(content: Buffer | string): string {
    const id = `file${this.files.size + 1}`;
    this.files.set(id, Buffer.from(content));
    return id;
  }

  /** Calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Updates not yet confirmed by an offset (what Telegram would send again). */
  get unconfirmed(): number {
    return this.updates.filter((u) => u.update_id >= this.confirmedOffset).length;
  }

  /**
   * Resolves once `predicate` holds, checked after every answered call (and
   * every `pollMs` for conditions on other things, such as a child's output);
   * rejects after `timeoutMs`.
   */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 10_000, pollMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `stand-in: condition not met within ${timeoutMs} ms; calls: ${this.calls
            .slice(-30)
            .map((c) => c.method)
            .join(', ')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, pollMs));
        const watcher = (): void => done();
        this.callWatchers.push(watcher);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  }

  private recordCall(call: RecordedCall): void {
    this.calls.push(call);
    for (const wake of this.callWatchers.splice(0)) wake();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/docs\/(\w+)$/.exec(req.url ?? '');
    if (download) {
      const file = download[1] === this.opts.token ? this.files.get(download[2] ?? '') : undefined;
      res.writeHead(file ? 200 : 404);
      res.end(file);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url?.split('?')[0] ?? '');
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    if (token !== this.opts.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let payload: Record<string, unknown>;
    try {
      payload = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
    }
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    const [low, high] = this.opts.latencyMs ?? [20, 60];
    await new Promise((r) => setTimeout(r, low + Math.random() * (high - low)));
    const fault = this.opts.fault?.(method, n, payload) ?? (Math.random() < (this.opts.dropRate ?? 0) ? { drop: true as const } : undefined);
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
    const result = await this.answer(method, payload);
    call.result = result;
    call.at = Date.now();
    this.recordCall(call);
    send(res, 200, { ok: true, result });
  }

  private async answer(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getChatMember': {
        const status = this.opts.memberStatus?.(Number(p.chat_id), Number(p.user_id)) ?? 'member';
        return { status, user: { id: Number(p.user_id), is_bot: false, first_name: 'U' } };
      }
      case 'getChat':
        return this.chats.get(Number(p.chat_id)) ?? { id: Number(p.chat_id), type: 'private' };
      case 'getFile': {
        const file = this.files.get(String(p.file_id));
        if (!file) return undefined;
        return { file_id: p.file_id, file_unique_id: p.file_id, file_size: file.length, file_path: `docs/${String(p.file_id)}` };
      }
      case 'getMe':
        return this.opts.botInfo;
      case 'getUpdates': {
        const offset = typeof p.offset === 'number' ? p.offset : 0;
        if (offset > this.confirmedOffset) this.confirmedOffset = offset;
        this.dropConfirmed();
        if (this.updates.length === 0 && !this.closed) {
          const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, this.opts.maxPollMs ?? 500);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const limit = Math.min(typeof p.limit === 'number' && p.limit > 0 ? p.limit : 100, 100);
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
