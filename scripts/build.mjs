#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`: src/ -> dist/, one JavaScript module per TypeScript module,
 * plus every other file under src/ (locales/*.ftl, search/decision.json), so
 * each `import.meta.url` path (the locales, the saved-index folder two levels
 * up) points where it did in src/. `npm start`, `npm run ask` and
 * `npm run index` run dist/; tests, eval and bench run src/ through tsx.
 *
 * It only transpiles, with esbuild: the same transform tsx applies to the
 * source the tests run. Type checking is `npm test`'s job (`tsc --noEmit`).
 * `tsc` emit (with rewriteRelativeImportExtensions) gives the same layout but
 * takes 5-8 s here against esbuild's 0.2 s, and `npm start` rebuilds whenever
 * src/ changed (scripts/ensure-build.mjs).
 *
 * Dependencies stay imports from node_modules, but one: wink-lemmatizer is
 * built into dist/vendor/ with its WordNet tables as JSON (see
 * {@link lexiconAsJson}), which halves the bot's start-up work.
 *
 * Usage: node scripts/build.mjs [OUT_DIR]   (default dist/)
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { cp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
/** Written last, so its time is when a complete build finished (see ensure-build.mjs). */
export const STAMP = '.built';
/** Where the built wink-lemmatizer goes, inside the output folder. */
export const VENDORED_LEMMATIZER = 'vendor/wink-lemmatizer.js';

/**
 * Builds src/ into `outDir`, replacing it whole: the build goes to a sibling
 * folder first and is renamed into place, so a bot starting meanwhile never
 * loads half of one. The output must sit inside the project so that
 * node_modules resolves from it.
 */
export async function buildDist(outDir = join(ROOT, 'dist')) {
  const files = (await readdir(SRC, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
  const code = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const assets = files.filter((f) => !f.endsWith('.ts'));
  const tmp = join(dirname(outDir), `.${relative(dirname(outDir), outDir)}-${process.pid}.tmp`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: code,
      outdir: tmp,
      outbase: SRC,
      // Bundling only so that the plugin below sees every import; all of them stay imports.
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Node 20.10+ has import attributes (`with { type: 'json' }`); esbuild's node20 table would strip them.
      supported: { 'import-attributes': true },
      logLevel: 'warning',
      plugins: [keepImports, useVendored(tmp)],
    });
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['wink-lemmatizer'],
      outfile: join(tmp, VENDORED_LEMMATIZER),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      plugins: [lexiconAsJson],
    });
    for (const file of assets) await cp(file, join(tmp, relative(SRC, file)));
    await writeFile(join(tmp, STAMP), `${new Date().toISOString()}\n`);
    await rm(outDir, { recursive: true, force: true });
    await rename(tmp, outDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { files: code.length, assets: assets.length };
}

/**
 * Leaves every relative import an import of the sibling output module (`./rank.ts` -> `./rank.js`).
 * @type {import('esbuild').Plugin}
 */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

/**
 * Points `import lemmatizer from 'wink-lemmatizer'` at the built copy, by a
 * path relative to the importing module's output file.
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function useVendored(outDir) {
  return {
    name: 'use-vendored',
    setup(b) {
      b.onResolve({ filter: /^wink-lemmatizer$/ }, (args) => {
        const from = dirname(join(outDir, relative(SRC, args.importer)));
        const path = relative(from, join(outDir, VENDORED_LEMMATIZER)).replaceAll('\\', '/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

/**
 * wink-lexicon's tables are JavaScript that builds a 77,000-word object one
 * assignment at a time (`words.zymase = 77252;`): 200-300 ms of start-up, the
 * largest single cost. The same data as one `JSON.parse` loads in about a
 * third of that. Checked at build time: the data must come back from JSON
 * exactly as it was, prototypes included.
 * @type {import('esbuild').Plugin}
 */
const lexiconAsJson = {
  name: 'lexicon-as-json',
  setup(b) {
    const require = createRequire(import.meta.url);
    b.onLoad({ filter: /[\\/]wink-lexicon[\\/]src[\\/][^\\/]+\.js$/ }, (args) => {
      const data = require(args.path);
      const json = JSON.stringify(data);
      // The word tables have no prototype, so that `words.constructor` is not a word: keep it that way.
      const bare = data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === null;
      const back = JSON.parse(json);
      if (bare) Object.setPrototypeOf(back, null);
      if (!isDeepStrictEqual(back, data)) throw new Error(`build: ${args.path} does not survive JSON; build wink-lemmatizer as it is`);
      const value = `JSON.parse(${JSON.stringify(json)})`;
      return { contents: `module.exports = ${bare ? `Object.setPrototypeOf(${value}, null)` : value};`, loader: 'js' };
    });
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const start = performance.now();
  const outDir = process.argv[2] ?? join(ROOT, 'dist');
  const { files, assets } = await buildDist(outDir);
  process.stderr.write(
    `build: ${files} modules and ${assets} other files to ${relative(ROOT, outDir) || outDir} in ${Math.round(performance.now() - start)} ms\n`,
  );
}
