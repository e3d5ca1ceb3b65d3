/**
 * Every sentence's analyzed terms, kept compactly (term ids and counts in
 * flat typed arrays, about 6 bytes a term), with each term's sentence count.
 *
 * Three things need a sentence's terms after indexing, and re-analyzing
 * (lemmatizer, stemmer) costs more than anything else a question does:
 * scoring the sentences of a big library's candidate articles
 * ({@link scoreSentences}), a term's rarity inside one article (the
 * decision's local IDF), and the article-level index, rebuilt from here when
 * a saved index is loaded.
 */
import { grow } from './typed-arrays.ts';

/** A sentence's distinct terms: parallel ids and counts. */
export interface TermCounts {
  ids: Uint32Array;
  counts: Uint16Array;
}

export class SentenceTerms {
  private readonly idOf = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per term id: sentences (live) that hold it. */
  private df = new Int32Array(1024);
  /** Per sentence: start of its entries in `ids`/`counts`; entries of sentence i are [start[i], start[i + 1]). */
  private start = new Uint32Array(1024);
  private ids = new Uint32Array(8192);
  private counts = new Uint16Array(8192);
  private sentences = 0;
  private entries = 0;
  /** Sum of distinct terms over live sentences: BM25's average length. */
  private totalLength = 0;
  private live = 0;
  private readonly dead = new Set<number>();

  /** Sentences stored (live and removed). */
  get size(): number {
    return this.sentences;
  }

  /** Live sentences: BM25's document count. */
  get liveCount(): number {
    return this.live;
  }

  /** Average distinct terms per live sentence (BM25's length normalization, as MiniSearch counts length). */
  get averageLength(): number {
    return this.live === 0 ? 0 : this.totalLength / this.live;
  }

  /** Live sentences holding `term` (0 when unknown). */
  docFreq(term: string): number {
    const id = this.idOf.get(term);
    return id === undefined ? 0 : (this.df[id] as number);
  }

  /** True when some live sentence holds `term`. */
  has(term: string): boolean {
    return this.docFreq(term) > 0;
  }

  /** The term of an id. */
  term(id: number): string {
    return this.names[id] ?? '';
  }

  /** The id of a term, if it was ever stored. */
  idOfTerm(term: string): number | undefined {
    return this.idOf.get(term);
  }

  /** Every term some live sentence holds, with its sentence count. */
  *terms(): IterableIterator<[string, number]> {
    for (let id = 0; id < this.names.length; id++) if ((this.df[id] as number) > 0) yield [this.names[id] as string, this.df[id] as number];
  }

  /** Appends the next sentence (ids are consecutive from 0) from its analyzed terms; returns its id. */
  push(terms: readonly string[]): number {
    const counts = new Map<number, number>();
    for (const t of terms) {
      let id = this.idOf.get(t);
      if (id === undefined) {
        id = this.names.length;
        this.idOf.set(t, id);
        this.names.push(t);
        if (id >= this.df.length) this.df = grow(this.df, id + 1);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const sid = this.sentences;
    if (sid + 2 > this.start.length) this.start = grow(this.start, sid + 2);
    if (this.entries + counts.size > this.ids.length) {
      this.ids = grow(this.ids, this.entries + counts.size);
      this.counts = grow(this.counts, this.entries + counts.size);
    }
    for (const [id, n] of counts) {
      this.ids[this.entries] = id;
      this.counts[this.entries] = Math.min(n, 0xffff);
      this.entries++;
      this.df[id] = (this.df[id] as number) + 1;
    }
    this.sentences++;
    this.start[this.sentences] = this.entries;
    this.totalLength += counts.size;
    this.live++;
    return sid;
  }

  /** Takes a sentence out of the statistics (its id stays, as a tombstone). */
  remove(sid: number): void {
    if (sid >= this.sentences || this.dead.has(sid)) return;
    this.dead.add(sid);
    const from = this.start[sid] as number;
    const to = this.start[sid + 1] as number;
    for (let i = from; i < to; i++) {
      const id = this.ids[i] as number;
      this.df[id] = (this.df[id] as number) - 1;
    }
    this.totalLength -= to - from;
    this.live--;
  }

  /** Terms ever stored (ids run from 0 below this). */
  get vocabularySize(): number {
    return this.names.length;
  }

  /** Every sentence's entries, end to end: sentence `sid`'s are at [{@link SentenceTerms.from}(sid), from(sid + 1)). */
  get termIds(): Uint32Array {
    return this.ids;
  }

  /** The count of each entry of {@link SentenceTerms.termIds}. */
  get termCounts(): Uint16Array {
    return this.counts;
  }

  /** Where a sentence's entries start (and the previous one's end). */
  from(sid: number): number {
    return this.start[Math.min(sid, this.sentences)] ?? 0;
  }

  /** A sentence's distinct terms and their counts (views, not copies). */
  of(sid: number): TermCounts {
    const from = this.start[sid] ?? 0;
    const to = this.start[sid + 1] ?? from;
    return { ids: this.ids.subarray(from, to), counts: this.counts.subarray(from, to) };
  }

  /** A sentence's distinct terms, as strings. */
  termsOf(sid: number): string[] {
    return [...this.of(sid).ids].map((id) => this.term(id));
  }

  /** The store as plain data, for the saved index (base64 of the typed arrays: compact and fast to read back). */
  serialize(): SavedSentenceTerms {
    return {
      terms: this.names,
      start: b64(this.start.subarray(0, this.sentences + 1)),
      ids: b64(this.ids.subarray(0, this.entries)),
      counts: b64(this.counts.subarray(0, this.entries)),
      dead: [...this.dead],
    };
  }

  /** A store from {@link SentenceTerms.serialize} output. */
  static restore(saved: SavedSentenceTerms): SentenceTerms {
    const s = new SentenceTerms();
    saved.terms.forEach((t, id) => {
      s.idOf.set(t, id);
      s.names.push(t);
    });
    s.start = new Uint32Array(fromB64(saved.start));
    s.ids = new Uint32Array(fromB64(saved.ids));
    s.counts = new Uint16Array(fromB64(saved.counts));
    s.sentences = s.start.length - 1;
    s.entries = s.ids.length;
    s.df = new Int32Array(Math.max(1024, s.names.length));
    for (let i = 0; i < s.entries; i++) {
      const id = s.ids[i] as number;
      s.df[id] = (s.df[id] as number) + 1;
    }
    s.totalLength = s.entries;
    s.live = s.sentences;
    for (const sid of saved.dead) s.remove(sid);
    return s;
  }
}

/** What {@link SentenceTerms.serialize} returns. */
export interface SavedSentenceTerms {
  terms: string[];
  start: string;
  ids: string;
  counts: string;
  /** Removed sentences. */
  dead: number[];
}

function b64(a: Uint32Array | Uint16Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** A copy of the bytes in an ArrayBuffer of its own, aligned for any typed array. */
function fromB64(s: string): ArrayBuffer {
  const buf = Buffer.from(s, 'base64');
  const out = new ArrayBuffer(buf.length);
  new Uint8Array(out).set(buf);
  return out;
}
