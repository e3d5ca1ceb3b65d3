/**
 * `npm run soak -- --minutes 10`: the real entry point against a Bot API
 * stand-in that behaves like Telegram (50-150 ms per call, unconfirmed
 * updates sent again at once, at most 100 per call, 1% of connections
 * dropped, occasional 429s), through four scenarios:
 *
 * 1. flood: 300 questions from 30 chats while one chat's first reply waits
 *    out a 20 s flood limit; how long every other chat waited for its answers;
 * 2. kill: kill -9 in the middle of a 200-question burst from 20 chats, then
 *    a restart on the same journal; questions lost, answered twice;
 * 3. webhook: SIGTERM while a webhook reply waits out a flood limit, then a
 *    restart; whether the reply was sent;
 * 4. mixed traffic for `--minutes`: private questions, group chatter and
 *    mentions, edits, button presses, inline queries, a flooder; the process
 *    must stay up, and every question gets its answer.
 *
 * Prints a table of the figures; the README's reliability section quotes a run.
 * Flags: --minutes N (default 10), --only flood|kill|webhook|mixed.
 */
import type { Update, User } from 'grammy/types';
import { BotApiStandIn, type Fault, type RecordedCall } from '../test/support/bot-api-stand-in.ts';
import { dataDir, runScript, type Child } from '../test/support/child.ts';
import { BOT_INFO } from '../test/support/recorder.ts';
import { postUpdate } from '../test/support/webhook-client.ts';

const TOKEN = '123456:AAsoaktokensoaktokensoaktokensoak00';
const BOT = BOT_INFO;
const SECRET = 'soak-secret_0123456789abcdef';
const LATENCY: [number, number] = [50, 150];
const QUESTIONS = [
  'what was the 2014 trade volume?',
  'who met in Minsk?',
  'what did the presidents discuss?',
  'what is the capital of France?',
  'when did they meet',
  'trade volum 2014',
  'who helped with chernobyl',
];

/** The real entry point as a child process (the tests' own launcher, so both start the bot the same way). */
const startBot = (env: Record<string, string>): Child => runScript('main.ts', [], { BOT_TOKEN: TOKEN, LOG_LEVEL: 'info', ...env });
/** Neither exited nor killed by a signal. */
const running = (bot: Child): boolean => bot.proc.exitCode === null && bot.proc.signalCode === null;

const person = (id: number): { chat: { id: number; type: 'private'; first_name: string }; from: User } => ({
  chat: { id, type: 'private', first_name: `P${id}` },
  from: { id, is_bot: false, first_name: `P${id}`, language_code: 'en' },
});
const repliesTo = (calls: RecordedCall[], chat: number, messageId: number): RecordedCall[] =>
  calls.filter(
    (c) =>
      c.method === 'sendMessage' && c.payload.chat_id === chat && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId,
  );
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

async function ready(api: BotApiStandIn, bot: Child, line: string): Promise<void> {
  await api.waitFor(() => bot.stderr().includes(line) || !running(bot), 60_000);
  if (!running(bot)) throw new Error(`soak: the bot exited during start-up: ${bot.stderr().slice(-2000)}`);
}

