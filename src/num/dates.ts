/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC, with no clock and no locale. */

const DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** The last date a date field can hold (YYYY-MM-DD). */
const LAST = Date.UTC(9999, 11, 31);

/**
 * A time as YYYY-MM-DD. Past 9999-12-31 it is 9999-12-31: ISO text would be +010000-..., which no date field
 * holds and which these functions cannot read back; every date read is at most 9999-12-31, so a comparison with
 * the last date comes out as it would with the real one (a validity that runs past it runs past every date).
 * The arithmetic itself runs on times, so only the result is held at the last date.
 */
function format(t: number): string {
  return new Date(Math.min(t, LAST)).toISOString().slice(0, 10);
}

/** The time of the same day `months` after time `t` (clamped to the month's last day). */
function plusMonths(t: number, months: number): number {
  const at = new Date(t);
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(at.getUTCDate(), last));
}

function time(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

/** The same day `months` later (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  return format(plusMonths(time(date), months));
}

export function addDays(date: string, days: number): string {
  return format(time(date) + days * DAY);
}

/**
 * The last day of the period of `months` whole months that begins on `start` (2026-04-01, 12 -> 2027-03-31).
 * Computed in one step, so a period ending on 9999-12-31 ends there (not on the day before the last date).
 */
export function lastDayOfMonths(start: string, months: number): string {
  return format(plusMonths(time(start), months) - DAY);
}

/** Whole months from `start` to the day after `end` (e.g. 2020-07-01..2021-12-31 is 18). */
export function monthsSpanned(start: string, end: string): number {
  const from = new Date(time(start));
  const after = new Date(time(end) + DAY);
  return (after.getUTCFullYear() - from.getUTCFullYear()) * 12 + (after.getUTCMonth() - from.getUTCMonth());
}

/** The same day a whole number of years later (years given as text from the rule pack). */
export function addYears(date: string, years: string): string {
  return addMonths(date, Number(years) * 12);
}

/**
 * The last day of the period of the same length that follows [start, end]: counted in whole months when the
 * period is a whole number of months (2025-01-01..2025-12-31 -> 2026-12-31), otherwise in days.
 */
export function followingPeriodEnd(start: string, end: string): string {
  const next = time(end) + DAY;
  const months = monthsSpanned(start, end);
  if (months > 0 && plusMonths(time(start), months) === next) return format(plusMonths(next, months) - DAY);
  const days = Math.round((time(end) - time(start)) / DAY) + 1;
  return format(time(end) + days * DAY);
}
