/**
 * The real entry point against a stand-in that behaves like Telegram
 * (50-150 ms per call, unconfirmed updates sent again at once): the bot
 * stays up, a hard kill loses nothing and repeats almost nothing, and a
 * webhook reply cut off by SIGTERM is sent after the restart.
 */
import type { Chat, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApiStandIn, type Fault, type RecordedCall } from '../support/bot-api-stand-in.ts';
import { dataDir, runScript, type Child } from '../support/child.ts';
import { BOT_INFO, GROUP, TEST_TOKEN, textUpdate } from '../support/recorder.ts';
import { postUpdate } from '../support/webhook-client.ts';

const SECRET = 'survival-secret_0123456789';
const TELEGRAM_LATENCY: [number, number] = [50, 150];

function person(id: number): { chat: Chat.PrivateChat; from: User } {
  return { chat: { id, type: 'private', first_name: `P${id}` }, from: { id, is_bot: false, first_name: `P${id}`, language_code: 'en' } };
}

/** Replies to question `messageId` in `chat`. */
const repliesTo = (calls: RecordedCall[], chat: number, messageId: number): RecordedCall[] =>
  calls.filter(
    (c) =>
      c.method === 'sendMessage' && c.payload.chat_id === chat && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId,
  );

const logLines = (child: Child): Array<Record<string, unknown>> =>
  child
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the bot under Telegram as it is', () => {
  let api: BotApiStandIn | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.proc.kill('SIGKILL');
    await api?.close();
  });

  function start(env: Record<string, string>): Child {
    const child = runScript('main.ts', [], { BOT_TOKEN: TEST_TOKEN, LOG_LEVEL: 'info', ...env });
    children.push(child);
    return child;
  }

  it('is still running after questions and ignored group chatter, each re-sent at once until confirmed', { timeout: 60_000 }, async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, latencyMs: TELEGRAM_LATENCY, maxPollMs: 300 });
    const child = start({ BOT_API_ROOT: await api.start() });
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);
    let exited: number | null | undefined;
    // Watched, not awaited: the process must stay up through the test; `exited` only ever resolves.
    void child.exited.then((code) => (exited = code));

    // One at a time, each after the previous reply, the pattern that used to end the process.
    for (let i = 1; i <= 6; i++) {
      const { chat, from } = person(500 + i);
      api.pushUpdate({ message: { message_id: i, date: 0, chat, from, text: 'what was the 2014 trade volume?' } });
      await api.waitFor((calls) => repliesTo(calls, chat.id, i).length === 1 || exited !== undefined, 10_000);
      // Group chatter the bot must ignore, sent again by Telegram until confirmed.
      api.pushUpdate({ message: { message_id: 100 + i, date: 0, chat: GROUP, from, text: 'nice weather today' } });
      await api.waitFor(() => api!.unconfirmed === 0 || exited !== undefined, 10_000);
      expect(exited, `the bot exited by itself with code ${String(exited)} after update ${i}: ${child.stderr().slice(-500)}`).toBeUndefined();
    }
    // Idle with nothing in hand, then one more question: still answered.
    const polls = api.callsOf('getUpdates').length;
    await api.waitFor((calls) => calls.filter((c) => c.method === 'getUpdates').length > polls + 3, 20_000);
    const { chat, from } = person(599);
    api.pushUpdate({ message: { message_id: 99, date: 0, chat, from, text: 'who met in Minsk?' } });
    await api.waitFor((calls) => repliesTo(calls, chat.id, 99).length === 1, 10_000);
    expect(exited).toBeUndefined();
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it('loses no question after kill -9 in the middle of a burst, and repeats only replies that were on their way', { timeout: 90_000 }, async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, latencyMs: TELEGRAM_LATENCY, maxPollMs: 1000 });
    const root = await api.start();
    const env = { BOT_API_ROOT: root, DATA_DIR: dataDir(), RATE_LIMIT_BURST: '0' };
    const first = start(env);
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);
    const asked: Array<{ chat: number; messageId: number }> = [];
    for (let i = 0; i < 200; i++) {
      const { chat, from } = person(700 + (i % 20));
      api.pushUpdate({ message: { message_id: 1 + i, date: 0, chat, from, text: i % 2 ? 'what was the 2014 trade volume?' : 'who met in Minsk?' } });
      asked.push({ chat: chat.id, messageId: 1 + i });
    }
    await api.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= 60, 30_000);
    first.proc.kill('SIGKILL');
    await first.exited;

    const second = start(env);
    await api.waitFor((calls) => asked.every((q) => repliesTo(calls, q.chat, q.messageId).length >= 1), 60_000);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const lost = asked.filter((q) => repliesTo(api!.calls, q.chat, q.messageId).length === 0);
    const repeated = asked.filter((q) => repliesTo(api!.calls, q.chat, q.messageId).length > 1);
    expect(lost).toEqual([]);
    // Finished replies are never repeated: only one on its way per chat at the kill, each logged.
    const resent = logLines(second).filter((l) => String(l.msg).includes('sent again'));
    expect(repeated.length).toBeLessThanOrEqual(resent.length);
    expect(new Set(repeated.map((q) => q.chat)).size).toBe(repeated.length);
    expect(repeated.every((q) => repliesTo(api!.calls, q.chat, q.messageId).length === 2)).toBe(true);
  });

  it('sends after a restart the webhook reply that SIGTERM cut off during a flood wait', { timeout: 90_000 }, async () => {
    let flooded = true;
    let floodHits = 0;
    const fault = (method: string): Fault | undefined => {
      if (method !== 'sendMessage' || !flooded) return undefined;
      floodHits++;
      return { status: 429, retryAfter: 30 };
    };
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, latencyMs: TELEGRAM_LATENCY, fault });
    const env = {
      BOT_API_ROOT: await api.start(),
      DATA_DIR: dataDir(),
      WEBHOOK_URL: 'https://bot.example.org/hook',
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT: '1',
    };

    const first = start(env);
    const port = await listeningPort(api, first);
    const update = textUpdate('what was the 2014 trade volume?');
    expect(await postUpdate(port, '/hook', SECRET, update)).toBe(200);
    // The reply is now waiting out its 30 s flood limit.
    await api.waitFor(() => floodHits > 0, 10_000);
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(api.callsOf('sendMessage')).toHaveLength(0);

    flooded = false;
    const second = start(env);
    await api.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'), 30_000);
    expect(String(api.callsOf('sendMessage')[0]!.payload.text)).toContain('$1.1 billion');
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(api.callsOf('sendMessage')).toHaveLength(1);
  });
});

/** Waits for the webhook server of `child` and returns its port. */
async function listeningPort(api: BotApiStandIn, child: Child): Promise<number> {
  await api.waitFor(() => logLines(child).some((l) => l.msg === 'main: webhook ready'), 30_000);
  return Number(logLines(child).find((l) => l.msg === 'main: webhook server listening')?.port);
}
