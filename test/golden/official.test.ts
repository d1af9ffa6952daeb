/**
 * Golden tests from the official worked examples of the Uniform Regulations (test/golden/official/
 * official-examples.yaml, transcribed from SOR/2020-155 / 19 CFR 182 App. A). Each example is carried on a
 * claim file next to it; the engine's exact figures must match the example's, and the threshold test the
 * example states must give the example's answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { dec } from '../../src/num/decimal.js';
import { notLessThan, ratio } from '../../src/num/ratio.js';
import { loadRulePack } from '../../src/rules/load.js';
import { firstFiscalYearAveragingPeriod } from '../../src/requirements/averaging.js';

const DIR = join(import.meta.dirname, 'official');
const cases = (parse(readFileSync(join(DIR, 'official-examples.yaml'), 'utf8')) as { cases: Array<Record<string, any>> }).cases;

const same = (actual: string | undefined, expected: number | string) => expect(new Decimal(actual ?? 'NaN').equals(new Decimal(String(expected))), `${actual} = ${expected}`).toBe(true);

describe('official worked examples', () => {
  it('covers every case in the file', () => {
    for (const c of cases) {
      const covered = existsSync(join(DIR, `${c.id}.yaml`)) || c.id === 'USMCA-UR-16-EX1';
      expect(covered, c.id).toBe(true);
    }
  });

  for (const c of cases.filter((x) => existsSync(join(DIR, `${x.id}.yaml`)))) {
    it(`${c.id}: ${c.source.section}`, async () => {
      const d = await evaluate(loadClaimFile(join(DIR, `${c.id}.yaml`)));
      const e = c.expected;
      const rvc = d.requirements.find((r) => r.id === 'rvc')!;
      if (e.total_cost !== undefined) same(d.netCost.totalCost, e.total_cost);
      if (e.total_cost_all_goods !== undefined) same(d.netCost.totalCost, e.total_cost_all_goods);
      if (e.total_excluded_costs !== undefined) same(d.netCost.excludedCosts, e.total_excluded_costs);
      if (e.excluded_costs_subtracted !== undefined) same(d.netCost.excludedCosts, e.excluded_costs_subtracted);
      if (e.net_cost !== undefined) same(d.netCost.netCost, e.net_cost);
      if (e.net_cost_all_goods !== undefined) same(d.netCost.netCost, e.net_cost_all_goods);
      if (e.vnm !== undefined) same(d.bom.valueOfNonOriginatingMaterials, e.vnm);
      if (e.rvc_percent_exact !== undefined) {
        const nc = dec(d.netCost.netCost as string);
        const vnm = dec(d.bom.valueOfNonOriginatingMaterials);
        // The exact fraction, rounded half-up to the example's three places, is the example's exact figure.
        const exact = nc.minus(vnm).times(100).div(nc);
        same(exact.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(), e.rvc_percent_exact);
        same(exact.toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(), e.rvc_percent_reported);
        // The engine shows the same value, rounded down to six places.
        same(rvc.value!, exact.toDecimalPlaces(6, Decimal.ROUND_FLOOR).toFixed());
        const threshold = dec(String(c.inputs.threshold.net_cost_percent));
        expect(notLessThan(ratio(nc.minus(vnm), nc), threshold)).toBe(e.meets_threshold);
      }
      if (e.intermediate_material_value_as_originating !== undefined) {
        expect(d.bom.counted.map((l) => l.material)).toEqual(['OTHER']);
        same(d.bom.originatingValueRolledUp, e.intermediate_material_value_as_originating);
      }
    });
  }

  it('USMCA-UR-16-EX1: s. 16(4) averaging period for a fiscal year starting 2021-01-01', () => {
    const c = cases.find((x) => x.id === 'USMCA-UR-16-EX1')!;
    const p = firstFiscalYearAveragingPeriod(loadRulePack(), c.inputs.producer_fiscal_year_start, c.inputs.producer_fiscal_year_length_months);
    expect(p).toMatchObject({ start: c.expected.averaging_period_start, end: c.expected.averaging_period_end, months: c.expected.averaging_period_months });
    // A fiscal year that starts on or after 2021-07-01 has no such period.
    expect(firstFiscalYearAveragingPeriod(loadRulePack(), '2021-07-01', 12)).toBeUndefined();
    expect(firstFiscalYearAveragingPeriod(loadRulePack(), '2020-07-01', 12)).toBeUndefined();
  });
});
