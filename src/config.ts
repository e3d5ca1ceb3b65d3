/**
 * Configuration from the environment, validated once at start-up.
 *
 * The only module that reads `process.env`. A bad value stops start-up with
 * one line naming the variable and what is expected; the token itself never
 * appears in a message.
 */
import type { Rate, RateLimits } from './bot/limits.ts';

/** A configuration mistake; `main` prints its message and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Webhook transport settings; present only when `WEBHOOK_URL` is set. */
export interface WebhookConfig {
  /** Public HTTPS URL Telegram posts updates to; its path is the one the server answers on. */
  url: string;
  /** Shared secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` on every request. */
  secret: string;
  host: string;
  /** 0 picks a free port (tests); the port in use is logged. */
  port: number;
  /** Call `setWebhook` at start-up (off when the webhook is managed elsewhere). */
  setWebhook: boolean;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** Telegram bot token; undefined runs the console mode. */
  botToken?: string;
  /** Self-hosted Bot API server root (grammY `client.apiRoot`). */
  apiRoot?: string;
  corpusDir: string;
  /** Folder of the bot's database (update journal, edit memory); created on first start. */
  dataDir: string;
  /** Webhook mode when set; long polling otherwise. */
  webhook?: WebhookConfig;
  /** Telegram user ids allowed to run `/reload`. */
  adminIds: number[];
  /** Per-user token buckets, one per kind of update (`RATE_LIMIT_BURST` 0: all off). */
  rateLimit: RateLimits;
  logLevel: LogLevel;
  /** Longest wait, on SIGINT/SIGTERM, for the updates in hand before exiting anyway. */
  shutdownTimeoutMs: number;
  /** Language of the console user, from `LANG` (e.g. `de` for `de_DE.UTF-8`). */
  consoleLanguage?: string;
  /** Channels and groups with articles of their own. */
  chats: ChatsConfig;
}

/** Settings of the chats' own articles (channel posts, `/add`). */
export interface ChatsConfig {
  /** A channel post is an article from this many sentences (`POST_MIN_SENTENCES`, default 3)... */
  minSentences: number;
  /** ...or this many characters (`POST_MIN_CHARS`, default 300). */
  minChars: number;
  /** Days a chat's articles are kept after the bot is removed from it (`CHAT_GRACE_DAYS`, default 7). */
  graceDays: number;
  /** Per-chat bounds (`CHAT_MAX_ARTICLES`, default 20000; `CHAT_MAX_MB`, default 64). */
  maxArticles: number;
  maxBytes: number;
  /** Largest file `/add` reads (`ADD_MAX_KB`, default 1024). */
  maxDocumentBytes: number;
}

const TOKEN_SHAPE = /^\d{3,12}:[A-Za-z0-9_-]{30,60}$/;
/** Telegram's rule for `secret_token`; at least 16 characters so it cannot be guessed. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Just the corpus folder, for tools such as `npm run ask` that need no bot
 * settings (and must not fail on a bad BOT_TOKEN they never use).
 */
export function corpusDirFrom(env: NodeJS.ProcessEnv = process.env): string {
  return nonEmpty(env.CORPUS_DIR) ?? DEFAULT_CORPUS_DIR;
}

const DEFAULT_CORPUS_DIR = './corpus';
const DEFAULT_DATA_DIR = './data';

