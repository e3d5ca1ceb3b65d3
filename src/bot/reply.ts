import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { toMessages } from '../render.ts';
import type { BotContext } from './context.ts';

/**
 * Sends HTML blocks as one or more messages (Telegram's 4096 limit), the
 * first as a reply to the message that asked (or to `replyTo`), buttons
 * under the last. Returns the messages sent, so an answer can be found again.
 */
export async function replyHtml(
  ctx: BotContext,
  blocks: readonly string[],
  keyboard?: InlineKeyboardMarkup,
  replyTo: number | undefined = ctx.msg?.message_id,
): Promise<Message.TextMessage[]> {
  const messages = toMessages(blocks);
  const sent: Message.TextMessage[] = [];
  for (const [i, text] of messages.entries()) {
    const message = await ctx.reply(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
    sent.push(message);
  }
  return sent;
}
