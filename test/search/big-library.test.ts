import { describe, expect, it } from 'vitest';
import { parseArticle, type Article, type Corpus } from '../../src/corpus.ts';
import { createEngine, Engine, type Ranking } from '../../src/search/engine.ts';
import { BRIDGE_ARTICLE } from '../support/engine.ts';

const VOLCANO =
  'Volcano erupts in Iceland\n\nThe volcano near Grindavik erupted on Monday night.\n\nAbout 3,000 residents were evacuated before the lava reached the town.';
const FIRE =
  'Forest fire in Greece\n\nA forest fire near Athens burned 20,000 hectares of pine forest.\n\nFirefighters from Italy and Cyprus joined the effort on Tuesday.';

/** Filler posts on other subjects, so the library is "big" for a small candidate budget. */
function filler(i: number): Article {
  const town = ['Lyon', 'Porto', 'Gdansk', 'Tartu', 'Split', 'Varna'][i % 6] ?? 'Lyon';
  return parseArticle(
    `filler-${String(i).padStart(2, '0')}`,
    `Council meeting ${i} in ${town}\n\nThe council of ${town} met on Wednesday to discuss parking and school meals.\n\nThe next meeting is planned for spring, the mayor of ${town} said.`,
  );
}

function corpus(): Corpus {
  const articles = [parseArticle('bridge', BRIDGE_ARTICLE), parseArticle('volcano', VOLCANO), parseArticle('fire', FIRE)];
  for (let i = 0; i < 30; i++) articles.push(filler(i));
  return { dir: 'inline', articles };
}

/** Only the best articles' sentences are scored: 6 sentences' worth, where the library has about 100. */
const BIG = { candidateSentences: 6 };
/** Every sentence scored, as in a small library. */
const ALL = { candidateSentences: 1_000_000 };

const top = (r: Ranking): [string, number, string] | undefined => (r.hits[0] ? [r.hits[0].doc, r.hits[0].sentence, r.hits[0].score.toFixed(9)] : undefined);

describe('a library bigger than the candidate budget', () => {
  // Each case: a question whose article is plain from its words; scoring only the candidates must give the same
  // first sentence, score and kind as scoring every sentence.
  const cases: Array<{ why: string; question: string; doc: string }> = [
    { why: 'a figure question about one post', question: 'How many residents were evacuated?', doc: 'volcano' },
    { why: 'a cost question: "euros" is rare, "bridge" names the post', question: 'How much did the bridge cost?', doc: 'bridge' },
    { why: 'a word the filler shares ("mayor") does not pull the answer away', question: 'What did Mayor Petrova say about the crossing?', doc: 'bridge' },
    { why: 'a typo ("hectars") is still expanded, within the candidates', question: 'How many hectars burned?', doc: 'fire' },
  ];
  for (const c of cases)
    it(`answers as scoring everything would: ${c.why}`, () => {
      const big = createEngine(corpus(), BIG).ask(c.question);
      const all = createEngine(corpus(), ALL).ask(c.question);
      expect(big.hits[0]?.doc).toBe(c.doc);
      expect(top(big)).toEqual(top(all));
      expect(big.kind).toBe(all.kind);
    });

  it('answers within one article when asked to (a comment under a post)', () => {
    const r = createEngine(corpus(), BIG).ask('When did it happen?', { doc: 'volcano' });
    expect(r.hits.every((h) => h.doc === 'volcano')).toBe(true);
  });

  it('answers the same after a save and a restore (the article index is rebuilt from the saved terms)', () => {
    const built = createEngine(corpus(), BIG);
    const restored = Engine.restore(corpus(), JSON.parse(JSON.stringify(built.serialize())) as ReturnType<Engine['serialize']>, BIG);
    for (const c of cases) expect(top(restored.ask(c.question))).toEqual(top(built.ask(c.question)));
  });

  it('finds an article added after the build, and forgets a removed one', () => {
    const engine = createEngine({ dir: 'inline', articles: corpus().articles.filter((a) => a.id !== 'volcano') }, BIG);
    expect(engine.ask('How many residents were evacuated?').hits[0]?.doc).not.toBe('volcano');
    engine.add(parseArticle('volcano', VOLCANO));
    expect(engine.ask('How many residents were evacuated?').hits[0]?.doc).toBe('volcano');
    engine.remove('volcano');
    expect(engine.ask('How many residents were evacuated?').hits.some((h) => h.doc === 'volcano')).toBe(false);
  });

  // Grown past the size where MiniSearch stops scoring (BIG), and kept small (ALL).
  it.each([
    ['big', BIG],
    ['small', ALL],
  ])('grown post by post (%s), answers as one built whole', (_, options) => {
    const all = corpus().articles;
    const grown = createEngine({ dir: 'inline', articles: [] }, options);
    for (const a of all) grown.add(a);
    const whole = createEngine({ dir: 'inline', articles: all }, options);
    for (const c of cases) {
      const a = grown.explain(c.question);
      const b = whole.explain(c.question);
      expect(top(a.ranking)).toEqual(top(b.ranking));
      // The decision's evidence too: it reads the corpus statistics (sentence count, IDF) that every add updates.
      expect(a.evidence).toEqual(b.evidence);
    }
  });

  it('cannot be saved once an article was removed: a saved index is read back over the articles in order', () => {
    const engine = createEngine(corpus(), BIG);
    expect(engine.intact).toBe(true);
    expect(() => engine.serialize()).not.toThrow();
    engine.remove('volcano');
    expect(engine.intact).toBe(false);
    expect(() => engine.serialize()).toThrow(/removed articles/);
  });
});
