/**
 * Regional value content of the vehicle. UR s. 7(2)-(3) (treaty Art. 4.5.2-4.5.3):
 *   net cost method:          RVC = (NC - VNM) / NC x 100
 *   transaction value method: RVC = (TV - VNM) / TV x 100 (only where the good's rule has one, s. 7(6))
 * Threshold: the class's rule in s. 13 / s. 20 on the decision date; the approved alternative staging regime
 * (s. 19(4)(a)); the new-plant or refit rule for other vehicles (s. 20(8)). De minimis: a good is originating
 * without meeting its RVC if all non-originating materials are not more than the s. 5(4) share of its total
 * cost (or transaction value).
 */
import { Dec, text } from '../num/decimal.js';
import { compareMoney, minus, type Money } from '../num/money.js';
import { addYears } from '../num/dates.js';
import { hsMatchesAny } from '../rules/hs.js';
import { addRatios, compareToPercent, moneyRatio, notLessThan, points, percentText, type Ratio } from '../num/ratio.js';
import type { InForce } from '../rules/pack.js';
import type { ParameterId } from '../rules/catalog.js';
import type { Trace } from '../explain/trace.js';
import type { Limb, RequirementResult } from './result.js';
import type { EvaluationContext } from './context.js';
import { percentLimb } from './limb.js';

export interface RvcThreshold {
  rule: InForce<unknown>;
  netCost: string;
  transactionValue?: string | undefined;
  basis: string;
}

/** The RVC threshold that applies to the vehicle on the decision date. */
export function vehicleRvcThreshold(ctx: EvaluationContext): RvcThreshold {
  const { pack, date, classification, claim } = ctx;
  if (ctx.asr) {
    const rule = pack.at('usmca.auto.rvc.asr_vehicle', date);
    return { rule, netCost: rule.value, basis: `approved alternative staging regime ${ctx.asr.reference}` };
  }
  const np = claim.good.newPlant;
  if (classification.newPlantRule === true && np) {
    const id =
      np.kind === 'new-plant' ? 'usmca.auto.rvc.other_vehicle_new_plant' : 'usmca.auto.rvc.other_vehicle_refit';
    const rule = pack.at(id, date);
    if (withinYears(np.firstPrototypeDate, rule.value.years, date)) {
      return {
        rule,
        netCost: rule.value.netCost,
        basis: `${np.kind} since ${np.firstPrototypeDate} (${rule.value.years} years)`,
      };
    }
    ctx.warnings.push({
      code: 'NEW_PLANT_PERIOD_OVER',
      subject: 'good.newPlant',
      message: `the ${np.kind} period of ${rule.value.years} years from ${np.firstPrototypeDate} is over on ${date}; the ordinary threshold applies`,
    });
  }
  const rule = pack.at(classification.rvcRule as ParameterId, date) as InForce<unknown>;
  const v = classification.thresholdOverride ?? rule.value;
  if (typeof v === 'string') return { rule, netCost: v, basis: classification.title };
  const o = v as { netCost: string; transactionValue?: string };
  // Parts: the transaction value method only where the part's own rule has one (s. 7(6); the pack lists the
  // headings whose rules are net cost only).
  const tvPolicy = pack.at('usmca.auto.parts.transaction_value', date);
  const netCostOnly = claim.good.kind === 'part' && hsMatchesAny(claim.good.hs, tvPolicy.value.netCostOnly);
  return {
    rule,
    netCost: o.netCost,
    transactionValue: netCostOnly ? undefined : o.transactionValue,
    basis: classification.title,
  };
}

/**
 * The base of the de minimis rules (s. 5(1), (4)): not more than the percentage of the transaction value "or" of
 * the total cost, so the larger of the two where both are given.
 */
export function deMinimisBase(
  totalCost: Money,
  transactionValue: Money | undefined,
): { value: Money; name: 'transaction value' | 'total cost' } {
  return transactionValue !== undefined && compareMoney(transactionValue, totalCost) > 0
    ? { value: transactionValue, name: 'transaction value' }
    : { value: totalCost, name: 'total cost' };
}

