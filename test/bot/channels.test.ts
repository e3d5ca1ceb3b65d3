import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, Message, Update, User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create.ts';
import type { BotDeps } from '../../src/bot/deps.ts';
import { Libraries } from '../../src/libraries.ts';
import { ChatArticleStore } from '../../src/store/chat-articles.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { BRIDGE_ARTICLE, seedLibrary } from '../support/engine.ts';
import { BOT_INFO, entitiesOf, record, sentTexts, TEST_TOKEN, USER, type Call } from '../support/recorder.ts';

const CHANNEL: Chat.ChannelChat = { id: -1005, type: 'channel', title: 'Danube News', username: 'danube_news' };
const COMMENTS: Chat.SupergroupChat = { id: -1006, type: 'supergroup', title: 'Danube News chat' };
const OTHER: Chat.SupergroupChat = { id: -1007, type: 'supergroup', title: 'Elsewhere' };
const ADMIN: User = { id: 11, is_bot: false, first_name: 'Admin', language_code: 'en' };
const TELEGRAM: User = { id: 777000, is_bot: false, first_name: 'Telegram' };
const QUESTION = `@${BOT_INFO.username} How much did the bridge cost?`;

let nextId = 1;

/** A bot over `db` whose API answers getChatMember (ADMIN is an admin of every chat) and getFile (from `files`). */
async function botOver(
  db: Db,
  files = new Map<string, Uint8Array>(),
  opts: { failWrites?: boolean } = {},
): Promise<{ calls: Call[]; send: (u: Record<string, unknown>) => Promise<void>; libraries: Libraries }> {
  const shipped = await seedLibrary();
  const store = new ChatArticleStore(db);
  if (opts.failWrites) {
    store.put = () => {
      throw Object.assign(new Error('attempt to write a readonly database'), { name: 'SqliteError' });
    };
  }
  const libraries = new Libraries(() => shipped, store);
  const deps: BotDeps = {
    token: TEST_TOKEN,
    botInfo: BOT_INFO,
    library: (chatId) => libraries.for(chatId),
    chats: { libraries, minSentences: 3, minChars: 300, maxDocumentBytes: 64 * 1024, download: async (path) => files.get(path) ?? new Uint8Array() },
  };
  const bot = createBot(deps);
  const calls = record(bot);
  bot.api.config.use(async (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown>;
    if (method === 'getChatMember') {
      calls.push({ method, payload: p });
      return { ok: true, result: { status: p.user_id === ADMIN.id ? 'administrator' : 'member', user: { id: p.user_id } } } as never;
    }
    if (method === 'getFile') {
      calls.push({ method, payload: p });
      return { ok: true, result: { file_id: p.file_id, file_unique_id: 'u', file_path: String(p.file_id) } } as never;
    }
    return prev(method, payload, signal);
  });
  return { calls, libraries, send: (u) => bot.handleUpdate({ update_id: nextId++, ...u } as Update) };
}

function post(text: string, id = nextId++): Message {
  return { message_id: id, date: 1_700_000_000, chat: CHANNEL, sender_chat: CHANNEL, text } as Message;
}

/** The automatic forward of a channel post into the discussion group. */
function forward(of: Message): Message {
  return {
    message_id: nextId++,
    date: of.date,
    chat: COMMENTS,
    from: TELEGRAM,
    sender_chat: CHANNEL,
    is_automatic_forward: true,
    forward_origin: { type: 'channel', chat: CHANNEL, message_id: of.message_id, date: of.date },
    text: of.text,
  } as Message;
}

function said(text: string, chat: Chat, opts: { from?: User; replyTo?: Message; thread?: number } = {}): Message {
  const entities = entitiesOf(text);
  return {
    message_id: nextId++,
    date: 1_700_000_100,
    chat,
    from: opts.from ?? USER,
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
    ...(opts.thread !== undefined ? { message_thread_id: opts.thread, is_topic_message: false } : {}),
  } as Message;
}

