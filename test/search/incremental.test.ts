import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';
import { BRIDGE_ARTICLE } from '../support/engine.ts';

const VOLCANO =
  'Volcano erupts in Iceland\n\nThe volcano near Grindavik erupted on Monday night.\n\nAbout 3,000 residents were evacuated before the lava reached the town.';
const FIRE =
  'Forest fire in Greece\n\nA forest fire near Athens burned 20,000 hectares of pine forest.\n\nFirefighters from Italy and Cyprus joined the effort on Tuesday.';

function fresh(): ReturnType<typeof createEngine> {
  return createEngine({ dir: 'inline', articles: [parseArticle('bridge', BRIDGE_ARTICLE)] });
}

describe('Engine.add', () => {
  it('answers from an article added after the build, as if it had been built with it', () => {
    const added = fresh();
    added.add(parseArticle('volcano', VOLCANO));
    const built = createEngine({ dir: 'inline', articles: [parseArticle('bridge', BRIDGE_ARTICLE), parseArticle('volcano', VOLCANO)] });
    const q = 'How many residents were evacuated?';
    const a = added.ask(q);
    const b = built.ask(q);
    expect(a.hits[0]?.doc).toBe('volcano');
    expect(a.hits[0]?.text).toContain('3,000 residents');
    // Same index statistics, so the same scores and the same decision.
    expect(a.kind).toBe(b.kind);
    expect(a.hits.map((h) => [h.doc, h.sentence, h.score.toFixed(6)])).toEqual(b.hits.map((h) => [h.doc, h.sentence, h.score.toFixed(6)]));
  });

  it('replaces an article added again under the same id: only the new text answers', () => {
    const engine = fresh();
    engine.add(parseArticle('news', VOLCANO));
    engine.add(parseArticle('news', FIRE));
    expect(engine.corpus.articles.map((a) => a.id)).toEqual(['bridge', 'news']);
    expect(engine.ask('How many residents were evacuated?').hits.some((h) => h.text.includes('residents'))).toBe(false);
    expect(engine.ask('How many hectares burned?').hits[0]?.text).toContain('20,000 hectares');
  });
});

describe('Engine.remove', () => {
  it('forgets a removed article and keeps answering from the others', () => {
    const engine = fresh();
    engine.add(parseArticle('volcano', VOLCANO));
    expect(engine.remove('volcano')).toBe(true);
    expect(engine.remove('volcano')).toBe(false);
    expect(engine.ask('How many residents were evacuated?').hits.every((h) => h.doc === 'bridge')).toBe(true);
    expect(engine.ask('How much did the bridge cost?').hits[0]?.text).toContain('280 million');
  });

  it('scores the remaining articles as a build without the removed one would', () => {
    const engine = fresh();
    engine.add(parseArticle('volcano', VOLCANO));
    engine.remove('volcano');
    const q = 'How much did the bridge cost?';
    expect(engine.ask(q).hits.map((h) => h.score.toFixed(6))).toEqual(
      fresh()
        .ask(q)
        .hits.map((h) => h.score.toFixed(6)),
    );
  });
});
