/**
 * High-wage material changes (UR s. 12, s. 18(4), (5), (7), (12)-(14)): which lines count as high-wage materials
 * now, a line made at a qualifying high-wage plant instead, wage data for a plant without any, and whether that
 * plant would earn the assembly credit.
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec, ZERO } from '../num/decimal.js';
import type { Bom, Line } from './bom.js';
import { money, noEffects, type Change, type ChangeContext } from './change.js';
import { valueAt } from './view.js';

/** Which lines count as high-wage materials now (s. 18(4), (7)), and what their sub-tiers would add instead. */
export function highWageState(
  bom: Bom,
  qualifies: Map<string, boolean | null>,
): Map<Line, { counted: boolean; covered: boolean; below: Dec }> {
  const state = new Map<Line, { counted: boolean; covered: boolean; below: Dec }>();
  const visit = (l: Line, covered: boolean): Dec => {
    const counted = !covered && l.m.plant !== undefined && qualifies.get(l.m.plant) === true;
    let below = ZERO;
    for (const c of l.children) below = below.plus(visit(c, covered || counted));
    state.set(l, { counted, covered, below });
    return counted ? l.valuePerGood : below;
  };
  for (const l of bom.lines) if (!l.parent) visit(l, false);
  return state;
}

/** What the high-wage materials gain when a line is made at `plant` (worth `value` per good there). */
export function plantEffect(ctx: ChangeContext, l: Line, plant: string | undefined, value: Dec): Dec {
  const s = ctx.hwm.get(l);
  if (!s || s.covered) return ZERO;
  const before = s.counted ? l.valuePerGood : s.below;
  const after = plant !== undefined && ctx.qualifies.get(plant) === true ? value : s.below;
  return after.minus(before);
}

/** A qualifying high-wage plant a line could be made at: the producer's own for its own lines. */
export function highWagePlant(ctx: ChangeContext, l: Line): { id: string; country: string } | undefined {
  const s = ctx.hwm.get(l);
  if (!ctx.facts.lvc || !s || s.counted || s.covered) return undefined;
  const country = l.m.country ?? (l.m.plant ? ctx.claim.plants.get(l.m.plant)?.country : undefined);
  // A plant that makes this kind of part: engines at engine plants, transmissions at transmission plants,
  // advanced batteries at battery plants, other parts at parts plants (or plants of no stated role).
  const role =
    l.m.corePart === 'engines'
      ? 'engine'
      : l.m.corePart === 'transmissions'
        ? 'transmission'
        : l.m.corePart === 'advanced-batteries'
          ? 'advanced-battery'
          : 'parts';
  const candidates = [...ctx.claim.plants.values()]
    .filter((p) => ctx.qualifies.get(p.id) === true && (p.role === undefined || p.role === role))
    .filter((p) => p.id !== ctx.claim.good.plant && (!l.m.selfProduced || p.operator === 'self'))
    .sort((a, b) =>
      (a.country === country) !== (b.country === country) ? (a.country === country ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
  const p = candidates[0];
  return p ? { id: p.id, country: p.country } : undefined;
}

/** Wage data for plants without any, in the USMCA countries (s. 12, s. 18(5)). */
export function plantChanges(ctx: ChangeContext): Change[] {
  const lvc = ctx.facts.lvc;
  if (!lvc) return [];
  const out: Change[] = [];
  const plantsView = (valueAt(ctx.view, ['producer', 'plants']) ?? []) as Array<Record<string, unknown>>;
  const year = Number(ctx.claim.decisionDate.slice(0, 4)) - 1;
  const period = { start: `${year}-01-01`, end: `${year}-12-31` };
  for (const p of lvc.plants) {
    if (p.qualifies !== null || p.rate === null) continue;
    const index = plantsView.findIndex((v) => v.id === p.plant);
    if (index < 0) continue;
    const plant = ctx.claim.plants.get(p.plant);
    let gain = ZERO;
    const visit = (l: Line): void => {
      const s = ctx.hwm.get(l);
      if (!s || s.covered || s.counted) return;
      if (l.m.plant === p.plant) {
        gain = gain.plus(l.valuePerGood.minus(s.below));
        return;
      }
      l.children.forEach(visit);
    };
    for (const l of ctx.bom.lines) if (!l.parent) visit(l);
    const effects = noEffects();
    effects.hwm = gain;
    effects.plantsQualify = [p.plant];
    const assembly = ctx.claim.good.plant === p.plant && lvc.hwlcNotCounted.greaterThan(0);
    const credit = plant !== undefined && assemblyCreditPlant(ctx, plant);
    if (gain.isZero() && !assembly && !credit) continue;
    const settles = [
      ...(gain.greaterThan(0)
        ? [`its materials (${money(gain, ctx.claim.currency)} per good) count as high-wage`]
        : []),
      ...(assembly ? [`its high-wage labor costs (${money(lvc.hwlcNotCounted, ctx.claim.currency)}) count`] : []),
      ...(credit ? [`it earns the assembly credit (${lvc.assemblyCredit.size.toFixed()} points)`] : []),
    ];
    out.push({
      id: `wages:${p.plant}`,
      kind: 'evidence',
      subject: p.plant,
      description: `wage data for plant ${p.plant} (${p.country}) showing an average base hourly wage of at least ${p.rate} ${p.currency} for ${period.start} to ${period.end}: ${settles.join('; ')}`,
      asserts: `plant ${p.plant} paid its production workers an average base hourly wage of at least ${p.rate} ${p.currency} from ${period.start} to ${period.end}, as its wage records show (s. 12)`,
      valueAtStake: gain,
      addedCost: ZERO,
      priced: false,
      edits: [
        {
          op: 'set',
          path: ['producer', 'plants', index, 'wages'],
          value: { period, averageBaseHourlyWage: p.rate },
        },
      ],
      checks: [{ path: ['producer', 'plants', index, 'id'], value: p.plant }],
      effects,
    });
  }
  return out;
}

/** Whether wage data for this plant would earn the assembly credit (s. 18(12)-(14); figures from the decision). */
export function assemblyCreditPlant(
  ctx: Pick<ChangeContext, 'facts'>,
  plant: NonNullable<ReturnType<NormalizedClaim['plants']['get']>>,
): boolean {
  const lvc = ctx.facts.lvc;
  if (!lvc || !lvc.assemblyCredit.points.isZero()) return false;
  const own =
    plant.operator === 'self' ||
    (plant.input.supplyContractYears !== undefined &&
      new Dec(plant.input.supplyContractYears).greaterThanOrEqualTo(new Dec(lvc.assemblyCredit.minimumContractYears)));
  const cap = plant.input.capacity as Record<string, string | undefined> | undefined;
  if (!own || !cap) return false;
  return Object.entries(lvc.assemblyCredit.capacityRequired).some(
    ([k, need]) => cap[k] !== undefined && new Dec(cap[k] as string).greaterThanOrEqualTo(new Dec(need)),
  );
}
