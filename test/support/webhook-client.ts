/** Telegram's side of a webhook: posting an update to the bot's server, as Telegram does. */
import { request } from 'node:http';
import type { Update } from 'grammy/types';

/** POSTs `update` to `http://127.0.0.1:<port><path>` with the secret header; resolves with the HTTP status. */
export function postUpdate(port: number, path: string, secret: string, update: Update): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `http://127.0.0.1:${port}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(update));
  });
}
