/**
 * The ranking on top of MiniSearch's BM25 sentence scores. A sentence's own
 * match comes first; its surroundings add a little: the sentence it leans on
 * (a pronoun points back), the rest of its paragraph (questions are usually
 * about one passage, and the words of the question spread over it). A sentence that holds what the question
 * asks for (a year for "when", a figure for "how many") gets a boost.
 */
import type { AnswerType } from './answer-type.ts';
import type { EngineOptions } from './options.ts';
import type { SentenceFeatures } from './features.ts';

/** The part of a MiniSearch result the ranking reads. */
export interface Match {
  id: number;
  score: number;
  /** Index terms that matched, with their fields. */
  match: Record<string, string[]>;
  /** Question terms that matched (exactly, by prefix or fuzzily). */
  queryTerms: string[];
}

/** A ranked sentence with what it matched. */
export interface Candidate {
  id: number;
  score: number;
  /** The sentence's own BM25 score. */
  base: number;
  /** The sentence's own MiniSearch match, if it matched at all (a leaning sentence may not). */
  result: Match | undefined;
}

/** Index terms that matched in the candidate (for highlighting and exact coverage). */
export function matchedTerms(c: Candidate): Set<string> {
  return new Set(c.result ? Object.keys(c.result.match) : []);
}

export interface RankContext {
  terms: string[];
  type: AnswerType | undefined;
  idf: (term: string) => number;
  features: SentenceFeatures;
  options: EngineOptions;
  /** Keep only this article's sentences. */
  doc: string | undefined;
}

/** The leading candidates, and every sentence's own match (for the confidence, which looks at neighbours). */
export interface RankResult {
  ranked: Candidate[];
  byId: Map<number, Match>;
}

/**
 * Orders the matched sentences (and the sentences that lean on them) best
 * first and keeps the first `keep`: only those are shown or paged to, and
 * not sorting the long tail keeps common-word questions fast.
 */
export function rank(results: Match[], ctx: RankContext, keep: number): RankResult {
  const f = ctx.features;
  const o = ctx.options;
  const byId = new Map<number, Match>();
  const paragraphScore = new Map<number, number>();
  for (const r of results) {
    byId.set(r.id, r);
    const p = f.paragraphOf[r.id] ?? -1;
    paragraphScore.set(p, (paragraphScore.get(p) ?? 0) + r.score);
  }
  const sameParagraph = (a: number, b: number): boolean => f.paragraphOf[a] === f.paragraphOf[b] && f.docOf[a] === f.docOf[b];
  const ids = new Set<number>();
  for (const r of results) {
    ids.add(r.id);
    // "He built it in 1712." may match nothing itself yet answer through the sentence before it.
    if (o.contextWeight > 0 && f.leans[r.id + 1] && f.docOf[r.id + 1] === f.docOf[r.id]) ids.add(r.id + 1);
    if (o.neighbourWeight > 0) {
      if (sameParagraph(r.id - 1, r.id)) ids.add(r.id - 1);
      if (sameParagraph(r.id + 1, r.id)) ids.add(r.id + 1);
    }
  }
  const queryTerms = new Set(ctx.terms);
  const top: Candidate[] = [];
  for (const id of ids) {
    const doc = f.docOf[id] ?? '';
    if (ctx.doc !== undefined && doc !== ctx.doc) continue;
    const r = byId.get(id);
    const base = r?.score ?? 0;
    let score = base;
    if (o.contextWeight > 0 && f.leans[id]) score += o.contextWeight * borrowedScore(byId.get(id - 1), r, ctx.idf);
    if (o.neighbourWeight > 0) {
      if (sameParagraph(id - 1, id)) score += o.neighbourWeight * (byId.get(id - 1)?.score ?? 0);
      if (sameParagraph(id + 1, id)) score += o.neighbourWeight * (byId.get(id + 1)?.score ?? 0);
    }
    if (o.paragraphWeight > 0) score += o.paragraphWeight * ((paragraphScore.get(f.paragraphOf[id] ?? -1) ?? 0) - base);
    if (o.typeBoost > 0 && ctx.type && holdsType(f.typed[id]?.[ctx.type], queryTerms)) score *= 1 + o.typeBoost;
    insertTop(top, { id, score, base, result: r }, keep);
  }
  return { ranked: top, byId };
}

/**
 * What a leaning sentence borrows from the one before it: the part of that
 * sentence's score earned by words it does not have itself (IDF-weighted
 * share). "It appoints the board of the Bank." after "The European Council
 * ..." borrows "European Council", not a second helping of "board".
 */
export function borrowedScore(prev: Match | undefined, own: Match | undefined, idf: (t: string) => number): number {
  if (!prev) return 0;
  if (!own) return prev.score;
  const mine = new Set(Object.keys(own.match));
  let all = 0;
  let lacking = 0;
  for (const t of Object.keys(prev.match)) {
    const w = idf(t);
    all += w;
    if (!mine.has(t)) lacking += w;
  }
  return all > 0 ? prev.score * (lacking / all) : 0;
}

/** Keeps `top` sorted best first (ties: article order) and at most `keep` long. */
function insertTop(top: Candidate[], c: Candidate, keep: number): void {
  const last = top[top.length - 1];
  if (top.length >= keep && last && !better(c, last)) return;
  let i = top.length;
  while (i > 0 && better(c, top[i - 1] as Candidate)) i--;
  top.splice(i, 0, c);
  if (top.length > keep) top.pop();
}

/** Best first; ties in article order. */
function better(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

/** True when the sentence holds a thing of the asked type that the question does not already name. */
function holdsType(typed: string[] | undefined, queryTerms: Set<string>): boolean {
  return typed !== undefined && typed.some((t) => !queryTerms.has(t));
}
