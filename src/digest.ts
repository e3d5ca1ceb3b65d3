/**
 * What an article is about, at a glance: its key facts (sentences that carry
 * figures, dates and names), its lead, and its key topics.
 *
 * These feed `/facts`, `/summary`, `/topics`, the welcome's example questions
 * and the suggestions offered when a question is not covered. All derived
 * from the text alone, so any article dropped into the corpus gets them.
 */
import type { Article } from './corpus.ts';
import { MONTHS } from './dates.ts';
import { STOP_WORDS } from './search/analyze.ts';
import { mergeSpans, type Span } from './spans.ts';

/** A key fact: one sentence and the spans (figures, dates, names) worth bold. */
export interface Fact {
  index: number;
  text: string;
  highlights: Span[];
}

/** Money, percentages, numbers with units or scale words, years, and dates. */
const FIGURE = new RegExp(
  [
    String.raw`[$€£¥₽]\s?\d[\d,.]*(?:\s?(?:billion|million|thousand|trillion|bn|mn|m|k))?`,
    String.raw`\b\d[\d,.]*\s?(?:%|percent|per cent)`,
    String.raw`\b\d[\d,.]*(?:st|nd|rd|th)?\s(?:billion|million|thousand|trillion|years?|days?|months?|weeks?|people|tons?|km|miles?|kilometres?|kilometers?|anniversary)\b`,
    String.raw`\b\d{1,2}\s(?:${MONTHS})\b`,
    String.raw`\b(?:${MONTHS})\.?\s\d{1,2}(?:,\s\d{4})?\b`,
    String.raw`\b(?:1[5-9]|20)\d{2}s?\b`,
    String.raw`\b\d[\d,.]*(?:st|nd|rd|th)?\b`,
  ].join('|'),
  'gu',
);

/** Runs of capitalised words that are not just the sentence's first word. */
const NAME = /\b\p{Lu}[\p{L}'’-]*(?:\s+(?:of|the|de|van|von|al|for|and)?\s*\p{Lu}[\p{L}'’-]*)*/gu;

/** The article's key facts, best first by weight but returned in article order. */
export function keyFacts(article: Article, max = 6): Fact[] {
  const scored = article.sentences.map((s) => {
    const figures = spans(FIGURE, s.text);
    const names = spans(NAME, s.text).filter(([a, b]) => a > 0 || b - a > s.text.split(' ')[0]!.length);
    const score = figures.length * 2 + names.length + (s.index === 0 ? 1 : 0);
    return { index: s.index, text: s.text, highlights: mergeSpans([...figures, ...names]), score };
  });
  return scored
    .filter((f) => f.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map(({ index, text, highlights }) => ({ index, text, highlights }));
}

/** The lead: the first sentences, up to about `maxChars`, never cutting a sentence. */
export function lead(article: Article, maxChars = 500): string[] {
  const out: string[] = [];
  let length = 0;
  for (const s of article.sentences) {
    if (out.length > 0 && length + s.text.length > maxChars) break;
    out.push(s.text);
    length += s.text.length + 1;
  }
  return out;
}

/**
 * Words an article may repeat that are never what it is about: prepositions and
 * adverbs the search keeps (they matter in questions), and generic adjectives.
 * Offered as topics, they would be buttons nobody wants to press.
 */
const NOT_TOPICS = new Set([
  'about',
  'above',
  'across',
  'after',
  'against',
  'along',
  'among',
  'around',
  'before',
  'behind',
  'below',
  'beneath',
  'beside',
  'between',
  'beyond',
  'during',
  'except',
  'inside',
  'outside',
  'since',
  'through',
  'throughout',
  'toward',
  'towards',
  'under',
  'until',
  'within',
  'without',
  'upon',
  'whose',
  'which',
  'while',
  'where',
  'there',
  'these',
  'those',
  'their',
  'other',
  'others',
  'another',
  'every',
  'several',
  'various',
  'different',
  'certain',
  'known',
  'example',
  'examples',
  'however',
  'although',
  'including',
  'included',
  'include',
  'includes',
  'called',
  'years',
  'often',
  'usually',
  'later',
  'early',
  'first',
  'second',
  'third',
  'same',
  'such',
  'still',
  'already',
  'recent',
  'become',
  'became',
  'being',
  'using',
  'used',
  'making',
  'made',
  'because',
  'would',
  'could',
  'should',
  'might',
]);

/**
 * Key topics: names and content words that the article repeats, in their
 * most frequent surface form ("Kazakhstan", "cooperation", "trade").
 * Names count double; words of the title count a bit more. Scans the whole
 * article: the bot asks `Library.keyTopics`, which keeps the result.
 */
export function keyTopics(article: Article, max = 6): string[] {
  const counts = new Map<string, { form: string; score: number; first: number; forms: Map<string, number> }>();
  const bump = (form: string, weight: number, at: number): void => {
    const key = form.toLowerCase().replace(/['’]s?$/, '');
    if (key.length < 3 || STOP_WORDS.has(key) || NOT_TOPICS.has(key)) return;
    const entry = counts.get(key) ?? { form, score: 0, first: at, forms: new Map<string, number>() };
    entry.score += weight;
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    counts.set(key, entry);
  };
  const titleWords = new Set(article.title.toLowerCase().split(/\W+/));
  article.sentences.forEach((s, i) => {
    for (const [a, b] of spans(NAME, s.text)) {
      const name = s.text.slice(a, b).replace(/['’]s?$/, '');
      if (a === 0 && !name.includes(' ')) continue;
      bump(name, name.includes(' ') ? 2 : 1.5, i);
    }
    for (const word of s.text.match(/\b\p{Ll}[\p{L}-]{4,}\b/gu) ?? []) {
      bump(word, titleWords.has(word) ? 1.2 : 1, i);
    }
  });
  return [...counts.values()]
    .filter((e) => e.score >= 2 || counts.size < 10)
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .map((e) => [...e.forms.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? e.form)
    .filter((form, i, all) => !all.slice(0, i).some((prev) => prev.includes(form) || form.includes(prev)))
    .slice(0, max);
}

function spans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    const value = m[0].replace(/[\s,.]+$/, '');
    if (value.length > 0) out.push([start, start + value.length]);
  }
  return out;
}
