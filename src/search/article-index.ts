/**
 * The article-level index: which articles a question is about, before any
 * sentence is scored.
 *
 * MiniSearch scores every sentence that shares one term with the question,
 * so on a channel archive of 10,000 posts a question touches tens of
 * thousands of sentences (bench: 308 ms p99). Ranking the articles first
 * (BM25 over whole articles, in flat typed arrays: a few microseconds per
 * thousand postings) and letting MiniSearch score only the sentences of the
 * best few keeps a question's cost close to what it is in a small library.
 *
 * Postings are per term id (the term store's, sentence-terms.ts): article
 * slots and term counts in growable typed arrays. An article's slot is
 * never reused; a removed article's postings are taken out at once, so
 * scoring never meets a dead slot.
 */
import { grow } from './typed-arrays.ts';

/**
 * BM25 saturation and length normalization at article level. A light length normalization: with the usual 0.75 a
 * long article that answers loses to short ones that merely share its words; without any, long articles win
 * outright. Bench, 10,000 articles, 2,000 candidate sentences, accuracy@1 (every sentence scored: 70.0%): 58.0% at
 * b = 0.75, 65.0% at 0.5, 69.0% at 0.3, 74.0% at 0 (the bench's real articles are long and its generated ones short,
 * so 0 flatters it).
 */
const K1 = 1.2;
const B = 0.3;

interface Postings {
  slots: Int32Array;
  counts: Uint16Array;
  size: number;
}

export class ArticleIndex {
  /** Per term id. */
  private readonly postings: Array<Postings | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Per slot: the article's distinct term ids (to take them out again); its length in terms is in `lengths`, -1 when removed. */
  private readonly terms: number[][] = [];
  private lengths = new Float64Array(64);
  private totalLength = 0;
  private live = 0;
  /** Score accumulator per slot, reused by every query (a query touches it sparsely). */
  private scores = new Float64Array(64);

  /** Articles in the index. */
  get size(): number {
    return this.live;
  }

  /** Indexes one article from its term counts (term id -> occurrences in all its sentences); an article with the same id is replaced. */
  add(id: string, counts: ReadonlyMap<number, number>): void {
    this.remove(id);
    let length = 0;
    for (const n of counts.values()) length += n;
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.terms.push([...counts.keys()]);
    if (slot >= this.lengths.length) {
      this.lengths = grow(this.lengths, slot + 1);
      this.scores = new Float64Array(this.lengths.length);
    }
    this.lengths[slot] = length;
    this.totalLength += length;
    this.live++;
    for (const [term, n] of counts) {
      let p = this.postings[term];
      if (!p) {
        p = { slots: new Int32Array(4), counts: new Uint16Array(4), size: 0 };
        this.postings[term] = p;
      }
      if (p.size === p.slots.length) {
        p.slots = grow(p.slots, p.size + 1);
        p.counts = grow(p.counts, p.size + 1);
      }
      p.slots[p.size] = slot;
      p.counts[p.size] = Math.min(n, 0xffff);
      p.size++;
    }
  }

  /** Takes an article out; false when it is not in the index. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    for (const term of this.terms[slot] ?? []) {
      const p = this.postings[term];
      if (!p) continue;
      // Slots are appended in increasing order, so a posting list is sorted: find the slot by bisection.
      const at = bisect(p.slots, p.size, slot);
      if (p.slots[at] !== slot) continue;
      p.slots.copyWithin(at, at + 1, p.size);
      p.counts.copyWithin(at, at + 1, p.size);
      p.size--;
      if (p.size === 0) this.postings[term] = undefined;
    }
    this.terms[slot] = [];
    this.totalLength -= this.lengths[slot] ?? 0;
    this.lengths[slot] = -1;
    this.live--;
    return true;
  }

  /**
   * The ids of the `k` articles that best match the weighted query term ids,
   * best first (article-level BM25, each term's score times its weight);
   * articles that match none of them are not returned.
   */
  top(query: ReadonlyMap<number, number>, k: number): string[] {
    const n = this.live;
    if (n === 0 || k <= 0) return [];
    const avg = this.totalLength / n;
    const scores = this.scores;
    const touched: number[] = [];
    for (const [term, weight] of query) {
      const p = this.postings[term];
      if (!p || weight <= 0) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      for (let i = 0; i < p.size; i++) {
        const slot = p.slots[i] as number;
        const tf = p.counts[i] as number;
        const norm = K1 * (1 - B + (B * (this.lengths[slot] as number)) / avg);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + (weight * idf * (tf * (K1 + 1))) / (tf + norm);
      }
    }
    const best = touched.length <= k ? touched : selectTop(touched, scores, k);
    best.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const out = best.map((slot) => this.ids[slot] as string);
    for (const slot of touched) scores[slot] = 0;
    return out;
  }
}

/** The `k` slots of highest score (unordered), by a bounded min-heap: k log k per slot, not a sort of every touched article. */
function selectTop(slots: number[], scores: Float64Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => (scores[a] as number) < (scores[b] as number) || ((scores[a] as number) === (scores[b] as number) && a > b);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (const s of slots) {
    if (heap.length < k) {
      heap.push(s);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i] as number, heap[parent] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (less(heap[0] as number, s)) {
      heap[0] = s;
      down(0);
    }
  }
  return heap;
}

/** First position in the sorted `a[0..size)` whose value is ≥ `x`. */
function bisect(a: Int32Array, size: number, x: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
