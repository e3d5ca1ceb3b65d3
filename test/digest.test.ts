import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus.ts';
import { keyTopics } from '../src/digest.ts';
import { BRIDGE_ARTICLE } from './support/engine.ts';

const article = (text: string) => parseArticle('t', text);

describe('keyTopics', () => {
  // Case, why, article, max, and what must come out (in order from the start, or `includes`/`excludes`).
  it.each<[name: string, why: string, text: string, max: number, expected: { first?: string[]; includes?: string[]; excludes?: string[]; length?: number }]>([
    [
      'the bridge item',
      'the word it repeats comes first; names stay whole, as written',
      BRIDGE_ARTICLE,
      3,
      { first: ['bridge', 'European Union', 'Mayor Elena Petrova'] },
    ],
    ['the bridge item, two topics', '`max` cuts the list, keeping the order', BRIDGE_ARTICLE, 2, { first: ['bridge', 'European Union'], length: 2 }],
    [
      'possessives and connectives',
      '"storm\'s" counts as "storm"; a connective is never what an article is about',
      "Storm\n\nThe storm hit the coast. However, the storm weakened. The storm's winds fell, although the storm surge stayed high.\n",
      6,
      { first: ['storm'], excludes: ["storm's", 'However', 'however', 'although'] },
    ],
    [
      'a name and its shorter mentions',
      'a shorter form of a name already offered would be the same button twice',
      'Talks\n\nPresident Emmanuel Macron met Chancellor Olaf Scholz. Macron said Scholz agreed. Emmanuel Macron left. Olaf Scholz stayed.\n',
      6,
      { first: ['President Emmanuel Macron', 'Chancellor Olaf Scholz'], excludes: ['Macron', 'Emmanuel Macron', 'Scholz', 'Olaf Scholz'] },
    ],
    [
      'a very short article',
      'with few words, a word said once still counts: there is nothing else to offer',
      'Quiet day\n\nNothing happened today.\n',
      6,
      { includes: ['happened', 'today'] },
    ],
  ])('%s: %s', (_name, _why, text, max, expected) => {
    const topics = keyTopics(article(text), max);
    if (expected.first) expect(topics.slice(0, expected.first.length)).toEqual(expected.first);
    for (const t of expected.includes ?? []) expect(topics).toContain(t);
    for (const t of expected.excludes ?? []) expect(topics).not.toContain(t);
    if (expected.length !== undefined) expect(topics).toHaveLength(expected.length);
    expect(topics.length).toBeLessThanOrEqual(max);
  });
});
