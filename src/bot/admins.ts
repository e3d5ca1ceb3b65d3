/**
 * Who may change a chat's library: the chat's administrators (asked with
 * `getChatMember`, remembered for a minute, since an admin adding several
 * articles would otherwise cost a call each) and the bot's `ADMIN_IDS`.
 */
import type { BotContext } from './context.ts';

/** How long an answer of `getChatMember` is trusted. */
export const ADMIN_CACHE_MS = 60_000;

/** Telegram's stand-in sender of an anonymous group admin's messages. */
const GROUP_ANONYMOUS_BOT = 1087968824;

/** Checks admin rights for the chat of an update; one per bot, so its cache lives as long as the bot. */
export type AdminCheck = (ctx: BotContext) => Promise<boolean>;

/** Creates the check; `now` for tests. A failing `getChatMember` (the bot demoted, the chat gone) means "no". */
export function createAdminCheck(adminIds: readonly number[], now: () => number = Date.now): AdminCheck {
  const cache = new Map<string, { admin: boolean; at: number }>();
  return async (ctx) => {
    const chat = ctx.chat;
    if (!chat) return false;
    // Only a channel's admins can post in it, and a post is signed by the channel, not by a user.
    if (ctx.channelPost || ctx.editedChannelPost) return true;
    const from = ctx.from;
    if (!from) return false;
    if (adminIds.includes(from.id)) return true;
    if (from.id === GROUP_ANONYMOUS_BOT && ctx.msg?.sender_chat?.id === chat.id) return true;
    if (chat.type === 'private') return false;
    const key = `${chat.id}:${from.id}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ADMIN_CACHE_MS) return hit.admin;
    let admin: boolean;
    try {
      const member = await ctx.api.getChatMember(chat.id, from.id);
      admin = member.status === 'creator' || member.status === 'administrator';
    } catch {
      // The bot may have lost its own rights meanwhile: nobody changes the library through it then.
      admin = false;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { admin, at: now() });
    return admin;
  };
}
