/**
 * Golden tests from the official worked examples of the Uniform Regulations (test/golden/official/
 * official-examples.yaml, transcribed from SOR/2020-155 / 19 CFR 182 App. A). Each example is carried on a claim
 * file next to it, an aftermarket part of 8708.99 whose rule has the examples' 50 % net-cost threshold. The
 * engine's figures must be the example's, and the engine's own pass or fail must be the example's answer: the
 * expected RVC is worked out from the example's printed figures, not from the engine's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { loadRulePack } from '../../src/rules/load.js';
import { firstFiscalYearAveragingPeriod } from '../../src/requirements/averaging.js';

const DIR = join(import.meta.dirname, 'official');
const cases = (
  parse(readFileSync(join(DIR, 'official-examples.yaml'), 'utf8')) as { cases: Array<Record<string, any>> }
).cases;
/** Cases that are not carried on a claim, and the test that covers each. */
const NOT_CARRIED: Record<string, string> = { 'USMCA-UR-16-EX1': 's. 16(4) averaging period, tested below' };

const same = (actual: string | undefined, expected: number | string) =>
  expect(new Decimal(actual ?? 'NaN').equals(new Decimal(String(expected))), `${actual} = ${expected}`).toBe(true);

describe('official worked examples', () => {
  it('carries every case of the file on a claim, or says which test covers it', () => {
    for (const c of cases) {
      const carried = existsSync(join(DIR, `${c.id}.yaml`));
      expect(carried || c.id in NOT_CARRIED, `${c.id} has no claim file ${c.id}.yaml`).toBe(true);
      expect(carried && c.id in NOT_CARRIED, `${c.id} is both carried and listed as not carried`).toBe(false);
    }
  });

  for (const c of cases.filter((x) => !(x.id in NOT_CARRIED))) {
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
        // The example's own figures: (NC - VNM) / NC x 100, rounded half-up to its three and one places.
        const nc = new Decimal(String(e.net_cost));
        const vnm = new Decimal(String(e.vnm));
        const exact = nc.minus(vnm).times(100).div(nc);
        same(exact.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(), e.rvc_percent_exact);
        same(exact.toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(), e.rvc_percent_reported);
        // The engine shows the same value, rounded down to six places, against the example's threshold...
        same(rvc.value!, exact.toDecimalPlaces(6, Decimal.ROUND_FLOOR).toFixed());
        same(rvc.threshold!, c.inputs.threshold.net_cost_percent);
        // ...and its own test gives the example's answer.
        expect(rvc.status, "the engine's RVC status").toBe(e.meets_threshold ? 'pass' : 'fail');
        expect(d.verdict, "the engine's verdict").toBe(e.originating ? 'originating' : 'not-originating');
      }
      if (e.intermediate_material_value_as_originating !== undefined) {
        expect(d.bom.counted.map((l) => l.material)).toEqual(['OTHER']);
        same(d.bom.originatingValueRolledUp, e.intermediate_material_value_as_originating);
      }
    });
  }
  it('USMCA-UR-16-EX1: s. 16(4) averaging period for a fiscal year starting 2021-01-01', () => {
    const c = cases.find((x) => x.id === 'USMCA-UR-16-EX1')!;
    const p = firstFiscalYearAveragingPeriod(
      loadRulePack(),
      c.inputs.producer_fiscal_year_start,
      c.inputs.producer_fiscal_year_length_months,
    );
    expect(p).toMatchObject({
      start: c.expected.averaging_period_start,
      end: c.expected.averaging_period_end,
      months: c.expected.averaging_period_months,
    });
    // A fiscal year that starts on or after 2021-07-01 has no such period.
    expect(firstFiscalYearAveragingPeriod(loadRulePack(), '2021-07-01', 12)).toBeUndefined();
    expect(firstFiscalYearAveragingPeriod(loadRulePack(), '2020-07-01', 12)).toBeUndefined();
  });
});
