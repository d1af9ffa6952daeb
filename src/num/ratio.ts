/**
 * Percentages kept as exact fractions. A `Ratio` is the percentage (numerator / denominator) x 100; it is
 * compared with a threshold by cross-multiplying, so nothing is divided or rounded before a comparison.
 */
import { Dec, PERCENT_SCALE, quotient, text, type RoundingMode } from './decimal.js';
import { sameCurrency, type Money } from './money.js';

export interface Ratio {
  readonly numerator: Dec;
  readonly denominator: Dec;
}

export function ratio(numerator: Dec, denominator: Dec): Ratio {
  if (!denominator.greaterThan(0)) throw new RangeError('internal: a ratio needs a positive denominator');
  return { numerator, denominator };
}

/** The percentage numerator / denominator x 100 of two amounts of one currency (CurrencyMismatchError otherwise). */
export function moneyRatio(numerator: Money, denominator: Money): Ratio {
  sameCurrency('ratio', numerator, denominator);
  return ratio(numerator.amount, denominator.amount);
}

/** Sign of (ratio% - thresholdPercent): -1, 0 or 1, by cross-multiplication. */
export function compareToPercent(r: Ratio, thresholdPercent: Dec): number {
  return r.numerator.times(PERCENT_SCALE).comparedTo(thresholdPercent.times(r.denominator));
}

/** "not less than" / "at least": value >= threshold. */
export function notLessThan(r: Ratio, thresholdPercent: Dec): boolean {
  return compareToPercent(r, thresholdPercent) >= 0;
}

/** "does not exceed" / "not more than": value <= threshold. */
export function notMoreThan(r: Ratio, thresholdPercent: Dec): boolean {
  return compareToPercent(r, thresholdPercent) <= 0;
}

/** Display places for percentages and points in decisions. */
export const DISPLAY_PLACES = 6;

/**
 * Presentation policy: a percentage is shown rounded toward the failing side of its comparison, so a
 * failing value is never shown as meeting its threshold. For a minimum ("not less than") that is
 * ROUND_FLOOR; for a maximum ("not more than") ROUND_CEIL.
 */
export type Comparator = '>=' | '<=' | '>';
export function displayModeFor(comparator: Comparator): RoundingMode {
  return comparator === '<=' ? 'ROUND_CEIL' : 'ROUND_FLOOR';
}

export function percentValue(r: Ratio, mode: RoundingMode, places = DISPLAY_PLACES): Dec {
  return quotient(r.numerator.times(PERCENT_SCALE), r.denominator, places, mode);
}

export function percentText(r: Ratio, mode: RoundingMode, places = DISPLAY_PLACES): string {
  return text(percentValue(r, mode, places));
}

/** The exact fraction as text, for traces: "48 / 88". */
export function fractionText(r: Ratio): string {
  return `${text(r.numerator)} / ${text(r.denominator)}`;
}

/** The ratio minus a threshold, in points, as an exact fraction over the same denominator. */
export function pointsAbove(r: Ratio, thresholdPercent: Dec): Ratio {
  return {
    numerator: r.numerator.minus(thresholdPercent.times(r.denominator).div(PERCENT_SCALE)),
    denominator: r.denominator,
  };
}

/** Exact sum of two percentages: (a/b + c/d) = (ad + cb) / bd. */
export function addRatios(x: Ratio, y: Ratio): Ratio {
  return {
    numerator: x.numerator.times(y.denominator).plus(y.numerator.times(x.denominator)),
    denominator: x.denominator.times(y.denominator),
  };
}

/** A number of percentage points as a ratio: p points = p / 100 (x 100 = p). */
export function points(p: Dec): Ratio {
  return { numerator: p, denominator: PERCENT_SCALE };
}

/** The smaller of a percentage and a cap in points, exactly. */
export function capAt(r: Ratio, cap: Dec): Ratio {
  return compareToPercent(r, cap) > 0 ? points(cap) : r;
}

/** Sign of (x% - y%): -1, 0 or 1, by cross-multiplication (denominators are positive). */
export function compareRatios(x: Ratio, y: Ratio): number {
  return x.numerator.times(y.denominator).comparedTo(y.numerator.times(x.denominator));
}
