#!/usr/bin/env node
// @ts-check
/**
 * Run before `npm start`, `npm run ask` and `npm run index`: builds dist/ when
 * it is missing or older than src/ or the installed packages, so that
 * `npm ci && npm start` on a fresh clone, or after a `git pull`, runs the code
 * as it is now. A fresh build costs nothing but a file walk.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, ROOT, STAMP } from './build.mjs';

/**
 * What else a build is made of: the build script, and the installed packages
 * (bundled into dist/vendor), whose versions change with the lock file and
 * whose installation npm records in node_modules/.package-lock.json.
 */
const INPUTS = [fileURLToPath(new URL('build.mjs', import.meta.url)), join(ROOT, 'package-lock.json'), join(ROOT, 'node_modules', '.package-lock.json')];

/**
 * Whether the build in `outDir` is missing or older than anything under
 * `srcDir` or than one of `inputs` (a missing input does not count). Folders
 * count too: deleting or renaming a file changes its folder's time.
 */
export async function isStale(srcDir = join(ROOT, 'src'), outDir = join(ROOT, 'dist'), inputs = INPUTS) {
  const built = await stat(join(outDir, STAMP)).catch(() => undefined);
  if (built === undefined) return true;
  const times = await Promise.all(inputs.map(async (f) => (await stat(f).catch(() => undefined))?.mtimeMs ?? 0));
  return Math.max(await newestIn(srcDir), ...times) > built.mtimeMs;
}

/** @param {string} dir @returns {Promise<number>} */
async function newestIn(dir) {
  let newest = (await stat(dir)).mtimeMs;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? await newestIn(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && (await isStale())) {
  const start = performance.now();
  const { files } = await buildDist();
  process.stderr.write(`build: dist/ was missing or out of date, rebuilt ${files} modules in ${Math.round(performance.now() - start)} ms\n`);
}
