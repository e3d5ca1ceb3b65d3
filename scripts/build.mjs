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
 * Usage: node scripts/build.mjs [OUT_DIR]   (default dist/)
 */
import { build } from 'esbuild';
import { cp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
/** Written last, so its time is when a complete build finished (see ensure-build.mjs). */
export const STAMP = '.built';

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
      plugins: [keepImports],
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const start = performance.now();
  const outDir = process.argv[2] ?? join(ROOT, 'dist');
  const { files, assets } = await buildDist(outDir);
  process.stderr.write(
    `build: ${files} modules and ${assets} other files to ${relative(ROOT, outDir) || outDir} in ${Math.round(performance.now() - start)} ms\n`,
  );
}
