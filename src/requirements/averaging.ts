/**
 * The first averaging period after entry into force, UR s. 16(4) (example s. 16(12)): a producer whose fiscal
 * year begins after the pack's start date and before its end date may average from the period start to the
 * end of that fiscal year. Applies to vehicle RVC, core parts, Tables A.1-E goods, steel and aluminum, and LVC.
 */
import { lastDayOfMonths, monthsSpanned } from '../num/dates.js';
import type { RulePack } from '../rules/pack.js';

export interface AveragingPeriod {
  start: string;
  end: string;
  months: number;
  rule: { id: string; effectiveFrom: string };
  citation: string;
}

/** The s. 16(4) period for a fiscal year starting on `fiscalYearStart` and lasting `lengthMonths`, if any. */
export function firstFiscalYearAveragingPeriod(
  pack: RulePack,
  fiscalYearStart: string,
  lengthMonths: number,
): AveragingPeriod | undefined {
  const rule = pack.at('usmca.general.averaging_first_fiscal_year', fiscalYearStart);
  const v = rule.value;
  if (!(fiscalYearStart > v.fiscalYearStartAfter && fiscalYearStart < v.fiscalYearStartBefore)) return undefined;
  const end = lastDayOfMonths(fiscalYearStart, lengthMonths);
  return {
    start: v.periodStart,
    end,
    months: monthsSpanned(v.periodStart, end),
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
    citation: rule.citation,
  };
}
