/**
 * Money: an exact amount (a Dec) with its currency (an ISO 4217 code), in the manner of dinero.js. Adding,
 * subtracting or comparing amounts in two currencies is an error (a broken invariant, not a user's mistake:
 * amounts are converted while a claim is read, and the engine computes in the claim's reporting currency).
 * `convert` is the only way from one currency to another, and it needs an explicit exchange rate, whose date
 * and source travel with it into the decision. Nothing here rounds: amounts are exact decimals.
 */
import { Dec, ZERO, ONE, compare, moneyText, quotient } from './decimal.js';

/** An exact amount of one currency. */
export interface Money {
  /** The amount, exact (decimal.js, from the claim's strings), in units of `currency` (not cents). */
  readonly amount: Dec;
  /** ISO 4217 code, e.g. "USD". */
  readonly currency: string;
}

/**
 * An exchange rate declared by a claim: 1 unit of `from` = `rate` units of `to` (UR s. 4 and the claim's
 * `exchangeRates`; the rate's date and source are the producer's, reported in the decision).
 */
export interface ExchangeRate {
  /** The currency converted from (ISO 4217). */
  readonly from: string;
  /** The currency converted to (ISO 4217). */
  readonly to: string;
  /** Units of `to` for one unit of `from`, exact. */
  readonly rate: Dec;
  /** The rate as the claim wrote it (reported in the decision as written). */
  readonly rateText: string;
  /** The date of the rate (YYYY-MM-DD), as the claim gives it. */
  readonly date: string;
  /** Where the rate comes from (e.g. "Banco de México FIX, 2025 average"), as the claim gives it. */
  readonly source: string;
  /**
   * How the source quotes the rate, as the claim wrote it ("MXN per USD"), when it said so; a rate quoted as
   * units of `from` per unit of `to` is inverted once by `invertedRate`.
   */
  readonly quote?: string | undefined;
  /**
   * The rate as quoted the other way (units of `from` for one unit of `to`), where the claim quoted it so:
   * `convert` then divides by it, so that an amount the quoted rate divides exactly converts exactly.
   */
  readonly quoted?: Dec | undefined;
}

/**
 * Decimal places to which an amount converted at a rate quoted the other way (units of `from` per unit of `to`,
 * as Banco de México publishes pesos per dollar) is divided, ROUND_HALF_EVEN: the one rounding of a conversion,
 * made only where the division does not end within 20 places (43,750 MXN at 17.5 MXN per USD is exactly 2,500
 * USD). The same places give the inverted rate the decision shows (`invertedRate`).
 */
export const INVERTED_RATE_PLACES = 20;

/** 1 / `unitsPerUnit`, to INVERTED_RATE_PLACES places, half-even (the rate must be positive). */
export function invertedRate(unitsPerUnit: Dec): Dec {
  return quotient(ONE, unitsPerUnit, INVERTED_RATE_PLACES, 'ROUND_HALF_EVEN');
}

/** Thrown when amounts of two currencies meet in one operation: an engine bug, never an input problem. */
export class CurrencyMismatchError extends Error {
  constructor(operation: string, a: string, b: string) {
    super(`internal: ${operation} of ${a} and ${b} amounts; convert with an exchange rate first`);
  }
}

/** `amount` of `currency`. */
export function money(amount: Dec, currency: string): Money {
  return { amount, currency };
}

/** Zero of `currency`. */
export function zero(currency: string): Money {
  return { amount: ZERO, currency };
}

function same(operation: string, a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(operation, a.currency, b.currency);
}

/** a + b, of one currency. */
export function plus(a: Money, b: Money): Money {
  same('sum', a, b);
  return { amount: a.amount.plus(b.amount), currency: a.currency };
}

/** a - b, of one currency (may be negative: a margin, a shortfall). */
export function minus(a: Money, b: Money): Money {
  same('difference', a, b);
  return { amount: a.amount.minus(b.amount), currency: a.currency };
}

/** The amount times a plain number (a quantity, a count of units): the same currency. */
export function times(a: Money, factor: Dec): Money {
  return factor === ONE ? a : { amount: a.amount.times(factor), currency: a.currency };
}

/** The sum of amounts of `currency` (zero for none). */
export function sumMoney(values: Iterable<Money>, currency: string): Money {
  let amount = ZERO;
  for (const v of values) {
    if (v.currency !== currency) throw new CurrencyMismatchError('sum', currency, v.currency);
    amount = amount.plus(v.amount);
  }
  return { amount, currency };
}

/** Throws CurrencyMismatchError unless `a` and `b` are of one currency (for operations on their amounts). */
export function sameCurrency(operation: string, a: Money, b: Money): void {
  same(operation, a, b);
}

/** Sign of a - b (-1, 0, 1), of one currency. */
export function compareMoney(a: Money, b: Money): number {
  same('comparison', a, b);
  return compare(a.amount, b.amount);
}

/** Whether the amount is above zero. */
export function isPositive(a: Money): boolean {
  return a.amount.greaterThan(ZERO);
}

/**
 * The one conversion: `a` (which must be of `rate.from`) restated in `rate.to` at the rate: amount x rate,
 * exactly; or, for a rate quoted the other way, amount / quoted rate, to INVERTED_RATE_PLACES places
 * half-even (exact wherever the division ends within them). An amount already of `rate.to` is an error: the
 * caller chose the wrong rate.
 */
export function convert(a: Money, rate: ExchangeRate): Money {
  if (a.currency !== rate.from) throw new CurrencyMismatchError('conversion', a.currency, rate.from);
  if (rate.quoted !== undefined)
    return { amount: quotient(a.amount, rate.quoted, INVERTED_RATE_PLACES, 'ROUND_HALF_EVEN'), currency: rate.to };
  return { amount: a.amount.times(rate.rate), currency: rate.to };
}

/** The amount as text, exact, with at least two decimal places ("675.8" -> "675.80"); the currency apart. */
export function amountText(a: Money): string {
  return moneyText(a.amount);
}
