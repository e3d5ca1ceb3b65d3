/** Growable typed arrays, for the engine's compact stores (sentence-terms.ts, article-index.ts). */

type Grown = Int32Array | Uint32Array | Uint16Array | Float64Array;

/** A copy of `a` with room for at least `need` items, doubling, so n appends cost O(n) copying in all. */
export function grow<T extends Grown>(a: T, need: number): T {
  let size = Math.max(4, a.length);
  while (size < need) size *= 2;
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