async function flood(): Promise<Record<string, string>> {
  const FLOODED = 1;
  let floodHits = 0;
  const fault = (method: string, _n: number, p: Record<string, unknown>): Fault | undefined => {
    if (method !== 'sendMessage' || p.chat_id !== FLOODED || floodHits > 0) return undefined;
    floodHits++;
    return { status: 429, retryAfter: 20 };
  };
  const api = new BotApiStandIn({ token: TOKEN, botInfo: BOT, latencyMs: LATENCY, maxPollMs: 25_000, fault });
  const bot = startBot({ BOT_API_ROOT: await api.start(), DATA_DIR: dataDir(), RATE_LIMIT_BURST: '0' });
  try {
    await ready(api, bot, 'main: long polling');
    const asked: Array<{ chat: number; messageId: number; at: number }> = [];
    for (let round = 0; round < 10; round++) {
      for (let chat = 1; chat <= 30; chat++) {
        const { chat: c, from } = person(chat);
        api.pushUpdate({ message: { message_id: round + 1, date: 0, chat: c, from, text: QUESTIONS[(chat + round) % 3]! } });
        asked.push({ chat, messageId: round + 1, at: Date.now() });
      }
    }
    await api.waitFor((calls) => asked.filter((q) => q.chat !== FLOODED).every((q) => repliesTo(calls, q.chat, q.messageId).length > 0), 60_000);
    const waits = asked.filter((q) => q.chat !== FLOODED).map((q) => repliesTo(api.calls, q.chat, q.messageId)[0]!.at - q.at);
    const floodedAnswered = asked.filter((q) => q.chat === FLOODED && repliesTo(api.calls, q.chat, q.messageId).length > 0).length;
    await api.waitFor((calls) => asked.every((q) => repliesTo(calls, q.chat, q.messageId).length > 0), 60_000);
    const floodedDone = Math.max(...asked.filter((q) => q.chat === FLOODED).map((q) => repliesTo(api.calls, q.chat, q.messageId)[0]!.at - q.at));
    return {
      'other chats answered': `${waits.length} of 290`,
      'their wait, median / max': `${percentile(waits, 0.5)} / ${Math.max(...waits)} ms`,
      'flooded chat answered during its wait': `${floodedAnswered} of 10`,
      'flooded chat fully answered after': `${(floodedDone / 1000).toFixed(1)} s`,
    };
  } finally {
    bot.proc.kill('SIGKILL');
    await api.close();
  }
}

async function kill(): Promise<Record<string, string>> {
  const api = new BotApiStandIn({ token: TOKEN, botInfo: BOT, latencyMs: LATENCY, maxPollMs: 25_000 });
  const env = { BOT_API_ROOT: await api.start(), DATA_DIR: dataDir(), RATE_LIMIT_BURST: '0' };
  const first = startBot(env);
  let second: Child | undefined;
  try {
    await ready(api, first, 'main: long polling');
    const asked: Array<{ chat: number; messageId: number }> = [];
    for (let i = 0; i < 200; i++) {
      const { chat, from } = person(700 + (i % 20));
      api.pushUpdate({ message: { message_id: i + 1, date: 0, chat, from, text: QUESTIONS[i % 3]! } });
      asked.push({ chat: chat.id, messageId: i + 1 });
    }
    await api.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= 80, 60_000);
    const answeredAtKill = asked.filter((q) => repliesTo(api.calls, q.chat, q.messageId).length > 0).length;
    first.proc.kill('SIGKILL');
    await first.exited;
    second = startBot(env);
    await api.waitFor((calls) => asked.every((q) => repliesTo(calls, q.chat, q.messageId).length > 0), 120_000).catch(() => undefined);
    await sleep(2000);
    const lost = asked.filter((q) => repliesTo(api.calls, q.chat, q.messageId).length === 0).length;
    const twice = asked.filter((q) => repliesTo(api.calls, q.chat, q.messageId).length > 1).length;
    const resent = second
      .stderr()
      .split('\n')
      .filter((l) => l.includes('sent again')).length;
    return {
      'answered before the kill': `${answeredAtKill} of 200`,
      lost: `${lost}`,
      'answered twice': `${twice} (${((twice / 200) * 100).toFixed(1)}% of the burst)`,
      'replies on their way at the kill, sent again': `${resent}`,
    };
  } finally {
    second?.proc.kill('SIGTERM');
    await second?.exited;
    await api.close();
  }
}

