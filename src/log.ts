/**
 * The process logger: pino, one JSON object per line on stderr (stdout is
 * the console chat's), pretty and coloured when stderr is a terminal.
 *
 * Every line passes a last redaction step, so the bot token cannot reach a
 * log even through an error message or stack trace that quotes an API URL.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/** The part of a logger the bot and the transports use; pino and `console` both fit. */
export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Settings of {@link createLogger}. */
export interface LogOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON; default: when stderr is a terminal. */
  pretty?: boolean;
  /** Strings that must never be written (the bot token, the webhook secret). */
  secrets?: readonly string[];
  /** Where lines go (tests pass a stream); default stderr. */
  destination?: DestinationStream;
}

/** Anything shaped like a bot token, even one we were not told about. */
const TOKEN_LIKE = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

/**
 * An error as one short loggable string, never including the bot token:
 * its name and message, and the cause grammY wraps in an `HttpError`
 * (the network error itself says more than "Network request failed").
 */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const cause = (error as { error?: unknown } | null)?.error;
  const full = error instanceof Error && cause instanceof Error ? `${text} (${cause.message})` : text;
  return full.replace(TOKEN_LIKE, '<token>');
}

/** Creates the logger every module writes to (through `BotDeps.logger` and the transports). */
export function createLogger(opts: LogOptions): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 8);
  const redact = (line: string): string => {
    let out = line;
    for (const secret of secrets) out = out.split(secret).join('<redacted>');
    return out.replace(TOKEN_LIKE, '<token>');
  };
  const usePretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  // Synchronous writes: a line logged just before process.exit must not be lost.
  const destination =
    opts.destination ??
    (usePretty ? pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss' }) : pino.destination({ fd: 2, sync: true }));
  return pino(
    {
      level: opts.level,
      base: undefined,
      hooks: { streamWrite: redact },
    },
    destination,
  );
}
