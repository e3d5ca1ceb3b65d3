import { describe, expect, it } from 'vitest';
import { realArticles } from '../../bench/corpora.ts';
import { createRandom, generateArticle, generatedName, mixSeed, trainModel, type TextModel } from '../../bench/generate.ts';
import { parseArticle } from '../../src/corpus.ts';

let model: TextModel | undefined;
async function realModel(): Promise<TextModel> {
  model ??= trainModel(await realArticles());
  return model;
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe('mixSeed', () => {
  it('gives neighbouring articles unrelated seeds', () => {
    expect(new Set([0, 1, 2, 3].map((i) => mixSeed(42, i))).size).toBe(4);
    expect(mixSeed(42, 0)).not.toBe(mixSeed(43, 0));
  });
});

describe('generateArticle', () => {
  it('is reproducible: the same seed and index give the same text', async () => {
    const m = await realModel();
    expect(generateArticle(m, 42, 5)).toBe(generateArticle(m, 42, 5));
    expect(generateArticle(m, 42, 5)).not.toBe(generateArticle(m, 43, 5));
    expect(generateArticle(m, 42, 5)).not.toBe(generateArticle(m, 42, 6));
  });

  it('writes an article the bot reads as a title and sentences of realistic length', async () => {
    const m = await realModel();
    const lengths: number[] = [];
    for (let i = 0; i < 40; i++) {
      const article = parseArticle(`g${i}`, generateArticle(m, 1, i));
      expect(article.hasTitleLine, `article ${i}`).toBe(true);
      expect(article.sentences.length, `article ${i}`).toBeGreaterThanOrEqual(4);
      for (const s of article.sentences) lengths.push(s.text.split(' ').length);
    }
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const realMean = m.lengths.reduce((a, b) => a + b, 0) / m.lengths.length;
    // Within a fifth of the real articles' mean words per sentence.
    expect(Math.abs(mean - realMean) / realMean).toBeLessThan(0.2);
  });

  it('grows the vocabulary with new names instead of only reusing the training words', async () => {
    const m = await realModel();
    const training = new Set([...m.next.keys()].map((w) => w.replace(/\W+/g, '')));
    const words = new Set<string>();
    for (let i = 0; i < 20; i++) for (const w of generateArticle(m, 42, i).split(/\s+/)) words.add(w.replace(/\W+/g, ''));
    const fresh = [...words].filter((w) => /^[A-Z][a-z]+$/.test(w) && !training.has(w));
    expect(fresh.length).toBeGreaterThan(20);
  });
});

describe('generatedName', () => {
  it('sorts generated files after the real articles and in index order', () => {
    const names = [generatedName(10), generatedName(2), 'yuan-dynasty.txt', generatedName(100)].sort();
    expect(names).toEqual(['yuan-dynasty.txt', generatedName(2), generatedName(10), generatedName(100)]);
  });
});