/**
 * "For N years after the date on which the first prototype is produced": the period starts the day after that
 * date and ends on its anniversary, included (the rule's note gives the counting convention).
 */
function withinYears(start: string, years: string, date: string): boolean {
  return date > start && date <= addYears(start, years);
}

export interface LvcForRvc {
  passed: boolean;
  materialPoints?: Ratio | undefined;
  /** The LVC total (material points, technology and assembly credits). */
  total?: Ratio | undefined;
}

export function regionalValueContent(ctx: EvaluationContext, trace: Trace, lvc?: LvcForRvc): RequirementResult {
  const { claim, pack, date, netCost, rollUp } = ctx;
  const cur = claim.currency;
  const threshold = vehicleRvcThreshold(ctx);
  const method = claim.elections.rvcMethod ?? 'net-cost';
  const useTv = method === 'transaction-value';
  const base = useTv ? claim.costs.transactionValue : netCost.value;
  if (useTv && (threshold.transactionValue === undefined || base === undefined)) {
    throw new Error('internal: transaction value method reached without a rule or a value');
  }
  const thresholdText = useTv ? (threshold.transactionValue as string) : threshold.netCost;
  const denominator = base as Money;
  if (useTv && claim.good.kind === 'part') {
    const tvPolicy = pack.at('usmca.auto.parts.transaction_value', date);
    ctx.warnings.push({
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
    citation: pack.cite('UR', 's. 7(3), s. 8, s. 9(2), s. 14(1)', 'USMCA Art. 4.5'),
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
  let status = main.status;
  if (status === 'fail' && ctx.classification.vehicleClass === 'heavy-truck' && !useTv) {
    const credit = heavyTruckCredit(ctx, r, new Dec(thresholdText), lvc);
    if (credit) {
      limbs.push(credit);
      if (credit.status === 'pass') status = 'pass';
    }
  }
  if (status === 'fail') {
    // s. 5(4): de minimis, against the transaction value or the total cost, whichever is met (the larger).
    const dm = pack.at('usmca.general.de_minimis', date);
    const base = deMinimisBase(claim.costs.totalCost, claim.costs.transactionValue);
    const share = moneyRatio(rollUp.vnm, base.value);
    const dmLimb = percentLimb({
      id: 'rvc.de-minimis',
      title: `de minimis: all non-originating materials not more than ${dm.value}% of ${base.name}`,
      ratio: share,
      threshold: new Dec(dm.value),
      thresholdText: dm.value,
      comparator: '<=',
      rule: { ...dm, citation: pack.citation('usmca.general.de_minimis', 's. 5(4)'), provision: 's. 5(4)' },
      currency: cur,
      marginMeaning: 'non-originating value that could be added while staying within de minimis',
    });
    limbs.push(dmLimb);
    if (dmLimb.status === 'pass') status = 'pass';
  }
  return {
    id: 'rvc',
    title: 'Regional value content',
    status,
    value: main.value,
    threshold: main.threshold,
    comparator: '>=',
    unit: 'percent',
    margin: main.margin,
    rule: main.rule,
    citation: main.citation,
    limbs,
    details: { method, basis: threshold.basis },
    trace: [],
  };
}

/**
 * s. 18(22): until the pack's end date, a heavy-truck producer whose LVC passes, is above the stated total
 * (strictly: "above 45 %"), and has high-wage material and manufacturing expenditures above the stated points
 * may count the points above them toward the RVC, provided the RVC itself does not fall below the floor.
 */
function heavyTruckCredit(
  ctx: EvaluationContext,
  rvc: Ratio,
  threshold: Dec,
  lvc: LvcForRvc | undefined,
): Limb | undefined {
  const rule = ctx.pack.optional('usmca.auto.lvc.heavy_truck_excess_credit', ctx.date);
  if (!rule || !lvc?.passed || !lvc.materialPoints || !lvc.total) return undefined;
  if (compareToPercent(lvc.total, new Dec(rule.value.lvcAbove)) <= 0) return undefined;
  const above = new Dec(rule.value.pointsAbove);
  if (compareToPercent(lvc.materialPoints, above) <= 0) return undefined;
  const excess = addRatios(lvc.materialPoints, points(above.negated()));
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
    },
  };
}
