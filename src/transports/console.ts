/**
 * The console transport: the very same bot, with no Telegram.
 *
 * Each line typed becomes a private-chat message update fed to
 * `bot.handleUpdate`; an API transformer catches every outgoing Bot API call
 * (nothing goes to the network) and prints what the bot sends. Inline
 * buttons are shown as numbered choices; typing the number presses it.
 * `/post <text>` simulates a channel post (and its automatic forward into
 * the discussion group), `/comment <question>` a question in its comments.
 */
import type { Bot, Transformer } from 'grammy';
import type { InlineKeyboardButton, Message, Update, UserFromGetMe } from 'grammy/types';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BotContext } from '../bot/context.ts';
import { escapeHtml } from '../render.ts';
import { htmlToTerminal } from '../terminal.ts';

/** The identity the bot has in console mode (no `getMe` call is made). */
export const CONSOLE_BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: 'Article bot',
  username: 'article_console_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} satisfies UserFromGetMe;

/** The channel and discussion group of `/post` and `/comment` in the console. */
export const CONSOLE_CHANNEL = { id: -1000000000001, type: 'channel' as const, title: 'Console channel', username: 'console_channel' };
export const CONSOLE_GROUP = { id: -1000000000002, type: 'supergroup' as const, title: 'Console channel chat' };

/** A placeholder token: the transformer answers every call, so it is never sent anywhere. */
export const CONSOLE_TOKEN = '0:console';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** ANSI bold and italics; default: when the output is a terminal. */
  color?: boolean;
  /** Telegram `language_code` of the console user (e.g. from `LANG`). */
  languageCode?: string;
}

interface Choice {
  text: string;
  data?: string;
  url?: string;
  /** An inline-mode result: picking it "sends" this HTML to the chat, as Telegram would. */
  inline?: string;
  message?: Message;
}

