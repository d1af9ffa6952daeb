/**
 * Labor value content, UR s. 18 (treaty Appendix Art. 7). The producer's high-wage material and
 * manufacturing (labour) expenditures must reach the minimum in points, and with the technology credit
 * (capped) and the assembly credit the total must reach the LVC threshold (s. 18(1)-(2); s. 19(4)(d)).
 *   net-cost formula (s. 18(6)(a)):             ((HWLC + HWM + HWT) / NC x 100) + HWTC + HWAC
 *   annual-purchase-value formula (s. 18(6)(b)): ((APV + HWLC) / (TAPV + HWLC) x 100) + HWTC + HWAC
 * HWM: the whole value of materials produced in a qualifying wage-rate plant, originating or not
 * (s. 18(4), (21)), including sub-tier materials of parts whose own plant does not qualify (s. 18(7)).
 * HWLC counts only at a qualifying vehicle assembly plant (s. 12). HWTC = R&D and IT wages / direct
 * production wages x 100, capped (s. 18(9)-(10)). HWAC: the credit when the producer operates, or has a supply
 * contract of the minimum years with, a qualifying plant of the required engine, transmission or battery-pack
 * capacity (s. 12, s. 18(12)-(14)).
 */
import { Trace } from '../explain/trace.js';
import type { NormalizedClaim } from '../input/model.js';
import { Dec, MONEY_PLACES, moneyText, quotient, ZERO } from '../num/decimal.js';
import { amountText, isPositive, plus, sumMoney, zero, type Money } from '../num/money.js';
import { addRatios, moneyRatio, points, type Ratio } from '../num/ratio.js';
import type { ParameterId } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { LvcThresholds, VehicleClassName } from '../rules/values.js';
import type { Classification } from './classification.js';
import { percentLimb, thresholdAmount } from './limb.js';
import { assemblyCredit, lapsedWageStatuses, technologyCredit } from './lvc-credits.js';
import type { NetCost } from './net-cost.js';
import { noFindings, notApplicable, type RequirementOutcome } from './result.js';
import type { StagingRegime } from './staging-regime.js';
import { lvcTitle, REQUIREMENTS } from './titles.js';
import { plantWageStatus, type PlantWageStatus } from './wages.js';
import { plantMissingGaps } from './lvc-plant-missing.js';
import { highWageExpenditures } from './high-wage-expenditures.js';

/**
 * The id of the rule holding the LVC thresholds of a vehicle of `vehicleClass` (s. 18(1)-(2)), or of one under an
 * approved alternative staging regime (s. 19(4)(d)), as usmca.auto.lvc.vehicle_classes maps them in force;
 * undefined for a class with no LVC requirement (other vehicles). The pack's load checks that each names LVC
 * thresholds.
 */
export function lvcRuleId(rules: RulesInForce, vehicleClass: string, underRegime: boolean): ParameterId | undefined {
  const map = rules.at('usmca.auto.lvc.vehicle_classes').value;
  const id = underRegime ? map.alternativeStagingRegime : map.classes[vehicleClass as VehicleClassName];
  return id as ParameterId | undefined;
}

/** What the LVC requirement needs from earlier steps. */
export interface LvcInputs {
  classification: Classification;
  regime: StagingRegime | undefined;
  /** The good's net cost: the base of the net-cost formula (s. 18(6)(a)). */
  netCost: NetCost;
}

/** The result, with the figures the heavy-truck RVC credit uses (s. 18(22)). */
export interface LvcOutcome extends RequirementOutcome {
  /** The high-wage material and manufacturing expenditure points (first term of the formula). */
  materialPoints?: Ratio;
  /** The LVC total (material points, technology and assembly credits). */
  total?: Ratio;
}

