/**
 * Regional value content of the vehicle. UR s. 7(2)-(3) (treaty Art. 4.5.2-4.5.3):
 *   net cost method:          RVC = (NC - VNM) / NC x 100
 *   transaction value method: RVC = (TV - VNM) / TV x 100 (only where the good's rule has one, s. 7(6))
 * Threshold: the one rvc-threshold.ts selects (the class's rule in s. 13 / s. 20, the staging regime's, the
 * new-plant rule's). De minimis: a good is originating without meeting its RVC if all non-originating materials
 * are not more than the s. 5(4) share of its total cost (or transaction value).
 */
import { Dec, text } from '../num/decimal.js';
import { minus, type Money } from '../num/money.js';
import {
  addRatios,
  compareRatios,
  compareToPercent,
  moneyRatio,
  notLessThan,
  points,
  percentText,
  type Ratio,
} from '../num/ratio.js';
import { Trace, type TraceNode } from '../explain/trace.js';
import type { NormalizedClaim } from '../input/model.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { deMinimisBase, deMinimisTotal } from './de-minimis.js';
import type { IntermediateResult } from './intermediate.js';
import { percentLimb } from './limb.js';
import type { NetCost } from './net-cost.js';
import { noFindings, type Limb, type RequirementOutcome, type Warning } from './result.js';
import { REQUIREMENTS } from './titles.js';
import type { RollUp } from './vnm.js';
import type { StagingRegime } from './staging-regime.js';
import { rvcThreshold } from './rvc-threshold.js';
import type { SwitchId } from '../input/terms.js';

/** The LVC figures the heavy-truck credit needs (s. 18(22)). */
export interface LvcForRvc {
  passed: boolean;
  materialPoints?: Ratio | undefined;
  /** The LVC total (material points, technology and assembly credits). */
  total?: Ratio | undefined;
}

/** What the RVC requirement needs from earlier steps. */
export interface RvcInputs {
  classification: Classification;
  regime: StagingRegime | undefined;
  /** The good's net cost, and its trace node. */
  netCost: NetCost;
  netCostTrace: TraceNode;
  /** The roll-up of the bill of materials (its VNM). */
  bom: RollUp;
  /** LVC figures, for a heavy truck's s. 18(22) credit. */
  lvc?: LvcForRvc | undefined;
  /** The reading of the s. 18(22) credit (interpretation.heavyTruckCredit; default all-points). */
  creditReading?: 'all-points' | 'lvc-excess' | undefined;
  /** The designated intermediate materials, reported with the RVC. */
  intermediates: IntermediateResult[];
}

