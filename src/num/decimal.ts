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
export type RoundingMode = 'ROUND_FLOOR' | 'ROUND_CEIL' | 'ROUND_HALF_EVEN' | 'ROUND_DOWN' | 'ROUND_HALF_UP';
/** Every named mode, for schemas that let a rule pack name one. */
export const ROUNDING_MODES = ['ROUND_FLOOR', 'ROUND_CEIL', 'ROUND_HALF_EVEN', 'ROUND_DOWN', 'ROUND_HALF_UP'] as const;
const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  ROUND_FLOOR: DecimalJs.ROUND_FLOOR,
  ROUND_CEIL: DecimalJs.ROUND_CEIL,
  ROUND_HALF_EVEN: DecimalJs.ROUND_HALF_EVEN,
  ROUND_DOWN: DecimalJs.ROUND_DOWN,
  ROUND_HALF_UP: DecimalJs.ROUND_HALF_UP,
};
const directed: Record<RoundingMode, typeof Dec> = {
  ROUND_FLOOR: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_FLOOR }),
  ROUND_CEIL: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_CEIL }),
  ROUND_HALF_EVEN: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_HALF_EVEN }),
  ROUND_DOWN: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_DOWN }),
  ROUND_HALF_UP: Dec.clone({ ...displaySettings, rounding: DecimalJs.ROUND_HALF_UP }),
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
  return text.length <= FAST_PARSE_LENGTH ? parsePlain(text) : new Dec(text);
}

/** decimal.js stores a value as sign `s`, exponent `e` and digits `d` in base 10^7 words. */
const LOG_BASE = 7;
/** Strings this short hold at most 42 digits (7 words): far below the precision, so nothing is ever rounded. */
const FAST_PARSE_LENGTH = 42;

/**
 * `new Dec(text)` for a string matching DECIMAL_PATTERN, without the intermediate strings decimal.js makes
 * while parsing (a bill of materials is mostly amounts: this is most of the parsing a claim costs). It
 * computes decimal.js's own representation, digit by digit, exactly as decimal.js's `parseDecimal` does; a
 * property test (test/property/decimal-parse) compares the two on generated strings.
 */
function parsePlain(text: string): Dec {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const dot = text.indexOf('.');
  const digits = text.length - start - (dot < 0 ? 0 : 1);
  const integerDigits = dot < 0 ? digits : dot - start;
  let first = 0;
  while (first < digits && digitAt(text, start, dot, first) === 0) first++;
  // A zero (with its sign, as decimal.js keeps it): constructed by decimal.js itself.
  if (first === digits) return new Dec(text);
  let last = digits;
  while (digitAt(text, start, dot, last - 1) === 0) last--;
  const e = integerDigits - first - 1;
  const len = last - first;
  const d = WORDS;
  let n = 0;
  let i = (e + 1) % LOG_BASE;
  if (e < 0) i += LOG_BASE;
  if (i < len) {
    if (i > 0) d[n++] = word(text, start, dot, first, first + i);
    for (; i < len - LOG_BASE; i += LOG_BASE) d[n++] = word(text, start, dot, first + i, first + i + LOG_BASE);
    d[n++] = word(text, start, dot, first + i, first + len) * (POWERS[LOG_BASE - (len - i)] as number);
  } else {
    d[n++] = word(text, start, dot, first, first + len) * (POWERS[i - len] as number);
  }
  // A Decimal made by decimal.js's constructor (same object shape as every other), given the parsed value.
  const x = new Dec(0);
  const internal = x as unknown as { s: number; e: number; d: number[] };
  internal.s = negative ? -1 : 1;
  internal.e = e;
  internal.d = d.slice(0, n); // an array of exactly the words
  return x;
}

/** Scratch space for the words of one value (at most 7 for 42 characters), reused. */
const WORDS = [0, 0, 0, 0, 0, 0, 0, 0];

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** Digit k of a plain decimal's digit string (the text without its sign and point). */
function digitAt(text: string, start: number, dot: number, k: number): number {
  const at = start + k;
  return text.charCodeAt(dot < 0 || at < dot ? at : at + 1) - 48;
}

/** The number written by digits [from, to) of the digit string (at most 7 digits: below 10^7). */
function word(text: string, start: number, dot: number, from: number, to: number): number {
  let w = 0;
  for (let k = from; k < to; k++) w = w * 10 + digitAt(text, start, dot, k);
  return w;
}

/**
 * `a.comparedTo(b)` for finite values, without the copy of `b` decimal.js makes on every comparison (sorting a
 * bill of materials compares tens of thousands of times). decimal.js's own comparison, on its representation;
 * test/property/decimal-parse checks the two agree.
 */
export function compare(a: Dec, b: Dec): number {
  const { d: xd, s: xs, e: xe } = a as unknown as { d: number[]; s: number; e: number };
  const { d: yd, s: ys, e: ye } = b as unknown as { d: number[]; s: number; e: number };
  if (!xd || !yd) return a.comparedTo(b); // NaN or infinite: not made by this engine, left to decimal.js
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (xe !== ye) return xe > ye !== xs < 0 ? 1 : -1;
  const n = xd.length < yd.length ? xd.length : yd.length;
  for (let i = 0; i < n; i++) {
    if (xd[i] !== yd[i]) return (xd[i] as number) > (yd[i] as number) !== xs < 0 ? 1 : -1;
  }
  return xd.length === yd.length ? 0 : xd.length > yd.length !== xs < 0 ? 1 : -1;
}

export const ZERO: Dec = new Dec('0');
export const ONE: Dec = new Dec('1');
/** Percent scale: a ratio a/b is (a x 100)/b percent. A unit conversion, not a legal number. */
export const PERCENT_SCALE: Dec = new Dec('100');

/** a x b, without allocating when either is exactly one (quantities of "1" are the shared ONE). */
export function product(a: Dec, b: Dec): Dec {
  return a === ONE ? b : b === ONE ? a : a.times(b);
}

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
