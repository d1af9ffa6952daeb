/**
 * The date that selects the phased-in RVC and LVC thresholds (interpretation switch `thresholdDate`,
 * usmca.interpretation.threshold_date; domain reference §9 item 10): the decision date (default) or the claim's
 * calculation period (its last day). Whatever the reading, a period in which one of those thresholds steps is
 * reported (RULE_STEP_IN_PERIOD), and the switch is in play where the two dates select different values.
 */
import type { NormalizedClaim } from '../input/model.js';
import { addDays, addMonths, lastDayOfMonths } from '../num/dates.js';
import type { ReadingOf } from '../input/terms.js';
import type { ParameterId } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { lvcRuleId } from './lvc.js';
import { rulesForPeriod, stepWarnings } from './period-rules.js';
import type { Warning } from './result.js';
import { stagingRegimeRvcRule, type StagingRegime } from './staging-regime.js';

/** The thresholds a decision weighs: what the reading selects, whether the other reading differs, what to warn of. */
export interface ThresholdDate {
  /** The rules the RVC and LVC requirements read their thresholds from. */
  rules: RulesInForce;
  inPlay: boolean;
  warnings: Warning[];
}

/**
 * The RVC and LVC rules of a vehicle of `classification` (the staging regime's where one applies), and the
 * s. 18(22) credit where the rule in force on either date covers its class. `rules`: those of the decision date
 * first, then those of the other date weighed.
 */
export function thresholdRuleIds(
  rules: readonly RulesInForce[],
  classification: Classification,
  regime: StagingRegime | undefined,
): string[] {
  const lvc = new Set(rules.map((r) => lvcRuleId(r, classification.vehicleClass, regime !== undefined)));
  // The regime is in effect on the decision date (rules[0]): its rule names the RVC threshold (s. 19(4)(a)).
  const rvc = regime && rules[0] ? stagingRegimeRvcRule(rules[0]) : classification.rvcRule;
  const credit = 'usmca.auto.lvc.heavy_truck_excess_credit';
  const creditApplies = rules.some((r) => r.optional(credit)?.value.classes.includes(classification.vehicleClass));
  return [rvc, ...[...lvc].filter((id) => id !== undefined), ...(creditApplies ? [credit] : [])];
}

/** The rules for the RVC and LVC thresholds under `reading`, with the warnings and whether the switch is in play. */
export function thresholdDate(
  claim: NormalizedClaim,
  rules: RulesInForce,
  reading: ReadingOf<'thresholdDate'>,
  inputs: { classification: Classification; regime: StagingRegime | undefined },
): ThresholdDate {
  if (claim.period.defaulted) return { rules, inPlay: false, warnings: [] };
  const forPeriod = rulesForPeriod(rules, claim.period);
  const ids = thresholdRuleIds([rules, forPeriod], inputs.classification, inputs.regime);
  const from = (r: RulesInForce, id: string) => r.pack.optional(id as ParameterId, r.date)?.effectiveFrom;
  const inPlay = ids.some((id) => from(rules, id) !== from(forPeriod, id));
  const applied =
    reading === 'period'
      ? `the values in force on the period's last day were used (interpretation.thresholdDate: period)`
      : `the values in force on the decision date ${claim.decisionDate} were used (interpretation.thresholdDate: decision-date)`;
  return {
    rules: reading === 'period' ? forPeriod : rules,
    inPlay,
    warnings: [
      ...stepWarnings(rules, ids, claim.period, 'period', 'RVC and LVC thresholds', applied),
      ...periodLengthWarnings(claim, rules),
    ],
  };
}

/**
 * AVERAGING_PERIOD_TOO_LONG where the claim's period runs longer than a fiscal year (usmca.general.calculation_period):
 * the averaging periods of s. 16(1), (10)-(11) and s. 18(15)-(19) are a fiscal year at most, and only the first
 * period after entry into force may run longer (s. 16(4): from its start date, usmca.general.averaging_first_fiscal_year,
 * to the end of the first fiscal year that begins within its window).
 */
function periodLengthWarnings(claim: NormalizedClaim, rules: RulesInForce): Warning[] {
  const { start, end } = claim.period;
  const longest = rules.optional('usmca.general.calculation_period')?.value.longestMonths;
  if (longest === undefined || end < addMonths(start, Number(longest))) return [];
  const first = rules.pack.optional('usmca.general.averaging_first_fiscal_year', start);
  const v = first?.value;
  // The latest fiscal year s. 16(4) extends begins the day before fiscalYearStartBefore ("before", exclusive).
  const latestEnd = v ? lastDayOfMonths(addDays(v.fiscalYearStartBefore, -1), Number(longest)) : undefined;
  if (v && latestEnd && start === v.periodStart && end <= latestEnd) return [];
  return [
    {
      code: 'AVERAGING_PERIOD_TOO_LONG',
      subject: 'period',
      message: `the period ${start} to ${end} is longer than ${longest} months: figures may be averaged over a fiscal year at most (s. 16(1), (10), s. 18(15)), or over the longer first period of s. 16(4) from ${v?.periodStart ?? 'entry into force'}`,
    },
  ];
}
