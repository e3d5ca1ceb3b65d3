/**
 * Bot tests without a network: a fixed `botInfo`, an API transformer that
 * records every outgoing call and answers it like Telegram would, and
 * builders for the updates Telegram sends.
 */
import type { Bot, Transformer } from 'grammy';
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import { CONSOLE_BOT_INFO } from '../../src/transports/console.ts';

/** The bot's identity in tests: the console's (every field Telegram sends), under its own id and name. */
export const BOT_INFO = { ...CONSOLE_BOT_INFO, id: 42, username: 'article_test_bot' } satisfies UserFromGetMe;

/** A token of the right shape; never sent anywhere (the transformer answers every call). */
export const TEST_TOKEN = '123456:AAtesttokentesttokentesttokentest00';

export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/** Installs a recording transformer on `bot`; returns the live list of calls. */
export function record(bot: Bot<any>): Call[] {
  const calls: Call[] = [];
  let messageId = 1000;
  const transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    if (method === 'sendMessage' || method === 'editMessageText') {
      const result = {
        message_id: typeof p.message_id === 'number' ? p.message_id : ++messageId,
        date: 0,
        chat: { id: p.chat_id, type: 'private' },
        from: BOT_INFO,
        text: p.text,
      };
      return { ok: true, result } as never;
    }
    return { ok: true, result: true } as never;
  };
  bot.api.config.use(transformer);
  return calls;
}

/** Texts of the messages sent, in order. */
export function sentTexts(calls: Call[]): string[] {
  return calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
}

export const USER: User = { id: 7, is_bot: false, first_name: 'Ann', language_code: 'en' };
export const PRIVATE: Chat.PrivateChat = { id: 7, type: 'private', first_name: 'Ann' };
export const GROUP: Chat.SupergroupChat = { id: -1001, type: 'supergroup', title: 'Readers' };
export const CHANNEL: Chat.ChannelChat = { id: -1002, type: 'channel', title: 'News' };

let nextId = 1;

/** A text message update; commands and @mentions get their entities, as Telegram sends them. */
export function textUpdate(text: string, opts: { chat?: Chat; from?: User; replyTo?: Message; channel?: boolean } = {}): Update {
  const chat = opts.chat ?? PRIVATE;
  const message = {
    message_id: nextId++,
    date: 0,
    chat,
    ...(opts.channel ? {} : { from: opts.from ?? USER }),
    text,
    ...(entitiesOf(text).length > 0 ? { entities: entitiesOf(text) } : {}),
    ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
  } as Message;
  return opts.channel ? ({ update_id: nextId++, channel_post: message } as Update) : ({ update_id: nextId++, message } as Update);
}

/** A photo or document with a caption, which may ask a question; mentions and commands get caption entities. */
export function captionUpdate(caption: string, opts: { chat?: Chat; from?: User; replyTo?: Message; media?: 'photo' | 'document' } = {}): Update {
  const media =
    opts.media === 'document'
      ? { document: { file_id: 'd', file_unique_id: 'd', file_name: 'report.pdf' } }
      : { photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 60 }] };
  const message = {
    message_id: nextId++,
    date: 0,
    chat: opts.chat ?? PRIVATE,
    from: opts.from ?? USER,
    ...media,
    caption,
    ...(entitiesOf(caption).length > 0 ? { caption_entities: entitiesOf(caption) } : {}),
    ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
  } as Message;
  return { update_id: nextId++, message } as Update;
}

/** The entities Telegram would attach: a leading bot command and every @mention. */
export function entitiesOf(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) out.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(^|\s)(@[A-Za-z0-9_]{3,})/g)) {
    out.push({ type: 'mention', offset: (m.index ?? 0) + (m[1]?.length ?? 0), length: m[2]?.length ?? 0 });
  }
  return out;
}
