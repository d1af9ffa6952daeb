/**
 * Differences between two decisions, as readable lines: which requirement, its status, value and limbs
 * first, then any other figure. Arrays of objects with an `id` (requirements, limbs) are matched by id, not
 * by position.
 */
export interface Difference {
  path: string;
  before: unknown;
  after: unknown;
}

const KEYS = ['id', 'material', 'subject', 'code'];

function keyOf(x: unknown): string | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  for (const k of KEYS) {
    const v = (x as Record<string, unknown>)[k];
    if (typeof v === 'string') return `${k}=${v}`;
  }
  return undefined;
}

export function diff(before: unknown, after: unknown, path = ''): Difference[] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((x) => keyOf(x) !== undefined);
    if (keyed) {
      const a = new Map(before.map((x) => [keyOf(x) as string, x]));
      const b = new Map(after.map((x) => [keyOf(x) as string, x]));
      const out: Difference[] = [];
      for (const k of [...new Set([...a.keys(), ...b.keys()])]) out.push(...diff(a.get(k), b.get(k), `${path}[${k}]`));
      return out;
    }
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      out.push(...diff(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  if (
    before !== null &&
    after !== null &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    !Array.isArray(before) &&
    !Array.isArray(after)
  ) {
    const out: Difference[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys)
      out.push(
        ...diff(
          (before as Record<string, unknown>)[k],
          (after as Record<string, unknown>)[k],
          path ? `${path}.${k}` : k,
        ),
      );
    return out;
  }
  return [{ path, before, after }];
}

const IMPORTANT =
  /^(verdict|originCriterion|requirements\[id=[^\]]+\]\.(status|value|threshold|rule|limbs\[id=[^\]]+\]\.(status|value|threshold)))/;

/** Human lines: the legally important differences first (verdict, requirement status, value, threshold, limbs). */
export function describeDifferences(diffs: Difference[], limit = 60): string[] {
  const important = diffs.filter((d) => IMPORTANT.test(d.path));
  const rest = diffs.filter((d) => !IMPORTANT.test(d.path));
  const show = (d: Difference) => `  ${d.path}: ${fmt(d.before)} -> ${fmt(d.after)}`;
  const lines = important.map(show);
  if (rest.length > 0) {
    lines.push(`  and ${rest.length} other figure${rest.length === 1 ? '' : 's'}:`);
    lines.push(...rest.slice(0, Math.max(0, limit - important.length)).map(show));
    if (rest.length > limit - important.length) lines.push(`  ... (${rest.length - (limit - important.length)} more)`);
  }
  return lines;
}

function fmt(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
