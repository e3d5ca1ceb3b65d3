/** A character range `[start, end)` of a sentence, used to mark words in bold. */
export type Span = [number, number];

/** Joins overlapping or touching ranges so bold tags never nest or overlap. */
export function mergeSpans(ranges: readonly Span[]): Span[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
