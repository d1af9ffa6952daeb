/**
 * "Did you mean": the allowed value closest to one written, for messages only (it never changes what is read).
 * The same value but for case, spaces, hyphens or underscores wins; otherwise the one within a few edits
 * (at most one per four characters, at least one), the nearest first and, at equal distance, the first allowed.
 */

/** The closest allowed value, or undefined when none is close. */
export function didYouMean(written: string, allowed: readonly string[]): string | undefined {
  const fold = (t: string) => t.toLowerCase().replace(/[\s_-]/g, '');
  const w = fold(written);
  if (w === '' || w.length > 64) return undefined;
  const same = allowed.find((a) => fold(a) === w);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(w.length / 4)) + 1;
  for (const a of allowed) {
    const d = distance(w, fold(a), bestDistance);
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

/** " (did you mean "x"?)", or "". */
export function didYouMeanText(written: string, allowed: readonly string[]): string {
  const near = didYouMean(written, allowed);
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

/** Levenshtein distance, or `limit` as soon as it is certain to reach it. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length] as number, limit);
}
