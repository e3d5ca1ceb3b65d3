import { describe, expect, it } from 'vitest';
import { parseArticle, type Corpus } from '../../src/corpus.ts';
import { createEngine } from '../../src/search/engine.ts';

// One English and one Russian article side by side, as a corpus folder with both would hold them.
const english = parseArticle(
  'minsk-trade',
  `Kazakhstan and Belarus sign trade deal

date 2016-12-08 MINSK. KAZINFORM - Kazakhstan and Belarus signed a trade agreement on Thursday. Trade between the two countries reached 900 million dollars in 2015. The next meeting will be held in Astana.`,
);
const russian = parseArticle(
  'moscow-fire',
  `При пожаре в жилом доме в центре Москвы погибли пять человек

date 2006-10-20 МОСКВА. ВИКИНОВОСТИ - В результате пожара в жилом доме в центре Москвы вечером в пятницу погибли пять человек. Пожар в 17-этажном здании на улице Шаболовка возник около 20 часов. Очаг возгорания находился в квартире на 12-м этаже, сообщает «Интерфакс». Заместителем директора стал композитор Николай Набоков.`,
);
const corpus: Corpus = { dir: 'mixed', articles: [english, russian] };

describe('a mixed corpus (English and Russian articles in one index)', () => {
  const engine = createEngine(corpus);

  it("detects each article's language", () => {
    expect([english.lang, russian.lang]).toEqual(['en', 'ru']);
  });

  // Each case: a question, the article and the sentence that answers it, and why that one should win.
  it.each([
    {
      question: 'How much was trade between the countries in 2015?',
      doc: 'minsk-trade',
      holds: '900 million',
      why: 'an English question about the English article',
    },
    {
      question: 'где будет следующая встреча',
      doc: 'minsk-trade',
      holds: 'Astana',
      why: 'no Russian word is in the English article: refused, not answered from it',
      none: true,
    },
    {
      question: 'на каком этаже начался пожар',
      doc: 'moscow-fire',
      holds: '12-м этаже',
      why: "a Russian question, other word forms than the article's (этаже ~ этаж, пожар ~ пожара)",
    },
    { question: 'сколько погибших при пажаре', doc: 'moscow-fire', holds: 'пять человек', why: 'a typo (пажаре) and a number question' },
    { question: 'на какой улице был пожар', doc: 'moscow-fire', holds: 'Шаболовка', why: 'the street sentence names the street' },
    { question: 'Who is Nabokov?', doc: 'moscow-fire', holds: 'Набоков', why: 'an English question finds a Russian name through its transliteration' },
  ])('$why', ({ question, doc, holds, none }) => {
    const r = engine.ask(question);
    if (none) {
      expect(r.kind).toBe('none');
      return;
    }
    expect(r.kind).not.toBe('none');
    expect(r.hits[0]?.doc).toBe(doc);
    expect(r.hits[0]?.text).toContain(holds);
  });

  it("highlights the article's own words, «ё» and endings included", () => {
    const r = engine.ask('на каком этаже начался пожар');
    const hit = r.hits[0];
    expect(hit).toBeDefined();
    const bold = (hit?.highlights ?? []).map(([a, b]) => hit?.text.slice(a, b));
    expect(bold).toContain('этаже');
  });
});