export function regionalValueContent(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: RvcInputs,
): RequirementOutcome {
  const { netCost, bom: rollUp, lvc, classification } = inputs;
  const findings = noFindings();
  const trace = new Trace();
  trace.add(inputs.netCostTrace);
  const cur = claim.currency;
  const selected = rvcThreshold(claim, rules, classification, inputs.regime);
  findings.warnings.push(...selected.warnings);
  const threshold = selected.threshold;
  const method = claim.elections.rvcMethod ?? 'net-cost';
  const useTv = method === 'transaction-value';
  const base = useTv ? claim.costs.transactionValue : netCost.value;
  if (useTv && (threshold.transactionValue === undefined || base === undefined)) {
    throw new Error('internal: transaction value method reached without a rule or a value');
  }
  const thresholdText = useTv ? (threshold.transactionValue as string) : threshold.netCost;
  const denominator = base as Money;
  if (
    useTv &&
    claim.good.kind === 'part' &&
    !classification.productSpecificRule &&
    classification.ownRuleTransactionValue === undefined
  ) {
    const tvPolicy = rules.at('usmca.auto.parts.transaction_value');
    findings.warnings.push({
      code: 'TRANSACTION_VALUE_RULE_UNCHECKED',
      subject: 'elections.rvcMethod',
      message: `the transaction value figure is used for a part of ${claim.good.hs}, whose own rule (Annex 4-B) this rule pack has not read; confirm that it has a transaction value method before relying on this (s. 7(6); ${tvPolicy.citation})`,
    });
  }

  trace.add({
    id: 'rvc.valueOfNonOriginatingMaterials',
    description: 'value of non-originating materials (VNM), after roll-up, per unit',
    value: text(rollUp.vnm.amount),
    unit: 'money',
    currency: cur,
    formula:
      'sum over counted BOM lines (see bom.counted); originating materials count 0, unknown origin counts in full',
    inputs: { countedLines: String(rollUp.counted.length), linesVisited: String(rollUp.linesVisited) },
    citation: rules.cite('UR', 's. 7(3), s. 8, s. 9(2), s. 14(1)', 'USMCA Art. 4.5'),
  });
  if (useTv) {
    trace.add({
      id: 'rvc.transactionValue',
      description: 'transaction value, adjusted to exclude international shipment',
      value: text(denominator.amount),
      unit: 'money',
      currency: cur,
    });
  }

  const r = moneyRatio(minus(denominator, rollUp.vnm), denominator);
  // s. 20(2)(h), (3)(b): an engine or gear box between the two figures is originating only for a vehicle of s. 20(3)(a).
  const s20 = classification.otherVehicleRvc;
  if (s20?.forS20_3 && !useTv && notLessThan(r, new Dec(s20.forS20_3.netCost)) && !notLessThan(r, new Dec(s20.netCost)))
    findings.warnings.push({
      code: 'OTHER_VEHICLE_PARAGRAPH_DECIDES',
      subject: 'good.forVehicleClass',
      message: `the part's RVC (${percentText(r, 'ROUND_FLOOR')}%) is under the ${s20.netCost}% an engine or gear box needs for a vehicle of s. 20(2)(a)-(g) (s. 20(2)(h)) but not under the ${s20.forS20_3.netCost}% it needs for a vehicle of s. 20(3)(a) (s. 20(3)(b)): it is decided at ${s20.netCost}%, since the class other-vehicle does not say which; for use in a vehicle of s. 20(3)(a) only, it is originating`,
    });
  const formula = useTv ? '(TV - VNM) / TV x 100' : '(NC - VNM) / NC x 100';
  const main = percentLimb({
    id: 'rvc.value',
    title: `regional value content, ${useTv ? 'transaction value' : 'net cost'} method, ${threshold.basis}`,
    ratio: r,
    threshold: new Dec(thresholdText),
    thresholdText,
    comparator: '>=',
    rule: threshold.rule,
    currency: cur,
    marginMeaning:
      'non-originating value per unit that could be added (positive) or must be re-sourced as originating (negative)',
  });
  trace.add({
    id: 'rvc.percent',
    description: 'regional value content',
    value: main.value ?? '',
    unit: 'percent',
    formula,
    inputs: { [useTv ? 'TV' : 'NC']: text(denominator.amount), VNM: text(rollUp.vnm.amount) },
    rule: { id: threshold.rule.ruleId, effectiveFrom: threshold.rule.effectiveFrom },
    citation: threshold.rule.citation,
    rounding: 'ROUND_FLOOR to 6 decimal places (display); compared exactly',
  });

  const limbs: Limb[] = [main];
  const inPlay: SwitchId[] = [];
  let status = main.status;
  // The credit's points are points of net cost: they add to an RVC by the net cost method only.
  if (status === 'fail' && !useTv) {
    const credit = heavyTruckCredit(rules, classification, r, new Dec(thresholdText), lvc, inputs.creditReading);
    if (credit?.details?.readingMatters === true) inPlay.push('heavyTruckCredit');
    if (credit) {
      limbs.push(credit);
      if (credit.status === 'pass') status = 'pass';
    }
  }
  if (status === 'fail') {
    // s. 5(4): de minimis, against the transaction value or the total cost, whichever is met (the larger).
    const dm = rules.at('usmca.general.de_minimis');
    const base = deMinimisBase(claim.costs.totalCost, claim.costs.transactionValue);
    // s. 5(5): the materials at their s. 8 values (a supplier's statement of their content serves the RVC only).
    const share = moneyRatio(deMinimisTotal(rollUp), base.value);
    const dmLimb = percentLimb({
      id: 'rvc.de-minimis',
      title: `de minimis: all non-originating materials not more than ${dm.value}% of ${base.name}`,
      ratio: share,
      threshold: new Dec(dm.value),
      thresholdText: dm.value,
      comparator: '<=',
      rule: { ...dm, citation: rules.citation('usmca.general.de_minimis', 's. 5(4)'), provision: 's. 5(4)' },
      currency: cur,
      marginMeaning: 'non-originating value that could be added while staying within de minimis',
    });
    limbs.push(dmLimb);
    if (dmLimb.status === 'pass') status = 'pass';
  }
  if (
    claim.good.kind === 'part' &&
    status === 'fail' &&
    classification.rvcOnly === undefined &&
    classification.productSpecificRule === undefined
  ) {
    // Tables B-E parts may also be originating under a tariff-shift alternative (s. 14(14), (16), s. 15, s. 13),
    // which the pack has not read: the failing RVC is not the last word.
    findings.gaps.push({
      code: 'TARIFF_SHIFT_NOT_EVALUATED',
      subject: 'good',
      message: `the part fails its RVC alternative, but its rule also offers a change of tariff classification, which this rule pack does not hold (s. 14(14), (16); s. 13; Annex 4-B): if every non-originating material makes the change the rule requires, the part is originating; check the rule by hand`,
    });
  }
  if (
    claim.good.kind === 'part' &&
    status === 'pass' &&
    classification.rvcOnly === undefined &&
    classification.productSpecificRule === undefined
  ) {
    // The table's RVC carried the part, but its rule is not read: the rule's RVC alternative may also require a
    // change in tariff classification (s. 13, 8708.10 (1)(b): "from subheading 8708.99 ... provided there is an RVC"),
    // which could not be checked.
    findings.warnings.push({
      code: 'PSR_NOT_READ',
      subject: 'good',
      message: `the part meets the RVC of its table, but its rule (Annex 4-B) is not in this rule pack: whether the rule's RVC alternative also requires a change in tariff classification of the non-originating materials (as s. 13, 8708.10 (1)(b) requires a change from 8708.99) was not checked (s. 14(14), (16); s. 15(2)-(3)); check the rule by hand before certifying`,
    });
  }
  const result: RequirementOutcome['result'] = {
    id: 'rvc',
    title: REQUIREMENTS.rvc.title,
    status,
    value: main.value,
    threshold: main.threshold,
    comparator: '>=',
    unit: 'percent',
    margin: main.margin,
    rule: main.rule,
    citation: main.citation,
    limbs,
    details: { method, basis: threshold.basis, intermediateMaterials: inputs.intermediates },
    trace: trace.list(),
  };
  return { result, ...findings, ...(inPlay.length > 0 ? { inPlay } : {}) };
}

