import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import type { InlineQueryResultArticle, Update } from 'grammy/types';
import type { BotContext } from '../../src/bot/context.ts';
import { createBot } from '../../src/bot/create.ts';
import { decodeStartPayload } from '../../src/bot/deeplink.ts';
import { INLINE_RESULTS } from '../../src/bot/features/inline.ts';
import type { Library } from '../../src/library.ts';
import { bridgeLibrary, KIND_QUESTIONS, seedLibrary } from '../support/engine.ts';
import { BOT_INFO, record, TEST_TOKEN, USER, type Call } from '../support/recorder.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

let bot: Bot<BotContext>;
let calls: Call[];
beforeEach(() => {
  bot = createBot({ token: TEST_TOKEN, library: () => library, botInfo: BOT_INFO });
  calls = record(bot);
});

let nextId = 1;
async function inlineQuery(query: string, language = 'en'): Promise<{ results: InlineQueryResultArticle[]; payload: Record<string, unknown> }> {
  await bot.handleUpdate({ update_id: nextId, inline_query: { id: `q${nextId++}`, from: { ...USER, language_code: language }, query, offset: '' } } as Update);
  const answers = calls.filter((c) => c.method === 'answerInlineQuery');
  expect(answers).toHaveLength(1);
  const payload = answers[0]!.payload;
  return { results: payload.results as InlineQueryResultArticle[], payload };
}

const html = (r: InlineQueryResultArticle): string => (r.input_message_content as { message_text: string }).message_text;

describe('inline mode', () => {
  it('lists up to five passages for a question: shortened sentence as title, the article as description, the match in bold with the source', async () => {
    const { results, payload } = await inlineQuery('what was the 2014 trade volume?');
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(INLINE_RESULTS);
    const best = results[0]!;
    expect(best.type).toBe('article');
    expect(best.title.length).toBeLessThanOrEqual(64);
    // The article, marked or not by the kind (see below).
    expect(best.description).toContain(library.articles[0]!.title);
    expect(html(best)).toContain('$1.1 billion');
    expect(html(best)).toMatch(/<b>trade<\/b>/);
    expect(html(best)).toContain('Kazinform');
    expect((best.input_message_content as { parse_mode?: string }).parse_mode).toBe('HTML');
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    expect(payload.cache_time).toBeGreaterThan(0);
  });

  it('lists the key facts for an empty query', async () => {
    const { results } = await inlineQuery('');
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.length).toBeLessThanOrEqual(INLINE_RESULTS);
    expect(results.map(html).join('\n')).toMatch(/<b>[^<]+<\/b>/);
  });

  it('offers a button into the private chat when the article does not answer, carrying the question', async () => {
    const { results, payload } = await inlineQuery('capital of France');
    expect(results).toEqual([]);
    const button = payload.button as { text: string; start_parameter: string };
    expect(button.text).toContain('Not in the article');
    expect(decodeStartPayload(button.start_parameter)).toBe('capital of France');
  });

  it('escapes what the article says in the message it posts', async () => {
    const { results } = await inlineQuery('trade');
    for (const r of results) expect(html(r)).not.toMatch(/<(?!\/?(b|i)>)/);
  });
});

describe('inline mode, by kind', () => {
  const bridge = bridgeLibrary();
  const title = bridge.articles[0]!.title;
  beforeEach(() => {
    bot = createBot({ token: TEST_TOKEN, library: () => bridge, botInfo: BOT_INFO });
    calls = record(bot);
  });

  // Only the description says the kind: the posted message is a cited quotation either way, chosen knowingly.
  it.each<[kind: string, query: string, description: string]>([
    ['sure', KIND_QUESTIONS.sure, title],
    ['closest', KIND_QUESTIONS.closest, `The article may not say exactly · ${title}`],
  ])('%s ("%s"): every result is described as "%s"', async (_kind, query, description) => {
    const { results } = await inlineQuery(query);
    expect(results.length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect(r.description).toBe(description);
    expect(html(results[0]!)).toContain(title);
    expect(html(results[0]!)).not.toContain('may not say');
  });

  it('says so in Russian for a Russian reader', async () => {
    const { results } = await inlineQuery(KIND_QUESTIONS.closest, 'ru');
    expect(results[0]!.description).toBe(`Возможно, в статье нет точного ответа · ${title}`);
  });

  it('lists nothing for a question of kind none, and offers the private chat', async () => {
    const { results, payload } = await inlineQuery(KIND_QUESTIONS.none);
    expect(results).toEqual([]);
    expect(decodeStartPayload((payload.button as { start_parameter: string }).start_parameter)).toBe(KIND_QUESTIONS.none);
  });
});
