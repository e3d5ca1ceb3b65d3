/**
 * Channels end to end: the real entry point, long polling against the Bot
 * API stand-in. A channel posts an article, Telegram forwards it into the
 * linked discussion group, a reader asks under it and is answered from it;
 * after a restart on the same DATA_DIR the same question is answered again;
 * an admin adds a document through getFile, a non-admin cannot; another
 * group never sees the channel's articles.
 */
import type { Chat, Message, Update, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApiStandIn, type RecordedCall } from '../support/bot-api-stand-in.ts';
import { dataDir, runScript, type Child } from '../support/child.ts';
import { BOT_INFO, entitiesOf, TEST_TOKEN, USER } from '../support/recorder.ts';

const CHANNEL: Chat.ChannelChat = { id: -100501, type: 'channel', title: 'Danube News', username: 'danube_news' };
const COMMENTS: Chat.SupergroupChat = { id: -100502, type: 'supergroup', title: 'Danube News chat' };
const OTHER: Chat.SupergroupChat = { id: -100503, type: 'supergroup', title: 'Elsewhere' };
const ADMIN: User = { id: 11, is_bot: false, first_name: 'Admin', language_code: 'en' };
const TELEGRAM: User = { id: 777000, is_bot: false, first_name: 'Telegram' };
const POST = [
  'New bridge opens over the Danube',
  '',
  'The new Danube bridge at Vidin opened to traffic on Saturday after four years of construction.',
  'The bridge cost 280 million euros, most of it paid by the European Union.',
  'Mayor Elena Petrova said the crossing would cut the journey to Romania by two hours.',
].join('\n');
const VOLCANO =
  'Volcano erupts in Iceland\n\nThe volcano near Grindavik erupted on Monday night. About 3,000 residents were evacuated before the lava reached the town. Flights were not affected, the airport said.';

const mention = (text: string): string => `@${BOT_INFO.username} ${text}`;
const repliesIn = (calls: RecordedCall[], chat: number): RecordedCall[] => calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chat);
/** The last reply's text without its HTML (matching words are in bold). */
const lastText = (calls: RecordedCall[], chat: number): string => String(repliesIn(calls, chat).at(-1)?.payload.text ?? '').replace(/<[^>]+>/g, '');

describe('a channel and its comments, end to end', () => {
  let api: BotApiStandIn | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.proc.kill('SIGKILL');
    await api?.close();
  });

  it('answers a comment from its post, again after a restart, and keeps the channel’s articles to its own chats', { timeout: 90_000 }, async () => {
    api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO, memberStatus: (_chat, user) => (user === ADMIN.id ? 'administrator' : 'member') });
    const env = { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: await api.start(), DATA_DIR: dataDir(), LOG_LEVEL: 'info' };
    const start = async (): Promise<Child> => {
      const child = runScript('main.ts', [], env);
      children.push(child);
      await api!.waitFor(() => child.stderr().includes('main: long polling'), 30_000);
      return child;
    };
    let messageId = 100;
    const say = (chat: Chat.SupergroupChat, text: string, opts: { from?: User; replyTo?: Message } = {}): Message.TextMessage & Update.NonChannel => {
      const entities = entitiesOf(text);
      const message = {
        message_id: messageId++,
        date: 1_700_000_100,
        chat,
        from: opts.from ?? USER,
        text,
        ...(entities.length ? { entities } : {}),
        ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
      } as Message.TextMessage & Update.NonChannel;
      api!.pushUpdate({ message });
      return message;
    };
    const answered = async (chat: number, count: number): Promise<string> => {
      await api!.waitFor((calls) => repliesIn(calls, chat).length >= count, 20_000);
      return lastText(api!.calls, chat);
    };

    const first = await start();
    // The channel posts; Telegram forwards the post into the linked discussion group.
    const post = { message_id: 7, date: 1_700_000_000, chat: CHANNEL, sender_chat: CHANNEL, text: POST } as Message.TextMessage & Update.Channel;
    api.pushUpdate({ channel_post: post });
    const forward = {
      message_id: messageId++,
      date: post.date,
      chat: COMMENTS,
      from: TELEGRAM,
      sender_chat: CHANNEL,
      is_automatic_forward: true,
      forward_origin: { type: 'channel', chat: CHANNEL, message_id: 7, date: post.date },
      text: POST,
    } as Message.TextMessage & Update.NonChannel;
    api.pushUpdate({ message: forward });

    // A reader asks under the post: answered from it, with its link.
    say(COMMENTS, mention('how much did the bridge cost?'), { replyTo: forward });
    const answer = await answered(COMMENTS.id, 1);
    expect(answer).toContain('280 million euros');
    expect(answer).toContain('t.me/danube_news/7');

    // Another group asks the same: it has no such article.
    say(OTHER, mention('how much did the bridge cost?'));
    expect(await answered(OTHER.id, 1)).not.toContain('280 million euros');

    // A non-admin's /add is refused; the admin's document is read through getFile and answered from.
    const doc = (from: User): void => {
      const fileId = api!.addFile(VOLCANO);
      const message = {
        message_id: messageId++,
        date: 1_700_000_200,
        chat: COMMENTS,
        from,
        caption: '/add',
        caption_entities: entitiesOf('/add'),
        document: { file_id: fileId, file_unique_id: fileId, file_name: 'volcano.txt', mime_type: 'text/plain', file_size: VOLCANO.length },
      } as Message.DocumentMessage & Update.NonChannel;
      api!.pushUpdate({ message });
    };
    doc(USER);
    await answered(COMMENTS.id, 2);
    doc(ADMIN);
    await api.waitFor((calls) => calls.some((c) => c.method === 'getFile') && repliesIn(calls, COMMENTS.id).length >= 3, 20_000);
    say(COMMENTS, mention('how many residents were evacuated?'));
    expect(await answered(COMMENTS.id, 4)).toContain('3,000 residents');

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // A restart on the same DATA_DIR: the post and the document are still there.
    const second = await start();
    say(COMMENTS, mention('how much did the bridge cost?'), { replyTo: forward });
    expect(await answered(COMMENTS.id, 5)).toContain('280 million euros');
    say(COMMENTS, mention('how many residents were evacuated?'));
    expect(await answered(COMMENTS.id, 6)).toContain('3,000 residents');
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(first.stderr() + second.stderr()).not.toContain(TEST_TOKEN);
  });
});
