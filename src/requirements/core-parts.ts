/**
 * Core parts requirement, UR s. 14(4)-(13) (treaty Appendix Arts. 3.7-3.9): a passenger vehicle or light
 * truck is originating only if each Table A.2 column-1 part used in it is originating, at the s. 14(13)
 * net-cost threshold. For each group the VNM is either the full VNM of the part (s. 14(7)(a)) or only its
 * non-originating column-2 components (s. 14(7)(b), (8), (11)); or all column-1 parts are treated as one,
 * the super-core, with either VNM option (s. 14(10)). An advanced battery of 8507.60 is originating if it meets
 * its Schedule 1 rule (s. 14(6)), which this pack does not hold: its declared origin is used. The
 * requirement does not apply under an approved alternative staging regime (s. 19(5)).
 * The origins the test establishes are those of the core parts in the vehicle's roll-up.
 */
import { Trace } from '../explain/trace.js';
import type { Material, NormalizedClaim } from '../input/model.js';
import type { SwitchId } from '../input/terms.js';
import { Dec } from '../num/decimal.js';
import { amountText, times, sumMoney } from '../num/money.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { corePartsOf, type CorePart } from './core-part-figures.js';
import { groupLimb, superCoreLimb, weakest, type AverageTest } from './core-part-limbs.js';
import { accountForGroups, decidingFailure, failures, failureText, type Failure } from './core-part-groups.js';
import { noFindings, notApplicable, type Limb, type RequirementOutcome, type Status, type Warning } from './result.js';
import { corePartOrigins } from './core-part-origins.js';
import type { StagingRegime } from './staging-regime.js';
import { REQUIREMENTS } from './titles.js';
import type { CoreRollUp, ResolvedOrigin } from './vnm.js';

/**
 * The core-part roll-up reading in force (usmca.interpretation.core_roll_up, domain reference §3.5): the reading of
 * the claim's interpretation where the core parts requirement applies to the vehicle, "none" for a part, a vehicle
 * outside its scope or under a staging regime.
 */
export function coreRollUpReading(
  claim: NormalizedClaim,
  rules: RulesInForce,
  classification: Classification,
  regime: StagingRegime | undefined,
  reading: 'full' | 'rvc-only',
): CoreRollUp {
  const scope = rules.at('usmca.auto.core_parts.scope').value.classes;
  return claim.good.kind !== 'part' && !regime && scope.includes(classification.vehicleClass) ? reading : 'none';
}

/** What the core parts requirement needs from earlier steps. */
export interface CorePartsInputs {
  classification: Classification;
  regime: StagingRegime | undefined;
  reading: CoreRollUp;
  /** interpretation.listedComponents: whether listed components inside unlisted sub-assemblies count. */
  listedReading: 'literal' | 'recursive';
  /** interpretation.coreAverageThreshold: whether an average of s. 14(12) passes at its threshold or only above it. */
  averageReading: 'not-less-than' | 'exceeds';
  /** Origins computed before it: the designated intermediate materials. */
  origins: ReadonlyMap<Material, ResolvedOrigin>;
}

/** The result, and the origins of the core parts whose figures were computed. */
export interface CorePartsOutcome extends RequirementOutcome {
  origins: Map<Material, ResolvedOrigin>;
}

