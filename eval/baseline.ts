/**
 * Plain MiniSearch with its default options over the same sentences: the
 * yardstick `npm run eval` compares the engine against, so that every
 * figure in eval/RESULTS.md says how much the engine's own work adds.
 * Not used by the bot.
 */
import MiniSearch from 'minisearch';
import type { Corpus, Sentence } from '../src/corpus.ts';
import type { AskOptions, Ranking } from '../src/search/engine.ts';

/** Something that ranks sentences for a question, as {@link Engine} does. */
export interface Asker {
  ask(question: string, opts?: AskOptions): Ranking;
}

/**
 * `new MiniSearch({ fields: ['text'] })` and `search(question)` with default
 * options, as in the benchmark's baseline.mjs. It never abstains: any result
 * counts as a sure answer.
 */
export function createBaseline(corpus: Corpus): Asker {
  const sentences: Sentence[] = corpus.articles.flatMap((a) => a.sentences);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(sentences.map((s, id) => ({ id, text: s.text })));
  return {
    ask(question: string, opts: AskOptions = {}): Ranking {
      const limit = opts.limit ?? 5;
      const offset = opts.offset ?? 0;
      const results = index.search(question);
      const hits = results.slice(offset, offset + limit).map((r) => {
        const s = sentences[r.id as number];
        if (!s) throw new Error(`search: unknown sentence id ${String(r.id)}`);
        return { doc: s.doc, sentence: s.index, text: s.text, score: r.score, highlights: [] };
      });
      return { question, kind: results.length > 0 ? 'sure' : 'none', answered: results.length > 0, hits };
    },
  };
}
