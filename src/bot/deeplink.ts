/**
 * Deep links: `t.me/<bot>?start=<payload>` with a question in the payload,
 * so a link shared anywhere opens the bot and answers that question at once.
 *
 * Telegram allows 1-64 characters of `A-Z a-z 0-9 _ -` in a start payload;
 * the question is UTF-8 in base64url behind a `q`, which fits questions of
 * up to 47 bytes (the example questions do).
 */

const PREFIX = 'q';
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** The start payload for a question, or undefined when the question is too long for one. */
export function encodeStartPayload(question: string): string | undefined {
  const payload = PREFIX + Buffer.from(question.trim(), 'utf8').toString('base64url');
  return question.trim() !== '' && payload.length <= 64 ? payload : undefined;
}

/** The question in a start payload; undefined for other payloads (or forged, broken ones). */
export function decodeStartPayload(payload: string): string | undefined {
  if (!PAYLOAD.test(payload) || !payload.startsWith(PREFIX)) return undefined;
  const bytes = Buffer.from(payload.slice(PREFIX.length), 'base64url');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Only what we encoded round-trips; anything else is not a question of ours.
  if (text.trim() === '' || /\p{Cc}/u.test(text) || encodeStartPayload(text) !== payload) return undefined;
  return text;
}

/** The `t.me` link that opens the bot with a question. */
export function deepLink(username: string, question: string): string | undefined {
  const payload = encodeStartPayload(question);
  return payload && `https://t.me/${username}?start=${payload}`;
}
