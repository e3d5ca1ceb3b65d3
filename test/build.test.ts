import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import lemmatizer from 'wink-lemmatizer';
import { buildDist, STAMP, vendorFile } from '../scripts/build.mjs';
import { isStale } from '../scripts/ensure-build.mjs';
import { BotApiStandIn } from './support/bot-api-stand-in.ts';
import { dataDir, ROOT } from './support/child.ts';
import { BOT_INFO, PRIVATE, TEST_TOKEN, USER } from './support/recorder.ts';

/**
 * Runs `node <file>` as `npm start` runs dist/main.js: a clean environment, `input` on stdin.
 * Without `env` it is console mode (BOT_TOKEN set but empty, so a developer's .env cannot switch the run to Telegram).
 */
function runNode(
  file: string,
  args: string[],
  input: string,
  env: Record<string, string> = { BOT_TOKEN: '' },
): Promise<{ code: number | null; stdout: string; stderr: string }> & { stop: () => void } {
  const proc = spawn(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir(), ...env },
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
    proc.stdin.end(input);
  });
  return Object.assign(done, { stop: () => proc.kill('SIGTERM') });
}

describe('buildDist (npm run build)', () => {
  // Inside the project, as dist/ is, so that node_modules resolves from the build.
  const out = join(ROOT, '.cache', `build-test-${process.pid}`, 'dist');
  beforeAll(async () => {
    await buildDist(out);
  });
  afterAll(async () => {
    await rm(join(out, '..'), { recursive: true, force: true });
  });

  it('builds a bot that plain node runs: the console answers a question from the seed article', async () => {
    const run = await runNode(join(out, 'main.js'), [], 'what was the 2014 trade volume?\n');
    expect(run.stderr).toContain('console mode');
    expect(run.stdout).toContain('record high trade of $1.1 billion');
    expect(run.code).toBe(0);
  });

  it('builds a bot that answers in Telegram: the bundled grammY polls the Bot API stand-in and replies, then stops on SIGTERM', async () => {
    const api = new BotApiStandIn({ token: TEST_TOKEN, botInfo: BOT_INFO });
    try {
      const run = runNode(join(out, 'main.js'), [], '', { BOT_TOKEN: TEST_TOKEN, BOT_API_ROOT: await api.start() });
      await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 20_000);
      api.pushUpdate({ message: { message_id: 1, date: 0, chat: PRIVATE, from: USER, text: 'what was the 2014 trade volume?' } });
      await api.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'));
      expect(String(api.callsOf('sendMessage')[0]?.payload.text)).toContain('$1.1 billion');
      run.stop();
      expect((await run).code).toBe(0);
    } finally {
      await api.close();
    }
  });

  it('builds a wink-lemmatizer that gives the same lemma as the original for every WordNet word', async () => {
    const built = ((await import(join(out, vendorFile('wink-lemmatizer')))) as { default: typeof lemmatizer }).default;
    const lexicon = createRequire(createRequire(import.meta.url).resolve('wink-lemmatizer'));
    // Words the tables hold, and words they must not hold: the tables have no prototype.
    const words = [...Object.keys(lexicon('wink-lexicon/src/wn-words.js') as object), 'constructor', '__proto__', 'toString', 'geese', 'was', 'better'];
    const differing = words.filter((w) => (['noun', 'verb', 'adjective'] as const).some((pos) => built[pos](w) !== lemmatizer[pos](w)));
    expect(differing).toEqual([]);
  });

  it('builds the ask command, whose decision model (a JSON import) and locales come along', async () => {
    const run = await runNode(join(out, 'cli.js'), ['--json', 'what was the 2014 trade volume?'], '');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ answered: true });
  });
});

describe('isStale (npm start builds first when needed)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensure-build-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A src/ with one file and a dist/ stamped at `builtAt`; times in seconds since the epoch. */
  async function tree(name: string, srcAt: number, builtAt?: number): Promise<{ src: string; dist: string }> {
    const src = join(dir, name, 'src');
    const dist = join(dir, name, 'dist');
    await mkdir(join(src, 'bot'), { recursive: true });
    await writeFile(join(src, 'bot', 'a.ts'), '');
    for (const p of [join(src, 'bot', 'a.ts'), join(src, 'bot'), src]) await utimes(p, srcAt, srcAt);
    if (builtAt !== undefined) {
      await mkdir(dist, { recursive: true });
      await writeFile(join(dist, STAMP), '');
      await utimes(join(dist, STAMP), builtAt, builtAt);
    }
    return { src, dist };
  }

  it.each([
    { why: 'no build yet (a fresh clone)', srcAt: 1000, builtAt: undefined, stale: true },
    { why: 'a source file changed after the build', srcAt: 2000, builtAt: 1000, stale: true },
    { why: 'nothing changed since the build', srcAt: 1000, builtAt: 2000, stale: false },
  ])('$why: stale = $stale', async ({ why, srcAt, builtAt, stale }) => {
    const { src, dist } = await tree(why.replace(/\W+/g, '-'), srcAt, builtAt);
    expect(await isStale(src, dist, [])).toBe(stale);
  });

  it('counts a newer package install as a change: the packages are bundled into the build', async () => {
    const { src, dist } = await tree('reinstalled', 1000, 2000);
    const lock = join(dir, 'reinstalled', '.package-lock.json');
    await writeFile(lock, '');
    await utimes(lock, 3000, 3000);
    expect(await isStale(src, dist, [lock, join(dir, 'no-such-file')])).toBe(true);
  });

  it('counts a deleted source file as a change (its folder changes)', async () => {
    const { src, dist } = await tree('deleted', 1000, 2000);
    await rm(join(src, 'bot', 'a.ts'));
    expect(await isStale(src, dist, [])).toBe(true);
  });
});
