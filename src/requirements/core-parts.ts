/**
 * Core parts requirement, UR s. 14(4)-(13) (treaty Appendix Arts. 3.7-3.9): a passenger vehicle or light
 * truck is originating only if each Table A.2 column-1 part used in it is originating, at the s. 14(13)
 * net-cost threshold. For each group the VNM is either the full VNM of the part (s. 14(7)(a)) or only its
 * non-originating column-2 components (s. 14(7)(b), (8), (11)); or all column-1 parts are treated as one,
 * the super-core, with either VNM option (s. 14(10)). An advanced battery of 8507.60 is originating if it meets
 * its Schedule 1 rule (s. 14(6)), which this pack does not hold: its declared origin is used. The
 * requirement does not apply under an approved alternative staging regime (s. 19(5)).
 */
import type { Material } from '../input/model.js';
import { Dec, ONE, product } from '../num/decimal.js';
import { amountText, isPositive, minus, plus, times, sumMoney, zero, type Money } from '../num/money.js';
import { moneyRatio } from '../num/ratio.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { InForce } from '../rules/pack.js';
import type { Trace } from '../explain/trace.js';
import type { Limb, RequirementResult, Status } from './result.js';
import type { EvaluationContext } from './context.js';
import { percentLimb } from './limb.js';
import { rollUp, originOf, type ResolvedOrigin } from './vnm.js';

type Method = 'full' | 'listed-components' | 'super-core-full' | 'super-core-listed';
type Ctx = Pick<
  EvaluationContext,
  'claim' | 'pack' | 'date' | 'classification' | 'asr' | 'computedOrigins' | 'coreRollUp' | 'gaps' | 'warnings'
>;

interface CorePart {
  material: Material;
  group: string;
  perGood: Dec;
  /** Net cost and own materials given. */
  hasFigures: boolean;
  /** Its group's RVC can be computed: figures given, and not an 8507.60 battery (s. 14(6)). */
  computable: boolean;
  battery8507_60: boolean;
  netCost: Money;
  fullVnm: Money;
  listedVnm: Money;
}

export interface CorePartsOutcome {
  result: RequirementResult;
  /** Origins the test established, for the vehicle's roll-up. */
  origins: Map<Material, ResolvedOrigin>;
}

export function notApplicable(
  id: RequirementResult['id'],
  title: string,
  reason: string,
  citation?: string,
): RequirementResult {
  return { id, title, status: 'not-applicable', reason, ...(citation ? { citation } : {}), trace: [] };
}