export function laborValueContent(claim: NormalizedClaim, rules: RulesInForce, inputs: LvcInputs): LvcOutcome {
  const ctx = { claim, rules, ...inputs, ...noFindings() };
  const { classification } = inputs;
  const trace = new Trace();
  const ruleId = lvcRuleId(rules, classification.vehicleClass, inputs.regime !== undefined);
  if (!ruleId) {
    return {
      result: notApplicable(
        'lvc',
        REQUIREMENTS.lvc.title,
        `no labor value content requirement for ${classification.title} (s. 18 covers passenger vehicles, light trucks and heavy trucks)`,
        rules.cite('UR', 's. 18(1)-(2)'),
      ),
      gaps: ctx.gaps,
      warnings: ctx.warnings,
    };
  }
  const rule = rules.at(ruleId) as InForce<LvcThresholds>;
  const t = rule.value;
  const cur = claim.currency;
  const lvc = claim.producer.laborValueContent;
  const producerCurrency = claim.producer.currency;
  const nothing = zero(cur);
  const money = (m: { amount: string; currency?: string | undefined } | undefined): Money =>
    m ? claim.toReporting(m.amount, m.currency ?? producerCurrency) : nothing;
  if (!lvc)
    ctx.warnings.push({
      code: 'LVC_DATA_MISSING',
      subject: 'producer.laborValueContent',
      message:
        'the producer document has no laborValueContent: high-wage labor, transport and technology are counted as zero',
    });

  // Plant status.
  const computed = new Map<string, PlantWageStatus>();
  for (const p of [...claim.plants.values()].sort((a, b) => (a.id < b.id ? -1 : 1)))
    computed.set(p.id, plantWageStatus(rules, p, claim));
  // s. 18(5): wages whose certification has lapsed on the decision date show no qualifying status.
  const statuses = lapsedWageStatuses(claim, rules, computed);

  // High-wage materials (s. 18(4), (7), (21)) and labor costs (at a qualifying assembly plant), and transport.
  const expenditures = highWageExpenditures(claim, rules, statuses, money);
  ctx.gaps.push(...expenditures.gaps);
  ctx.warnings.push(...expenditures.warnings);
  const { counted, hwm, hwlc, hwt, withoutPlant } = expenditures;

  // First term: high-wage material and manufacturing expenditures, in points.
  const formula = claim.elections.lvcFormula ?? 'net-cost';
  if (formula !== 'net-cost' && isPositive(hwt)) {
    ctx.warnings.push({
      code: 'LVC_TRANSPORT_NOT_COUNTED',
      subject: 'producer.laborValueContent.highWageTransportCosts',
      message: `high-wage transport costs (${amountText(hwt)} ${cur}) have no term in the annual-purchase-value formula of s. 18(6)(b) and are not counted; include them in the annual purchase value if they are part of what was paid for high-wage materials (s. 18(3)(c), (20))`,
    });
  }
  let material: Ratio;
  let base: Money;
  let formulaText: string;
  if (formula === 'net-cost') {
    const expenditures = plus(plus(hwlc, hwm), hwt);
    material = moneyRatio(expenditures, ctx.netCost.value);
    base = ctx.netCost.value;
    formulaText = '(HWLC + HWM + HWT) / NC x 100';
    trace.add({
      id: 'lvc.materialAndManufacturing',
      description: 'high-wage material and manufacturing expenditures per unit',
      value: amountText(expenditures),
      unit: 'money',
      currency: cur,
      formula: 'HWLC + HWM + HWT',
      inputs: { HWLC: amountText(hwlc), HWM: amountText(hwm), HWT: amountText(hwt), NC: amountText(base) },
      citation: rules.cite('UR', 's. 18(3), (4), (6)(a), (7)'),
    });
  } else if (lvc?.annualPurchaseValue && lvc.totalAnnualPurchaseValue) {
    const apv = money(lvc.annualPurchaseValue);
    const tapv = money(lvc.totalAnnualPurchaseValue);
    if (!isPositive(tapv)) throw new Error('internal: totalAnnualPurchaseValue must be positive');
    material = moneyRatio(apv, tapv);
    base = tapv;
    formulaText = 'APV / TAPV x 100 (annual figures; HWLC left out of both terms, s. 18(6)(b))';
    trace.add({
      id: 'lvc.annualPurchaseValue',
      description:
        'annual purchase value of high-wage materials, and total vehicle plant assembly annual purchase value',
      value: amountText(apv),
      unit: 'money',
      currency: cur,
      inputs: { APV: amountText(apv), TAPV: amountText(tapv) },
      citation: rules.cite('UR', 's. 12, s. 18(6)(b)'),
    });
  } else {
    const tapv = sumMoney(
      claim.materials.map((m) => m.value),
      cur,
    );
    base = plus(tapv, hwlc);
    // Nothing to divide by (no materials' value, no high-wage labor counted): no points, said in a warning.
    material = isPositive(base) ? moneyRatio(plus(hwm, hwlc), base) : points(ZERO);
    if (!isPositive(base))
      ctx.warnings.push({
        code: 'LVC_NOTHING_TO_DIVIDE',
        subject: 'elections.lvcFormula',
        message:
          'the annual-purchase-value formula (s. 18(6)(b)), taken from the bill of materials, has nothing to divide by: the materials are worth nothing and no high-wage labor cost counts, so the material and manufacturing points are 0; give producer.laborValueContent.annualPurchaseValue and totalAnnualPurchaseValue, or use the net-cost formula',
      });
    formulaText = '(APV + HWLC) / (TAPV + HWLC) x 100, per unit from the bill of materials';
    trace.add({
      id: 'lvc.annualPurchaseValue',
      description: 'high-wage materials (APV) and all materials (TAPV) per unit, from the bill of materials',
      value: amountText(hwm),
      unit: 'money',
      currency: cur,
      inputs: { APV: amountText(hwm), TAPV: amountText(tapv), HWLC: amountText(hwlc) },
      citation: rules.cite('UR', 's. 12, s. 18(6)(b)'),
    });
  }

  // Lines produced in the territory without a plant: the points and money each could add (per unit formulas only).
  const annualFigures = formula !== 'net-cost' && lvc?.annualPurchaseValue && lvc.totalAnnualPurchaseValue;
  ctx.gaps.push(...plantMissingGaps(withoutPlant, annualFigures ? undefined : base));

  const materialLimb = percentLimb({
    id: 'lvc.material-and-manufacturing',
    title: `high-wage material and manufacturing expenditures, ${formulaText}`,
    ratio: material,
    threshold: new Dec(t.materialMinimum),
    thresholdText: t.materialMinimum,
    comparator: '>=',
    rule: { ...rule, citation: rules.citation(ruleId, rule.provision) },
    // A margin in money only where the formula has a base to state it in.
    currency: isPositive(base) ? cur : undefined,
    marginMeaning: 'high-wage expenditure per unit above (positive) or below (negative) the minimum',
  });
  materialLimb.unit = 'points';

  const tech = technologyCredit(claim, rules, rule, money);
  const assemblyCreditLimb = assemblyCredit(claim, rules, rule, statuses, classification.vehicleClass);

  const total = addRatios(addRatios(material, tech.points), points(assemblyCreditLimb.points));
  const totalLimb = percentLimb({
    id: 'lvc.total',
    title: 'labor value content: material and manufacturing points + technology credit + assembly credit',
    ratio: total,
    threshold: new Dec(t.total),
    thresholdText: t.total,
    comparator: '>=',
    rule,
    marginMeaning:
      "additional high-wage expenditure per unit needed (negative) or to spare (positive), in the formula's base",
  });
  if (isPositive(base))
    totalLimb.margin = {
      ...totalLimb.margin,
      amount: moneyText(
        quotient(
          total.numerator
            .times(base.amount)
            .minus(thresholdAmount(new Dec(t.total), base.amount).times(total.denominator)),
          total.denominator,
          MONEY_PLACES,
          'ROUND_FLOOR',
        ),
      ),
      currency: cur,
      meaning:
        'high-wage expenditure per unit above (positive) or below (negative) what the total requires (rounded down)',
    };
  trace.add({
    id: 'lvc.highWageMaterials',
    description: 'materials produced in qualifying wage-rate plants, whole value, per unit',
    value: amountText(hwm),
    unit: 'money',
    currency: cur,
    inputs: { lines: String(counted.length), listedIn: 'details.highWageMaterials' },
    citation: rules.cite('UR', 's. 18(4), (7), (21)'),
  });

  const status = materialLimb.status === 'pass' && totalLimb.status === 'pass' ? 'pass' : 'fail';
  return {
    result: {
      id: 'lvc',
      title: lvcTitle(inputs.regime !== undefined),
      status,
      value: totalLimb.value,
      threshold: t.total,
      comparator: '>=',
      unit: 'percent',
      margin: totalLimb.margin,
      rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom, value: t.total },
      citation: rule.citation,
      limbs: [materialLimb, tech.limb, assemblyCreditLimb.limb, totalLimb],
      details: {
        formula,
        plants: [...statuses.values()].map((s) => ({
          plant: s.plant,
          country: s.country,
          qualifies: s.qualifies ?? null,
          averageBaseHourlyWage: s.averageBaseHourlyWage ?? null,
          ...(s.paidIn !== undefined ? { paidIn: s.paidIn } : {}),
          rate: s.rate ?? null,
          currency: s.currency ?? null,
          reason: s.reason,
        })),
        highWageMaterials: [...counted]
          .sort((a, b) => (a.material < b.material ? -1 : a.material > b.material ? 1 : 0))
          .map((c) => ({ material: c.material, plant: c.plant, value: amountText(c.value) })),
      },
      trace: trace.list(),
    },
    materialPoints: material,
    total,
    gaps: ctx.gaps,
    warnings: ctx.warnings,
  };
}