async function webhook(): Promise<Record<string, string>> {
  let flooded = true;
  let hits = 0;
  const fault = (method: string): Fault | undefined => {
    if (method !== 'sendMessage' || !flooded) return undefined;
    hits++;
    return { status: 429, retryAfter: 30 };
  };
  const api = new BotApiStandIn({ token: TOKEN, botInfo: BOT, latencyMs: LATENCY, fault });
  const env = {
    BOT_API_ROOT: await api.start(),
    DATA_DIR: dataDir(),
    WEBHOOK_URL: 'https://bot.example.org/hook',
    WEBHOOK_SECRET: SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT: '2',
  };
  const first = startBot(env);
  let second: Child | undefined;
  try {
    await ready(api, first, 'main: webhook ready');
    const port = Number(/"port":(\d+)/.exec(first.stderr())?.[1]);
    const { chat, from } = person(900);
    const status = await postUpdate(port, '/hook', SECRET, { update_id: 1, message: { message_id: 1, date: 0, chat, from, text: QUESTIONS[0]! } } as Update);
    await api.waitFor(() => hits > 0, 10_000);
    first.proc.kill('SIGTERM');
    const code = await first.exited;
    flooded = false;
    second = startBot(env);
    const sent = await api
      .waitFor((calls) => calls.some((c) => c.method === 'sendMessage'), 30_000)
      .then(
        () => true,
        () => false,
      );
    return {
      'webhook answered Telegram': `${status}`,
      'exit code on SIGTERM': `${String(code)}`,
      'reply sent after the restart': sent ? `yes, ${api.callsOf('sendMessage').length} time(s)` : 'NO',
    };
  } finally {
    second?.proc.kill('SIGTERM');
    await second?.exited;
    await api.close();
  }
}