export function corePartsRequirement(ctx: Ctx, trace: Trace): CorePartsOutcome {
  const { pack, date, classification } = ctx;
  const scope = pack.at('usmca.auto.core_parts.scope', date);
  const title = 'Core parts (Table A.2) originating';
  if (!scope.value.classes.includes(classification.vehicleClass)) {
    return {
      result: notApplicable(
        'core-parts',
        title,
        `applies to ${scope.value.classes.join(' and ')} only; this good is ${classification.vehicleClass}`,
        scope.citation,
      ),
      origins: new Map(),
    };
  }
  if (ctx.asr) {
    return {
      result: notApplicable(
        'core-parts',
        title,
        `the vehicle is under the approved alternative staging regime ${ctx.asr.reference} (${ctx.asr.start} to ${ctx.asr.end}), which replaces the core parts requirement`,
        pack.citation('usmca.auto.asr', 's. 19(5)'),
      ),
      origins: new Map(),
    };
  }
  const a2 = pack.at('usmca.auto.table.a2', date);
  const threshold = pack.at('usmca.auto.parts.pvlt_core', date);
  const T = new Dec(threshold.value.netCost);
  const groups = new Map(a2.value.groups.map((g) => [g.id, g]));
  const parts = (
    ctx.claim.bomFlags.coreParts ? collect(ctx, ctx.claim.materials, ONE, groups, scope.value.advancedBattery.hs) : []
  ).sort((a, b) => (a.material.key < b.material.key ? -1 : a.material.key > b.material.key ? 1 : 0));
  if (parts.length === 0) {
    ctx.gaps.push({
      code: 'CORE_PARTS_NOT_IDENTIFIED',
      subject: 'materials',
      message:
        'no BOM line is marked with corePart; the core parts used in the vehicle (engine, transmission, body and chassis, axles, suspension, steering, advanced battery) cannot be checked',
    });
    return {
      result: {
        id: 'core-parts',
        title,
        status: 'fail',
        reason: 'no core part is identified in the bill of materials (mark lines with corePart)',
        citation: threshold.citation,
        rule: { id: threshold.ruleId, effectiveFrom: threshold.effectiveFrom, value: threshold.value.netCost },
        trace: [],
      },
      origins: new Map(),
    };
  }

  const groupIds = [...new Set(parts.map((p) => p.group))].sort(
    (a, b) => a2.value.groups.findIndex((g) => g.id === a) - a2.value.groups.findIndex((g) => g.id === b),
  );
  const groupLimbs: Limb[] = [];
  for (const gid of groupIds) {
    const gparts = parts.filter((p) => p.group === gid);
    const limb = groupLimb(ctx, gid, groups.get(gid)?.title ?? gid, gparts, T, threshold);
    groupLimbs.push(limb);
  }
  const superLimbs = (['super-core-full', 'super-core-listed'] as const).map((m) =>
    superCoreLimb(parts, m, T, threshold, ctx.claim.currency),
  );
  const election = ctx.claim.elections.corePartsMethod ?? 'best';
  const perGroupOk = groupLimbs.every((l) => l.status === 'pass');
  const superFull = superLimbs[0]!;
  const superListed = superLimbs[1]!;

  let status: Status;
  let used: string;
  let decisive: Limb | undefined;
  if (election === 'super-core-full' || election === 'super-core-listed') {
    decisive = election === 'super-core-full' ? superFull : superListed;
    status = decisive.status === 'pass' ? 'pass' : 'fail';
    used = election;
  } else if (election === 'full' || election === 'listed-components') {
    const limbs = groupLimbs.map((g) => g.limbs?.find((l) => l.id.endsWith(`.${election}`)) ?? g);
    status = limbs.every((l) => l.status === 'pass') ? 'pass' : 'fail';
    decisive = weakest(limbs);
    used = election;
  } else if (perGroupOk) {
    status = 'pass';
    decisive = weakest(groupLimbs);
    used = 'per-group (full or listed components, whichever passes)';
  } else if (superFull.status === 'pass' || superListed.status === 'pass') {
    status = 'pass';
    decisive = superFull.status === 'pass' ? superFull : superListed;
    used = decisive.id.endsWith('full') ? 'super-core-full' : 'super-core-listed';
  } else {
    status = 'fail';
    decisive = weakest(groupLimbs);
    used = 'none passes';
  }

  // Origins for the vehicle's roll-up: a part is originating when the method used makes it so.
  const origins = new Map<Material, ResolvedOrigin>();
  const superPassed = used.startsWith('super-core') && status === 'pass';
  for (const p of parts) {
    if (!p.computable) continue;
    const originating = superPassed || (!used.startsWith('super-core') && partPasses(groupLimbs, p, election));
    const origin: ResolvedOrigin = {
      origin: originating ? 'originating' : 'non-originating',
      basis: 'computed',
      explanation: `core part (${p.group}): ${used}`,
    };
    origins.set(p.material, origin);
    if (p.material.origin !== 'unknown' && p.material.origin !== origin.origin) {
      ctx.warnings.push({
        code: 'ORIGIN_CONTRADICTED',
        subject: p.material.key,
        message: `${p.material.key}: declared ${p.material.origin}, but the core parts test makes it ${origin.origin}; the computed origin is used`,
      });
    }
  }
  trace.add({
    id: 'coreParts.netCostOfCoreParts',
    description: 'sum of the net costs of the column-1 parts with computable figures, per vehicle',
    value: amountText(
      sumMoney(
        parts.filter((p) => p.computable).map((p) => times(p.netCost, p.perGood)),
        ctx.claim.currency,
      ),
    ),
    unit: 'money',
    currency: ctx.claim.currency,
    citation: pack.citation('usmca.auto.table.a2', 's. 14(4), (10)'),
  });
  return {
    result: {
      id: 'core-parts',
      title,
      status,
      value: decisive?.value,
      threshold: threshold.value.netCost,
      comparator: '>=',
      unit: 'percent',
      margin: decisive?.margin,
      rule: { id: threshold.ruleId, effectiveFrom: threshold.effectiveFrom, value: threshold.value.netCost },
      citation: pack.citation('usmca.auto.parts.pvlt_core', 's. 14(4)-(13)'),
      limbs: [...groupLimbs, ...superLimbs],
      details: { election, methodUsed: used, decidingLimb: decisive?.id ?? null },
      trace: [],
    },
    origins,
  };
}

/**
 * Whether a core part is originating by the per-group test: by the elected VNM method, or by either under
 * `best`. A part tested on its own has its own limb; one averaged with its category (or alone in its group)
 * takes the group's figure for the method.
 */
function partPasses(groupLimbs: Limb[], p: CorePart, election: string): boolean {
  const g = groupLimbs.find((l) => l.id === `core-parts.${p.group}`);
  const methods = election === 'full' || election === 'listed-components' ? [election] : ['full', 'listed-components'];
  return methods.some((m) => {
    const ml = g?.limbs?.find((l) => l.id === `core-parts.${p.group}.${m}`);
    if (!ml) return false;
    const own = ml.limbs?.find((l) => l.id === `core-parts.${p.group}.${m}.${p.material.key}`);
    return (own ?? ml).status === 'pass';
  });
}

