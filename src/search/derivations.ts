/**
 * Other forms of a question word the article does not have. Readers ask in
 * their own words: "jobless rate?" about "the unemployment rate", "who
 * died" about "deaths", "sned" for "send". Stems and lemmas join inflections
 * (died ~ die) but not derivations (die ~ death) or swapped letters, so a
 * word the index lacks is also searched as:
 *
 * - the same word with two neighbouring letters swapped back ("sned" ->
 *   "send", "usres" -> "users"), the commonest typo, which costs two edits
 *   in the fuzzy search's distance and so falls outside its budget;
 * - its root without an agent or "-less" suffix ("jobless" -> "job",
 *   "winner" -> "win");
 * - the other members of its derivation family: English pairs whose stems
 *   differ (die, dead, death; high, height; sell, sale), general vocabulary,
 *   not drawn from any question.
 *
 * Only the forms the index has are searched, and only for words it lacks: a
 * word the article uses is what the reader meant.
 */

/**
 * Word families whose members stem apart. Derivations (and "jobless", the
 * news word for unemployment) only: a synonym table was tried on SQuAD and
 * cost accuracy (eval/NOTES.md).
 */
const FAMILIES = [
  ['die', 'dead', 'death', 'deadly', 'kill'],
  ['jobless', 'unemployed', 'unemployment'],
  ['born', 'birth'],
  ['lose', 'loss'],
  ['high', 'height'],
  ['long', 'length'],
  ['wide', 'width'],
  ['deep', 'depth'],
  ['strong', 'strength'],
  ['grow', 'growth'],
  ['sell', 'sale'],
  ['fly', 'flight'],
  ['speak', 'speech'],
  ['weigh', 'weight'],
  ['hot', 'heat'],
  ['true', 'truth'],
  ['live', 'life'],
  ['choose', 'choice'],
  ['prove', 'proof'],
  ['think', 'thought'],
  ['injure', 'injury'],
  ['marry', 'marriage'],
  ['arrive', 'arrival'],
  ['decide', 'decision'],
  ['explode', 'explosion'],
  ['destroy', 'destruction'],
  ['invade', 'invasion'],
  ['succeed', 'success'],
  ['fail', 'failure'],
  ['pay', 'payment'],
  ['sign', 'signature'],
  ['agree', 'agreement'],
  ['bury', 'burial'],
];

/** Suffixes whose removal leaves the root word ("jobless" -> "job", "winner" -> "win", "writer" -> "write"). */
const ROOT_SUFFIXES = ['less', 'ers', 'er', 'ors', 'or', 'ists', 'ist'];

/** A word's term, as the engine's analyzer makes it ("" for a stop word). */
type Normalize = (word: string) => string;

/** The family table in terms: each member's term -> the other members' terms. Built once per analyzer. */
export function familyTable(normalize: Normalize): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const family of FAMILIES) {
    const terms = [...new Set(family.map(normalize).filter((t) => t !== ''))];
    for (const t of terms) out.set(t, [...new Set([...(out.get(t) ?? []), ...terms.filter((u) => u !== t)])]);
  }
  return out;
}

/**
 * The terms the index has for a question word it lacks (`word` as typed, `term` its analyzed form): swapped
 * letters put back, the root without a suffix, the derivation family.
 */
export function relatedTerms(word: string, term: string, known: (t: string) => boolean, normalize: Normalize, families: Map<string, string[]>): string[] {
  const out = new Set<string>();
  const w = word.toLowerCase();
  const add = (t: string): void => {
    if (t !== '' && t !== term && known(t)) out.add(t);
  };
  if (w.length >= 4 && /^\p{L}+$/u.test(w)) {
    for (let i = 0; i + 1 < w.length; i++) if (w[i] !== w[i + 1]) add(normalize(w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2)));
  }
  for (const suffix of ROOT_SUFFIXES) {
    if (!w.endsWith(suffix) || w.length - suffix.length < 3) continue;
    const root = w.slice(0, -suffix.length);
    add(normalize(root));
    add(normalize(`${root}e`));
    // "winner" -> "win": a doubled consonant before the suffix.
    if (root.length >= 4 && root.at(-1) === root.at(-2)) add(normalize(root.slice(0, -1)));
  }
  for (const t of families.get(term) ?? []) add(t);
  return [...out];
}
