/**
 * Sending HTML: the one place that sets the send options (for every message
 * of every feature, see {@link sendOptions}) and cuts a reply into messages
 * (in the reader's language when it has to be cut short), for new replies and
 * for messages a button turns into something else.
 */
import { GrammyError, type Middleware, type Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { toMessages } from '../render.ts';
import type { BotContext } from './context.ts';

/** How every message is sent: HTML (every text is escaped by `render.ts` or is ours), and no link previews: a preview would bury the answer. */
export const HTML_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** The methods whose text {@link HTML_OPTIONS} applies to. */
const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);

/** Fills in {@link HTML_OPTIONS} where a call does not set them itself. */
const withSendOptions: Transformer = (prev, method, payload, signal) =>
  prev(method, TEXT_METHODS.has(method) ? ({ ...HTML_OPTIONS, ...payload } as typeof payload) : payload, signal);

/**
 * Sets the send options once for every message of an update, whichever
 * feature sends it. Installed on `ctx.api` (not `bot.api`), so it runs before
 * any transformer of the transport: the console and the journal see the
 * message as Telegram will.
 */
export function sendOptions(): Middleware<BotContext> {
  return (ctx, next) => {
    ctx.api.config.use(withSendOptions);
    return next();
  };
}

/** The messages of a reply: at most `max` (default three), the last saying so in the reader's language when cut. */
export function htmlMessages(ctx: BotContext, blocks: readonly string[], max?: number): string[] {
  return toMessages(blocks, { notice: ctx.t('reply-cut'), ...(max !== undefined ? { max } : {}) });
}

/**
 * Sends HTML blocks as one or more messages, the first as a reply to the
 * message that asked (or to `replyTo`), buttons under the last. Returns the
 * messages sent, so an answer can be found again.
 */
export async function replyHtml(
  ctx: BotContext,
  blocks: readonly string[],
  keyboard?: InlineKeyboardMarkup,
  replyTo: number | undefined = ctx.msg?.message_id,
): Promise<Message.TextMessage[]> {
  return sendMessages(ctx, htmlMessages(ctx, blocks), keyboard, replyTo);
}

/**
 * Turns the message a button was pressed on into the first message of
 * `blocks` (with `keyboard`), and sends the rest as replies to it: the chat
 * stays short, and the whole reply is still within the cap.
 */
export async function editHtml(ctx: BotContext, message: Message, blocks: readonly string[], keyboard: InlineKeyboardMarkup): Promise<void> {
  const [first = '', ...rest] = htmlMessages(ctx, blocks);
  try {
    await ctx.editMessageText(first, { reply_markup: keyboard });
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
  if (rest.length > 0) await sendMessages(ctx, rest, undefined, message.message_id);
}

async function sendMessages(
  ctx: BotContext,
  messages: readonly string[],
  keyboard: InlineKeyboardMarkup | undefined,
  replyTo: number | undefined,
): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, text] of messages.entries()) {
    const message = await ctx.reply(text, {
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
    sent.push(message);
  }
  return sent;
}

/** Telegram refuses an edit that changes nothing; for us that is success. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && /message is not modified/i.test(err.description);
}
