/**
 * Golden tests from the official worked examples of the Uniform Regulations (test/golden/official/
 * official-examples.yaml, transcribed from SOR/2020-155 / 19 CFR 182 App. A). Each example is carried on a claim
 * file next to it, most on an aftermarket part of 8708.99 whose rule has the examples' 50 % net-cost threshold.
 * The engine's figures must be the example's, and the engine's own pass or fail must be the example's answer: the
 * expected RVC is worked out from the example's printed figures, not from the engine's.
 *
 * The file also proves its own transcription against the text (sources/SOR-2020-155.xml): every case quotes the
 * example's outcome as printed, and every numbered example of ss. 1-20 is either a case or listed, with its
 * reason, under not_transcribed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { InputError } from '../../src/input/problems.js';
import { loadRulePack } from '../../src/rules/load.js';
import { firstFiscalYearAveragingPeriod } from '../../src/requirements/averaging.js';

const DIR = join(import.meta.dirname, 'official');
const SOURCE = join(import.meta.dirname, '..', '..', 'sources', 'SOR-2020-155.xml');
const file = parse(readFileSync(join(DIR, 'official-examples.yaml'), 'utf8')) as {
  cases: Array<Record<string, any>>;
  not_transcribed: Array<{ id: string; reason: string }>;
};
const cases = file.cases;
/** Cases that are not carried on a claim, and the test that covers each. */
const NOT_CARRIED: Record<string, string> = { 'USMCA-UR-16-EX1': 's. 16(4) averaging period, tested below' };

const same = (actual: string | undefined, expected: number | string, what: string) =>
  expect(
    new Decimal(actual ?? 'NaN').equals(new Decimal(String(expected))),
    `${what}: engine ${actual}, example ${expected}`,
  ).toBe(true);

/** The text of the regulations with every tag replaced by a space and runs of white space made one space. */
function flatText(xml: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return xml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e] as string)
    .replace(/\s+/g, ' ');
}

/**
 * The examples of sections 1 to 20 (the body of the regulations), as ids USMCA-UR-<section>-EX<n>: each
 * "Example n" heading, and a section's single unnumbered "Example" as EX1 (s. 16(12)).
 */
function examplesOfTheText(xml: string): string[] {
  const body = xml.slice(xml.indexOf('<Body'), xml.indexOf('</Body>'));
  const ids: string[] = [];
  for (const chunk of body.split('<Section ').slice(1)) {
    const label = /<Label>(\d+)<\/Label>/.exec(chunk)?.[1];
    if (label === undefined) continue;
    const section = label.padStart(2, '0');
    const numbered = [...chunk.matchAll(/<Emphasis style="italic">Example (\d+)\b/g)].map((m) => m[1] as string);
    if (numbered.length === 0 && /<MarginalNote[^>]*>Example<\/MarginalNote>/.test(chunk)) numbered.push('1');
    for (const n of new Set(numbered)) ids.push(`USMCA-UR-${section}-EX${n}`);
  }
  return ids;
}

/** The example an id belongs to: a case's id may add a letter for a situation or a good (EX3B, EX6A). */
const exampleOf = (id: string) => id.replace(/^(USMCA-UR-\d\d-EX\d+)[A-Z]?$/, '$1');

