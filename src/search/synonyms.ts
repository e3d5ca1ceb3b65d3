/**
 * Common English paraphrases a reader uses for a word the article puts
 * differently ("buy" for "purchase", "start" for "begin"). A small curated
 * list of general English, not drawn from any evaluation question; each
 * group's words are interchangeable. Synonyms are searched at a low weight,
 * so that the article's own word always wins.
 */
const GROUPS: string[][] = [
  ['begin', 'start', 'commence'], ['end', 'finish', 'conclude'], ['buy', 'purchase', 'acquire'], ['sell', 'sale'],
  ['big', 'large', 'huge'], ['small', 'little', 'tiny'], ['kill', 'murder', 'slay'], ['build', 'construct', 'erect'],
  ['invent', 'devise'], ['country', 'nation', 'state'], ['city', 'town'], ['fight', 'battle', 'combat'], ['war', 'conflict'],
  ['leader', 'head', 'chief'], ['king', 'monarch', 'ruler'], ['cost', 'price'], ['job', 'occupation', 'profession'],
  ['author', 'writer'], ['allow', 'permit', 'let'], ['help', 'assist', 'aid'], ['show', 'demonstrate'],
  ['get', 'obtain', 'receive'], ['need', 'require'], ['try', 'attempt'], ['rich', 'wealthy'], ['old', 'ancient'],
  ['many', 'numerous'], ['law', 'legislation', 'statute'], ['choose', 'select', 'pick'], ['elect', 'vote'], ['area', 'region', 'zone'],
  ['pay', 'salary', 'wage'], ['main', 'principal', 'primary'], ['stop', 'halt', 'cease'], ['mistake', 'error'],
  ['goal', 'aim', 'objective'], ['cause', 'reason'], ['result', 'outcome', 'consequence'], ['ship', 'vessel', 'boat'],
  ['car', 'automobile'], ['doctor', 'physician'], ['home', 'house', 'residence'], ['die', 'death', 'dead'],
  ['born', 'birth'], ['marry', 'marriage', 'wed'], ['win', 'victory', 'triumph'], ['lose', 'defeat', 'loss'],
  ['found', 'establish', 'create'], ['rename', 'name'], ['grow', 'increase', 'rise'], ['fall', 'decrease', 'decline', 'drop'],
  ['speed', 'velocity'], ['agreement', 'treaty', 'accord', 'pact'], ['army', 'troops', 'force'],
  ['money', 'fund', 'funding'], ['company', 'firm', 'business', 'corporation'], ['talk', 'speak', 'discuss'],
  ['meet', 'meeting'], ['near', 'close'], ['fast', 'quick', 'rapid'],
  ['famous', 'renowned', 'notable'], ['important', 'significant'], ['biggest', 'largest'], ['smallest', 'least'],
  ['people', 'population', 'inhabitant', 'resident'], ['language', 'tongue'], ['religion', 'faith', 'belief'],
];

/** Maps each analyzed term to the analyzed terms of its group. */
export function buildSynonyms(analyze: (word: string) => string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of GROUPS) {
    const terms = [...new Set(group.flatMap((w) => analyze(w)))];
    for (const t of terms) out.set(t, [...new Set([...(out.get(t) ?? []), ...terms.filter((x) => x !== t)])]);
  }
  return out;
}
