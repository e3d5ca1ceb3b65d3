/**
 * Configuration from the environment, validated once at start-up.
 *
 * The only module that reads `process.env`. A bad value stops start-up with
 * one line naming the variable and what is expected; the token itself never
 * appears in a message.
 */

/** A configuration mistake; `main` prints its message and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Config {
  /** Telegram bot token; undefined runs the console mode. */
  botToken?: string;
  /** Self-hosted Bot API server root (grammY `client.apiRoot`). */
  apiRoot?: string;
  corpusDir: string;
}

const TOKEN_SHAPE = /^\d{3,12}:[A-Za-z0-9_-]{30,60}$/;

/** Reads and checks the configuration from an environment (default `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const token = nonEmpty(env.BOT_TOKEN);
  if (token !== undefined && !TOKEN_SHAPE.test(token)) {
    throw new ConfigError('config: BOT_TOKEN does not look like a bot token (expected digits, a colon and 35 letters, as BotFather gives it)');
  }
  const apiRoot = nonEmpty(env.BOT_API_ROOT);
  if (apiRoot !== undefined) checkUrl('BOT_API_ROOT', apiRoot);
  return {
    ...(token !== undefined ? { botToken: token } : {}),
    ...(apiRoot !== undefined ? { apiRoot: apiRoot.replace(/\/+$/, '') } : {}),
    corpusDir: nonEmpty(env.CORPUS_DIR) ?? './corpus',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function checkUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`config: ${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`config: ${name} must be an http(s) URL, got "${value}"`);
  }
}