describe('official worked examples', () => {
  const xml = readFileSync(SOURCE, 'utf8');

  it('carries every case of the file on a claim, or says which test covers it', () => {
    for (const c of cases) {
      const carried = existsSync(join(DIR, `${c.id}.yaml`));
      expect(carried || c.id in NOT_CARRIED, `${c.id} has no claim file ${c.id}.yaml`).toBe(true);
      expect(carried && c.id in NOT_CARRIED, `${c.id} is both carried and listed as not carried`).toBe(false);
    }
  });

  it("quotes each example's outcome as the text prints it", () => {
    const text = flatText(xml);
    for (const c of cases) {
      expect(typeof c.quote, `${c.id} has no quote`).toBe('string');
      expect(text.includes(c.quote.replace(/\s+/g, ' ')), `${c.id}: "${c.quote}" is not in the text`).toBe(true);
    }
  });

  it('accounts for every numbered example of ss. 1-20: a case, or a reason it is not one', () => {
    const inText = examplesOfTheText(xml);
    expect(inText.length, 'numbered examples in ss. 1-20 (and the one of s. 16(12))').toBe(46);
    const transcribed = new Set(cases.map((c) => exampleOf(c.id)));
    const skipped = new Map(file.not_transcribed.map((s) => [s.id, s.reason]));
    for (const id of inText) {
      expect(
        transcribed.has(id) || skipped.has(id),
        `${id} is in the text but neither a case nor not_transcribed`,
      ).toBe(true);
      expect(transcribed.has(id) && skipped.has(id), `${id} is both a case and not_transcribed`).toBe(false);
    }
    for (const id of [...transcribed, ...skipped.keys()])
      expect(inText, `${id} is not an example of the text`).toContain(id);
    for (const [id, reason] of skipped) expect(reason.length, `${id} gives no reason`).toBeGreaterThan(10);
  });

  for (const c of cases.filter((x) => !(x.id in NOT_CARRIED))) {
    // An example the engine gets wrong is kept, expected to fail, with the gap named in the file (engine_gap).
    const test = c.engine_gap === undefined ? it : it.fails;
    const title = c.engine_gap === undefined ? '' : ' [ENGINE GAP: fails until fixed, see engine_gap]';
    test(`${c.id}: ${c.source.section}${title}`, async () => {
      const e = c.expected;
      if (e.input_problems !== undefined) {
        // The example says the producer may not do what the claim does: the claim is refused, naming the field.
        let refused: unknown;
        try {
          await evaluate(loadClaimFile(join(DIR, `${c.id}.yaml`)));
        } catch (err) {
          refused = err;
        }
        expect(refused, 'the claim is refused as input').toBeInstanceOf(InputError);
        expect((refused as InputError).problems.map((p) => ({ code: p.code, path: p.path }))).toEqual(e.input_problems);
        return;
      }
      const d = await evaluate(loadClaimFile(join(DIR, `${c.id}.yaml`)));
      if (e.intermediate_origins !== undefined) {
        const found = (d.bom.intermediateMaterials ?? []) as Array<{ material: string; origin: string }>;
        expect(Object.fromEntries(found.map((m) => [m.material, m.origin]))).toEqual(e.intermediate_origins);
      }
      if (e.tariff_shift_qualified_by !== undefined) {
        const shift = d.requirements.find((r) => r.id === 'tariff-shift')!;
        expect((shift.details as { qualifiedBy?: string } | undefined)?.qualifiedBy).toBe(e.tariff_shift_qualified_by);
      }
      if (e.self_produced_route !== undefined) {
        // s. 3(8): the decision names the route by which the self-produced material met the rule.
        const shift = d.requirements.find((r) => r.id === 'tariff-shift')!;
        const choice = (shift.details as { selfProducedMaterials?: { route: string; citation: string } })
          .selfProducedMaterials;
        expect(choice?.route).toBe(e.self_produced_route);
        expect(choice?.citation).toContain('s. 3(8)');
      }
      if (e.originating !== undefined && e.rvc_percent_exact === undefined)
        expect(d.verdict, "the engine's verdict").toBe(e.originating ? 'originating' : 'not-originating');
      const rvc = d.requirements.find((r) => r.id === 'rvc')!;
      if (e.total_cost !== undefined) same(d.netCost.totalCost, e.total_cost, 'total cost');
      if (e.total_cost_all_goods !== undefined) same(d.netCost.totalCost, e.total_cost_all_goods, 'total cost');
      if (e.total_excluded_costs !== undefined) same(d.netCost.excludedCosts, e.total_excluded_costs, 'excluded costs');
      if (e.excluded_costs_subtracted !== undefined)
        same(d.netCost.excludedCosts, e.excluded_costs_subtracted, 'excluded costs');
      if (e.net_cost !== undefined) same(d.netCost.netCost, e.net_cost, 'net cost');
      if (e.net_cost_all_goods !== undefined) same(d.netCost.netCost, e.net_cost_all_goods, 'net cost');
      if (e.vnm !== undefined) same(d.bom.valueOfNonOriginatingMaterials, e.vnm, 'VNM');
      if (e.originating_materials_value !== undefined)
        same(d.bom.originatingValueRolledUp, e.originating_materials_value, 'originating materials');
      if (e.rvc_percent_exact !== undefined) {
        // The example's own figures: (NC - VNM) / NC x 100, or (TV - VNM) / TV x 100 ...
        const base = new Decimal(String(e.transaction_value ?? e.net_cost));
        const vnm = new Decimal(String(e.vnm));
        const exact = base.minus(vnm).times(100).div(base);
        same(exact.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3), e.rvc_percent_exact, 'exact RVC');
        // ... rounded as the example rounded them, to the places it printed.
        const { places, mode } = e.rvc_rounding as { places: number; mode: 'ROUND_HALF_UP' | 'ROUND_DOWN' };
        expect(exact.toDecimalPlaces(places, Decimal[mode]).toFixed(places), 'the RVC as the example prints it').toBe(
          e.rvc_percent_reported,
        );
        // The engine shows the same value, rounded down to six places, under the example's method and threshold...
        expect(rvc.status, "the engine's RVC status").not.toBe('not-applicable');
        same(rvc.value!, exact.toDecimalPlaces(6, Decimal.ROUND_FLOOR).toFixed(), 'RVC');
        const t = c.inputs.threshold;
        same(
          rvc.threshold!,
          e.transaction_value !== undefined ? t.transaction_value_percent : t.net_cost_percent,
          'threshold',
        );
        // ...and its own test gives the example's answer.
        expect(rvc.status, "the engine's RVC status").toBe(e.meets_threshold ? 'pass' : 'fail');
        expect(d.verdict, "the engine's verdict").toBe(e.originating ? 'originating' : 'not-originating');
      }
      if (e.intermediate_material_value_as_originating !== undefined) {
        // One designated intermediate material, originating: none of it counts in VNM, and its value is among the
        // originating materials (originating_materials_value).
        const designated = (d.bom.intermediateMaterials ?? []) as Array<{ material: string; origin: string }>;
        expect(designated.map((m) => m.origin)).toEqual(['originating']);
        const key = designated[0]!.material;
        const counted = d.bom.counted.map((l) => l.material);
        expect(
          counted.filter((m) => m === key || m.startsWith(`${key}/`)),
          'lines of the intermediate material counted',
        ).toEqual([]);
        expect(e.originating_materials_value, 'the originating materials the example prints').toBeDefined();
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
