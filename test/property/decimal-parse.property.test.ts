/**
 * `dec` builds decimal.js's internal representation itself for plain decimal strings (src/num/decimal.ts).
 * It must give exactly what decimal.js's own parser gives: the same sign, exponent and digit words, so every
 * later operation sees the same value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, Dec, dec } from '../../src/num/decimal.js';

const digitString = (min: number, max: number) =>
  fc
    .array(fc.constantFrom('0', '0', '0', '1', '2', '5', '7', '9'), { minLength: min, maxLength: max })
    .map((d) => d.join(''));

/** Strings matching DECIMAL_PATTERN: leading and trailing zeros, zeros, signs and every length up to the fast limit. */
const plainDecimal = fc
  .tuple(fc.boolean(), digitString(1, 22), fc.option(digitString(1, 18), { nil: undefined }))
  .map(
    ([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
  );

function internals(x: Dec): { s: number; e: number; d: number[] | null } {
  const { s, e, d } = x as unknown as { s: number; e: number; d: number[] | null };
  return { s, e, d };
}

describe('dec: decimal.js representation built directly', () => {
  it('equals new Decimal(text) in sign, exponent and digit words', () => {
    fc.assert(
      fc.property(plainDecimal, (text) => {
        const fast = dec(text);
        const reference = new Dec(text);
        expect(internals(fast)).toEqual(internals(reference));
        expect(fast.toFixed()).toBe(reference.toFixed());
        expect(fast.plus(reference).equals(reference.times(2))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on hand-picked edges', () => {
    for (const text of [
      '0',
      '-0',
      '0.0',
      '-0.000',
      '1',
      '10',
      '1000000',
      '10000000',
      '1234567',
      '12345678',
      '0.1',
      '0.0000001',
      '0.00000001',
      '0.1234567',
      '0.12345678',
      '9999999.9999999',
      '000123.4500',
      '-5',
      '-0.05',
      '100000000000000000000.00000000000000000001',
      '9'.repeat(42),
      `0.${'0'.repeat(39)}1`,
      `-${'1'.repeat(41)}`,
      `1${'0'.repeat(41)}`,
    ]) {
      expect(internals(dec(text)), text).toEqual(internals(new Dec(text)));
      expect(dec(text).constructor).toBe(Dec);
    }
  });

  it('compare agrees with comparedTo, for values parsed and computed', () => {
    fc.assert(
      fc.property(plainDecimal, plainDecimal, plainDecimal, (a, b, c) => {
        const x = dec(a);
        const y = dec(b);
        const z = y.times(dec(c)).minus(x); // computed values: longer digit arrays, any sign
        for (const [p, q] of [
          [x, y],
          [y, x],
          [x, x],
          [x, z],
          [z, y],
          [z, z.plus(0)],
        ] as const)
          expect(compare(p, q)).toBe(p.comparedTo(q));
      }),
      { numRuns: 2000 },
    );
    expect(compare(dec('0'), dec('-0'))).toBe(0);
    expect(compare(dec('-0.5'), dec('0'))).toBe(-1);
    expect(compare(dec('0'), dec('-0.5'))).toBe(1);
  });
});
