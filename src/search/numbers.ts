/**
 * English number words as digits, so that "twenty-fifth anniversary",
 * "25th anniversary" and "25 years" share the term "25". Only the words a
 * reader writes for small numbers and ordinals; "million" and "billion"
 * stay words because they are the magnitude, not the figure.
 */

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const UNIT_ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TEN_ORDINALS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

const VALUES = new Map<string, number>();
UNITS.forEach((w, i) => VALUES.set(w, i));
UNIT_ORDINALS.forEach((w, i) => VALUES.set(w, i));
TENS.forEach((w, i) => w && VALUES.set(w, i * 10));
TEN_ORDINALS.forEach((w, i) => w && VALUES.set(w, i * 10));

/** The digits of a number word ("fifth" -> "5", "twenty-five" -> "25"), or undefined when it is none. */
export function numberWord(word: string): string | undefined {
  const whole = VALUES.get(word);
  if (whole !== undefined) return String(whole);
  const parts = word.split('-');
  if (parts.length !== 2) return undefined;
  const tens = VALUES.get(parts[0] ?? '');
  const unit = VALUES.get(parts[1] ?? '');
  if (tens === undefined || unit === undefined || tens % 10 !== 0 || tens < 20 || unit < 1 || unit > 9) return undefined;
  return String(tens + unit);
}
