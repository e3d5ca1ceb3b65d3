import type { InlineKeyboardMarkup } from 'grammy/types';
import { toMessages } from '../render.ts';
import type { BotContext } from './context.ts';

/**
 * Sends HTML blocks as one or more messages (Telegram's 4096 limit), the
 * first as a reply to the message that asked, buttons under the last.
 */
export async function replyHtml(ctx: BotContext, blocks: readonly string[], keyboard?: InlineKeyboardMarkup): Promise<void> {
  const messages = toMessages(blocks);
  const replyTo = ctx.msg?.message_id;
  for (const [i, text] of messages.entries()) {
    await ctx.reply(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}