/** Reads and checks the configuration from an environment (default `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const token = nonEmpty(env.BOT_TOKEN);
  if (token !== undefined && !TOKEN_SHAPE.test(token)) {
    throw new ConfigError('config: BOT_TOKEN does not look like a bot token (expected digits, a colon and 35 letters, as BotFather gives it)');
  }
  const apiRoot = nonEmpty(env.BOT_API_ROOT);
  if (apiRoot !== undefined) checkUrl('BOT_API_ROOT', apiRoot, ['http:', 'https:']);
  const webhook = webhookConfig(env);
  if (webhook !== undefined && token === undefined) {
    throw new ConfigError('config: BOT_TOKEN is required in webhook mode (WEBHOOK_URL is set)');
  }
  const language = nonEmpty(env.LANG)?.slice(0, 2).toLowerCase();
  return {
    ...(token !== undefined ? { botToken: token } : {}),
    ...(apiRoot !== undefined ? { apiRoot: apiRoot.replace(/\/+$/, '') } : {}),
    corpusDir: corpusDirFrom(env),
    dataDir: nonEmpty(env.DATA_DIR) ?? DEFAULT_DATA_DIR,
    ...(webhook !== undefined ? { webhook } : {}),
    adminIds: adminIds(env.ADMIN_IDS),
    rateLimit: rateLimits(env),
    logLevel: logLevel(env.LOG_LEVEL),
    shutdownTimeoutMs: 1000 * integer(env, 'SHUTDOWN_TIMEOUT', 10, 1, 300, 'a whole number of seconds from 1 to 300'),
    ...(language && /^[a-z]{2}$/.test(language) ? { consoleLanguage: language } : {}),
    chats: {
      minSentences: integer(env, 'POST_MIN_SENTENCES', 3, 1, 1000, 'a whole number of sentences from 1 to 1000'),
      minChars: integer(env, 'POST_MIN_CHARS', 300, 1, 100_000, 'a whole number of characters from 1 to 100000'),
      graceDays: integer(env, 'CHAT_GRACE_DAYS', 7, 0, 3650, 'a whole number of days from 0 to 3650'),
      maxArticles: integer(env, 'CHAT_MAX_ARTICLES', 20_000, 1, 1_000_000, 'a whole number of articles from 1 to 1000000'),
      maxBytes: 1024 * 1024 * integer(env, 'CHAT_MAX_MB', 64, 1, 100_000, 'a whole number of megabytes from 1 to 100000'),
      maxDocumentBytes:
        1024 * integer(env, 'ADD_MAX_KB', 1024, 1, 20 * 1024, 'a whole number of kilobytes from 1 to 20480 (Telegram bots download at most 20 MB)'),
    },
  };
}

function webhookConfig(env: NodeJS.ProcessEnv): WebhookConfig | undefined {
  const url = nonEmpty(env.WEBHOOK_URL);
  if (url === undefined) return undefined;
  // Telegram only delivers webhooks over HTTPS.
  checkUrl('WEBHOOK_URL', url, ['https:']);
  const secret = nonEmpty(env.WEBHOOK_SECRET);
  if (secret === undefined) {
    throw new ConfigError('config: WEBHOOK_SECRET is required in webhook mode (16 to 256 characters of A-Z, a-z, 0-9, _ and -)');
  }
  if (!SECRET_SHAPE.test(secret)) {
    throw new ConfigError("config: WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)");
  }
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) throw new ConfigError(`config: HOST must be a host name or IP address to listen on, got "${host}"`);
  return {
    url,
    secret,
    host,
    port: integer(env, 'PORT', 8080, 0, 65535, 'a port number from 0 to 65535'),
    setWebhook: boolean(env, 'SET_WEBHOOK', true),
  };
}

/**
 * Questions take from a bucket of `RATE_LIMIT_BURST`, one back every
 * `RATE_LIMIT_REFILL_SECONDS`: 10 and 5 s let a person ask ten things in a
 * row, and hold a flood of 100 questions in 10 s to at most 12 answers. Button presses
 * and inline queries (one per keystroke) are cheap and come in quick runs, so
 * their buckets are fixed and generous; `RATE_LIMIT_BURST=0` turns all three off.
 */
function rateLimits(env: NodeJS.ProcessEnv): RateLimits {
  for (const old of ['RATE_LIMIT', 'RATE_LIMIT_WINDOW']) {
    if (nonEmpty(env[old]) !== undefined) {
      throw new ConfigError(`config: ${old} was replaced by RATE_LIMIT_BURST and RATE_LIMIT_REFILL_SECONDS (see .env.example); remove it`);
    }
  }
  const burst = integer(env, 'RATE_LIMIT_BURST', 10, 0, 1000, 'a whole number of questions a user may send at once, 0 to turn every limit off');
  const messages = { burst, refillMs: 1000 * integer(env, 'RATE_LIMIT_REFILL_SECONDS', 5, 1, 3600, 'a whole number of seconds from 1 to 3600') };
  const off = (rate: Rate): Rate => (burst === 0 ? { ...rate, burst: 0 } : rate);
  return { messages, buttons: off(BUTTON_RATE), inline: off(INLINE_RATE) };
}

/** 30 presses at once, then one a second: paging through a long answer never runs out. */
const BUTTON_RATE: Rate = { burst: 30, refillMs: 1000 };
/** 30 queries at once, then two a second: as fast as anyone types, for a long question. */
const INLINE_RATE: Rate = { burst: 30, refillMs: 500 };

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function checkUrl(name: string, value: string, protocols: readonly string[]): void {
  const expected = protocols.length === 1 ? `an ${protocols[0]?.replace(':', '')} URL` : 'an http(s) URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`config: ${name} must be ${expected}, got "${value}"`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`config: ${name} must be ${expected}, got "${value}"`);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, expected: string): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(`config: ${name} must be ${expected}, got "${raw}"`);
  return n;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`config: ${name} must be true or false, got "${raw}"`);
}

function adminIds(raw: string | undefined): number[] {
  const v = nonEmpty(raw);
  if (v === undefined) return [];
  return v.split(',').map((part) => {
    const id = part.trim();
    if (!/^\d{1,15}$/.test(id) || Number(id) === 0) {
      throw new ConfigError(`config: ADMIN_IDS must be Telegram user ids separated by commas (e.g. 12345,67890), got "${v}"`);
    }
    return Number(id);
  });
}

function logLevel(raw: string | undefined): LogLevel {
  const v = nonEmpty(raw)?.toLowerCase();
  if (v === undefined) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new ConfigError(`config: LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${v}"`);
  return v as LogLevel;
}
