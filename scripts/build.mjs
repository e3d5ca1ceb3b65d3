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
 * The packages src/ imports are bundled into dist/vendor/, one module each
 * (shared code, grammY itself above all, in one chunk, so there is one grammY),
 * and src/'s imports point there. Start-up is mostly loading code: a few
 * bundles instead of some 300 small files of node_modules (the i18n plugin's
 * Deno shim alone is a hundred), and wink-lexicon's tables as JSON (see
 * {@link lexiconAsJson}), take the seed article's start-up from about 0.5 s
 * of CPU to 0.4 s. Left in node_modules: see {@link NOT_BUNDLED}.
 *
 * Usage: node scripts/build.mjs [OUT_DIR]   (default dist/)
 */
import { createRequire } from 'node:module';
import { cp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
/** Written last, so its time is when a complete build finished (see ensure-build.mjs). */
export const STAMP = '.built';
/**
 * Packages imported from node_modules as they are: better-sqlite3 is a native
 * addon, and pino starts its transports (pino-pretty) in worker threads by
 * file name.
 */
const NOT_BUNDLED = ['better-sqlite3', 'pino', 'pino-pretty'];

/**
 * The bundle of a package (or package subpath) inside the output folder: `@grammyjs/i18n` -> `vendor/grammyjs-i18n.js`.
 * @param {string} specifier
 */
export function vendorFile(specifier) {
  return `vendor/${specifier.replace(/^@/, '').replaceAll('/', '-')}.js`;
}

/**
 * Builds src/ into `outDir`, replacing it whole: the build goes to a sibling
 * folder first and is renamed into place, so a bot starting meanwhile never
 * loads half of one. The output must sit inside the project, so that the
 * packages left in node_modules resolve from it.
 */
export async function buildDist(outDir = join(ROOT, 'dist')) {
  // Imported here, not above: esbuild is a development dependency, and ensure-build.mjs imports this
  // module on every npm start, also where `npm prune --omit=dev` has removed it after the build.
  const { build } = await import('esbuild');
  const files = (await readdir(SRC, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
  const code = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const assets = files.filter((f) => !f.endsWith('.ts'));
  const tmp = join(dirname(outDir), `.${relative(dirname(outDir), outDir)}-${process.pid}.tmp`);
  /** @type {Set<string>} Packages src/ imports, found while building it: the vendor build's entries. */
  const packages = new Set();
  const target = {
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('esm'),
    target: 'node20',
    absWorkingDir: ROOT,
    logLevel: /** @type {const} */ ('warning'),
  };
  await rm(tmp, { recursive: true, force: true });
  try {
    await build({
      ...target,
      entryPoints: code,
      outdir: tmp,
      outbase: SRC,
      // Bundling only so that the plugin below sees every import; all of them stay imports.
      bundle: true,
      // Node 20.10+ has import attributes (`with { type: 'json' }`); esbuild's node20 table would strip them.
      supported: { 'import-attributes': true },
      plugins: [keepImports(tmp, packages)],
    });
    await build({
      ...target,
      entryPoints: Object.fromEntries([...packages].map((p) => [vendorFile(p).replace(/\.js$/, ''), `vendor-entry:${p}`])),
      outdir: tmp,
      bundle: true,
      splitting: true,
      chunkNames: 'vendor/chunks/[name]-[hash]',
      external: NOT_BUNDLED,
      // What CommonJS code expects and an ES module lacks: its bundled `require('node:fs')` calls and `__dirname`.
      banner: {
        js: [
          "import { createRequire as __createRequire } from 'node:module';",
          "import { fileURLToPath as __fileURLToPath } from 'node:url';",
          'const require = __createRequire(import.meta.url);',
          'const __filename = __fileURLToPath(import.meta.url);',
          "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
        ].join('\n'),
      },
      plugins: [vendorEntries, lexiconAsJson],
    });
    for (const file of assets) await cp(file, join(tmp, relative(SRC, file)));
    await writeFile(join(tmp, STAMP), `${new Date().toISOString()}\n`);
    await rm(outDir, { recursive: true, force: true });
    await rename(tmp, outDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { files: code.length, assets: assets.length, packages: packages.size };
}

/**
 * Every import of src/ stays an import: a relative one of the sibling output
 * module (`./rank.ts` -> `./rank.js`), a package one of its bundle in vendor/
 * (`grammy` -> `../vendor/grammy.js`, collected into `packages`), except
 * node's own modules and {@link NOT_BUNDLED}.
 * @param {string} outDir
 * @param {Set<string>} packages
 * @returns {import('esbuild').Plugin}
 */
function keepImports(outDir, packages) {
  return {
    name: 'keep-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path.startsWith('.')) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
        const name = args.path
          .split('/')
          .slice(0, args.path.startsWith('@') ? 2 : 1)
          .join('/');
        if (args.path.startsWith('node:') || NOT_BUNDLED.includes(name)) return { path: args.path, external: true };
        packages.add(args.path);
        const from = dirname(join(outDir, relative(SRC, args.importer)));
        const path = relative(from, join(outDir, vendorFile(args.path))).replaceAll('\\', '/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

/**
 * The entry module of a package's bundle: re-exports, by name, everything
 * the package exports, names read by loading it now (a CommonJS package has
 * no static list for esbuild to follow).
 * @type {import('esbuild').Plugin}
 */
const vendorEntries = {
  name: 'vendor-entries',
  setup(b) {
    b.onResolve({ filter: /^vendor-entry:/ }, (args) => ({ path: args.path.slice('vendor-entry:'.length), namespace: 'vendor-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, async (args) => {
      const exported = /** @type {Record<string, unknown>} */ (await import(args.path));
      const names = Object.keys(exported).filter((n) => n !== 'default' && n !== '__esModule');
      const from = JSON.stringify(args.path);
      const contents = [
        names.length > 0 ? `export { ${names.join(', ')} } from ${from};` : '',
        'default' in exported ? `export { default } from ${from};` : '',
      ].join('\n');
      return { contents, resolveDir: ROOT, loader: 'js' };
    });
  },
};

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
  const { files, assets, packages } = await buildDist(outDir);
  process.stderr.write(
    `build: ${files} modules, ${packages} packages bundled and ${assets} other files to ${relative(ROOT, outDir) || outDir} in ${Math.round(performance.now() - start)} ms\n`,
  );
}
