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

/** Letters of a text that decide its language (Cyrillic: U+0400–U+052F; Latin: basic, Latin-1, Extended-A/B and Additional). */
const LANGUAGE_SAMPLE = 1000;

/**
 * The language of a text by its letters: Russian when Cyrillic letters
 * outnumber Latin ones. A Russian article quoting "Wiki Loves Monuments" or a
 * question naming "ИТМО" in an English sentence is still read as a whole.
 */
export function detectLanguage(text: string): Language {
  // The first thousand letters say it: matching every letter of a long article by script regexes was a third of
  // loading a 10,000-article corpus.
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < text.length && cyrillic + latin < LANGUAGE_SAMPLE; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0400 && c <= 0x052f) cyrillic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff))
      latin++;
  }
  if (cyrillic === 0 && latin === 0) return DEFAULT_LANGUAGE;
  return cyrillic > latin ? 'ru' : 'en';
}

/** A language named by an article's file name ("fire.ru.txt" is Russian), if any. */
export function languageOfFileName(name: string): Language | undefined {
  const code = /\.([a-z]{2})\.(?:txt|md)$/i.exec(name)?.[1]?.toLowerCase();
  return code !== undefined && isLanguage(code) ? code : undefined;
}
