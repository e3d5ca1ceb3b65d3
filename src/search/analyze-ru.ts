/**
 * The Russian side of text analysis: what analyze.ts does for a word in
 * Cyrillic. A word is analysed by its script, so a Russian article quoting
 * "Wiki Loves Monuments" and an English question naming "ИТМО" both work,
 * and the same term meets the same term whichever side it is on.
 *
 * Russian inflects where English does not ("пожар", "пожаре", "пожара"), so
 * the stemmer is Snowball's Russian one; readers never type «ё», so it is
 * folded to «е» first. Numbers and magnitudes become the same terms the
 * English side makes ("пять" ~ "five" ~ "5", "млн" ~ "million"), which is
 * what lets a figure in an English question find a Russian sentence.
 */
import { newStemmer } from 'snowball-stemmers';

const STEMMER = newStemmer('russian');
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** True when a word is written (at least partly) in Cyrillic: it is then analysed as Russian. */
export function isCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/** «ё» as «е»: articles write "Сигачёв", readers type "сигачев". */
export function foldYo(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/**
 * Russian words that carry no meaning in a question or a sentence, «ё»
 * folded: prepositions, conjunctions, pronouns, particles, forms of "быть",
 * the question words, and a reader's politeness and "the article says";
 * the same kinds of word as the English list in analyze.ts.
 */
export const RUSSIAN_STOP_WORDS = new Set(
  `
  а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей ему если
  есть еще же за здесь и из или им их к как какая какие каким каких каков какова каково каковы какого какой какое каком
  какую ко когда кого ком кому которая которого которое которой котором которую которые который которых кто кем ли либо
  мне может мы на над нам нас не него нее ней нем нет ни них но ну о об обо он она они оно от по под после почему при про
  с со так также такая такие такой такое там те тем то того тоже той только том ту тут ты у уж уже чего чей чем через что
  чтобы чья чье чьи эта эти это этого этой этом этот эту я
  сколько зачем откуда куда
  скажи скажите расскажи расскажите пожалуйста знаешь знаете подскажи подскажите
  статья статье статьи статью говорится сказано пишут написано
  `
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** The question words a typo is read back to ("скольок" -> "сколько"); see typos.ts. */
export const RUSSIAN_QUESTION_WORDS = [
  'сколько',
  'когда',
  'где',
  'кто',
  'что',
  'какой',
  'какая',
  'какое',
  'какие',
  'каком',
  'почему',
  'зачем',
  'откуда',
  'куда',
  'кого',
  'кому',
];

/**
 * Openers that point back to the sentence before ("Он отметил, что ...",
 * "Тогда вещание велось ..."): the Russian part of context.ts's list.
 */
export const RUSSIAN_LEANING_OPENERS = new Set([
  'он',
  'она',
  'оно',
  'они',
  'его',
  'ее',
  'их',
  'ему',
  'ей',
  'им',
  'это',
  'этот',
  'эта',
  'эти',
  'этим',
  'этой',
  'этом',
  'тогда',
  'там',
  'затем',
  'потом',
  'позже',
  'однако',
  'но',
  'также',
  'кроме',
  'поэтому',
  'таким',
  'тот',
  'та',
  'те',
]);

/**
 * Number words: a stem and the endings of its forms, cardinal and ordinal
 * ("пять", "пяти", "пятью", "пятый", "пятом"). Forms that are other words
 * too are left out ("семью" is also "family", "сорок" stays).
 */
const ORDINAL_ENDINGS = 'ый|ой|ий|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми|ья|ье|ьи|ьего|ьему|ьей|ьим|ьем|ью|ьих|ьими';
const NUMBER_FORMS: Array<[number, RegExp]> = [
  [1, /^(один|одна|одно|одного|одному|одним|одной|одну|перв(ый|ая|ое|ые|ого|ому|ым|ом|ой|ую|ых|ыми))$/],
  [2, /^(два|две|двух|двум|двумя|двое|двоих|втор(ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми))$/],
  [3, /^(три|трех|трем|тремя|трое|троих|трет(ий|ья|ье|ьи|ьего|ьему|ьей|ьим|ьем|ью|ьих|ьими))$/],
  [4, /^(четыре|четырех|четырем|четырьмя|четверо|четверт(ый|ая|ое|ые|ого|ому|ым|ом|ой|ую|ых|ыми))$/],
  [5, new RegExp(`^(пять|пяти|пятью|пятеро|пят(${ORDINAL_ENDINGS}))$`)],
  [6, new RegExp(`^(шесть|шести|шестью|шестеро|шест(${ORDINAL_ENDINGS}))$`)],
  [7, new RegExp(`^(семь|семи|седьм(${ORDINAL_ENDINGS}))$`)],
  [8, new RegExp(`^(восемь|восьми|восемью|восьмью|восьм(${ORDINAL_ENDINGS}))$`)],
  [9, new RegExp(`^(девять|девяти|девятью|девят(${ORDINAL_ENDINGS}))$`)],
  [10, new RegExp(`^(десять|десяти|десятью|десят(${ORDINAL_ENDINGS}))$`)],
  ...['один', 'две', 'три', 'четыр', 'пят', 'шест', 'сем', 'восем', 'девят'].map((head, i): [number, RegExp] => [
    11 + i,
    new RegExp(`^${head}надцат(ь|и|ью|${ORDINAL_ENDINGS})$`),
  ]),
  [20, new RegExp(`^двадцат(ь|и|ью|${ORDINAL_ENDINGS})$`)],
  [30, new RegExp(`^тридцат(ь|и|ью|${ORDINAL_ENDINGS})$`)],
  [40, new RegExp(`^(сорока|сороков(${ORDINAL_ENDINGS}))$`)],
  [50, new RegExp(`^(пятьдесят|пятидесяти|пятьюдесятью|пятидесят(${ORDINAL_ENDINGS}))$`)],
  [60, new RegExp(`^(шестьдесят|шестидесяти|шестьюдесятью|шестидесят(${ORDINAL_ENDINGS}))$`)],
  [70, new RegExp(`^(семьдесят|семидесяти|семьюдесятью|семидесят(${ORDINAL_ENDINGS}))$`)],
  [80, new RegExp(`^(восемьдесят|восьмидесяти|восемьюдесятью|восьмидесят(${ORDINAL_ENDINGS}))$`)],
  [90, new RegExp(`^(девяносто|девяноста|девяност(${ORDINAL_ENDINGS}))$`)],
  [100, new RegExp(`^(сто|ста|сот(${ORDINAL_ENDINGS}))$`)],
];

/** Magnitudes as the English side's terms, so "1,5 млн" and "1.5 million" share "million". */
const MAGNITUDES: Array<[string, RegExp]> = [
  ['thousand', /^(тыс|тысяч[аиуеь]?|тысячам|тысячами|тысячах|тысячей|тысячу)$/],
  ['million', /^(млн|миллион(а|у|ом|е|ы|ов|ам|ами|ах)?)$/],
  ['billion', /^(млрд|миллиард(а|у|ом|е|ы|ов|ам|ами|ах)?)$/],
  ['trillion', /^(трлн|триллион(а|у|ом|е|ы|ов|ам|ами|ах)?)$/],
];

/** The digits of a Russian number word ("двенадцатом" -> "12"), a magnitude's English term ("млн" -> "million"), or undefined. */
export function russianNumberWord(word: string): string | undefined {
  for (const [value, pattern] of NUMBER_FORMS) if (pattern.test(word)) return String(value);
  for (const [term, pattern] of MAGNITUDES) if (pattern.test(word)) return term;
  return undefined;
}

/**
 * A Russian word's term: lower case, «ё» folded, stop words dropped, a
 * number as its digits ("12-м" and "двенадцатом" are both "12") when
 * `numbers` is on, else the Snowball stem ("пожаре" -> "пожар").
 */
export function normalizeRussianTerm(word: string, numbers = true): string {
  const w = foldYo(word.toLowerCase());
  if (w === '' || RUSSIAN_STOP_WORDS.has(w)) return '';
  // "12м", "1947го": a figure with its case ending glued on.
  const figure = /^(\d+(?:[.,]\d+)?)\p{L}*$/u.exec(w);
  if (figure) return (figure[1] ?? w).replace(',', '.');
  if (numbers) {
    const n = russianNumberWord(w);
    if (n !== undefined) return n;
  }
  return STEMMER.stem(w);
}

/**
 * How analyze.ts splits a Cyrillic word with a hyphen, or undefined for the
 * usual rule: a figure with its ending ("12-м", "13-й", "1947-го") is the
 * figure alone, and "17-этажном" is the figure and the word.
 */
export function splitRussianWord(word: string, start: number): Array<{ word: string; start: number; length: number }> | undefined {
  const m = /^(\d+)-(\p{L}+)$/u.exec(word);
  if (!m || !isCyrillic(word)) return undefined;
  const digits = m[1] ?? '';
  const rest = m[2] ?? '';
  if (rest.length <= 3) return [{ word: digits, start, length: word.length }];
  return [
    { word: digits, start, length: digits.length },
    { word: rest, start: start + digits.length + 1, length: rest.length },
  ];
}

/** Cyrillic letters in Latin, as English-language news writes Russian names (BGN/PCGN, simplified). */
const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * A Cyrillic word in Latin letters ("Набоков" -> "nabokov", "Шаболовка" ->
 * "shabolovka"), or undefined for a word with no Cyrillic. Adjective
 * endings "-ий"/"-ый" are "-y", as in "Afipsky".
 */
export function transliterate(word: string): string | undefined {
  if (!isCyrillic(word)) return undefined;
  const w = foldYo(word.toLowerCase()).replace(/[иы]й$/, 'y');
  let out = '';
  for (const ch of w) out += LATIN[ch] ?? ch;
  return out;
}