export function coreParts(claim: NormalizedClaim, rules: RulesInForce, inputs: CorePartsInputs): CorePartsOutcome {
  const { classification, regime } = inputs;
  const found = noFindings();
  const trace = new Trace();
  const scope = rules.at('usmca.auto.core_parts.scope');
  const title = REQUIREMENTS['core-parts'].title;
  const none = (result: CorePartsOutcome['result']): CorePartsOutcome => ({ result, origins: new Map(), ...found });
  if (!scope.value.classes.includes(classification.vehicleClass)) {
    return none(
      notApplicable(
        'core-parts',
        title,
        `applies to ${scope.value.classes.join(' and ')} only; this good is ${classification.vehicleClass}`,
        scope.citation,
      ),
    );
  }
  if (regime) {
    return none(
      notApplicable(
        'core-parts',
        title,
        `the vehicle is under the approved alternative staging regime ${regime.reference} (${regime.start} to ${regime.end}), which replaces the core parts requirement`,
        rules.citation('usmca.auto.asr', 's. 19(5)'),
      ),
    );
  }
  const a2 = rules.at('usmca.auto.table.a2');
  const threshold = rules.at('usmca.auto.parts.pvlt_core');
  const T = new Dec(threshold.value.netCost);
  const groups = new Map(a2.value.groups.map((g) => [g.id, g]));
  const figures = {
    claim,
    origins: inputs.origins,
    reading: inputs.reading,
    listedReading: inputs.listedReading,
    warnings: found.warnings,
  } as Parameters<typeof corePartsOf>[0];
  const parts = claim.bomFlags.coreParts ? corePartsOf(figures, groups, scope.value.advancedBattery.hs) : [];
  // No line marked at all (unless the claim declares every group absent): nothing to test.
  const allAbsent = a2.value.groups.every((g) => (claim.good.absentCoreParts ?? []).some((a) => a === g.id));
  if (parts.length === 0 && !allAbsent) {
    found.gaps.push({
      code: 'CORE_PARTS_NOT_IDENTIFIED',
      subject: 'materials',
      message:
        'no BOM line is marked with corePart; the core parts used in the vehicle (engine, transmission, body and chassis, axles, suspension, steering, advanced battery) cannot be checked',
    });
    return none({
      id: 'core-parts',
      title,
      status: 'fail',
      reason: 'no core part is identified in the bill of materials (mark lines with corePart)',
      citation: threshold.citation,
      rule: { id: threshold.ruleId, effectiveFrom: threshold.effectiveFrom, value: threshold.value.netCost },
      trace: [],
    });
  }
  const groupIds = [...new Set(parts.map((p) => p.group))].sort(
    (a, b) => a2.value.groups.findIndex((g) => g.id === a) - a2.value.groups.findIndex((g) => g.id === b),
  );
  const average: AverageTest = { reading: inputs.averageReading };
  const groupLimbs: Limb[] = [];
  for (const gid of groupIds) {
    const gparts = parts.filter((p) => p.group === gid);
    const limb = groupLimb(
      { claim, rules, gaps: found.gaps, average },
      gid,
      groups.get(gid)?.title ?? gid,
      gparts,
      T,
      threshold,
    );
    groupLimbs.push(limb);
  }
  const account = accountForGroups(claim, a2.value.groups, parts, threshold.citation);
  found.gaps.push(...account.gaps);
  found.warnings.push(...account.warnings);
  const unaccountedLimbs = account.limbs.filter((l) => l.status === 'fail');
  if (claim.elections.coreAveraging === 'parts-category') found.warnings.push(...averagingNotApplied(parts));
  const superLimbs = (['super-core-full', 'super-core-listed'] as const).map((m) =>
    superCoreLimb(parts, m, T, threshold, claim.currency, average),
  );
  const election = claim.elections.corePartsMethod ?? 'best';
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

  // A group unaccounted for keeps the requirement from passing, whatever the method; the parts identified keep
  // the origins their own tests give them.
  const methodStatus = status;
  if (account.unaccounted.length > 0) status = 'fail';
  let failing: Failure[] = [];
  if (status === 'fail') {
    if (election === 'super-core-full' || election === 'super-core-listed') {
      failing = [
        ...(decisive?.status === 'fail'
          ? [
              {
                group: 'super-core',
                limb: decisive.id,
                reason: decisive.reason ?? `RVC ${decisive.value} % < ${decisive.threshold} %`,
                ...(decisive.margin?.amount?.startsWith('-') ? { amountNeeded: decisive.margin.amount.slice(1) } : {}),
              },
            ]
          : []),
        ...failures([], unaccountedLimbs, []),
      ];
      if (decisive?.status !== 'fail') decisive = decidingFailure(unaccountedLimbs);
    } else {
      const methods =
        election === 'full' || election === 'listed-components' ? [election] : ['full', 'listed-components'];
      failing = failures(groupLimbs, unaccountedLimbs, methods);
      decisive = decidingFailure([...failingMethodLimbs(groupLimbs, methods), ...unaccountedLimbs]);
    }
  }

  // Origins for the vehicle's roll-up: a part is originating when the method used makes it so.
  const roll = corePartOrigins(parts, groupLimbs, { used, methodStatus, election });
  const origins = roll.origins;
  found.warnings.push(...roll.warnings);
  trace.add({
    id: 'coreParts.netCostOfCoreParts',
    description: 'sum of the net costs of the column-1 parts with computable figures, per vehicle',
    value: amountText(
      sumMoney(
        parts.filter((p) => p.computable).map((p) => times(p.netCost, p.perGood)),
        claim.currency,
      ),
    ),
    unit: 'money',
    currency: claim.currency,
    citation: rules.citation('usmca.auto.table.a2', 's. 14(4), (10)'),
  });
  // A failing result shows a failing limb's figures only: never a positive margin taken from a passing group.
  const shown = status !== 'fail' || decisive?.margin?.points?.startsWith('-') === true ? decisive : undefined;
  const inPlay: SwitchId[] = [
    ...(figures.listedReadingMatters ? (['listedComponents'] as const) : []),
    ...(average.atThreshold ? (['coreAverageThreshold'] as const) : []),
  ];
  return {
    result: {
      id: 'core-parts',
      title,
      status,
      value: shown?.value,
      threshold: threshold.value.netCost,
      comparator: decisive?.comparator ?? '>=',
      unit: 'percent',
      margin: shown?.margin,
      rule: { id: threshold.ruleId, effectiveFrom: threshold.effectiveFrom, value: threshold.value.netCost },
      citation: rules.citation('usmca.auto.parts.pvlt_core', 's. 14(4)-(13)'),
      ...(status === 'fail' && failing.length > 0 ? { reason: failureText(failing, claim.currency) } : {}),
      limbs: [...groupLimbs, ...account.limbs, ...superLimbs],
      details: {
        election,
        methodUsed: used,
        decidingLimb: decisive?.id ?? null,
        ...(status === 'fail' ? { failing } : {}),
      },
      trace: trace.list(),
    },
    origins,
    ...found,
    ...(inPlay.length > 0 ? { inPlay } : {}),
  };
}

