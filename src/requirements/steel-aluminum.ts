/**
 * Steel and aluminum purchase requirement, UR s. 17 and Table S (treaty Appendix Art. 6): a passenger
 * vehicle, light truck or heavy truck is originating only if, over the period of s. 17(7) and on the basis of
 * s. 17(9), at least 70% by value of the producer's purchases of Table S steel, and at least 70% of its
 * purchases of Table S aluminum, are originating. Steel and aluminum are two separate ratios (s. 17(8),
 * (10), (11); s. 19(4)(c)). Purchases outside Table S are listed and ignored. The purchases are judged under
 * the rule in force for their calculation period (the value on its last day: period-rules.ts), not on the
 * decision date: from the date the pack says (2027-07-01), steel is originating only if melted and poured in the
 * region (s. 17(5)(b)), so 2026 purchases of a previous period keep the rule of s. 17(5)(a). A steel purchase
 * that needs the fact and lacks it is counted as non-originating and flagged; a period in which the rule steps
 * is warned of (RULE_STEP_IN_PERIOD).
 */
import type { NormalizedClaim } from '../input/model.js';
import { addMonths } from '../num/dates.js';
import { Dec } from '../num/decimal.js';
import { amountText, sumMoney } from '../num/money.js';
import { moneyRatio } from '../num/ratio.js';
import { Trace } from '../explain/trace.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { percentLimb } from './limb.js';
import { noFindings, notApplicable, type RequirementOutcome, type RequirementResult } from './result.js';
import type { StagingRegime } from './staging-regime.js';
import { rulesForPeriod, stepWarnings } from './period-rules.js';
import { metalTitle } from './titles.js';
import { tableSPurchases } from './table-s-purchases.js';
import { periodNotOfKind } from './steel-aluminum-period.js';

type Metal = 'steel' | 'aluminum';

/** What the steel and aluminum requirements need from earlier steps. */
export interface SteelAluminumInputs {
  classification: Classification;
  regime: StagingRegime | undefined;
}

/** The steel or the aluminum requirement: two separate ratios (s. 17(8), (10), (11)). */
export function steelAluminum(
  claim: NormalizedClaim,
  rules: RulesInForce,
  metal: Metal,
  inputs: SteelAluminumInputs,
): RequirementOutcome {
  const findings = noFindings();
  const trace = new Trace();
  const result = purchaseRequirement({ claim, rules, metal, ...inputs, ...findings }, trace);
  return { result: { ...result, trace: trace.list() }, ...findings };
}

interface Ctx extends SteelAluminumInputs {
  claim: NormalizedClaim;
  rules: RulesInForce;
  metal: Metal;
  gaps: RequirementOutcome['gaps'];
  warnings: RequirementOutcome['warnings'];
}

