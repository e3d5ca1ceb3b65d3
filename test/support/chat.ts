/**
 * A Telegram chat simulated around one bot, for tests of buttons, edits and
 * inline mode: like `record`, an API transformer answers every call with no
 * network, but it also keeps the messages the way Telegram does (replies
 * linked, keyboards attached, edits applied), so a test can press a button
 * on an answer and the bot receives exactly what Telegram would send.
 */
import type { Bot, Transformer } from 'grammy';
import type { Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User } from 'grammy/types';
import { BOT_INFO, entitiesOf, PRIVATE, USER, type Call } from './recorder.ts';

let nextUpdateId = 50_000;

export class TestChat {
  readonly calls: Call[] = [];
  readonly messages = new Map<number, Message>();
  private nextMessageId = 1;

  constructor(
    readonly bot: Bot<any>,
    readonly chat: Chat = PRIVATE,
    readonly user: User = USER,
  ) {
    const transformer: Transformer = async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      this.calls.push({ method, payload: p });
      if (method === 'sendMessage') {
        const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id;
        const message = {
          message_id: this.nextMessageId++,
          date: 1,
          chat: this.chat,
          from: BOT_INFO,
          text: String(p.text),
          ...(replyTo !== undefined && this.messages.has(replyTo) ? { reply_to_message: this.messages.get(replyTo) } : {}),
          ...(hasButtons(p.reply_markup) ? { reply_markup: p.reply_markup } : {}),
        } as Message;
        this.messages.set(message.message_id, message);
        return { ok: true, result: message } as never;
      }
      if (method === 'editMessageText' || method === 'editMessageReplyMarkup') {
        const message = this.messages.get(Number(p.message_id));
        if (!message) return { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' } as never;
        const m = message as { text?: string; reply_markup?: unknown; edit_date?: number };
        if (method === 'editMessageText') {
          if (m.text === p.text && JSON.stringify(m.reply_markup ?? null) === JSON.stringify(hasButtons(p.reply_markup) ? p.reply_markup : null)) {
            return { ok: false, error_code: 400, description: 'Bad Request: message is not modified' } as never;
          }
          m.text = String(p.text);
        }
        if (hasButtons(p.reply_markup)) m.reply_markup = p.reply_markup;
        else delete m.reply_markup;
        m.edit_date = 2;
        return { ok: true, result: message } as never;
      }
      return { ok: true, result: true } as never;
    };
    bot.api.config.use(transformer);
  }

  /** The user sends a text (commands and mentions get their entities). */
  async say(text: string, opts: { replyTo?: Message; from?: User } = {}): Promise<Message> {
    const entities = entitiesOf(text);
    const message = {
      message_id: this.nextMessageId++,
      date: 1,
      chat: this.chat,
      from: opts.from ?? this.user,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
    } as Message;
    this.messages.set(message.message_id, message);
    await this.bot.handleUpdate({ update_id: nextUpdateId++, message } as Update);
    return message;
  }

  /** The user edits one of their messages. */
  async edit(message: Message, text: string): Promise<void> {
    const entities = entitiesOf(text);
    const edited = { ...message, text, edit_date: 2, ...(entities.length > 0 ? { entities } : { entities: undefined }) } as Message;
    this.messages.set(message.message_id, edited);
    await this.bot.handleUpdate({ update_id: nextUpdateId++, edited_message: edited } as Update);
  }

  /** Presses the button whose label matches on `message`, as it stands now. */
  async press(message: Message, label: string | RegExp): Promise<Call[]> {
    const current = this.messages.get(message.message_id) ?? message;
    const button = buttonsOf(current).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button || !('callback_data' in button) || button.callback_data === undefined) {
      throw new Error(
        `no button ${String(label)} on message ${message.message_id}: ${buttonsOf(current)
          .map((b) => b.text)
          .join(', ')}`,
      );
    }
    return this.pressData(current, button.callback_data);
  }

  /** Sends a callback query with any data, as a forged or outdated button would. */
  async pressData(message: Message | undefined, data: string): Promise<Call[]> {
    const before = this.calls.length;
    await this.bot.handleUpdate({
      update_id: nextUpdateId++,
      callback_query: { id: String(nextUpdateId), from: this.user, chat_instance: '1', data, ...(message ? { message } : {}) },
    } as Update);
    return this.calls.slice(before);
  }

  /** Messages the bot sent, oldest first. */
  botMessages(): Message[] {
    return [...this.messages.values()].filter((m) => m.from?.id === BOT_INFO.id);
  }

  lastBotMessage(): Message {
    const last = this.botMessages().at(-1);
    if (!last) throw new Error('the bot has sent nothing');
    return last;
  }

  /** Calls of one method. */
  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }
}

/** The inline buttons under a message, flattened. */
export function buttonsOf(message: Message): InlineKeyboardButton[] {
  return ((message as { reply_markup?: InlineKeyboardMarkup }).reply_markup?.inline_keyboard ?? []).flat();
}

function hasButtons(markup: unknown): boolean {
  return ((markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).some((row) => row.length > 0);
}
