import { afterEach, describe, expect, it } from 'vitest';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { BotApiStandIn } from '../support/bot-api-stand-in.ts';
import { runScript, type Child } from '../support/child.ts';
import { BOT_INFO, PRIVATE, TEST_TOKEN, USER } from '../support/recorder.ts';

describe('npm start with BOT_TOKEN: buttons and inline mode over real HTTP long polling', () => {
  let api: BotApiStandIn | undefined;
  let child: Child | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await api?.close();
  });

  it('pages on with More, answers the press, answers an inline query, then stops cleanly', async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    const root = await api.start();
    child = runScript('main.ts', [], { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: root });
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);

    // The question, and the answer with its buttons.
    const question = { message_id: 100, date: 1, chat: PRIVATE, from: USER, text: 'what was the 2014 trade volume?' };
    api.pushUpdate({ message: question });
    await api.waitFor((calls) => calls.some((c) => c.method === 'sendMessage' && c.result !== undefined));
    const answerCall = api.callsOf('sendMessage')[0]!;
    const markup = answerCall.payload.reply_markup as InlineKeyboardMarkup;
    const more = markup.inline_keyboard.flat().find((b) => b.text === 'More ▸');
    expect(more).toBeDefined();

    // Telegram sends the press with the answer message, which carries the question it replies to.
    const answer = { ...(answerCall.result as Message), reply_to_message: question as Message, reply_markup: markup } as Message;
    api.pushUpdate({
      callback_query: { id: 'press-1', from: USER, chat_instance: '1', message: answer, data: (more as { callback_data: string }).callback_data },
    });
    await api.waitFor((calls) => calls.some((c) => c.method === 'answerCallbackQuery') && calls.filter((c) => c.method === 'sendMessage').length >= 2);
    expect(api.callsOf('answerCallbackQuery')[0]!.payload.callback_query_id).toBe('press-1');
    const page = api.callsOf('sendMessage')[1]!.payload;
    expect(String(page.text)).toMatch(/^2\. /);
    expect(page.reply_parameters).toMatchObject({ message_id: question.message_id });

    // Inline mode: "@bot trade" from any chat.
    const inline = api.pushUpdate({ inline_query: { id: 'inline-1', from: USER, query: 'trade volume 2014', offset: '' } });
    await api.waitFor((calls) => calls.some((c) => c.method === 'answerInlineQuery'));
    const results = api.callsOf('answerInlineQuery')[0]!.payload;
    expect(results.inline_query_id).toBe('inline-1');
    const articles = results.results as { type: string; input_message_content: { message_text: string } }[];
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.length).toBeLessThanOrEqual(5);
    expect(articles[0]!.type).toBe('article');
    expect(articles[0]!.input_message_content.message_text).toContain('$1.1 billion');

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(api.confirmedOffset).toBe(inline.update_id + 1);
  });
});

describe('npm start without BOT_TOKEN: the same features in the console', () => {
  it('shows buttons and inline results as numbered choices that typing the number presses', async () => {
    const input = ['what was the 2014 trade volume?', '2', '/topics', '1', '@article_console_bot trade', '1', '/facts'].join('\n') + '\n';
    const child = runScript('main.ts', [], { BOT_TOKEN: '' }, input);
    expect(await child.exited).toBe(0);
    const out = child.stdout();
    // The answer's buttons, then the More page they lead to.
    expect(out).toMatch(/\[1\] Context {3}\[2\] More ▸/);
    expect(out).toMatch(/^ {2}2\. /m);
    // A topic button asks about its topic.
    expect(out).toContain('Key topics');
    expect(out).toMatch(/About \S/);
    // Inline mode: results listed, the picked one posted "via" the bot.
    expect(out).toContain('inline results:');
    expect(out).toContain('you (via @article_console_bot):');
    expect(out).not.toMatch(/<\/?(b|i)>/);
  });
});
