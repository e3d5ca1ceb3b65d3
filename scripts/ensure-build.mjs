#!/usr/bin/env node
// @ts-check
/**
 * Run before `npm start`, `npm run ask` and `npm run index`: builds dist/ when
 * it is missing or older than src/, so that `npm ci && npm start` on a fresh
 * clone, or after a `git pull`, runs the code as it is now. A fresh build
 * costs nothing but a file walk.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, ROOT, STAMP } from './build.mjs';

/**
 * Whether the build in `outDir` is missing or older than anything under
 * `srcDir` or than the build script itself. Folders count too: deleting or
 * renaming a file changes its folder's time.
 */
export async function isStale(srcDir = join(ROOT, 'src'), outDir = join(ROOT, 'dist'), inputs = [fileURLToPath(new URL('build.mjs', import.meta.url))]) {
  const built = await stat(join(outDir, STAMP)).catch(() => undefined);
  if (built === undefined) return true;
  const newest = Math.max(await newestIn(srcDir), ...(await Promise.all(inputs.map(async (f) => (await stat(f)).mtimeMs))));
  return newest > built.mtimeMs;
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
  process.stderr.write(`build: dist/ was missing or older than src/, rebuilt ${files} modules in ${Math.round(performance.now() - start)} ms\n`);
}
