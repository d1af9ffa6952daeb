/**
 * Fewer candidates for the solver. A change that moves only requirements already met with the margin asked for
 * cannot be needed, unless another change makes one of them worse (a dearer quote raises the net cost the LVC is
 * measured against): such changes are left out when no candidate makes anything worse. Beyond `limit`, the
 * changes that move each short requirement most are kept, and the advice says its optimum is among those only.
 */
import { Dec, ONE, ZERO } from '../num/decimal.js';
import type { Change } from './change.js';
import type { Facts } from './facts.js';
import { conflicts } from './program.js';

const ALWAYS = new Dec('1e30');

/** How much a change helps each requirement, in money per good (negative: it makes it worse). */
export function helps(c: Change, facts: Facts): Record<string, Dec> {
  const e = c.effects;
  let parts = ZERO;
  for (const p of e.parts.values()) parts = parts.minus(p.full).minus(p.listed).plus(p.netCost);
  const rvcT = facts.rvc ? facts.rvc.threshold.div(100) : ZERO;
  const lvcT = facts.lvc ? facts.lvc.materialMinimum.div(100) : ZERO;
  return {
    rvc: e.goodVnm.negated().plus(e.netCost.times(ONE.minus(rvcT))),
    'core-parts': e.declaredParts.length > 0 || e.election !== undefined ? ALWAYS : parts,
    'heavy-truck-parts': e.declaredParts.length > 0 ? ALWAYS : parts,
    steel: e.steel,
    aluminum: e.aluminum,
    lvc: e.plantsQualify.length > 0 ? ALWAYS : e.hwm.minus(e.netCost.times(lvcT)),
    'tariff-shift': e.tariffShiftFailing.negated(),
  };
}

/** The one sum a change moves, when it moves exactly one (its class for dominance), or undefined. */
function single(c: Change): string | undefined {
  const e = c.effects;
  const moved: string[] = [];
  if (!e.goodVnm.isZero()) moved.push('goodVnm');
  if (!e.netCost.isZero()) moved.push('netCost');
  if (!e.hwm.isZero()) moved.push('hwm');
  if (!e.steel.isZero()) moved.push('steel');
  if (!e.aluminum.isZero()) moved.push('aluminum');
  if (!e.tariffShiftFailing.isZero()) moved.push('tariff');
  if (e.parts.size > 0 || e.declaredParts.length > 0 || e.plantsQualify.length > 0 || e.election) return undefined;
  if (c.priced || moved.length !== 1) return undefined;
  return `${c.kind}:${moved[0]}`;
}

/** How much a change moves its one sum, towards passing. */
function size(c: Change, field: string): Dec {
  const e = c.effects;
  if (field === 'goodVnm') return e.goodVnm.negated();
  if (field === 'tariff') return e.tariffShiftFailing.negated();
  if (field === 'hwm') return e.hwm;
  if (field === 'steel') return e.steel;
  if (field === 'aluminum') return e.aluminum;
  return e.netCost;
}

/**
 * Dominance: among changes of one kind that move one and the same sum and nothing else, conflict with no other
 * change and have no price, a plan using a smaller one may use a larger unused one instead and stay as good; so
 * only the `keep` largest of each such class are needed (a plan of more changes than that from one class is not
 * expected: the search stops at its evaluation budget long before).
 */
export function dominant(changes: Change[], conflicting: ReadonlySet<string>, keep = 60): Change[] {
  const classes = new Map<string, Change[]>();
  const out: Change[] = [];
  for (const c of changes) {
    const k = conflicting.has(c.id) ? undefined : single(c);
    if (k === undefined) out.push(c);
    else classes.set(k, [...(classes.get(k) ?? []), c]);
  }
  for (const [k, list] of classes) {
    const field = k.split(':')[1] as string;
    out.push(
      ...list.sort((a, b) => size(b, field).comparedTo(size(a, field)) || (a.id < b.id ? -1 : 1)).slice(0, keep),
    );
  }
  const kept = new Set(out);
  return changes.filter((c) => kept.has(c));
}

export function prune(
  changes: Change[],
  facts: Facts,
  short: ReadonlySet<string>,
  limit: number,
): { kept: Change[]; complete: boolean } {
  const scored = changes.map((c) => ({ c, h: helps(c, facts) }));
  const hurts = scored.some((s) => Object.values(s.h).some((v) => v.lessThan(0)));
  const useful = hurts ? scored : scored.filter((s) => [...short].some((id) => (s.h[id] ?? ZERO).greaterThan(0)));
  const conflicting = new Set(conflicts(useful.map((s) => s.c)).flat());
  const strong = new Set(
    dominant(
      useful.map((s) => s.c),
      conflicting,
    ),
  );
  const left = useful.filter((s) => strong.has(s.c));
  if (left.length <= limit) return { kept: left.map((s) => s.c), complete: true };
  const keep = new Set<Change>();
  const ids = [...short];
  const per = Math.max(1, Math.floor(limit / Math.max(1, ids.length)));
  for (const id of ids) {
    const best = left
      .filter((s) => (s.h[id] ?? ZERO).greaterThan(0))
      .sort((a, b) => (b.h[id] as Dec).comparedTo(a.h[id] as Dec) || (a.c.id < b.c.id ? -1 : 1));
    for (const s of best.slice(0, per)) keep.add(s.c);
  }
  return { kept: changes.filter((c) => keep.has(c)), complete: false };
}
