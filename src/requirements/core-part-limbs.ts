/**
 * The limbs of the core parts requirement (UR s. 14(4)-(13)): per Table A.2 group, the RVC of its parts with
 * the full VNM (s. 14(7)(a)) and with the listed column-2 components only (s. 14(7)(b)), each part on its own
 * (s. 14(4)-(5)) or averaged as a parts category where the producer elects it (s. 14(12)); and the super-core,
 * all column-1 parts as one (s. 14(10)). An average of s. 14(12) (a parts category, or the super-core) is
 * compared with its threshold as the switch `coreAverageThreshold` reads it (usmca.interpretation.core_average_threshold):
 * `not-less-than` (>=, default) or `exceeds` (>); a part tested on its own is always compared >=.
 */
import { Dec } from '../num/decimal.js';
import { amountText, isPositive, minus, times, sumMoney } from '../num/money.js';
import { compareToPercent, moneyRatio, type Ratio } from '../num/ratio.js';
import { declaredOrigin, type NormalizedClaim } from '../input/model.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { CorePart } from './core-part-figures.js';
import { percentLimb } from './limb.js';
import type { Comparator, EvidenceGap, Limb, Status } from './result.js';

/** How the averages of s. 14(12) meet their threshold (interpretation.coreAverageThreshold). */
export interface AverageTest {
  reading: 'not-less-than' | 'exceeds';
  /** Set when an average sits exactly at its threshold: there the other reading gives the other status. */
  atThreshold?: boolean;
}

interface LimbCtx {
  claim: NormalizedClaim;
  rules: RulesInForce;
  gaps: EvidenceGap[];
  average: AverageTest;
}

/** The comparator of an average of s. 14(12) under the reading in force; notes an average at the threshold. */
function averageComparator(average: AverageTest, ratio: Ratio, T: Dec): Comparator {
  if (compareToPercent(ratio, T) === 0) average.atThreshold = true;
  return average.reading === 'exceeds' ? '>' : '>=';
}

/** The limb with the smallest margin in points (the first limb when none has one). */
export function weakest(limbs: Limb[]): Limb | undefined {
  let best: Limb | undefined;
  for (const l of limbs) {
    if (l.margin?.points === undefined) continue;
    if (!best || new Dec(l.margin.points).lessThan(new Dec(best.margin?.points ?? '0'))) best = l;
  }
  return best ?? limbs[0];
}

/**
 * A Table A.2 group: a limb per VNM method, passing if either does (declared core parts of the group must be
 * originating as well); a gap for a declared part of unknown origin.
 */