const DIFFERENT_ARTICLE =
  'Volcano erupts in Iceland\n\nThe volcano near Grindavik erupted on Monday night.\n\nAbout 3,000 residents were evacuated before the lava reached the town.\n\nFlights were not affected, the airport said.';

describe('channel posts and their comments', () => {
  it('answers a question in the comments of a post from that post, citing it', async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    const p = post(BRIDGE_ARTICLE);
    await send({ channel_post: p });
    const fwd = forward(p);
    await send({ message: fwd });
    await send({ message: said(QUESTION, COMMENTS, { replyTo: fwd, thread: fwd.message_id }) });
    const answer = sentTexts(calls).at(-1) ?? '';
    expect(answer).toContain('280 million euros');
    expect(answer).toContain('New bridge opens over the Danube');
    expect(answer).toContain('https://t.me/danube_news/');
  });

  it("answers from the post a thread is about first, then from the chat's other posts", async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    const bridge = post(BRIDGE_ARTICLE);
    const volcano = post(DIFFERENT_ARTICLE);
    for (const p of [bridge, volcano]) await send({ channel_post: p });
    const fwd = forward(volcano);
    await send({ message: fwd });
    // A reply deeper in the thread: only message_thread_id names the post. "When?" alone is about the
    // article in hand: with two articles and no thread it would be refused.
    await send({ message: said(`@${BOT_INFO.username} When?`, COMMENTS, { thread: fwd.message_id }) });
    expect(sentTexts(calls).at(-1)).toContain('Monday night');
    await send({ message: said(`@${BOT_INFO.username} When?`, COMMENTS) });
    expect(sentTexts(calls).at(-1)).not.toContain('Monday night');
    await send({ message: said(QUESTION, COMMENTS, { thread: fwd.message_id }) });
    expect(sentTexts(calls).at(-1)).toContain('280 million euros');
  });

  it('stores a post once, whether seen as the channel post, its forward, or both', async () => {
    const db = openDatabase(':memory:');
    const { send } = await botOver(db);
    const p = post(BRIDGE_ARTICLE);
    await send({ channel_post: p });
    await send({ message: forward(p) });
    await send({ message: forward(p) });
    expect(new ChatArticleStore(db).list(CHANNEL.id).map((a) => a.id)).toEqual([`post-${p.message_id}`]);
  });

  it('replaces an edited post: the last of many edits is what it answers from', async () => {
    const db = openDatabase(':memory:');
    const { calls, send } = await botOver(db);
    const p = post(BRIDGE_ARTICLE);
    await send({ channel_post: p });
    for (let i = 1; i <= 20; i++)
      await send({ edited_channel_post: { ...p, text: BRIDGE_ARTICLE.replace('280 million', `${280 + i} million`), edit_date: 1_700_000_000 + i } as Message });
    const fwd = forward(p);
    await send({ message: { ...fwd, text: BRIDGE_ARTICLE.replace('280 million', '300 million') } as Message });
    await send({ edited_channel_post: { ...p, text: BRIDGE_ARTICLE.replace('280 million', '300 million') } as Message });
    await send({ message: said(QUESTION, COMMENTS, { replyTo: fwd }) });
    expect(sentTexts(calls).at(-1)).toContain('300 million');
    expect(new ChatArticleStore(db).list(CHANNEL.id)).toHaveLength(1);
  });

  it.each([
    ['a photo without a caption', { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }],
    ['a short post', { text: 'Breaking: the bridge is open.' }],
    ['links only', { text: Array.from({ length: 12 }, (_, i) => `https://example.com/news/${i}`).join('\n') }],
    ['emoji only', { text: '🎉🎉🎉 🚀🚀 '.repeat(40) }],
  ])('does not learn %s', async (_, content) => {
    const db = openDatabase(':memory:');
    const { send } = await botOver(db);
    await send({ channel_post: { message_id: nextId++, date: 1, chat: CHANNEL, ...content } as Message });
    expect(new ChatArticleStore(db).list(CHANNEL.id)).toEqual([]);
  });

  it('keeps answering commands posted in the channel', async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    await send({ channel_post: { ...post('/help'), entities: entitiesOf('/help') } as Message });
    expect(sentTexts(calls)).toHaveLength(1);
  });
});

