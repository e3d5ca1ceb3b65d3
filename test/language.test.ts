import { describe, expect, it } from 'vitest';
import { CorpusError, parseArticle } from '../src/corpus.ts';
import { detectLanguage, languageOfFileName } from '../src/language.ts';

describe('detectLanguage', () => {
  it.each([
    { text: 'Kazakhstan and Belarus signed a trade agreement.', want: 'en', why: 'Latin letters' },
    { text: 'В Краснодарском крае разбился спортивный самолет.', want: 'ru', why: 'Cyrillic letters' },
    { text: '«Вики любит памятники» (англ. Wiki Loves Monuments) — ежегодный фотоконкурс.', want: 'ru', why: 'a Russian sentence quoting an English name' },
    { text: 'The rector of ИТМО University spoke first.', want: 'en', why: 'an English sentence naming a Russian acronym' },
    { text: '2014 — 17:45', want: 'en', why: 'no letters: the default' },
  ])('$why', ({ text, want }) => {
    expect(detectLanguage(text)).toBe(want);
  });
});

describe('languageOfFileName', () => {
  it.each([
    ['fire.ru.txt', 'ru'],
    ['notes.EN.md', 'en'],
    ['fire.txt', undefined],
    ['fire.de.txt', undefined],
  ])('%s -> %s', (name, want) => {
    expect(languageOfFileName(name)).toBe(want);
  });
});

describe('parseArticle language', () => {
  const russian = 'Пожар в Москве\n\nВ пятницу в центре Москвы произошёл пожар. Погибли пять человек.';

  it('detects the language from the text and splits by its rules', () => {
    const a = parseArticle('fire', 'Пожар\n\nЗавод им. Кирова горел. Он закрыт.');
    expect(a.lang).toBe('ru');
    expect(a.sentences.map((s) => s.text)).toEqual(['Завод им. Кирова горел.', 'Он закрыт.']);
  });

  it('takes a first line "lang:" over the text, and drops it from the text', () => {
    const a = parseArticle('fire', `lang: en\n${russian}`);
    expect(a.lang).toBe('en');
    expect(a.title).toBe('Пожар в Москве');
  });

  it('takes a language suffix in the file name over the text', () => {
    expect(parseArticle('fire.en', russian, 'corpus/fire.en.txt').lang).toBe('en');
  });

  it('rejects a "lang:" line naming a language the bot does not read, saying which it does', () => {
    expect(() => parseArticle('fire', `lang: de\n${russian}`)).toThrow(CorpusError);
    expect(() => parseArticle('fire', `lang: de\n${russian}`)).toThrow(/the languages are en, ru/);
  });
});
