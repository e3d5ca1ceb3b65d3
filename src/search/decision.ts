/**
 * Whether the best sentence answers the question: sure, closest or none.
 *
 * "None" is a rule: no content word of the question (exactly, as a
 * compound, or through typo tolerance) is anywhere in the article, so there
 * is nothing related to show. Between "sure" and "closest" a small logistic
 * regression decides, over evidence a reader would weigh too: how much of
 * the question the sentence covers (rare words counting most), whether the
 * question's key term (a name, a figure, or its rarest word) is in it, how
 * much of the question the article does not mention at all, whether the
 * sentence holds what the question asks for (a figure for "how many"), and
 * how clearly it beats the runner-up. The weights are fitted by
 * `npm run fit` (eval/fit.ts) on the tuning split and read from
 * decision.json at start-up.
 */
import model from './decision.json' with { type: 'json' };
import type { AnswerType } from './answer-type.ts';
import type { SentenceFeatures } from './features.ts';
import { matchedTerms, type Candidate, type Match } from './rank.ts';

/**
 * What the engine makes of a question: `sure` (the passage answers it),
 * `closest` (a related passage, not known to answer) or `none` (the article
 * is not about it: the bot refuses).
 */
export type AnswerKind = 'sure' | 'closest' | 'none';

/** The decision's inputs, in the order of {@link FEATURES}. */
export type Evidence = Record<Feature, number>;

/** The evidence the model weighs; eval/fit.ts fits one weight per name. */
export const FEATURES = [
  'coverage',
  'presentCoverage',
  'gap',
  'matchedRarity',
  'missingRarity',
  'absentShare',
  'rarestInSentence',
  'keyMissing',
  'keyAbsent',
  'typeAsked',
  'typeHeld',
  'fuzzyShare',
] as const;
export type Feature = (typeof FEATURES)[number];

/** A fitted model: standardization, weights, bias and the probability from which an answer is sure. */
export interface DecisionModel {
  mean: Record<string, number>;
  std: Record<string, number>;
  weights: Record<string, number>;
  bias: number;
  threshold: number;
}

/** The model shipped in decision.json. */
export const DEFAULT_MODEL: DecisionModel = model;

/** The probability (0..1) that the best sentence answers, by `m`. */
export function probability(e: Evidence, m: DecisionModel = DEFAULT_MODEL): number {
  let z = m.bias;
  for (const f of FEATURES) z += (m.weights[f] ?? 0) * ((e[f] - (m.mean[f] ?? 0)) / (m.std[f] || 1));
  return 1 / (1 + Math.exp(-z));
}

/** What {@link gatherEvidence} needs from one question's ranking. */
export interface EvidenceInput {
  ranked: Candidate[];
  /** Every matched sentence's own match (the top sentence may lean on the one before). */
  byId: Map<number, Match>;
  /** The matches in the top sentence's article: they say which of the question's words the article mentions. */
  articleMatches: Match[];
  /** The question's terms, without acronym terms. */
  terms: string[];
  /** Terms of the question's names and figures (its key terms). */
  keyTerms: string[];
  /** Compound terms searched for two question words ("roadmap" for "road map"). */
  compounds: Map<string, string[]>;
  type: AnswerType | undefined;
  /** IDF of a term within the top sentence's article. */
  localIdf: (t: string) => number;
  /** Sentences in the top sentence's article. */
  articleSentences: number;
  features: SentenceFeatures;
}

