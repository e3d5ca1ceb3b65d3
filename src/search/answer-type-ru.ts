/**
 * Question types for Russian questions and the Russian sentence spans that
 * answer them: the Russian half of answer-type.ts. «ё» is folded and words
 * are matched whole (JavaScript's `\b` only knows Latin letters).
 */
import type { AnswerType } from './answer-types.ts';
import { foldYo } from './analyze-ru.ts';

/** A whole-word pattern over lower-case, ё-folded text. */
const words = (alternatives: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})(?![\\p{L}\\p{N}])`, 'u');

const QUESTION_TYPES: Array<[AnswerType, RegExp]> = [
  [
    'date',
    words(
      'когда|во сколько|в котором часу|с каких пор|как давно|(в|с|до) (каком|какого|какой|котором) (году|года|годах|веке|века|месяце|месяца|день|дня|числа|время)|какого числа|какого года|какой год|какая дата|какое число',
    ),
  ],
  [
    'number',
    words(
      'сколько|скольк[а-я]+|как много|(какое|каково) (количество|число)|(какой|каков) (процент|размер|объем|возраст|рост|тираж)|(какая|какова) (сумма|доля|цена|стоимость|площадь|высота|длина|численность)',
    ),
  ],
  [
    'place',
    words(
      'где|откуда|куда|(в|на|из) (какой|каком|какую|какое|каких) (стране|городе|город|страну|месте|место|области|регионе|районе|улице|здании|доме|этаже)|(какой|какая|какое) (город|страна|место|улица|регион|район)',
    ),
  ],
  [
    'person',
    words(
      'кто|кого|кому|кем|чей|чья|чье|чьи|(какой|какая|какие|какое) (человек|люди|компания|организация|агентство|издание|фонд|министр|президент|диктор|дипломат|композитор|писатель|автор|пилот|участник|участники|жюри)',
    ),
  ],
];

/** The type a Russian question asks for ("сколько" a figure, "когда" a date), or undefined. */
export function russianQuestionType(question: string): AnswerType | undefined {
  const q = foldYo(question.toLowerCase());
  for (const [type, pattern] of QUESTION_TYPES) if (pattern.test(q)) return type;
  return undefined;
}

const MONTHS = '(январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)[ьяе]|ма[йяе]|март[ае]?|август[ае]?';
const NUMBER_WORDS =
  'один|одна|два|две|двое|три|трое|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать|сто|тысяч[а-яё]*|млн|млрд|тыс|миллион[а-яё]*|миллиард[а-яё]*|процент[а-яё]*|половин[а-яё]*|десятк[а-яё]*|сотн[а-яё]*';

/** Surface words in a Russian sentence that could answer each type. */
const SENTENCE_PATTERNS: Partial<Record<AnswerType, RegExp>> = {
  date: new RegExp(
    `(?<![\\p{L}\\p{N}])(\\d{1,2} (${MONTHS})|${MONTHS}|\\d{3,4}(-[а-яё]{1,3})? (год|гг?\\.)[а-яё]*|\\d{3,4}-[а-яё]{1,3}|[XVI]+ век[а-яё]*|\\d{1,2}:\\d{2}|\\d{1,2} час[а-яё]*)(?![\\p{L}\\p{N}])`,
    'giu',
  ),
  number: new RegExp(`(?<![\\p{L}\\p{N}])(${NUMBER_WORDS})(?![\\p{L}\\p{N}])`, 'giu'),
  place: /(?<![\p{L}\p{N}])(в|во|на|из|под|около|возле|у|под)\s+(\p{Lu}[\p{L}-]+(\s\p{Lu}[\p{L}-]+)*)/gu,
};

/**
 * For each answer type, the spans of a Russian sentence that could be the
 * answer; added to answer-type.ts's, whose name and figure patterns already
 * read Cyrillic capitals and digits (so `person` adds nothing here).
 */
export function russianTypedSpans(sentence: string): Partial<Record<AnswerType, string[]>> {
  const out: Partial<Record<AnswerType, string[]>> = {};
  for (const [type, pattern] of Object.entries(SENTENCE_PATTERNS) as Array<[AnswerType, RegExp]>) {
    const found: string[] = [];
    for (const m of sentence.matchAll(pattern)) {
      const text = (type === 'place' ? m[2] : m[0]) ?? '';
      if (text.trim() !== '') found.push(text);
    }
    if (found.length > 0) out[type] = found;
  }
  return out;
}
