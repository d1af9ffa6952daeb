/**
 * The only importer of decimal.js. One cloned constructor (never the global one), built from strings only.
 *
 * Precision: 2,000 significant digits for arithmetic. Money and percentages in this engine are sums and
 * products of decimal strings of at most MAX_DIGITS digits, through at most 64 levels of a bill of
 * materials, so every sum and product is exact. The only divisions are for display: they are computed at 100
 * digits with a named, directed rounding mode applied at every step (see `quotient`).
 */
import { Decimal as DecimalJs } from 'decimal.js';

const settings = { precision: 2000, toExpNeg: -10000, toExpPos: 10000, maxE: 9e15, minE: -9e15, crypto: false };
const displaySettings = { ...settings, precision: 100 };

/** The engine's decimal constructor (half-even for anything that must round at the precision limit). */
export const Dec = DecimalJs.clone({ ...settings, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

/** Named rounding modes used by the presentation policy. */
export type RoundingMode = 'ROUND_FLOOR' | 'ROUND_CEIL' | 'ROUND_HALF_EVEN' | 'ROUND_DOWN';
const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  ROUND_FLOOR: DecimalJs.ROUND_FLOOR,
  ROUND_CEIL: DecimalJs.ROUND_CEIL,
  ROUND_HALF_EVEN: DecimalJs.ROUND_HALF_EVEN,
  ROUND_DOWN: DecimalJs.ROUND_DOWN,
};
const directed: Record<RoundingMode, typeof Dec> = {
  ROUND_FLOOR: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_FLOOR }),
  ROUND_CEIL: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_CEIL }),
  ROUND_HALF_EVEN: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_HALF_EVEN }),
  ROUND_DOWN: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_DOWN }),
};

/** A plain decimal written in digits: optional minus, digits, optional fraction. No exponent, no sign "+". */
export const DECIMAL_PATTERN = /^-?\d+(?:\.\d+)?$/;

/** The most digits an input amount, quantity or rate may have (so that all arithmetic stays exact). */
export const MAX_DIGITS = 30;

/** Whether a decimal string (already matching DECIMAL_PATTERN) has at most MAX_DIGITS digits. */
export function withinDigits(text: string): boolean {
  if (text.length <= MAX_DIGITS) return true;
  const digits = text.length - (text.charCodeAt(0) === 45 ? 1 : 0) - (text.includes('.') ? 1 : 0);
  return digits <= MAX_DIGITS;
}

export function isDecimalString(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/** Parse a decimal string; throws on anything else (callers validate user input first). */
export function dec(text: string): Dec {
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
    throw new TypeError(`internal: not a decimal string: ${String(text)}`);
  }
  return new Dec(text);
}

export const ZERO: Dec = new Dec('0');
export const ONE: Dec = new Dec('1');
/** Percent scale: a ratio a/b is (a x 100)/b percent. A unit conversion, not a legal number. */
export const PERCENT_SCALE: Dec = new Dec('100');

export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Exact text of a decimal, never in exponent notation. */
export function text(value: Dec): string {
  const s = value.toFixed();
  return s === '-0' ? '0' : s;
}

/** a / b rounded to `places` decimal places with a directed mode applied at every step (so it composes). */
export function quotient(a: Dec, b: Dec, places: number, mode: RoundingMode): Dec {
  if (b.isZero()) throw new RangeError('internal: division by zero');
  const D = directed[mode];
  const q = new D(a.toFixed()).div(new D(b.toFixed()));
  return new Dec(q.toDecimalPlaces(places, MODES[mode]).toFixed());
}

export function round(value: Dec, places: number, mode: RoundingMode): Dec {
  return value.toDecimalPlaces(places, MODES[mode]);
}

export function min(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/** Places for a money figure that had to be rounded (a margin derived from a fraction). */
export const MONEY_PLACES = 2;

/** Money text: exact, with at least two decimal places ("675.8" -> "675.80"). */
export function moneyText(value: Dec): string {
  const t = value.decimalPlaces() < 2 ? value.toFixed(2) : value.toFixed();
  return t === '-0.00' ? '0.00' : t;
}