/** The evidence about `ranked[0]`, or undefined when nothing matched (the kind is then `none`). */
export function gatherEvidence(x: EvidenceInput): Evidence | undefined {
  const top = x.ranked[0];
  if (!top || x.terms.length === 0) return undefined;
  const f = x.features;
  const doc = f.docOf[top.id];
  // What the article mentions at all: every question term matched by any of its sentences.
  const inArticle = new Set<string>();
  for (const r of x.articleMatches) if (f.docOf[r.id] === doc) for (const t of credited(r, x.compounds).all) inArticle.add(t);
  if (!x.terms.some((t) => inArticle.has(t))) return undefined;
  const full = new Set<string>();
  const half = new Set<string>();
  const cover = (r: Match | undefined): void => {
    if (!r) return;
    const c = credited(r, x.compounds);
    for (const t of c.full) full.add(t);
    for (const t of c.half) half.add(t);
  };
  cover(top.result);
  // "He built it in 1712." answers together with the sentence it leans on.
  if (f.leans[top.id]) cover(x.byId.get(top.id - 1));
  const maxIdf = Math.log(1 + (x.articleSentences + 0.5) / 0.5);
  let total = 0;
  let got = 0;
  let present = 0;
  let gotPresent = 0;
  let matchedRarity = 0;
  let missingRarity = 0;
  for (const t of x.terms) {
    const w = x.localIdf(t);
    const credit = full.has(t) ? w : half.has(t) ? w / 2 : 0;
    total += w;
    got += credit;
    if (inArticle.has(t)) {
      present += w;
      gotPresent += credit;
    }
    if (credit > 0) matchedRarity = Math.max(matchedRarity, w / maxIdf);
    else if (inArticle.has(t)) missingRarity = Math.max(missingRarity, w / maxIdf);
  }
  // The question's names and figures; the rarest of its words that the article has stands for what it is about.
  const keys = x.keyTerms.filter((t) => x.terms.includes(t));
  const inSentence = (t: string): boolean => full.has(t) || half.has(t);
  const share = (has: (t: string) => boolean): number => (keys.length === 0 ? 0 : keys.filter(has).length / keys.length);
  const rarest = x.terms.filter((t) => inArticle.has(t)).sort((a, b) => x.localIdf(b) - x.localIdf(a))[0];
  const s1 = top.score;
  const s2 = x.ranked[1]?.score ?? 0;
  const typed = x.type === undefined ? undefined : [...(f.typed[top.id]?.[x.type] ?? []), ...(f.leans[top.id] ? (f.typed[top.id - 1]?.[x.type] ?? []) : [])];
  const termSet = new Set(x.terms);
  return {
    coverage: total === 0 ? 0 : got / total,
    presentCoverage: present === 0 ? 0 : gotPresent / present,
    gap: s1 > 0 ? (s1 - s2) / s1 : 0,
    matchedRarity,
    missingRarity,
    absentShare: x.terms.filter((t) => !inArticle.has(t)).length / x.terms.length,
    rarestInSentence: rarest !== undefined && inSentence(rarest) ? 1 : 0,
    keyMissing: share((t) => !inSentence(t)),
    keyAbsent: share((t) => !inArticle.has(t)),
    typeAsked: x.type === undefined ? 0 : 1,
    typeHeld: typed?.some((t) => !termSet.has(t)) ? 1 : 0,
    fuzzyShare: full.size + half.size === 0 ? 0 : [...half].filter((t) => !full.has(t)).length / (full.size + half.size),
  };
}

/**
 * The question terms a match credits: exactly matched ones fully, the parts
 * of a matched compound fully, and terms matched only by typo tolerance or
 * as a prefix ("capit" ~ "capable") at half credit.
 */
function credited(r: Match, compounds: Map<string, string[]>): { full: string[]; half: string[]; all: string[] } {
  const matched = matchedTerms({ id: r.id, score: r.score, base: r.score, result: r });
  const full: string[] = [];
  const half: string[] = [];
  for (const t of r.queryTerms) {
    const parts = compounds.get(t);
    if (parts) full.push(...parts);
    else if (matched.has(t)) full.push(t);
    else half.push(t);
  }
  return { full, half, all: [...full, ...half] };
}

/** The kind for this evidence: `none` without any, else `sure` from the model's threshold up. */
export function decide(e: Evidence | undefined, m: DecisionModel = DEFAULT_MODEL): { kind: AnswerKind; confidence: number } {
  if (!e) return { kind: 'none', confidence: 0 };
  const p = probability(e, m);
  return { kind: p >= m.threshold ? 'sure' : 'closest', confidence: p };
}