async function mixed(minutes: number): Promise<Record<string, string>> {
  const fault = (method: string): Fault | undefined =>
    method === 'sendMessage' && Math.random() < 0.01 ? { status: 429, retryAfter: 1 + Math.floor(Math.random() * 3) } : undefined;
  const api = new BotApiStandIn({ token: TOKEN, botInfo: BOT, latencyMs: LATENCY, maxPollMs: 25_000, dropRate: 0.01, fault });
  const bot = startBot({ BOT_API_ROOT: await api.start(), DATA_DIR: dataDir() });
  const group = { id: -100500, type: 'supergroup' as const, title: 'Readers' };
  const asked: Array<{ chat: number; messageId: number; at: number }> = [];
  const rss: number[] = [];
  let messageId = 1;
  let inline = 0;
  let buttons = 0;
  let ignored = 0;
  try {
    await ready(api, bot, 'main: long polling');
    const end = Date.now() + minutes * 60_000;
    let tick = 0;
    while (Date.now() < end && running(bot)) {
      tick++;
      const user = 1000 + Math.floor(Math.random() * 60);
      const { chat, from } = person(user);
      const roll = Math.random();
      const id = messageId++;
      const text = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!;
      if (roll < 0.4) {
        api.pushUpdate({ message: { message_id: id, date: 0, chat, from, text } });
        asked.push({ chat: chat.id, messageId: id, at: Date.now() });
      } else if (roll < 0.6) {
        api.pushUpdate({ message: { message_id: id, date: 0, chat: group, from, text: 'nice weather today' } });
        ignored++;
      } else if (roll < 0.7) {
        const mention = `@${BOT.username} ${text}`;
        api.pushUpdate({
          message: { message_id: id, date: 0, chat: group, from, text: mention, entities: [{ type: 'mention', offset: 0, length: BOT.username.length + 1 }] },
        });
        asked.push({ chat: group.id, messageId: id, at: Date.now() });
      } else if (roll < 0.8) {
        api.pushUpdate({ inline_query: { id: `iq${id}`, from, query: text.slice(0, 3 + Math.floor(Math.random() * 20)), offset: '', chat_type: 'sender' } });
        inline++;
      } else if (roll < 0.9) {
        const answer = [...api.callsOf('sendMessage')]
          .reverse()
          .find((c) => (c.payload.reply_markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard?.length);
        const data = (answer?.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard[0]?.[0]
          ?.callback_data;
        const result = answer?.result as { message_id: number } | undefined;
        if (answer && data && result) {
          const owner = Number(answer.payload.chat_id);
          api.pushUpdate({
            callback_query: {
              id: `cb${id}`,
              from: person(owner).from,
              chat_instance: 'x',
              data,
              message: { message_id: result.message_id, date: Math.floor(Date.now() / 1000), chat: person(owner).chat, text: String(answer.payload.text) },
            },
          });
          buttons++;
        }
      } else if (roll < 0.95) {
        const earlier = asked.filter((q) => q.chat > 0).at(-1);
        if (earlier)
          api.pushUpdate({
            edited_message: {
              message_id: earlier.messageId,
              date: 0,
              edit_date: 1,
              chat: person(earlier.chat).chat,
              from: person(earlier.chat).from,
              text: QUESTIONS[1]!,
            },
          });
      } else {
        // A flooder (one user of their own): 30 questions at once, of which the burst is answered and the rest get one notice.
        const flooder = person(999);
        for (let i = 0; i < 30; i++) api.pushUpdate({ message: { message_id: messageId++, date: 0, chat: flooder.chat, from: flooder.from, text } });
      }
      if (tick % 50 === 0 && bot.proc.pid) rss.push(await rssOf(bot.proc.pid));
      await sleep(100 + Math.random() * 300);
    }
    const alive = running(bot);
    await api.waitFor((calls) => asked.every((q) => repliesTo(calls, q.chat, q.messageId).length > 0), 60_000).catch(() => undefined);
    const waits = asked.map((q) => (repliesTo(api.calls, q.chat, q.messageId)[0]?.at ?? Number.POSITIVE_INFINITY) - q.at);
    const unanswered = waits.filter((w) => !Number.isFinite(w)).length;
    const twice = asked.filter((q) => repliesTo(api.calls, q.chat, q.messageId).length > 1).length;
    const inlineAnswered = api.callsOf('answerInlineQuery').length;
    const errors = bot
      .stderr()
      .split('\n')
      .filter((l) => l.includes('"level":50') || l.includes('"level":60')).length;
    return {
      minutes: `${minutes}`,
      'still running at the end': alive ? 'yes' : `NO (exit ${String(bot.proc.exitCode ?? bot.proc.signalCode)})`,
      'questions (private + group mentions)': `${asked.length}, unanswered ${unanswered}, answered twice ${twice}`,
      'ask-to-reply, median / p99': `${percentile(waits.filter(Number.isFinite), 0.5)} / ${percentile(waits.filter(Number.isFinite), 0.99)} ms`,
      'inline queries answered': `${inlineAnswered} of ${inline}`,
      'button presses sent': `${buttons}`,
      'ignored group chatter': `${ignored}`,
      'error lines in the log': `${errors}`,
      'RSS at start / end': rss.length > 0 ? `${rss[0]} / ${rss.at(-1)} MB` : 'n/a',
    };
  } finally {
    bot.proc.kill('SIGTERM');
    await bot.exited;
    await api.close();
  }
}

async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const minutes = Number(value('minutes') ?? 10);
  const only = value('only');
  const scenarios: Array<[string, () => Promise<Record<string, string>>]> = [
    ['flood: 300 questions, 30 chats, one flood-waited 20 s', flood],
    ['kill -9 mid-burst (200 questions, 20 chats), restart', kill],
    ['webhook: SIGTERM during a flood wait, restart', webhook],
    [`mixed traffic for ${minutes} min`, () => mixed(minutes)],
  ];
  for (const [name, run] of scenarios) {
    if (only !== undefined && !name.startsWith(only)) continue;
    const started = Date.now();
    process.stdout.write(`\n## ${name}\n`);
    const figures = await run();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`| ${k} | ${v} |\n`);
    process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak: ${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
