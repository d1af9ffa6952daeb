import { describe, expect, it } from 'vitest';
import { dec, isDecimalString, moneyText, quotient, text } from '../../src/num/decimal.js';
import {
  addRatios,
  capAt,
  compareToPercent,
  notLessThan,
  notMoreThan,
  percentText,
  points,
  ratio,
} from '../../src/num/ratio.js';

describe('decimal', () => {
  it('accepts only plain decimal strings', () => {
    for (const ok of ['0', '3150.00', '-1.5', '007']) expect(isDecimalString(ok)).toBe(true);
    for (const bad of ['1e3', '+1', '1.', '.5', ' 1', '1,5', '0x10', 'NaN', ''])
      expect(isDecimalString(bad)).toBe(false);
    expect(() => dec('1e3')).toThrow();
  });

  it('is exact where binary floating point is not', () => {
    expect(text(dec('0.1').plus(dec('0.2')))).toBe('0.3');
    expect(dec('0.7').plus(dec('0.1')).greaterThanOrEqualTo(dec('0.8'))).toBe(true);
  });

  it('never prints exponents', () => {
    expect(text(dec('0.0000001'))).toBe('0.0000001');
    expect(text(dec('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
  });

  it('rounds a quotient with the named directed mode', () => {
    expect(text(quotient(dec('200'), dec('3'), 2, 'ROUND_FLOOR'))).toBe('66.66');
    expect(text(quotient(dec('200'), dec('3'), 2, 'ROUND_CEIL'))).toBe('66.67');
    expect(text(quotient(dec('-200'), dec('3'), 2, 'ROUND_FLOOR'))).toBe('-66.67');
  });

  it('prints money with at least two places', () => {
    expect(moneyText(dec('675.8'))).toBe('675.80');
    expect(moneyText(dec('1.23456'))).toBe('1.23456');
    expect(moneyText(dec('-0'))).toBe('0.00');
  });
});

describe('ratio', () => {
  it('compares by cross-multiplying: exactly at the threshold passes, anything below fails', () => {
    const at = ratio(dec('7500'), dec('10000'));
    expect(compareToPercent(at, dec('75'))).toBe(0);
    expect(notLessThan(at, dec('75'))).toBe(true);
    expect(notLessThan(ratio(dec('7499.99'), dec('10000')), dec('75'))).toBe(false);
    expect(notMoreThan(ratio(dec('1000'), dec('10000')), dec('10'))).toBe(true);
    expect(notMoreThan(ratio(dec('1000.01'), dec('10000')), dec('10'))).toBe(false);
  });

  it('displays a failing value so it never looks like it meets a minimum', () => {
    // 74.9999999...% must not display as 75.
    const r = ratio(dec('74.99999999999'), dec('100'));
    expect(percentText(r, 'ROUND_FLOOR')).toBe('74.999999');
    expect(percentText(ratio(dec('48'), dec('88')), 'ROUND_FLOOR')).toBe('54.545454');
  });

  it('adds fractions exactly and caps at a number of points', () => {
    const third = ratio(dec('1'), dec('3')); // 33.333...%
    const sum = addRatios(third, third);
    expect(compareToPercent(sum, dec('66.66666666'))).toBe(1);
    expect(percentText(sum, 'ROUND_FLOOR')).toBe('66.666666');
    expect(percentText(capAt(ratio(dec('12'), dec('100')), dec('10')), 'ROUND_FLOOR')).toBe('10');
    expect(percentText(capAt(ratio(dec('8'), dec('100')), dec('10')), 'ROUND_FLOOR')).toBe('8');
    expect(percentText(points(dec('5')), 'ROUND_FLOOR')).toBe('5');
  });

  it('refuses a non-positive denominator', () => {
    expect(() => ratio(dec('1'), dec('0'))).toThrow();
  });
});

describe('dates: the following period of the same length (s. 18(5))', () => {
  it('counts whole months when the period is whole months, else days', async () => {
    const { followingPeriodEnd } = await import('../../src/num/dates.js');
    expect(followingPeriodEnd('2025-01-01', '2025-12-31')).toBe('2026-12-31');
    expect(followingPeriodEnd('2023-03-01', '2024-02-29')).toBe('2025-02-28'); // 12 months across a leap day
    expect(followingPeriodEnd('2020-07-01', '2020-12-31')).toBe('2021-06-30'); // the transitional six months
    expect(followingPeriodEnd('2020-07-01', '2021-06-30')).toBe('2022-06-30');
    expect(followingPeriodEnd('2025-01-15', '2025-02-14')).toBe('2025-03-14'); // a month from mid-month
    expect(followingPeriodEnd('2025-01-01', '2025-01-10')).toBe('2025-01-20'); // ten days
  });

  it('a period reaching the last date a claim can write (9999-12-31) is followed by no later date, not a crash', async () => {
    const { addDays, addMonths, followingPeriodEnd, monthsSpanned } = await import('../../src/num/dates.js');
    // Past 9999-12-31 the ISO text is +010000-..., which no date field holds: arithmetic stops at the last one,
    // so every comparison with a date read (at most 9999-12-31) comes out as it would with the real date.
    expect(addDays('9999-12-31', 1)).toBe('9999-12-31');
    expect(addMonths('9999-06-30', 12)).toBe('9999-12-31');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(followingPeriodEnd('9999-01-01', '9999-12-31')).toBe('9999-12-31');
    expect(followingPeriodEnd('9999-12-01', '9999-12-10')).toBe('9999-12-20');
    expect(monthsSpanned('9999-01-01', '9999-12-31')).toBe(12);
  });

  it('the last day of a period of whole months: one step, up to the last date', async () => {
    const { lastDayOfMonths } = await import('../../src/num/dates.js');
    expect(lastDayOfMonths('2026-04-01', 12)).toBe('2027-03-31');
    expect(lastDayOfMonths('2024-03-01', 12)).toBe('2025-02-28');
    expect(lastDayOfMonths('2026-01-31', 1)).toBe('2026-02-27'); // the same day a month on, 02-28, less one
    expect(lastDayOfMonths('9999-01-01', 12)).toBe('9999-12-31');
    expect(lastDayOfMonths('9999-06-01', 12)).toBe('9999-12-31');
  });
});
