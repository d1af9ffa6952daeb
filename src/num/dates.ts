/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC, with no clock and no locale. */

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function format(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The same day `months` later (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return format(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, last)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(Date.UTC(y, m - 1, d + days));
}

/** Whole months from `start` to the day after `end` (e.g. 2020-07-01..2021-12-31 is 18). */
export function monthsSpanned(start: string, end: string): number {
  const [y1, m1] = parts(start);
  const [y2, m2] = parts(addDays(end, 1));
  return (y2 - y1) * 12 + (m2 - m1);
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
  const next = addDays(end, 1);
  const months = monthsSpanned(start, end);
  if (months > 0 && addMonths(start, months) === next) return addDays(addMonths(next, months), -1);
  const [y1, m1, d1] = parts(start);
  const [y2, m2, d2] = parts(end);
  const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000) + 1;
  return addDays(end, days);
}
