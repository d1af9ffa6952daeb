/**
 * The period of the steel and aluminum purchases against the kind the producer declares (UR s. 17(7)): the purchases
 * are those "(a) over the previous fiscal year of the producer; (b) over the previous calendar year; (c) over the
 * quarter or month to date in which the vehicle is exported; (d) over the producer's fiscal year to date in which
 * the vehicle is exported; or (e) over the calendar year to date in which the vehicle is exported". Pure: dates in,
 * the way the period does not fit its kind out (undefined where it fits). The decision date stands for the date of
 * export. A period to date is checked at its start only: on estimated purchases it may run on (s. 17(8)).
 */
import { lastDayOfMonths } from '../num/dates.js';

/** A purchase period as the producer document declares it (ISO dates). */
export interface PurchasePeriod {
  start: string;
  end: string;
  kind:
    | 'previous-fiscal-year'
    | 'previous-calendar-year'
    | 'quarter-to-date'
    | 'month-to-date'
    | 'fiscal-year-to-date'
    | 'calendar-year-to-date';
}

/**
 * Why `p` is not the period of its kind for a vehicle exported on `date` (s. 17(7)), or undefined. `longestMonths`:
 * the most a fiscal year runs (usmca.general.calculation_period); `fiscalYearStart`: the producer's, where declared.
 */
export function periodNotOfKind(
  p: PurchasePeriod,
  date: string,
  longestMonths: number,
  fiscalYearStart?: string,
): string | undefined {
  const [yyyy = '', mm = ''] = date.split('-');
  const year = Number(yyyy);
  const monthDay = (d: string) => d.split('-').slice(1).join('-');
  // The first months of the quarters, as written in dates.
  const quarter = ['01', '04', '07', '10'].filter((q) => q <= mm).pop() ?? mm;
  const toDate = (start: string, what: string) =>
    p.start !== start ? `${what} starts on ${start}, not ${p.start}` : undefined;
  const oneFiscalYear = (what: string) =>
    p.end > lastDayOfMonths(p.start, longestMonths)
      ? `${what} runs ${longestMonths} months at most, but ${p.start} to ${p.end} is longer`
      : fiscalYearStart !== undefined && monthDay(p.start) !== monthDay(fiscalYearStart)
        ? `${what} starts on the day the producer's fiscal year starts (${monthDay(fiscalYearStart)}), not on ${p.start}`
        : undefined;
  switch (p.kind) {
    case 'previous-calendar-year': {
      const start = `${year - 1}-01-01`;
      const end = `${year - 1}-12-31`;
      return p.start === start && p.end === end
        ? undefined
        : `the previous calendar year of an export on ${date} is ${start} to ${end}, not ${p.start} to ${p.end}`;
    }
    case 'calendar-year-to-date':
      return toDate(`${yyyy}-01-01`, 'the calendar year to date');
    case 'month-to-date':
      return toDate(`${yyyy}-${mm}-01`, 'the month to date');
    case 'quarter-to-date':
      return toDate(`${yyyy}-${quarter}-01`, 'the quarter to date');
    case 'fiscal-year-to-date':
      return oneFiscalYear('the fiscal year to date');
    case 'previous-fiscal-year':
      // One ending after the date of export is reported as such (steel-aluminum.ts).
      return p.end > date ? undefined : oneFiscalYear('the previous fiscal year');
  }
}
