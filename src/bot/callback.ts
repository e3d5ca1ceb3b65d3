/**
 * Callback data of the bot's inline buttons: everything a button press needs
 * is in these at most 64 bytes plus the message the button sits under, so no
 * bot process has to remember anything between a reply and a press.
 *
 * Formats (fields separated by `:`, the topic text last because it may hold one):
 * - `m:<offset>:<ref>` More: the passages from rank `offset` on
 * - `c:<offset>:<count>:<ref>` Context: the same passages with the sentences around them
 * - `a:<ref>` ask: answer the question `ref` points at (topic buttons)
 * - `p:<command>:<article>` picker: run `/facts`, `/summary` or `/source` for the article with key `article`
 * - `h` home: a private chat that reads a channel's articles (a deep link) goes back to the shipped ones
 * - `g:<list>:<page>` a picker's ‹ › buttons: show page `page` (from 0) of the picker `list` (a picker command, or `remove`)
 *
 * A `ref` names the question: `r` is the message the answer replies to;
 * `t<article>:<topic>` is a topic of the article with key `article` (`t:<topic>`: of any article).
 *
 * Articles are named by their key (`articleKey` in `library.ts`), never by
 * position: a reload may add an article that sorts first, and an old button
 * must still mean its own article, or say that it is gone. Buttons of older
 * versions carried a position (digits); those decode to a key no article
 * has, so they get the same "gone" notice.
 */

/** Where a button finds its question. */
export type QuestionRef = { kind: 'reply' } | { kind: 'topic'; article?: string; topic: string };

/** Commands that show an article picker when the corpus has several articles. */
export const PICKER_COMMANDS = ['facts', 'summary', 'source'] as const;
export type PickerCommand = (typeof PICKER_COMMANDS)[number];

/** Every article picker that pages: the commands above and `/remove`. */
export const PICKER_LISTS = [...PICKER_COMMANDS, 'remove'] as const;
export type PickerList = (typeof PICKER_LISTS)[number];

/** What a button press asks for, decoded from its callback data. */
export type Action =
  | { kind: 'more'; offset: number; ref: QuestionRef }
  | { kind: 'context'; offset: number; count: number; ref: QuestionRef }
  | { kind: 'ask'; ref: QuestionRef }
  | { kind: 'pick'; command: PickerCommand; article: string }
  | { kind: 'page'; list: PickerList; page: number }
  | { kind: 'home' };

/** Telegram's limit for `callback_data`, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Encodes an action as callback data, shortening a topic so the whole fits in 64 bytes. */
export function encodeAction(action: Action): string {
  switch (action.kind) {
    case 'more':
      return fit(`m:${action.offset}:`, action.ref);
    case 'context':
      return fit(`c:${action.offset}:${action.count}:`, action.ref);
    case 'ask':
      return fit('a:', action.ref);
    case 'pick':
      return `p:${action.command}:${action.article}`;
    case 'page':
      return `g:${action.list}:${action.page}`;
    case 'home':
      return 'h';
  }
}

/**
 * An article key as it may stand in callback data: ours (`articleKey`, seven
 * base36 characters), or the position an older button carried (digits), which
 * names no article now.
 */
const KEY = String.raw`([0-9a-z]{7}|0|[1-9]\d{0,3})`;

/** Decodes callback data; undefined for anything malformed (forged data, unknown formats). */
export function decodeAction(data: string): Action | undefined {
  if (data === 'h') return { kind: 'home' };
  const int = String.raw`(0|[1-9]\d{0,3})`;
  let m = new RegExp(String.raw`^m:${int}:(.+)$`, 's').exec(data);
  if (m) {
    const ref = decodeRef(m[2] ?? '');
    return ref && { kind: 'more', offset: Number(m[1]), ref };
  }
  m = new RegExp(String.raw`^c:${int}:([1-9]\d?):(.+)$`, 's').exec(data);
  if (m) {
    const ref = decodeRef(m[3] ?? '');
    return ref && { kind: 'context', offset: Number(m[1]), count: Number(m[2]), ref };
  }
  m = /^a:(.+)$/s.exec(data);
  if (m) {
    const ref = decodeRef(m[1] ?? '');
    return ref && { kind: 'ask', ref };
  }
  m = new RegExp(String.raw`^p:(\w+):${KEY}$`).exec(data);
  if (m && (PICKER_COMMANDS as readonly string[]).includes(m[1] ?? '')) {
    return { kind: 'pick', command: m[1] as PickerCommand, article: m[2] ?? '' };
  }
  m = new RegExp(String.raw`^g:(\w+):${int}$`).exec(data);
  if (m && (PICKER_LISTS as readonly string[]).includes(m[1] ?? '')) {
    return { kind: 'page', list: m[1] as PickerList, page: Number(m[2]) };
  }
  return undefined;
}

function decodeRef(text: string): QuestionRef | undefined {
  if (text === 'r') return { kind: 'reply' };
  const m = new RegExp(String.raw`^t${KEY}?:(.+)$`, 's').exec(text);
  if (m && (m[2] ?? '').trim() !== '') return { kind: 'topic', ...(m[1] !== undefined ? { article: m[1] } : {}), topic: m[2] ?? '' };
  return undefined;
}

function fit(prefix: string, ref: QuestionRef): string {
  if (ref.kind === 'reply') return `${prefix}r`;
  const head = `${prefix}t${ref.article ?? ''}:`;
  const encoder = new TextEncoder();
  let topic = ref.topic;
  // Cut whole characters until it fits: a cut byte sequence would not be valid UTF-8.
  while (topic.length > 0 && encoder.encode(head + topic).length > CALLBACK_DATA_LIMIT) topic = [...topic].slice(0, -1).join('');
  return head + topic;
}