/**
 * The method limbs of failing groups that the election allows, for the one a failing result shows: for each group,
 * the allowed method closest to passing (the cheapest way to make that group pass).
 */
function failingMethodLimbs(groupLimbs: Limb[], methods: readonly string[]): Limb[] {
  const out: Limb[] = [];
  for (const g of groupLimbs) {
    const allowed = (g.limbs ?? []).filter((l) => methods.some((m) => l.id === `${g.id}.${m}`));
    const declared = (g.limbs ?? []).filter((l) => !allowed.includes(l) && l.status === 'fail');
    if (allowed.length > 0 && allowed.some((l) => l.status === 'pass')) continue;
    let best: Limb | undefined;
    for (const l of allowed) {
      if (l.margin?.points === undefined) continue;
      if (!best || new Dec(l.margin.points).greaterThan(new Dec(best.margin?.points ?? '0'))) best = l;
    }
    // A method limb failed only because a declared part is not originating keeps its positive margin: show the part.
    if (best?.margin?.points?.startsWith('-')) out.push(best);
    else if (declared[0]) out.push(declared[0]);
    else if (g.status === 'fail') out.push(g);
  }
  return out;
}

/**
 * Parts-category averaging (s. 14(12)) averages the net cost and materials of the parts of a group; a part taken at
 * its declared origin (no netCost and materials, or an 8507.60 battery, s. 14(6)) cannot be averaged: say so.
 */
function averagingNotApplied(parts: CorePart[]): Warning[] {
  const out: Warning[] = [];
  for (const group of [...new Set(parts.map((p) => p.group))]) {
    const members = parts.filter((p) => p.group === group);
    const declared = members.filter((p) => !p.computable).map((p) => p.material.key);
    if (members.length <= 1 || declared.length === 0) continue;
    out.push({
      code: 'CORE_AVERAGING_NOT_APPLIED',
      subject: `core-parts.${group}`,
      message: `coreAveraging: parts-category averages the parts of ${group} from their net cost and materials (s. 14(12)); ${declared.join(', ')} ${declared.length === 1 ? 'is' : 'are'} taken at ${declared.length === 1 ? 'its' : 'their'} declared origin and not averaged: give netCost and materials to average ${declared.length === 1 ? 'it' : 'them'}`,
    });
  }
  return out;
}