export function groupLimb(
  ctx: LimbCtx,
  gid: string,
  title: string,
  parts: CorePart[],
  T: Dec,
  threshold: InForce<{ netCost: string }>,
): Limb {
  const cur = ctx.claim.currency;
  const computable = parts.filter((p) => p.computable);
  const declared = parts.filter((p) => !p.computable);
  const declaredOk = declared.every((p) => p.material.origin === 'originating');
  for (const p of declared) {
    if (p.material.origin === 'unknown') {
      ctx.gaps.push({
        code: 'CORE_PART_ORIGIN_UNKNOWN',
        subject: p.material.key,
        message: `${p.material.key}: core part (${gid}) of unknown origin; it fails the core parts requirement until its origin is shown`,
        valueAtStake: amountText(times(p.material.unitValue, p.perGood)),
      });
    }
  }
  const declaredLimbs: Limb[] = declared.map((p) => ({
    id: `core-parts.${gid}.${p.material.key}`,
    title: p.battery8507_60
      ? `${p.material.key}: advanced battery of 8507.60, originating under its Schedule 1 rule (s. 14(6)); ${declaredOrigin(p.material)}`
      : `${p.material.key}: ${declaredOrigin(p.material)} (no net cost and bill of materials to compute)`,
    status: p.material.origin === 'originating' ? 'pass' : 'fail',
    citation: ctx.rules.citation('usmca.auto.core_parts.scope', p.battery8507_60 ? 's. 14(6)' : 's. 14(4)'),
  }));
  const methodLimbs: Limb[] = [];
  // Several parts of one category are averaged only when the producer elects it (s. 14(12), s. 16(10)-(11));
  // otherwise each part must be originating on its own (s. 14(4)-(5)), and the group shows its weakest part.
  const averaged = computable.length > 1 && ctx.claim.elections.coreAveraging === 'parts-category';
  const partLimb = (method: 'full' | 'listed-components', members: CorePart[], id: string, what: string): Limb => {
    const nc = sumMoney(
      members.map((p) => times(p.netCost, p.perGood)),
      cur,
    );
    const vnm = sumMoney(
      members.map((p) => times(method === 'full' ? p.fullVnm : p.listedVnm, p.perGood)),
      cur,
    );
    const title = `${what}: RVC with ${method === 'full' ? 'full VNM (s. 14(7)(a))' : 'listed column-2 components only (s. 14(7)(b))'}`;
    if (!isPositive(nc))
      return {
        id,
        title,
        status: 'fail',
        reason: 'no positive net cost to compute an RVC on',
        citation: threshold.citation,
      };
    const ratio = moneyRatio(minus(nc, vnm), nc);
    const limb = percentLimb({
      id,
      title,
      ratio,
      threshold: T,
      thresholdText: threshold.value.netCost,
      // s. 14(12): a parts category averaged by election; a part on its own is "not less than" (s. 14(4)-(5)).
      comparator: averaged ? averageComparator(ctx.average, ratio, T) : '>=',
      rule: threshold,
      currency: cur,
      marginMeaning:
        members.length > 1
          ? 'non-originating value the group could absorb (positive) or must re-source (negative)'
          : 'non-originating value the part could absorb (positive) or must re-source (negative)',
    });
    limb.details = {
      ...limb.details,
      netCost: amountText(nc),
      valueOfNonOriginatingMaterials: amountText(vnm),
      parts: members.map((p) => p.material.key),
    };
    return limb;
  };
  if (computable.length > 0) {
    for (const method of ['full', 'listed-components'] as const) {
      let limb: Limb;
      if (computable.length === 1 || averaged) {
        limb = partLimb(
          method,
          computable,
          `core-parts.${gid}.${method}`,
          averaged ? `${title}, averaged as a parts category (s. 14(12))` : title,
        );
      } else {
        // Each part on its own: the group passes with this method only if every part does; it shows the weakest.
        const each = computable.map((p) =>
          partLimb(method, [p], `core-parts.${gid}.${method}.${p.material.key}`, p.material.key),
        );
        const weakestPart = weakest(each) ?? (each[0] as Limb);
        limb = {
          ...weakestPart,
          id: `core-parts.${gid}.${method}`,
          title: `${title}, each part on its own (weakest: ${weakestPart.title})`,
          status: each.every((l) => l.status === 'pass') ? 'pass' : 'fail',
          limbs: each,
        };
      }
      if (!declaredOk && limb.status === 'pass') {
        limb.status = 'fail';
        limb.reason = 'a declared core part of this group is not originating';
      }
      methodLimbs.push(limb);
    }
  }
  const passing = methodLimbs.find((l) => l.status === 'pass');
  const status: Status = computable.length === 0 ? (declaredOk ? 'pass' : 'fail') : passing ? 'pass' : 'fail';
  const shown = passing ?? methodLimbs[0];
  return {
    id: `core-parts.${gid}`,
    title: `${title}${parts.length > 1 ? ` (${parts.length} parts${averaged ? ', averaged as a parts category, s. 14(12)' : ', each on its own'})` : ''}`,
    status,
    ...(shown
      ? {
          value: shown.value,
          threshold: shown.threshold,
          comparator: shown.comparator,
          unit: shown.unit,
          margin: shown.margin,
          rule: shown.rule,
        }
      : {}),
    citation: threshold.citation,
    limbs: [...methodLimbs, ...declaredLimbs],
  };
}

/**
 * The super-core (s. 14(10)): every column-1 part as one, with the full VNM or the listed components, compared
 * with the s. 14(13) threshold as `average.reading` reads s. 14(12).
 */
export function superCoreLimb(
  parts: CorePart[],
  method: 'super-core-full' | 'super-core-listed',
  T: Dec,
  threshold: InForce<{ netCost: string }>,
  currency: string,
  average: AverageTest,
): Limb {
  // Every column-1 part is in the super-core, an 8507.60 battery included: its own origin follows s. 14(6),
  // but its net cost and materials are part of the whole (s. 14(10)).
  const missing = parts.filter((p) => !p.hasFigures);
  const title = `super-core: all column-1 parts as one, ${method === 'super-core-full' ? 'full VNM (s. 14(10)(a))' : 'listed column-2 components (s. 14(10)(b))'}`;
  if (missing.length > 0) {
    return {
      id: `core-parts.${method}`,
      title,
      status: 'fail',
      reason: `not available: net cost and bill of materials missing for ${missing.map((p) => p.material.key).join(', ')}`,
      citation: threshold.citation,
    };
  }
  const used = parts.filter((p) => p.hasFigures);
  const nc = sumMoney(
    used.map((p) => times(p.netCost, p.perGood)),
    currency,
  );
  if (!isPositive(nc)) {
    return {
      id: `core-parts.${method}`,
      title,
      status: 'fail',
      reason: 'not available: no core part with a net cost',
      citation: threshold.citation,
    };
  }
  const vnm = sumMoney(
    used.map((p) => times(method === 'super-core-full' ? p.fullVnm : p.listedVnm, p.perGood)),
    currency,
  );
  const ratio = moneyRatio(minus(nc, vnm), nc);
  const limb = percentLimb({
    id: `core-parts.${method}`,
    title,
    ratio,
    threshold: T,
    thresholdText: threshold.value.netCost,
    comparator: averageComparator(average, ratio, T),
    rule: threshold,
    currency,
    marginMeaning: 'non-originating value the super-core could absorb (positive) or must re-source (negative)',
  });
  limb.details = {
    ...limb.details,
    netCost: amountText(nc),
    valueOfNonOriginatingMaterials: amountText(vnm),
    parts: used.map((p) => p.material.key).sort(),
  };
  return limb;
}
