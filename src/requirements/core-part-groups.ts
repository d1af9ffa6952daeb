/**
 * Every Table A.2 group a vehicle subject to the core parts requirement has (s. 14(4): "each core part ... used in
 * the production of the vehicle") must be accounted for: identified by a line marked with its corePart, or
 * declared absent by the claim (good.absentCoreParts: an advanced battery in a combustion car). A group neither
 * identified nor declared absent is an evidence gap that keeps the requirement from passing. And where the
 * requirement fails, the decision names each failing part and what it needs, never a margin taken from a group
 * that passes.
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec } from '../num/decimal.js';
import type { CorePart } from './core-part-figures.js';
import type { EvidenceGap, Limb, Warning } from './result.js';

/** The groups of Table A.2 neither identified nor declared absent, with their limbs and gaps. */
export interface GroupAccount {
  /** A failing limb for each group unaccounted for; a not-applicable one for each group declared absent. */
  limbs: Limb[];
  unaccounted: string[];
  gaps: EvidenceGap[];
  warnings: Warning[];
}

export function accountForGroups(
  claim: NormalizedClaim,
  groups: ReadonlyArray<{ id: string; title: string }>,
  parts: readonly CorePart[],
  citation: string,
): GroupAccount {
  const identified = new Set(parts.map((p) => p.group));
  const absent = new Set<string>(claim.good.absentCoreParts ?? []);
  const out: GroupAccount = { limbs: [], unaccounted: [], gaps: [], warnings: [] };
  for (const g of groups) {
    const id = `core-parts.${g.id}`;
    if (identified.has(g.id)) {
      if (absent.has(g.id)) {
        const lines = parts.filter((p) => p.group === g.id).map((p) => p.material.key);
        out.warnings.push({
          code: 'CORE_PART_ABSENCE_CONTRADICTED',
          subject: 'good.absentCoreParts',
          message: `good.absentCoreParts declares the vehicle has no ${g.title.toLowerCase()} (${g.id}), but ${lines.join(', ')} ${lines.length === 1 ? 'is' : 'are'} marked corePart: ${g.id}; the marked line${lines.length === 1 ? ' is' : 's are'} tested`,
        });
      }
      continue;
    }
    if (absent.has(g.id)) {
      out.limbs.push({
        id,
        title: `${g.title}: declared absent (good.absentCoreParts)`,
        status: 'not-applicable',
        reason: `the claim declares that the vehicle has no ${g.title.toLowerCase()}`,
        citation,
      });
      continue;
    }
    out.unaccounted.push(g.id);
    out.limbs.push({
      id,
      title: `${g.title}: not accounted for`,
      status: 'fail',
      reason: `no line is marked corePart: ${g.id}, and good.absentCoreParts does not declare it absent: mark the vehicle's ${g.title.toLowerCase()} corePart: ${g.id}, or add ${g.id} to good.absentCoreParts (s. 14(4))`,
      citation,
    });
    out.gaps.push({
      code: 'CORE_PART_GROUP_UNACCOUNTED',
      subject: id,
      message: `${g.title} (${g.id}): no BOM line is marked corePart: ${g.id}, and good.absentCoreParts does not list it. Every Table A.2 group must be accounted for (s. 14(4)): mark the line of the vehicle's ${g.title.toLowerCase()} with corePart: ${g.id}, or, if the vehicle has none, add the group to the claim's good, as in good: { absentCoreParts: [${g.id}] } (claims written before this check need it for each group they do not mark). Until then the core parts requirement cannot pass`,
    });
  }
  return out;
}

/** A failing part or group, and what it needs to pass. */
export interface Failure {
  group: string;
  /** The part's key, where one part fails on its own. */
  part?: string;
  /** The limb that shows it. */
  limb: string;
  reason: string;
  /** Non-originating value to re-source (per vehicle, reporting currency), where an RVC falls short. */
  amountNeeded?: string;
}

const negative = (l: Limb) => l.margin?.points !== undefined && l.margin.points.startsWith('-');
const shortfall = (l: Limb) => (l.margin?.amount?.startsWith('-') ? l.margin.amount.slice(1) : undefined);

/** Of limbs for one part (one per VNM method allowed), the one that comes closest to passing. */
function closest(limbs: Limb[]): Limb | undefined {
  let best: Limb | undefined;
  for (const l of limbs) {
    if (l.margin?.points === undefined) continue;
    if (!best || new Dec(l.margin.points).greaterThan(new Dec(best.margin?.points ?? '0'))) best = l;
  }
  return best;
}

/**
 * The failing parts and groups of a failing per-group test: declared parts not originating, parts whose RVC
 * falls short by every VNM method allowed (`methods`), groups unaccounted for.
 */
export function failures(groupLimbs: Limb[], unaccountedLimbs: Limb[], methods: readonly string[]): Failure[] {
  const out: Failure[] = [];
  for (const g of groupLimbs) {
    const group = g.id.slice('core-parts.'.length);
    const methodLimbs = (g.limbs ?? []).filter((l) => methods.some((m) => l.id === `${g.id}.${m}`));
    const declared = (g.limbs ?? []).filter((l) => !/\.(full|listed-components)$/.test(l.id));
    for (const d of declared)
      if (d.status === 'fail')
        out.push({
          group,
          part: d.id.slice(g.id.length + 1),
          limb: d.id,
          reason: `${d.title}: it must be originating`,
        });
    if (methodLimbs.some((l) => l.status === 'pass')) continue;
    // Parts tested on their own carry their own limbs; otherwise the method limb is the part (or the averaged group).
    const byPart = new Map<string, Limb[]>();
    for (const ml of methodLimbs) {
      const own = ml.limbs ?? [ml];
      for (const l of own) {
        const key = l === ml ? '' : l.id.slice(ml.id.length + 1);
        byPart.set(key, [...(byPart.get(key) ?? []), l]);
      }
    }
    for (const [part, limbs] of byPart) {
      if (limbs.some((l) => l.status === 'pass' && !negative(l))) continue;
      const best = closest(limbs);
      if (!best || !negative(best)) continue;
      const amount = shortfall(best);
      out.push({
        group,
        ...(part !== '' ? { part } : {}),
        limb: best.id,
        reason: `RVC ${best.value} % < ${best.threshold} % (${best.title})`,
        ...(amount !== undefined ? { amountNeeded: amount } : {}),
      });
    }
  }
  for (const u of unaccountedLimbs)
    out.push({ group: u.id.slice('core-parts.'.length), limb: u.id, reason: u.reason ?? u.title });
  return out;
}

/** The limb a failing result shows: the furthest from passing among those with a negative margin, else the first. */
export function decidingFailure(limbs: Limb[]): Limb | undefined {
  let worst: Limb | undefined;
  for (const l of limbs) {
    if (l.status !== 'fail' || !negative(l)) continue;
    if (!worst || new Dec(l.margin?.points ?? '0').lessThan(new Dec(worst.margin?.points ?? '0'))) worst = l;
  }
  return worst ?? limbs.find((l) => l.status === 'fail');
}

/** One sentence naming what fails and what it needs. */
export function failureText(list: Failure[], currency: string): string {
  return `fails: ${list
    .map(
      (f) =>
        `${f.part ?? f.group}${f.part ? ` (${f.group})` : ''}: ${f.reason}${f.amountNeeded !== undefined ? `; ${f.amountNeeded} ${currency} of non-originating value to re-source` : ''}`,
    )
    .join('; ')}`;
}
