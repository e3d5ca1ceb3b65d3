/**
 * The real entry point, long polling against the stand-in while it
 * misbehaves: flood waits (429 with retry_after), server errors, dropped
 * connections and a slow API. Every question is answered exactly once, in
 * order within its chat, and a chat stuck in a flood wait does not hold up
 * the others.
 *
 * The figures (retry_after 1 s, one 500, one dropped connection, a 1.5 s
 * delay, 8 questions in 3 chats) are the ones the README quotes.
 */
import type { Chat, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApiStandIn, type Fault, type RecordedCall } from '../support/bot-api-stand-in.ts';
import { runScript, type Child } from '../support/child.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

const CHATS = { flooded: 201, calm: 202, flaky: 203 } as const;

function person(id: number): { chat: Chat.PrivateChat; from: User } {
  return { chat: { id, type: 'private', first_name: `P${id}` }, from: { id, is_bot: false, first_name: `P${id}`, language_code: 'en' } };
}

/** The reply (first message) to question `messageId` in `chat`. */
const repliesTo = (calls: RecordedCall[], chat: number, messageId: number): RecordedCall[] =>
  calls.filter(
    (c) =>
      c.method === 'sendMessage' && c.payload.chat_id === chat && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId,
  );

describe('long polling under API faults', () => {
  let api: BotApiStandIn | undefined;
  let child: Child | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await api?.close();
  });

  it('answers every question exactly once, in order per chat, while other chats go on', { timeout: 60_000 }, async () => {
    const attempts = new Map<number, number>();
    const fault = (method: string, n: number, payload: Record<string, unknown>): Fault | undefined => {
      if (method === 'getUpdates' && n === 3) return { status: 429, retryAfter: 1 };
      if (method !== 'sendMessage') return undefined;
      const chat = Number(payload.chat_id);
      const k = (attempts.get(chat) ?? 0) + 1;
      attempts.set(chat, k);
      // The flooded chat: a flood wait, then a server error, then it goes through.
      if (chat === CHATS.flooded && k === 1) return { status: 429, retryAfter: 1 };
      if (chat === CHATS.flooded && k === 2) return { status: 500 };
      // The flaky chat: the connection drops, then the API is slow.
      if (chat === CHATS.flaky && k === 1) return { drop: true };
      if (chat === CHATS.flaky && k === 2) return { delayMs: 1500 };
      return undefined;
    };
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, fault });
    const root = await api.start();
    child = runScript('main.ts', [], { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root, LOG_LEVEL: 'info' });
    const logLines = (): Array<Record<string, unknown>> =>
      child!
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);

    const order: Array<keyof typeof CHATS> = ['flooded', 'calm', 'flaky', 'flooded', 'calm', 'flaky', 'flooded', 'calm'];
    const questions = ['what was the 2014 trade volume?', 'who met in Minsk?', 'what did the presidents discuss?'];
    const asked = order.map((name, i) => {
      const { chat, from } = person(CHATS[name]);
      const messageId = 100 + i;
      const update = api!.pushUpdate({ message: { message_id: messageId, date: 0, chat, from, text: questions[i % questions.length]! } });
      return { chat: chat.id, messageId, update };
    });

    await api.waitFor((calls) => asked.every((q) => repliesTo(calls, q.chat, q.messageId).length >= 1), 40_000);
    // Every update handled (one log line each) and confirmed: a late duplicate would have been sent by now.
    await api.waitFor(() => logLines().filter((l) => l.msg === 'update').length >= asked.length && api!.unconfirmed === 0, 20_000, 50);
    for (const q of asked) expect(repliesTo(api.calls, q.chat, q.messageId), `replies to ${q.messageId} in ${q.chat}`).toHaveLength(1);

    // In order within each chat.
    for (const chat of Object.values(CHATS)) {
      const answered = api.calls
        .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat && c.payload.reply_parameters !== undefined)
        .map((c) => (c.payload.reply_parameters as { message_id: number }).message_id);
      expect(answered).toEqual(asked.filter((q) => q.chat === chat).map((q) => q.messageId));
    }

    // The calm chat was served while the flooded one waited out its 429 and 500.
    const firstFlooded = Math.min(...asked.filter((q) => q.chat === CHATS.flooded).map((q) => repliesTo(api!.calls, q.chat, q.messageId)[0]!.at));
    const lastCalm = Math.max(...asked.filter((q) => q.chat === CHATS.calm).map((q) => repliesTo(api!.calls, q.chat, q.messageId)[0]!.at));
    expect(lastCalm).toBeLessThan(firstFlooded);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(api.confirmedOffset).toBe(asked[asked.length - 1]!.update.update_id + 1);
    expect(child.stderr()).not.toContain(TEST_TOKEN);
    // One structured line per answered update.
    const updates = logLines().filter((l) => l.msg === 'update');
    expect(updates).toHaveLength(asked.length);
    for (const line of updates)
      expect(line).toMatchObject({ kind: 'message', chat_type: 'private', outcome: expect.stringMatching(/^(answered|closest|refused)$/) });
  });
});
