import { describe, expect, it } from 'vitest';
import { quoteBalance, splitSentences } from '../src/sentences.ts';

describe('splitSentences', () => {
  // Each case: real-news text and the sentences a reader sees in it.
  const cases: Array<{ why: string; text: string; want: string[] }> = [
    {
      why: 'decimals and currency do not end a sentence',
      text: 'Trade reached $1.1 billion in 2014. It fell to 0.9 bn later.',
      want: ['Trade reached $1.1 billion in 2014.', 'It fell to 0.9 bn later.'],
    },
    {
      why: 'U.S. inside a sentence is an abbreviation, not an end',
      text: 'The U.S. Environmental Protection Agency said so. Nobody objected.',
      want: ['The U.S. Environmental Protection Agency said so.', 'Nobody objected.'],
    },
    {
      why: 'U.S. at the end of a sentence, before a clear opener, ends it',
      text: 'He moved to the U.S. The next year he returned.',
      want: ['He moved to the U.S.', 'The next year he returned.'],
    },
    {
      why: 'month abbreviations before a day number',
      text: 'The talks began on Dec. 7 in Minsk. They ended a day later.',
      want: ['The talks began on Dec. 7 in Minsk.', 'They ended a day later.'],
    },
    {
      why: 'saint abbreviation before a proper name',
      text: 'The city lies on the St. Johns River. It grew fast.',
      want: ['The city lies on the St. Johns River.', 'It grew fast.'],
    },
    {
      why: 'initials of a person',
      text: 'British mathematician G. H. Hardy disliked applied work. He said so often.',
      want: ['British mathematician G. H. Hardy disliked applied work.', 'He said so often.'],
    },
    {
      why: 'a middle initial',
      text: 'The course was designed by William P. Bell. It opened in 1930.',
      want: ['The course was designed by William P. Bell.', 'It opened in 1930.'],
    },
    {
      why: 'titles such as Dr. and Mr.',
      text: 'Dr. Smith met Mr. Jones. They talked.',
      want: ['Dr. Smith met Mr. Jones.', 'They talked.'],
    },
    {
      why: 'a possessive ending in an apostrophe is not a quote',
      text: "Belarus' First Deputy Minister spoke. Kazakhstan's envoy listened.",
      want: ["Belarus' First Deputy Minister spoke.", "Kazakhstan's envoy listened."],
    },
    {
      why: 'a quotation spanning two sentences splits inside it, and the attribution stays with its sentence',
      text: '"We had a record year. We need to restore it," he said. Talks go on.',
      want: ['"We had a record year.', 'We need to restore it," he said.', 'Talks go on.'],
    },
    {
      why: 'a quoted sentence ending with its closing quote ends the sentence',
      text: 'She said: "It is over." Then she left.',
      want: ['She said: "It is over."', 'Then she left.'],
    },
    {
      why: 'question and exclamation marks end sentences',
      text: 'Was it worth it? Absolutely! Everyone agreed.',
      want: ['Was it worth it?', 'Absolutely!', 'Everyone agreed.'],
    },
    {
      why: 'e.g. and i.e. followed by lower case continue the sentence',
      text: 'Some metals, e.g. iron, rust. Others do not.',
      want: ['Some metals, e.g. iron, rust.', 'Others do not.'],
    },
    {
      why: 'a sentence ending in a closing bracket',
      text: 'It covers 20 mi (32 km). The road is new.',
      want: ['It covers 20 mi (32 km).', 'The road is new.'],
    },
    {
      why: 'extra whitespace and line breaks collapse',
      text: '  First  line\nwraps here.   Second. ',
      want: ['First line wraps here.', 'Second.'],
    },
    { why: 'empty text has no sentences', text: '   ', want: [] },
    { why: 'text without final punctuation is one sentence', text: 'No full stop here', want: ['No full stop here'] },
  ];
  it.each(cases)('$why', ({ text, want }) => {
    expect(splitSentences(text)).toEqual(want);
  });
});

