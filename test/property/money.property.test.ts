/**
 * Money carries its currency (src/num/money.ts): sums and comparisons stay within one currency, amounts of
 * two currencies never meet without an exchange rate, and `convert` is exact and linear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/num/decimal.js';
import {
  compareMoney,
  convert,
  CurrencyMismatchError,
  minus,
  money,
  plus,
  sumMoney,
  times,
  type ExchangeRate,
  type Money,
} from '../../src/num/money.js';
import { moneyRatio } from '../../src/num/ratio.js';

const amountText = fc
  .tuple(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(4, '0')}`);
const usd = amountText.map((t) => money(dec(t), 'USD'));
const mxn = amountText.map((t) => money(dec(t), 'MXN'));
const rate = fc.integer({ min: 1, max: 99_999 }).map((n): ExchangeRate => ({
  from: 'MXN',
  to: 'USD',
  rate: dec(`0.${String(n).padStart(5, '0')}`),
  rateText: `0.${String(n).padStart(5, '0')}`,
  date: '2026-01-02',
  source: 'test',
}));
const same = (a: Money, b: Money) => a.currency === b.currency && a.amount.equals(b.amount);

describe('money', () => {
  it('adds, subtracts and compares within one currency, exactly', () => {
    fc.assert(
      fc.property(usd, usd, usd, (a, b, c) => {
        expect(same(plus(a, b), plus(b, a))).toBe(true);
        expect(same(plus(plus(a, b), c), plus(a, plus(b, c)))).toBe(true);
        expect(same(minus(plus(a, b), b), a)).toBe(true);
        expect(compareMoney(a, b)).toBe(a.amount.comparedTo(b.amount));
        expect(same(sumMoney([a, b, c], 'USD'), plus(plus(a, b), c))).toBe(true);
        expect(same(times(a, dec('3')), plus(plus(a, a), a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses to add, subtract, compare or divide amounts of two currencies', () => {
    fc.assert(
      fc.property(usd, mxn, (a, b) => {
        expect(() => plus(a, b)).toThrow(CurrencyMismatchError);
        expect(() => minus(a, b)).toThrow(CurrencyMismatchError);
        expect(() => compareMoney(a, b)).toThrow(CurrencyMismatchError);
        expect(() => sumMoney([a, b], 'USD')).toThrow(CurrencyMismatchError);
        expect(() => moneyRatio(a, b)).toThrow(CurrencyMismatchError);
      }),
      { numRuns: 100 },
    );
  });

  it("converts only at an explicit rate from the amount's own currency, exactly and linearly", () => {
    fc.assert(
      fc.property(mxn, mxn, rate, (a, b, r) => {
        const converted = convert(a, r);
        expect(converted.currency).toBe('USD');
        expect(converted.amount.equals(a.amount.times(r.rate))).toBe(true);
        expect(same(convert(plus(a, b), r), plus(convert(a, r), convert(b, r)))).toBe(true);
        expect(() => convert(converted, r)).toThrow(CurrencyMismatchError);
      }),
      { numRuns: 300 },
    );
  });
});
