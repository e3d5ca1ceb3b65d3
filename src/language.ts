/**
 * The languages the bot reads, and which one a text is in.
 *
 * An article's language picks its sentence-splitting rules (Russian has «ёлочки»
 * and "т. е."); its words are analysed by their script (see search/analyze.ts),
 * so the same detection serves articles and questions. Script statistics are
 * enough while every language has its own script; a second Latin-script
 * language would need a real detector (franc-min, tinyld) here.
 */

/** A language the bot can split and analyse. */
export type Language = 'en' | 'ru';

/** Every supported language, the default first. */
export const LANGUAGES: readonly Language[] = ['en', 'ru'];

/** English, for a text with no letters at all ("2014", "?!"). */
export const DEFAULT_LANGUAGE: Language = 'en';

/** True for a known language code ("ru"), so a `lang:` line or file suffix can be checked. */
export function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language of a text by its letters: Russian when Cyrillic letters
 * outnumber Latin ones. A Russian article quoting "Wiki Loves Monuments" or a
 * question naming "ИТМО" in an English sentence is still read as a whole.
 */
export function detectLanguage(text: string): Language {
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyrillic === 0 && latin === 0) return DEFAULT_LANGUAGE;
  return cyrillic > latin ? 'ru' : 'en';
}

/** A language named by an article's file name ("fire.ru.txt" is Russian), if any. */
export function languageOfFileName(name: string): Language | undefined {
  const code = /\.([a-z]{2})\.(?:txt|md)$/i.exec(name)?.[1]?.toLowerCase();
  return code !== undefined && isLanguage(code) ? code : undefined;
}