function weakest(limbs: Limb[]): Limb | undefined {
  let best: Limb | undefined;
  for (const l of limbs) {
    if (l.margin?.points === undefined) continue;
    if (!best || new Dec(l.margin.points).lessThan(new Dec(best.margin?.points ?? '0'))) best = l;
  }
  return best ?? limbs[0];
}

function collect(
  ctx: Ctx,
  list: readonly Material[],
  parentMultiplier: Dec,
  groups: Map<string, { components: Array<{ id: string; hs: string[] }> }>,
  batteryHs: string[],
  out: CorePart[] = [],
): CorePart[] {
  for (const m of list) {
    const perGood = product(parentMultiplier, m.quantity);
    if (m.corePart === undefined) {
      if (m.children.length > 0) collect(ctx, m.children, perGood, groups, batteryHs, out);
      continue;
    }
    const battery8507_60 = m.corePart === 'advanced-batteries' && m.hs !== undefined && hsMatchesAny(m.hs, batteryHs);
    const currency = ctx.claim.currency;
    let hasFigures = m.netCost !== undefined && isPositive(m.netCost) && m.children.length > 0;
    let fullVnm = zero(currency);
    let listedVnm = zero(currency);
    let netCost = m.netCost ?? zero(currency);
    if (hasFigures) {
      const inner = rollUp(m.children, { currency, computed: ctx.computedOrigins, coreRollUp: ctx.coreRollUp });
      fullVnm = inner.vnm;
      listedVnm = listedComponents(ctx, m, m.children, ONE, groups.get(m.corePart)?.components ?? []);
      // Restated with its suppliers' statements of net cost (s. 9(2)(a)(i)); not positive: not computable.
      netCost = plus(netCost, inner.netCostAdjustment);
      if (!isPositive(netCost)) hasFigures = false;
    }
    const computable = hasFigures && !battery8507_60;
    out.push({
      material: m,
      group: m.corePart,
      perGood,
      hasFigures,
      computable,
      battery8507_60,
      netCost,
      fullVnm,
      listedVnm,
    });
  }
  return out;
}

/** s. 14(7)(b), (8), (11): only the non-originating column-2 components of the part's own group count. */
function listedComponents(
  ctx: Ctx,
  part: Material,
  list: readonly Material[],
  multiplier: Dec,
  components: Array<{ id: string; hs: string[] }>,
): Money {
  let sum = zero(ctx.claim.currency);
  for (const m of list) {
    const perPart = product(multiplier, m.quantity);
    const component = m.coreComponent !== undefined ? components.find((c) => c.id === m.coreComponent) : undefined;
    if (m.coreComponent !== undefined && !component) {
      ctx.warnings.push({
        code: 'CORE_COMPONENT_NOT_IN_GROUP',
        subject: m.key,
        message: `${m.key}: "${m.coreComponent}" is not a column-2 component of ${part.corePart} in Table A.2; treated as an unlisted material`,
      });
    }
    if (component) {
      if (m.hs !== undefined && !hsMatchesAny(m.hs, component.hs)) {
        ctx.warnings.push({
          code: 'CORE_COMPONENT_HS_MISMATCH',
          subject: m.key,
          message: `${m.key}: HS ${m.hs} is not among the Table A.2 codes for ${component.id} (${component.hs.join(', ')})`,
        });
      }
      const o = originOf(m, { computed: ctx.computedOrigins });
      if (o.origin !== 'originating') sum = plus(sum, times(m.unitValue, perPart));
      continue;
    }
    if (m.selfProduced) sum = plus(sum, listedComponents(ctx, part, m.children, perPart, components));
  }
  return sum;
}

function groupLimb(
  ctx: Ctx,
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
      ? `${p.material.key}: advanced battery of 8507.60, originating under its Schedule 1 rule (s. 14(6)); declared ${p.material.origin}`
      : `${p.material.key}: declared ${p.material.origin} (no net cost and bill of materials to compute)`,
    status: p.material.origin === 'originating' ? 'pass' : 'fail',
    citation: ctx.pack.citation('usmca.auto.core_parts.scope', p.battery8507_60 ? 's. 14(6)' : 's. 14(4)'),
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
    const limb = percentLimb({
      id,
      title,
      ratio: moneyRatio(minus(nc, vnm), nc),
      threshold: T,
      thresholdText: threshold.value.netCost,
      comparator: '>=',
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

function superCoreLimb(
  parts: CorePart[],
  method: 'super-core-full' | 'super-core-listed',
  T: Dec,
  threshold: InForce<{ netCost: string }>,
  currency: string,
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
  const limb = percentLimb({
    id: `core-parts.${method}`,
    title,
    ratio: moneyRatio(minus(nc, vnm), nc),
    threshold: T,
    thresholdText: threshold.value.netCost,
    comparator: '>=',
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
