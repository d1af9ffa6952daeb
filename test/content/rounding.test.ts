/**
 * Rounding of entry-line amounts, where the tariff pack's policy says and nowhere else. U.S. measures: 19 CFR
 * 159.3(a), the value of each line in even dollars (50 cents or more taken as a dollar), the invoice total moved by
 * no more than its own rounding. Canada's surtax: to the cent, half up, on the accounting line (an engine policy
 * until CBSA's rule is read). The exact figures stay beside the rounded ones and everywhere else.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundLineValues } from '../../src/content/rounding.js';
import { dutyFigures } from '../../src/content/duty.js';
import { dec, round, type Dec } from '../../src/num/decimal.js';
import { measureAt } from '../../src/tariffs/in-force.js';
import { loadTariffPack } from '../../src/tariffs/pack.js';
import type { RoundingStep } from '../../src/tariffs/catalog.js';

const CFR_159_3: RoundingStep = {
  places: '0',
  mode: 'ROUND_HALF_UP',
  keepInvoiceTotal: true,
  source: { instrument: 'CFR19-159', provision: '§ 159.3(a)', confidence: 'excerpt' },
};
const lines = (...pairs: Array<[string, string]>) =>
  pairs.map(([value, rate]) => ({ value: dec(value), rate: dec(rate) }));
const texts = (values: Dec[]) => values.map((v) => v.toFixed());

const pack = loadTariffPack();
const autos = measureAt(pack, 'tariffs.us.section_232.automobiles', '2026-03-20')!.measure;
const surtax = measureAt(pack, 'tariffs.ca.surtax.motor_vehicles', '2026-03-20')!.measure;

describe('19 CFR 159.3(a): values in even dollars, the invoice total kept', () => {
  it('50 cents or more is taken as a dollar; 49 cents is disregarded', () => {
    expect(texts(roundLineValues(lines(['23600.50', '25']), CFR_159_3))).toEqual(['23601']);
    expect(texts(roundLineValues(lines(['23600.49', '25']), CFR_159_3))).toEqual(['23600']);
    expect(texts(roundLineValues(lines(['23600.499999', '25']), CFR_159_3))).toEqual(['23600']);
  });

  it('a total rounded up takes up the larger fraction; between equal fractions, the one at the lower rate', () => {
    // 50.30 + 50.20 = 100.50 -> 101; each alone rounds down (50 + 50 = 100): take up 0.30, the larger fraction.
    expect(texts(roundLineValues(lines(['50.30', '25'], ['50.20', '0']), CFR_159_3))).toEqual(['51', '50']);
    // 50.25 + 50.25 = 100.50 -> 101: equal fractions, the line at zero is taken up.
    expect(texts(roundLineValues(lines(['50.25', '25'], ['50.25', '0']), CFR_159_3))).toEqual(['50', '51']);
  });

  it('a total rounded down drops the lower fraction; between equal fractions, the one at the lower rate', () => {
    // 50.50 + 50.50 = 101.00 -> 101; each alone rounds up (51 + 51 = 102): drop one, the zero-rate line.
    expect(texts(roundLineValues(lines(['50.50', '25'], ['50.50', '0']), CFR_159_3))).toEqual(['51', '50']);
    // 50.70 + 50.60 = 101.30 -> 101; 51 + 51 = 102: drop 0.60, the lower fraction.
    expect(texts(roundLineValues(lines(['50.70', '0'], ['50.60', '25']), CFR_159_3))).toEqual(['51', '50']);
  });

  it('property: the rounded lines are whole dollars, each within a dollar, summing to the rounded total', () => {
    const cents = fc
      .bigInt({ min: 0n, max: 10_000_000n })
      .map((c) => dec(`${c / 100n}.${String(c % 100n).padStart(2, '0')}`));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cents, fc.constantFrom('0', '25', '2.5')), { minLength: 1, maxLength: 5 }),
        (xs) => {
          const ls = xs.map(([value, rate]) => ({ value, rate: dec(rate) }));
          const out = roundLineValues(ls, CFR_159_3);
          let total = dec('0');
          let sum = dec('0');
          out.forEach((r, i) => {
            expect(r.isInteger()).toBe(true);
            expect(r.minus(ls[i]!.value).abs().lessThan(dec('1'))).toBe(true);
            total = total.plus(ls[i]!.value);
            sum = sum.plus(r);
          });
          expect(sum.toFixed()).toBe(round(total, 0, 'ROUND_HALF_UP').toFixed());
        },
      ),
    );
  });

  it('Section 232: the entry lines declare whole dollars; the duty and the comparison figures stay exact', () => {
    // Customs value 30000.50, U.S. content 6400.00: non-U.S. content 23600.50, exact duty 25 % = 5900.125.
    const f = dutyFigures(autos, dec('30000.50'), dec('6400.00'), true);
    expect(f.duty).toBe('5900.125');
    expect(f.withoutUsmca.duty).toBe('7500.125');
    // Declared: 23600.50 -> 23601 at 25 % = 5900.25; 6400.00 at zero. 23601 + 6400 = 30001 = the total rounded.
    expect(f.entryLines.map((l) => [l.heading, l.value, l.duty, l.unrounded.value, l.unrounded.duty])).toEqual([
      ['9903.94.03', '23601.00', '5900.25', '23600.50', '5900.125'],
      ['9903.94.02', '6400.00', '0.00', '6400.00', '0.00'],
    ]);
    expect(f.entryDuty).toBe('5900.25');
    expect(f.rounding).toMatch(
      /entry-line values ROUND_HALF_UP to 0 decimal places, the invoice total kept \(§ 159\.3\(a\)/,
    );
    // 49 cents: disregarded (5900.00), the U.S. content line takes nothing (30000.49 -> 30000).
    const below = dutyFigures(autos, dec('30000.49'), dec('6400.00'), true);
    expect(below.entryLines.map((l) => [l.value, l.duty])).toEqual([
      ['23600.00', '5900.00'],
      ['6400.00', '0.00'],
    ]);
  });

  it("figures in another currency than the measure's are not rounded, and the output says why", () => {
    const f = dutyFigures(autos, dec('30000.50'), dec('6400.00'), true, 'MXN');
    expect(f.entryLines.map((l) => [l.value, l.duty])).toEqual([
      ['23600.50', '5900.125'],
      ['6400.00', '0.00'],
    ]);
    expect(f.rounding).toBe("not rounded: the figures are in MXN, the measure's rounding is for amounts in USD");
  });
});

describe("Canada's surtax: the accounting line's surtax to the cent, half up", () => {
  it('at the half-cent boundary: .005 up, .00499 down; the base and the comparison figures stay exact', () => {
    // Value 100000.00, Canadian and Mexican content 77683.01500 (more than 15 %): A - B = 22316.985; 25 % = 5579.24625.
    const f = dutyFigures(surtax, dec('100000.00'), dec('77683.015'), true);
    expect(f.dutiableValue).toBe('22316.985');
    expect(f.duty).toBe('5579.24625');
    expect(f.entryLines.map((l) => [l.value, l.duty, l.unrounded.duty])).toEqual([
      ['22316.985', '5579.25', '5579.24625'],
    ]);
    // A - B = 22316.98: 25 % = 5579.245 exactly -> 5579.25 (half up).
    const half = dutyFigures(surtax, dec('100000.00'), dec('77683.02'), true);
    expect(half.entryLines[0]!.unrounded.duty).toBe('5579.245');
    expect(half.entryLines[0]!.duty).toBe('5579.25');
    // A - B = 22316.9796: 25 % = 5579.2449 -> 5579.24.
    const under = dutyFigures(surtax, dec('100000.00'), dec('77683.0204'), true);
    expect(under.entryLines[0]!.unrounded.duty).toBe('5579.2449');
    expect(under.entryLines[0]!.duty).toBe('5579.24');
    expect(under.entryDuty).toBe('5579.24');
    expect(f.rounding).toMatch(/entry-line values exact; entry-line duties ROUND_HALF_UP to 2 decimal places/);
  });
});
