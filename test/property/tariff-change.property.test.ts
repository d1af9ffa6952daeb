/**
 * Properties of the change in tariff classification (UR s. 13; Annex 4-B section A): a change of chapter is a
 * change of heading, which is a change of subheading; "whether or not there is also a change from any other
 * heading" only adds sources; an exception only removes them; and the evaluator's verdict does not depend on the
 * order of the materials.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/num/decimal.js';
import { money } from '../../src/num/money.js';
import { moneyRatio } from '../../src/num/ratio.js';
import { evaluateProductSpecificRule } from '../../src/requirements/psr/evaluate.js';
import { materialMakesChange } from '../../src/requirements/psr/tariff-change.js';
import type { ProductSpecificRule } from '../../src/rules/psr-schema.js';

const d2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
// Codes drawn close together so that equal chapters and headings are common.
const subheading = fc
  .tuple(fc.constantFrom('84', '85', '87'), fc.constantFrom('07', '08', '83'), fc.constantFrom('10', '30', '99', '40'))
  .map(([c, h, s]) => `${c}${h}.${s}`);
const anySubheading = fc.tuple(d2, d2, d2).map(([c, h, s]) => `${c}${h}.${s}`);
const code = fc.oneof(subheading, anySubheading);

describe('change in tariff classification', () => {
  it('a change of chapter implies a change of heading, and a change of heading a change of subheading', () => {
    fc.assert(
      fc.property(code, code, (good, material) => {
        const chapter = materialMakesChange(good, material, { from: 'any-other-chapter' }).makes;
        const heading = materialMakesChange(good, material, { from: 'any-other-heading' }).makes;
        const sub = materialMakesChange(good, material, { from: 'any-other-subheading' }).makes;
        if (chapter) expect(heading).toBe(true);
        if (heading) expect(sub).toBe(true);
      }),
    );
  });

  it('no material of the good own subheading ever makes a change "from any other ..."', () => {
    fc.assert(
      fc.property(
        code,
        fc.constantFrom('any-other-chapter', 'any-other-heading', 'any-other-subheading' as const),
        (good, level) => {
          expect(materialMakesChange(good, good, { from: level }).makes).toBe(false);
        },
      ),
    );
  });

  it('"whether or not there is also a change from any other heading" only adds sources; "except" only removes', () => {
    fc.assert(
      fc.property(code, code, code, (good, material, listed) => {
        const plain = materialMakesChange(good, material, { from: [listed] }).makes;
        const orFrom = materialMakesChange(good, material, { from: [listed], orFrom: 'any-other-heading' }).makes;
        if (plain) expect(orFrom).toBe(true);
        const heading = materialMakesChange(good, material, { from: 'any-other-heading' }).makes;
        const except = materialMakesChange(good, material, { from: 'any-other-heading', except: [listed] }).makes;
        if (except) expect(heading).toBe(true);
        if (material === listed) expect(except).toBe(false);
      }),
    );
  });
});

const rule: ProductSpecificRule = {
  hs: '8708.10',
  uses: ['aftermarket'],
  provision: 's. 13, 8708.10 (3)',
  status: 'confirmed',
  alternatives: [
    { paragraph: '(3)(a)', change: { from: 'any-other-heading' } },
    { paragraph: '(3)(b)', change: { from: ['8708.99'], orFrom: 'any-other-heading' }, rvc: { netCost: '50' } },
  ],
};

describe('the evaluator', () => {
  const materials = fc.array(fc.record({ hs: subheading, cents: fc.integer({ min: 1, max: 40_000 }) }), {
    maxLength: 6,
  });
  it('permuting the materials changes nothing; making a material originating never loses the rule', () => {
    fc.assert(
      fc.property(materials, fc.integer({ min: 0, max: 100 }), (list, rvc) => {
        const run = (ms: typeof list) =>
          evaluateProductSpecificRule({
            goodHs: '8708.10',
            rule,
            citation: 's. 13, 8708.10 (3)',
            date: '2026-03-15',
            nonOriginating: ms.map((m, i) => ({
              key: `M${i}`,
              hs: m.hs,
              value: money(new Dec(m.cents).div(100), 'USD'),
            })),
            deMinimis: {
              percent: '10',
              base: money(new Dec('1000'), 'USD'),
              baseName: 'total cost',
              citation: 's. 5(1)',
            },
            rvc: { netCost: moneyRatio(money(new Dec(rvc), 'USD'), money(new Dec(100), 'USD')), elected: 'net-cost' },
          });
        const out = run(list);
        const reversed = run([...list].reverse());
        expect([reversed.status, reversed.qualifiedBy]).toEqual([out.status, out.qualifiedBy]);
        if (out.status === 'pass' && list.length > 0) expect(run(list.slice(1)).status).toBe('pass');
      }),
    );
  });
});