function purchaseRequirement(ctx: Ctx, trace: Trace): RequirementResult {
  const { rules, classification, claim, metal } = ctx;
  const date = claim.decisionDate;
  const scope = rules.at('usmca.auto.steel_aluminum.scope');
  const thresholdRule = rules.at(metal === 'steel' ? 'usmca.auto.steel.threshold' : 'usmca.auto.aluminum.threshold');
  const title = metalTitle(metal, thresholdRule.value);
  if (!scope.value.classes.includes(classification.vehicleClass)) {
    return notApplicable(
      metal,
      title,
      `applies to ${scope.value.classes.join(', ')} only; this good is ${classification.vehicleClass}`,
      scope.citation,
    );
  }
  if (ctx.regime?.steelAluminumExempt) {
    return notApplicable(
      metal,
      title,
      `the approved alternative staging regime ${ctx.regime.reference} exempts the vehicle from the steel and aluminum requirement`,
      rules.citation('usmca.auto.asr', 's. 19(4)(c)'),
    );
  }
  const sa = claim.producer.steelAluminum;
  if (!sa) {
    ctx.gaps.push({
      code: 'STEEL_ALUMINUM_DATA_MISSING',
      subject: 'producer.steelAluminum',
      message: `the producer document has no steelAluminum purchases; the ${metal} requirement cannot be shown`,
    });
    return {
      id: metal,
      title,
      status: 'fail',
      reason: 'no steel and aluminum purchase data in the producer document',
      threshold: thresholdRule.value,
      comparator: '>=',
      unit: 'percent',
      rule: { id: thresholdRule.ruleId, effectiveFrom: thresholdRule.effectiveFrom, value: thresholdRule.value },
      citation: thresholdRule.citation,
      trace: [],
    };
  }
  // s. 17(8): estimated purchases only over a period to date of the export (s. 17(7)(c) to (e)).
  const estimatePeriods = rules.at('usmca.auto.steel_aluminum.estimate_periods');
  if (sa.estimated && !estimatePeriods.value.periodKinds.includes(sa.period.kind)) {
    ctx.gaps.push({
      code: 'STEEL_ALUMINUM_ESTIMATE_PERIOD',
      subject: 'producer.steelAluminum.estimated',
      message: `the purchases are estimates over a "${sa.period.kind}" period; estimates are allowed only over ${estimatePeriods.value.periodKinds.join(', ')} (s. 17(8)): give the actual purchases of the period, or choose one of those periods`,
    });
    return {
      id: metal,
      title,
      status: 'fail',
      reason: `estimated purchases over a "${sa.period.kind}" period, which s. 17(8) does not allow`,
      threshold: thresholdRule.value,
      comparator: '>=',
      unit: 'percent',
      rule: { id: thresholdRule.ruleId, effectiveFrom: thresholdRule.effectiveFrom, value: thresholdRule.value },
      citation: estimatePeriods.citation,
      trace: [],
    };
  }
  const tableS = rules.at('usmca.auto.table.s');
  const rows = metal === 'steel' ? tableS.value.steel : tableS.value.aluminum;
  // s. 17(5): the rule in force for the period the purchases were made in (s. 17(7)).
  const periodRules = rulesForPeriod(rules, sa.period);
  const meltedRule =
    periodRules.optional('usmca.auto.steel.melted_and_poured') ?? rules.at('usmca.auto.steel.melted_and_poured');
  const meltedRequired = metal === 'steel' && meltedRule.value;
  if (metal === 'steel')
    ctx.warnings.push(
      ...stepWarnings(
        rules,
        ['usmca.auto.steel.melted_and_poured'],
        sa.period,
        'producer.steelAluminum.period',
        'steel purchases',
        `every purchase was judged under the rule in force on the period's last day (${meltedRequired ? 'melted and poured required' : 'melted and poured not required'}); purchases before the step may be judged under the earlier rule: choose a period that does not straddle it (s. 17(7), (10))`,
      ),
    );
  const purchases = tableSPurchases(claim, rules, metal, sa.purchases, { rows, meltedRequired, meltedRule });
  ctx.gaps.push(...purchases.gaps);
  ctx.warnings.push(...purchases.warnings);
  const { counted, ignored } = purchases;
  const total = sumMoney(
    counted.map((c) => c.value),
    claim.currency,
  );
  const originatingValue = sumMoney(
    counted.filter((c) => c.originating).map((c) => c.value),
    claim.currency,
  );
  const details = {
    period: sa.period,
    basis: sa.basis,
    estimated: sa.estimated === true,
    meltedAndPoured: {
      required: meltedRequired,
      rule: meltedRule.ruleId,
      effectiveFrom: meltedRule.effectiveFrom,
      judgedOn: periodRules.date,
      citation: meltedRule.citation,
    },
    purchases: counted
      .map((c) => ({
        id: c.id,
        hs: c.hs,
        value: amountText(c.value),
        originating: c.originating,
        ...(c.note ? { note: c.note } : {}),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ignored: ignored.sort((a, b) => (a.id < b.id ? -1 : 1)),
    tableS: { rule: tableS.ruleId, effectiveFrom: tableS.effectiveFrom },
  };
  if (sa.estimated) {
    ctx.warnings.push({
      code: 'STEEL_ALUMINUM_ESTIMATED',
      subject: 'producer.steelAluminum',
      message:
        'the purchases are estimates (s. 17(8)): a year-end analysis of actual purchases is required, and if the vehicle then fails the producer must notify those it certified to (s. 17(11))',
    });
  }
  const endsLate =
    sa.period.end > date && (sa.period.kind === 'previous-fiscal-year' || sa.period.kind === 'previous-calendar-year');
  if (endsLate) {
    ctx.warnings.push({
      code: 'STEEL_ALUMINUM_PERIOD',
      subject: 'producer.steelAluminum.period',
      message: `the period is declared "${sa.period.kind}" but ends ${sa.period.end}, after the decision date ${date}`,
    });
  }
  const longest = rules.optional('usmca.general.calculation_period')?.value.longestMonths;
  if (longest !== undefined && sa.period.end < addMonths(date, -Number(longest))) {
    ctx.warnings.push({
      code: 'STEEL_ALUMINUM_PERIOD',
      subject: 'producer.steelAluminum.period',
      message: `the period ${sa.period.start} to ${sa.period.end} ("${sa.period.kind}") ended more than ${longest} months before the decision date ${date}: s. 17(7) allows the previous fiscal or calendar year, or the quarter, month or year to date in which the vehicle is exported`,
    });
  } else if (longest !== undefined && !endsLate) {
    // s. 17(7): the period must be the one its kind names, for a vehicle exported on the decision date.
    const why = periodNotOfKind(sa.period, date, Number(longest), claim.producer.fiscalYear?.start);
    if (why)
      ctx.warnings.push({
        code: 'STEEL_ALUMINUM_PERIOD',
        subject: 'producer.steelAluminum.period',
        message: `the period is declared "${sa.period.kind}", but ${why} (s. 17(7)); the share is computed over the period as given`,
      });
  }
  trace.add({
    id: `${metal}.tableSPurchases`,
    description: `value of Table S ${metal} purchases in the period`,
    value: amountText(total),
    unit: 'money',
    currency: claim.currency,
    inputs: { purchases: String(counted.length), ignoredOutsideTableS: String(ignored.length) },
    citation: tableS.citation,
  });
  trace.add({
    id: `${metal}.originatingPurchases`,
    description: `value of originating Table S ${metal} purchases`,
    value: amountText(originatingValue),
    unit: 'money',
    currency: claim.currency,
    citation: rules.citation(
      metal === 'steel' ? 'usmca.auto.steel.melted_and_poured' : 'usmca.auto.aluminum.threshold',
      's. 17(5)',
    ),
  });
  const declaredNone = sa.noTableSPurchases?.includes(metal) === true;
  if (declaredNone && !total.amount.isZero()) {
    ctx.warnings.push({
      code: 'TABLE_S_NONE_CONTRADICTED',
      subject: 'producer.steelAluminum.noTableSPurchases',
      message: `the producer declares no Table S ${metal} purchases, but lists some (${amountText(total)} ${claim.currency}); the purchases listed are used`,
    });
  }
  if (total.amount.isZero()) {
    // s. 17(1): only the producer's explicit statement that it bought none passes; silence is missing data.
    if (!declaredNone) {
      ctx.gaps.push({
        code: 'STEEL_ALUMINUM_DATA_MISSING',
        subject: 'producer.steelAluminum.purchases',
        message: `no Table S ${metal} purchase is listed for the period; list them, or declare noTableSPurchases: [${metal}] if the producer bought none`,
      });
      return {
        id: metal,
        title,
        status: 'fail',
        reason: `no Table S ${metal} purchase listed, and none declared`,
        threshold: thresholdRule.value,
        comparator: '>=',
        unit: 'percent',
        rule: { id: thresholdRule.ruleId, effectiveFrom: thresholdRule.effectiveFrom, value: thresholdRule.value },
        citation: thresholdRule.citation,
        details,
        trace: [],
      };
    }
    ctx.warnings.push({
      code: 'NO_TABLE_S_PURCHASES',
      subject: `producer.steelAluminum`,
      message: `the producer declares no Table S ${metal} purchases in the period: the ${metal} requirement is met vacuously`,
    });
    return {
      id: metal,
      title,
      status: 'pass',
      reason: `the producer declares no Table S ${metal} purchases in the period`,
      threshold: thresholdRule.value,
      comparator: '>=',
      unit: 'percent',
      rule: { id: thresholdRule.ruleId, effectiveFrom: thresholdRule.effectiveFrom, value: thresholdRule.value },
      citation: thresholdRule.citation,
      details,
      trace: [],
    };
  }
  const limb = percentLimb({
    id: `${metal}.share`,
    title: `originating share of Table S ${metal} purchases by value`,
    ratio: moneyRatio(originatingValue, total),
    threshold: new Dec(thresholdRule.value),
    thresholdText: thresholdRule.value,
    comparator: '>=',
    rule: thresholdRule,
    currency: claim.currency,
    marginMeaning: `originating ${metal} purchases above (positive) or below (negative) the required share, by value`,
  });
  return { ...limb, id: metal, title, details: { ...limb.details, ...details }, limbs: [limb], trace: [] };
}