/**
 * s. 18(22): until the pack's end date, a producer of a vehicle of the classes the rule names (heavy trucks) whose LVC passes, is above the stated total
 * (strictly: "above 45 %"), and has high-wage material and manufacturing expenditures above the stated points
 * may count the points above them toward the RVC, provided the RVC itself does not fall below the floor.
 */
function heavyTruckCredit(
  rules: RulesInForce,
  classification: Classification,
  rvc: Ratio,
  threshold: Dec,
  lvc: LvcForRvc | undefined,
  reading: 'all-points' | 'lvc-excess' = 'all-points',
): Limb | undefined {
  const rule = rules.optional('usmca.auto.lvc.heavy_truck_excess_credit');
  if (!rule || !rule.value.classes.includes(classification.vehicleClass)) return undefined; // its scope, in the rule
  if (!lvc?.passed || !lvc.materialPoints || !lvc.total) return undefined;
  if (compareToPercent(lvc.total, new Dec(rule.value.lvcAbove)) <= 0) return undefined;
  const above = new Dec(rule.value.pointsAbove);
  if (compareToPercent(lvc.materialPoints, above) <= 0) return undefined;
  // "the points above 30 percentage points" (all-points), or only the LVC above 45 they bring (lvc-excess).
  const allPoints = addRatios(lvc.materialPoints, points(above.negated()));
  const lvcExcess = addRatios(lvc.total, points(new Dec(rule.value.lvcAbove).negated()));
  const excessSmaller = compareRatios(lvcExcess, allPoints) < 0;
  const excess = reading === 'lvc-excess' && excessSmaller ? lvcExcess : allPoints;
  const withCredit = addRatios(rvc, excess);
  const floorOk = notLessThan(rvc, new Dec(rule.value.rvcFloor)); // "does not fall below"
  const ok = floorOk && notLessThan(withCredit, threshold);
  return {
    id: 'rvc.heavy-truck-lvc-credit',
    title: `RVC with the s. 18(22) credit: high-wage material and manufacturing points above ${rule.value.pointsAbove} added, RVC not below ${rule.value.rvcFloor}%`,
    status: ok ? 'pass' : 'fail',
    value: percentText(withCredit, 'ROUND_FLOOR'),
    threshold: threshold.toFixed(),
    comparator: '>=',
    unit: 'percent',
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom, value: rule.value.pointsAbove },
    citation: rule.citation,
    details: {
      credit: percentText(excess, 'ROUND_FLOOR'),
      rvcWithoutCredit: percentText(rvc, 'ROUND_FLOOR'),
      floor: rule.value.rvcFloor,
      floorMet: floorOk,
      lvcAbove: rule.value.lvcAbove,
      reading,
      readingMatters: excessSmaller,
    },
  };
}