describe('per-chat libraries', () => {
  it("never answers one chat's articles in another chat or in inline mode", async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    const p = post(BRIDGE_ARTICLE);
    await send({ channel_post: p });
    await send({ message: forward(p) });
    await send({ message: said(QUESTION, OTHER) });
    expect(sentTexts(calls).at(-1)).not.toContain('280 million');
    await send({ inline_query: { id: 'q', from: USER, query: 'How much did the bridge cost?', offset: '' } });
    const inline = calls.filter((c) => c.method === 'answerInlineQuery').at(-1);
    expect(JSON.stringify(inline?.payload)).not.toContain('280 million');
  });

  it('answers the same question after a restart over the same database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-chats-'));
    const first = await botOver(openDatabase(dir));
    const p = post(BRIDGE_ARTICLE);
    await first.send({ channel_post: p });
    const fwd = forward(p);
    await first.send({ message: fwd });
    const again = await botOver(openDatabase(dir));
    await again.send({ message: said(QUESTION, COMMENTS, { replyTo: fwd }) });
    expect(sentTexts(again.calls).at(-1)).toContain('280 million euros');
    expect(sentTexts(again.calls).at(-1)).toContain('New bridge opens over the Danube');
  });

  it("opens a channel's articles in a private chat through its deep link", async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    await send({ channel_post: post(BRIDGE_ARTICLE) });
    const privateChat: Chat.PrivateChat = { id: USER.id, type: 'private', first_name: 'Ann' };
    await send({ message: said('How much did the bridge cost?', privateChat) });
    expect(sentTexts(calls).at(-1)).not.toContain('280 million');
    await send({ message: said('/start c_danube_news', privateChat) });
    await send({ message: said('How much did the bridge cost?', privateChat) });
    expect(sentTexts(calls).at(-1)).toContain('280 million');
  });
});

describe('the way back from a deep-linked channel', () => {
  const privateChat: Chat.PrivateChat = { id: USER.id, type: 'private', first_name: 'Ann' };
  const ask = (text = 'How much did the bridge cost?'): Message => said(text, privateChat);

  it('/start without a key takes the reader back to the shipped articles', async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    await send({ channel_post: post(BRIDGE_ARTICLE) });
    await send({ message: said('/start c_danube_news', privateChat) });
    await send({ message: ask() });
    expect(sentTexts(calls).at(-1)).toContain('280 million');
    await send({ message: said('/start', privateChat) });
    expect(sentTexts(calls).join('\n')).toContain('back to the bot');
    await send({ message: ask() });
    expect(sentTexts(calls).at(-1)).not.toContain('280 million');
  });

  it('the deep-link welcome has a button that does the same', async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'));
    await send({ channel_post: post(BRIDGE_ARTICLE) });
    await send({ message: said('/start c_danube_news', privateChat) });
    const welcome = calls.filter((c) => c.method === 'sendMessage').at(-1);
    const button = (welcome?.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard[0]?.[0];
    expect(button?.text).toContain('Back');
    const message = { message_id: 6000, date: 1, chat: privateChat, from: BOT_INFO, text: String(welcome?.payload.text) } as Message;
    await send({ callback_query: { id: 'h1', from: USER, chat_instance: '1', data: button?.callback_data, message } });
    expect(calls.filter((c) => c.method === 'editMessageText').at(-1)?.payload.text).toContain('back to the bot');
    await send({ message: ask() });
    expect(sentTexts(calls).at(-1)).not.toContain('280 million');
  });
});

