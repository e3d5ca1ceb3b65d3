import { afterEach, describe, expect, it } from 'vitest';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { runScript, type Child } from '../support/child.ts';
import { BOT_INFO, PRIVATE, TEST_TOKEN, USER } from '../support/recorder.ts';

describe('npm start with BOT_TOKEN (long polling against the stand-in)', () => {
  let api: BotApiStandIn | undefined;
  let child: Child | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await api?.close();
  });

  it('answers a question over real HTTP, then stops cleanly on SIGTERM', async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    const root = await api.start();
    child = runScript('main.ts', [], { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root });
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);
    expect(api.callsOf('setMyCommands').length).toBeGreaterThan(0);

    const update = api.pushUpdate({ message: { message_id: 1, date: 0, chat: PRIVATE, from: USER, text: 'what was the 2014 trade volume?' } });
    await api.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'));
    const sent = api.callsOf('sendMessage')[0]!.payload;
    expect(sent.chat_id).toBe(PRIVATE.id);
    expect(sent.parse_mode).toBe('HTML');
    expect(String(sent.text)).toContain('$1.1 billion');
    expect(sent.reply_parameters).toMatchObject({ message_id: 1 });

    // The update is confirmed before exit, so a restart would not see it again.
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(api.confirmedOffset).toBe(update.update_id + 1);
    expect(child.stderr()).not.toContain(TEST_TOKEN);
  });
});
