/**
 * A restart in the middle of answering: SIGTERM arrives while the reply to
 * a question is on its way (the API is slow). The bot finishes it and exits
 * 0; the next process, on the same journal, neither repeats that question
 * nor loses the one that came in while the bot was down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BotApiStandIn, type RecordedCall } from '../support/bot-api-stand-in.ts';
import { dataDir, runScript, type Child } from '../support/child.ts';
import { BOT_INFO, TEST_TOKEN } from '../support/recorder.ts';

const replies = (calls: RecordedCall[], chat: number): RecordedCall[] => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat);

function question(chat: number, messageId: number) {
  return {
    message: {
      message_id: messageId,
      date: 0,
      chat: { id: chat, type: 'private' as const, first_name: 'R' },
      from: { id: chat, is_bot: false, first_name: 'R', language_code: 'en' },
      text: 'what was the 2014 trade volume?',
    },
  };
}

describe('restart with SIGTERM mid-way', () => {
  let api: BotApiStandIn | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.proc.kill('SIGKILL');
    await api?.close();
  });

  it('answers the question in hand exactly once, and the one sent while down after the restart', { timeout: 60_000 }, async () => {
    let replyStarted = false;
    api = new BotApiStandIn({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      // The first reply takes 2 s to go through: that is when the signal lands.
      fault: (method, n) => {
        if (method !== 'sendMessage') return undefined;
        replyStarted = true;
        return n === 1 ? { delayMs: 2000 } : undefined;
      },
    });
    const root = await api.start();
    const env = { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root, SHUTDOWN_TIMEOUT: '10', DATA_DIR: dataDir() };

    const first = runScript('main.ts', [], env);
    children.push(first);
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);
    const inHand = api.pushUpdate(question(301, 1));
    await api.waitFor(() => replyStarted, 20_000, 20);
    first.proc.kill('SIGTERM');
    // Arrives while the first process is going down.
    const whileDown = api.pushUpdate(question(302, 2));
    expect(await first.exited).toBe(0);
    expect(replies(api.calls, 301)).toHaveLength(1);
    expect(api.confirmedOffset).toBeGreaterThan(inHand.update_id);
    expect(first.stderr()).toContain('main: stopped');

    const second = runScript('main.ts', [], env);
    children.push(second);
    // The first process may have taken the second question just before the signal: either way, once.
    await api.waitFor((calls) => replies(calls, 302).length > 0 && second.stderr().includes('main: long polling'), 30_000);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(replies(api.calls, 301)).toHaveLength(1);
    expect(replies(api.calls, 302)).toHaveLength(1);
    expect(api.confirmedOffset).toBe(whileDown.update_id + 1);
    expect(first.stderr() + second.stderr()).not.toContain(TEST_TOKEN);
  });
});