describe('quoteBalance', () => {
  it.each([
    { text: '"We had a record year.', want: 1, why: 'opens a quotation that goes on' },
    { text: 'We need to restore it," he said.', want: -1, why: 'closes a quotation opened earlier' },
    { text: '"Done," he said.', want: 0, why: 'a whole quotation' },
    { text: 'No quotes at all.', want: 0, why: 'plain sentence' },
    { text: '“Curly opening only', want: 1, why: 'typographic quotes count too' },
  ])('$why', ({ text, want }) => {
    expect(quoteBalance(text)).toBe(want);
  });
});

describe('splitSentences (Russian)', () => {
  // Each case: Russian news text and the sentences a reader sees in it.
  const cases: Array<{ why: string; text: string; want: string[] }> = [
    {
      why: 'no break inside «ёлочки»: a quoted passage and its attribution are one sentence',
      text: '«Новости могут быть хорошими. Новости могут быть плохими. Мы расскажем вам правду», – с этой фразы началось вещание. Это произошло в 1942 году.',
      want: [
        '«Новости могут быть хорошими. Новости могут быть плохими. Мы расскажем вам правду», – с этой фразы началось вещание.',
        'Это произошло в 1942 году.',
      ],
    },
    {
      why: 'a quotation that is a whole sentence ends where it closes',
      text: 'Он сказал: «Всё кончено.» Потом он ушёл.',
      want: ['Он сказал: «Всё кончено.»', 'Потом он ушёл.'],
    },
    {
      why: 'an unclosed «, a typo, does not glue the rest of the paragraph together',
      text: 'Компания «Ромашка открылась. Она работает днём.',
      want: ['Компания «Ромашка открылась.', 'Она работает днём.'],
    },
    {
      why: '«англ.» before a capital is an abbreviation, not an end',
      text: '«Вики любит памятники» (англ. Wiki Loves Monuments) — фотоконкурс. Он ежегодный.',
      want: ['«Вики любит памятники» (англ. Wiki Loves Monuments) — фотоконкурс.', 'Он ежегодный.'],
    },
    {
      why: 'initials of a person',
      text: 'Президент А. Г. Лукашенко прибыл в Астану. Визит продлится два дня.',
      want: ['Президент А. Г. Лукашенко прибыл в Астану.', 'Визит продлится два дня.'],
    },
    {
      why: '«т. е.» continues the sentence; «т. д.» may end one',
      text: 'Он выступил, т. е. сказал речь. Были яблоки, груши и т. д. Потом все ушли.',
      want: ['Он выступил, т. е. сказал речь.', 'Были яблоки, груши и т. д.', 'Потом все ушли.'],
    },
    {
      why: '«г.» before a name is a town, «им.» and «ул.» are abbreviations',
      text: 'Завод им. Кирова стоит в г. Москва на ул. Шаболовка. Он закрыт.',
      want: ['Завод им. Кирова стоит в г. Москва на ул. Шаболовка.', 'Он закрыт.'],
    },
    {
      why: '«г.», «гг.» and «млн.» after a number may end a sentence',
      text: 'Это было в 1942 г. Тогда началась война. Это было в 1941–1945 гг. Выручка составила 5 млн. Это рекорд.',
      want: ['Это было в 1942 г.', 'Тогда началась война.', 'Это было в 1941–1945 гг.', 'Выручка составила 5 млн.', 'Это рекорд.'],
    },
    {
      why: "the dash of direct speech: a new utterance after a full stop, the author's words after «!»",
      text: '— Мы придём, — сказал он. — Ждите нас. «Приду!» — ответил брат. Все ушли.',
      want: ['— Мы придём, — сказал он.', '— Ждите нас.', '«Приду!» — ответил брат.', 'Все ушли.'],
    },
  ];
  it.each(cases)('$why', ({ text, want }) => {
    expect(splitSentences(text, 'ru')).toEqual(want);
  });

  it('leaves English splitting as it was: the Russian rules apply only when asked', () => {
    expect(splitSentences('He said «Go. Now» and left. They stayed.')).toEqual(['He said «Go.', 'Now» and left.', 'They stayed.']);
  });
});