/** Runs the console chat until EOF or Ctrl-C. */
export async function runConsole(bot: Bot<BotContext>, opts: ConsoleOptions): Promise<void> {
  const color = opts.color ?? Boolean((opts.output as { isTTY?: boolean }).isTTY);
  const print = (line: string): void => {
    opts.output.write(`${line}\n`);
  };
  const user = { id: 1, is_bot: false, first_name: 'You', ...(opts.languageCode ? { language_code: opts.languageCode } : {}) };
  const chat = { id: 1, type: 'private' as const, first_name: 'You' };
  let updateId = 0;
  let messageId = 0;
  let choices: Choice[] = [];
  const messages = new Map<number, Message>();
  let lastForward: Message | undefined;

  const transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    switch (method) {
      case 'sendMessage':
      case 'editMessageText': {
        const text = String(p.text ?? '');
        const existing = typeof p.message_id === 'number' ? messages.get(p.message_id) : undefined;
        const message = existing ?? ({ message_id: ++messageId, date: now(), chat, from: CONSOLE_BOT_INFO, text } as Message);
        const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id;
        if (!existing && replyTo !== undefined) (message as { reply_to_message?: Message }).reply_to_message = messages.get(replyTo);
        (message as { text?: string }).text = text;
        setMarkup(message, p.reply_markup);
        messages.set(message.message_id, message);
        print('');
        if (existing) print(dim('  (edited)'));
        print(htmlToTerminal(p.parse_mode === 'HTML' ? text : escapeHtml(text), color).replace(/^/gm, '  '));
        choices = showChoices(p.reply_markup, message, print);
        return { ok: true, result: message } as never;
      }
      case 'editMessageReplyMarkup': {
        // A button went away (e.g. "More" after its page was sent): the numbers shown must follow.
        const message = typeof p.message_id === 'number' ? messages.get(p.message_id) : undefined;
        if (message) setMarkup(message, p.reply_markup);
        if (message && choices.some((c) => c.message === message))
          choices = choices.filter((c) => c.message !== message).concat(listChoices(p.reply_markup, message));
        return { ok: true, result: message ?? true } as never;
      }
      case 'answerInlineQuery': {
        const results = (p.results as Array<{ title?: string; description?: string; input_message_content?: { message_text?: string } }> | undefined) ?? [];
        print('');
        if (results.length === 0) {
          const button = (p.button as { text?: string } | undefined)?.text;
          print(`  (no inline results${button ? `; button: ${button}` : ''})`);
          choices = [];
        } else {
          print(dim('  inline results:'));
          choices = results.map((r) => ({ text: r.title ?? '', inline: r.input_message_content?.message_text ?? '' }));
          results.forEach((r, i) => print(`  [${i + 1}] ${r.title ?? ''}${r.description ? dim(` — ${r.description}`) : ''}`));
        }
        return { ok: true, result: true } as never;
      }
      case 'sendChatAction':
        print(dim('  …typing'));
        return { ok: true, result: true } as never;
      case 'answerCallbackQuery':
        if (typeof p.text === 'string' && p.text !== '') print(`  (${p.text})`);
        return { ok: true, result: true } as never;
      case 'getMe':
        return { ok: true, result: CONSOLE_BOT_INFO } as never;
      default:
        return { ok: true, result: true } as never;
    }
  };
  bot.api.config.use(transformer);

  const dim = (text: string): string => (color ? `\x1b[2m${text}\x1b[22m` : text);
  const inlinePrefix = new RegExp(`^@${bot.botInfo.username}(?:\\s+|$)`, 'i');

  const rl = createInterface({ input: opts.input, terminal: false });
  const prompt = (): void => {
    opts.output.write(color ? '\n\x1b[2myou>\x1b[22m ' : '\nyou> ');
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    const picked = /^\d{1,2}$/.test(line) ? choices[Number(line) - 1] : undefined;
    if (/^\d{1,2}$/.test(line) && choices.length > 0 && !picked) {
      // A number while choices are shown is a mistyped choice, not a question.
      print(dim(`  (choose 1-${choices.length})`));
      prompt();
      continue;
    }
    let update: Update;
    if (picked?.inline !== undefined) {
      // Picking an inline result posts it in the chat as "via @bot"; in the console, just show it.
      print('');
      print(dim(`  you (via @${bot.botInfo.username}):`));
      print(htmlToTerminal(picked.inline, color).replace(/^/gm, '  '));
      choices = [];
      prompt();
      continue;
    } else if (inlinePrefix.test(line)) {
      update = {
        update_id: ++updateId,
        inline_query: { id: String(updateId), from: user, query: line.replace(inlinePrefix, ''), offset: '', chat_type: 'sender' },
      } as Update;
    } else if (picked?.data !== undefined && picked.message) {
      update = {
        update_id: ++updateId,
        callback_query: { id: String(updateId), from: user, chat_instance: '1', message: picked.message, data: picked.data },
      } as Update;
    } else if (picked?.url !== undefined) {
      print(`  ${picked.url}`);
      prompt();
      continue;
    } else if (/^\/(post|comment)(\s|$)/.test(line)) {
      // A simulated channel: "/post text" posts in it (and forwards the post into its discussion
      // group, as Telegram does); "/comment question" asks in the comments of the last post.
      const text = line.replace(/^\/\w+\s*/, '').replace(/\\n/g, '\n');
      if (line.startsWith('/post')) {
        const post = { message_id: ++messageId, date: now(), chat: CONSOLE_CHANNEL, sender_chat: CONSOLE_CHANNEL, text } as Message;
        await bot.handleUpdate({ update_id: ++updateId, channel_post: post } as Update);
        lastForward = {
          message_id: ++messageId,
          date: now(),
          chat: { ...CONSOLE_GROUP },
          sender_chat: CONSOLE_CHANNEL,
          is_automatic_forward: true,
          forward_origin: { type: 'channel', chat: CONSOLE_CHANNEL, message_id: post.message_id, date: post.date },
          text,
        } as Message;
        update = { update_id: ++updateId, message: lastForward } as Update;
        print(dim(`  (posted in ${CONSOLE_CHANNEL.title} as post ${post.message_id}; /comment asks under it)`));
      } else {
        const mention = `@${bot.botInfo.username} `;
        const comment = {
          message_id: ++messageId,
          date: now(),
          chat: CONSOLE_GROUP,
          from: user,
          text: mention + text,
          entities: [{ type: 'mention', offset: 0, length: mention.length - 1 }],
          ...(lastForward ? { reply_to_message: lastForward, message_thread_id: lastForward.message_id } : {}),
        } as Message;
        update = { update_id: ++updateId, message: comment } as Update;
      }
    } else {
      const message = {
        message_id: ++messageId,
        date: now(),
        chat,
        from: user,
        text: line,
        ...(line.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: line.split(/\s/)[0]?.length ?? 1 }] } : {}),
      } as Message;
      messages.set(message.message_id, message);
      update = { update_id: ++updateId, message } as Update;
    }
    await bot.handleUpdate(update);
    prompt();
  }
  print('');
}

function showChoices(markup: unknown, message: Message, print: (line: string) => void): Choice[] {
  const out = listChoices(markup, message);
  if (out.length > 0) print(`  ${out.map((c, i) => `[${i + 1}] ${c.text}`).join('   ')}`);
  return out;
}

function listChoices(markup: unknown, message: Message): Choice[] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? [];
  const out: Choice[] = [];
  for (const button of rows.flat()) {
    const choice: Choice = { text: button.text, message };
    if ('callback_data' in button && button.callback_data !== undefined) choice.data = button.callback_data;
    else if ('url' in button && button.url !== undefined) choice.url = button.url;
    else continue;
    out.push(choice);
  }
  return out;
}

/** Keeps the keyboard on the stored message, as Telegram does: a button press carries it back. */
function setMarkup(message: Message, markup: unknown): void {
  const m = message as { reply_markup?: unknown };
  const rows = (markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  if (rows && rows.length > 0) m.reply_markup = markup;
  else delete m.reply_markup;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
