import { describe, expect, it } from 'vitest';
import { analyze, normalizeTerm } from '../../src/search/analyze.ts';
import { normalizeRussianTerm, russianNumberWord, transliterate } from '../../src/search/analyze-ru.ts';
import { questionType } from '../../src/search/answer-type.ts';
import { fixQuestionWords } from '../../src/search/typos.ts';

describe('normalizeRussianTerm', () => {
  // Each row: word forms a reader and an article use for the same thing; they must share one term.
  it.each([
    ['case endings of a noun', ['пожар', 'пожара', 'пожаре', 'пожаром']],
    ['singular and plural', ['этаж', 'этажи', 'этажей', 'этаже']],
    ['adjective forms', ['русской', 'русскую', 'русский']],
    ['noun cases after prepositions', ['службой', 'службу', 'служба']],
    ['ё folded: the article writes «ё», readers do not', ['Сигачёв', 'сигачев']],
    ['capitals do not matter', ['Москва', 'москва']],
    ['a figure and its case ending', ['12-м', '12']],
    ['an ordinal word and the figure', ['двенадцатом', '12']],
    ['a cardinal word in two cases', ['пять', 'пяти']],
  ])('%s', (_why, forms) => {
    const terms = new Set(forms.map((w) => analyze(w, 'query').join(' ')));
    expect(terms.size, [...terms].join(' | ')).toBe(1);
  });

  it.each(['в', 'на', 'и', 'что', 'кто', 'где', 'когда', 'сколько', 'это', 'ещё', 'пожалуйста'])('drops the stop word «%s»', (w) => {
    expect(normalizeRussianTerm(w)).toBe('');
  });

  it('keeps the content words of a question and drops the rest', () => {
    expect(analyze('Сколько человек погибло при пожаре?', 'query')).toEqual(['человек', 'погибл', 'пожар']);
  });
});

describe('russianNumberWord', () => {
  it.each([
    ['пять', '5'],
    ['пятом', '5'],
    ['двенадцатом', '12'],
    ['двое', '2'],
    ['третьем', '3'],
    ['двадцати', '20'],
    ['сто', '100'],
    ['дом', undefined],
    ['семья', undefined],
  ])('%s -> %s', (word, want) => {
    expect(russianNumberWord(word)).toBe(want);
  });

  // A figure in an English question must find a Russian sentence: magnitudes become the English side's terms.
  it.each([
    ['млн', 'million'],
    ['миллиона', 'million'],
    ['млрд', 'billion'],
    ['тыс', 'thousand'],
    ['тысяч', 'thousand'],
  ])('%s is the English term for %s', (word, english) => {
    expect(normalizeTerm(word)).toBe(normalizeTerm(english));
  });

  it('reads a number word the same in both languages', () => {
    expect(normalizeTerm('пять')).toBe(normalizeTerm('five'));
  });
});

describe('transliterate', () => {
  it.each([
    ['Набоков', 'nabokov'],
    ['Шаболовка', 'shabolovka'],
    ['Чарльз', 'charlz'],
    ['Афипский', 'afipsky'],
    ['Сигачёв', 'sigachev'],
    ['Wiki', undefined],
  ])('%s -> %s', (word, want) => {
    expect(transliterate(word)).toBe(want);
  });

  it('indexes a Russian name in Latin letters too, but not the question side', () => {
    expect(analyze('Композитор Николай Набоков')).toContain('nabokov');
    expect(analyze('композитор набоков', 'query')).not.toContain('nabokov');
  });
});

describe('questionType (Russian)', () => {
  it.each([
    ['сколько погибло', 'number'],
    ['скольок погибло', undefined],
    ['когда это было', 'date'],
    ['в каком году начали', 'date'],
    ['во сколько упал самолет', 'date'],
    ['где был пожар', 'place'],
    ['на каком этаже начался пожар', 'place'],
    ['кто руководил службой', 'person'],
    ['почему перенесли этап', undefined],
  ])('%s -> %s', (question, want) => {
    expect(questionType(question)).toBe(want);
  });
});

describe('fixQuestionWords (Russian)', () => {
  const unknown = (): boolean => false;
  it.each([
    ['скольок погибло', 'сколько погибло'],
    ['когад это было', 'когда это было'],
    // Three-letter words are too often one edit from "кто" or "где" to be read as them.
    ['кот погиб', 'кот погиб'],
  ])('%s -> %s', (question, want) => {
    expect(fixQuestionWords(question, unknown)).toBe(want);
  });
});
