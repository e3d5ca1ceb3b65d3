import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus.ts';
import { ARTICLE_KEY_LENGTH, articleKey, buildLibrary } from '../src/library.ts';
import { BRIDGE_ARTICLE, bridgeLibrary } from './support/engine.ts';

describe('articleKey', () => {
  it.each(['bridge', 'kazinform-2016-12-08-belarus-kazakhstan', 'статья о мосте', 'a:b', 'x'.repeat(500)])(
    'is short, base36 and the same every time for %j',
    (id) => {
      const key = articleKey(id);
      expect(key).toMatch(new RegExp(`^[0-9a-z]{${ARTICLE_KEY_LENGTH}}$`));
      expect(articleKey(id)).toBe(key);
    },
  );

  it('differs between ids that differ in one character', () => {
    expect(articleKey('a-1')).not.toBe(articleKey('a-2'));
  });
});

describe('Library', () => {
  const two = () =>
    buildLibrary({
      dir: 'inline',
      articles: [parseArticle('bridge', BRIDGE_ARTICLE), parseArticle('storm', 'Storm\n\nThe storm hit the coast. The storm weakened.\n')],
    });

  it('finds an article by its key, whatever its position', () => {
    const library = two();
    for (const article of library.articles) expect(library.articleByKey(articleKey(article.id))).toBe(article);
    // The same id in another corpus, at another position: the same key.
    const moved = buildLibrary({ dir: 'inline', articles: [parseArticle('a-first', 'First\n\nIt sorts first.\n'), ...library.articles] });
    expect(moved.articleByKey(articleKey('storm'))?.id).toBe('storm');
  });

  it.each(['0', '1', '9999', 'zzzzzzz', ''])('names no article with the key %j (a position from an older button, or a removed article)', (key) => {
    expect(two().articleByKey(key)).toBeUndefined();
  });

  it('keeps key topics per library: computed once, handed out as copies', () => {
    const library = bridgeLibrary();
    const article = library.articles[0]!;
    const first = library.keyTopics(article, 3);
    first.push('changed');
    expect(library.keyTopics(article, 3)).toEqual(['bridge', 'European Union', 'Mayor Elena Petrova']);
  });

  it('keeps its example questions, and a reloaded library gets its own', () => {
    const library = bridgeLibrary();
    const examples = library.exampleQuestions(3);
    expect(library.exampleQuestions(3)).toEqual(examples);
    const other = buildLibrary({
      dir: 'inline',
      articles: [parseArticle('storm', 'Storm\n\nThe storm hit the coast on Monday. The storm weakened by Tuesday.\n')],
    });
    expect(other.exampleQuestions(3)).not.toEqual(examples);
  });
});