describe('/add, /remove and /articles', () => {
  const document = (fileId: string, name: string, size: number): Record<string, unknown> => ({
    document: { file_id: fileId, file_unique_id: fileId, file_name: name, file_size: size },
    caption: '/add',
  });

  it('adds a .txt document for an admin, and answers from it in that group only', async () => {
    const files = new Map([['f1', new TextEncoder().encode(BRIDGE_ARTICLE)]]);
    const { calls, send } = await botOver(openDatabase(':memory:'), files);
    await send({ message: { ...said('', OTHER, { from: ADMIN }), text: undefined, ...document('f1', 'bridge.txt', 400) } as Message });
    expect(sentTexts(calls).at(-1)).toContain('Added');
    await send({ message: said(QUESTION, OTHER) });
    expect(sentTexts(calls).at(-1)).toContain('280 million euros');
    await send({ message: said('/articles', OTHER) });
    expect(sentTexts(calls).at(-1)).toContain('New bridge opens over the Danube');
  });

  it.each([
    ['a non-admin', USER, 'f1', 'bridge.txt', 400, 'administrators'],
    ['a 4 MB document', ADMIN, 'f1', 'big.txt', 4 * 1024 * 1024, 'too big'],
    ['a binary .txt', ADMIN, 'bin', 'photo.txt', 300, 'not UTF-8 text'],
    ['a .pdf', ADMIN, 'f1', 'report.pdf', 300, '.txt and .md'],
  ])('refuses %s and adds nothing', async (_, from, fileId, name, size, notice) => {
    const files = new Map([
      ['f1', new TextEncoder().encode(BRIDGE_ARTICLE)],
      ['bin', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])],
    ]);
    const db = openDatabase(':memory:');
    const { calls, send } = await botOver(db, files);
    await send({ message: { ...said('', OTHER, { from }), text: undefined, ...document(fileId, name, size) } as Message });
    expect(sentTexts(calls).at(-1)).toContain(notice);
    expect(new ChatArticleStore(db).list(OTHER.id)).toEqual([]);
  });

  it('adds the text after /add, and removes it through the picker', async () => {
    const db = openDatabase(':memory:');
    const { calls, send } = await botOver(db);
    await send({ message: said(`/add ${BRIDGE_ARTICLE}`, OTHER, { from: ADMIN }) });
    await send({ message: said('/remove', OTHER, { from: ADMIN }) });
    const picker = calls.filter((c) => c.method === 'sendMessage').at(-1);
    const data = (picker?.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[0]?.[0]?.callback_data ?? '';
    const message = { message_id: 5000, date: 1, chat: OTHER, from: BOT_INFO, text: 'Which?' } as Message;
    // Someone else presses it first: nothing happens.
    await send({ callback_query: { id: 'c1', from: USER, chat_instance: '1', data, message } });
    expect(new ChatArticleStore(db).list(OTHER.id)).toHaveLength(1);
    await send({ callback_query: { id: 'c2', from: ADMIN, chat_instance: '1', data, message } });
    expect(new ChatArticleStore(db).list(OTHER.id)).toEqual([]);
    await send({ message: said(QUESTION, OTHER) });
    expect(sentTexts(calls).at(-1)).not.toContain('280 million');
  });

  it('keeps the date an added text gives in its dateline, else the day it was added', async () => {
    const db = openDatabase(':memory:');
    const { send } = await botOver(db);
    await send({ message: said(`/add date 2016-12-08 MINSK. KAZINFORM - ${DIFFERENT_ARTICLE.split('\n\n').slice(1).join(' ')}`, OTHER, { from: ADMIN }) });
    await send({ message: said(`/add ${BRIDGE_ARTICLE}`, OTHER, { from: ADMIN }) });
    const dates = new ChatArticleStore(db).list(OTHER.id).map((a) => a.date);
    expect(dates).toEqual(['2016-12-08', new Date().toISOString().slice(0, 10)]);
  });

  it('keeps answering from memory when the database cannot be written, and tells the admin', async () => {
    const { calls, send } = await botOver(openDatabase(':memory:'), new Map(), { failWrites: true });
    await send({ message: said(`/add ${BRIDGE_ARTICLE}`, OTHER, { from: ADMIN }) });
    expect(sentTexts(calls).at(-1)).toContain('could not be saved');
    await send({ message: said(QUESTION, OTHER) });
    expect(sentTexts(calls).at(-1)).toContain('280 million euros');
  });
});
