/**
 * Alternatives for a national tariff item ("a change to tariff item 8708.99.aa", s. 1(3)(e)) decided from the national
 * tariff number the claim wrote, through a correspondence of the generic item to each Party's numbers. The pack's
 * own correspondence is not confirmed (no official text read): the engine says why it cannot decide. The decided
 * side is tested on a correspondence written here for the test only (FIXTURE: not the law's numbers).
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/num/decimal.js';
import { money } from '../../../src/num/money.js';
import { moneyRatio } from '../../../src/num/ratio.js';
import { loadRulePack } from '../../../src/rules/load.js';
import { RulesInForce } from '../../../src/rules/in-force.js';
import type { NationalItems } from '../../../src/rules/psr-schema.js';
import {
  evaluateProductSpecificRule,
  type PsrInput,
  type PsrMaterial,
} from '../../../src/requirements/psr/evaluate.js';
import { productSpecificRuleFor } from '../../../src/requirements/psr/lookup.js';
import { nationalItemOf } from '../../../src/requirements/psr/national-items.js';
import { materialMakesChange } from '../../../src/requirements/psr/tariff-change.js';

const rules = new RulesInForce(loadRulePack(), '2026-03-15');
const usd = (a: string) => money(new Dec(a), 'USD');

/** FIXTURE correspondence (made-up national numbers, every Party confirmed) to test the decided side. */
const FIXTURE: NationalItems = {
  items: ['8708.99.aa', '8482.99.aa'].map((item) => ({
    item,
    countries: (['US', 'CA', 'MX'] as const).map((country) => ({
      country,
      status: 'confirmed' as const,
      codes: [item === '8708.99.aa' ? '8708.99.11' : '8482.99.11'],
      source: 'test fixture',
    })),
  })),
};

function aftermarket8708_99(
  goodAsWritten: string | undefined,
  materials: PsrMaterial[],
  table?: NationalItems,
): PsrInput {
  const found = productSpecificRuleFor(rules, '8708.99', 'aftermarket');
  if (found.found !== 'held') throw new Error('8708.99 not held');
  return {
    goodHs: '8708.99',
    goodAsWritten,
    nationalItems: table ?? rules.at('usmca.hs.national_items').value,
    rule: found.rule,
    citation: found.citation,
    date: '2026-03-15',
    nonOriginating: materials,
    deMinimis: { percent: '10', base: usd('1000.00'), baseName: 'total cost', citation: 's. 5(1)' },
    rvc: { netCost: moneyRatio(usd('60'), usd('100')), elected: 'net-cost' },
  };
}

describe('whether a code is of a generic tariff item (s. 1(3)(e))', () => {
  it('cannot say from a 6-digit subheading, and asks for the national number', () => {
    expect(nationalItemOf('8708.99.aa', '8708.99', undefined, FIXTURE)).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/gives only the subheading 8708\.99.*give the national tariff number/),
    });
  });

  it("places the pack's U.S. numbers of 8708.99.aa (GN 11(o)/87.52, 87.54: 8708.99.03, .27, .55) from 2025-04-04", () => {
    const table = rules.at('usmca.hs.national_items').value;
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708.99.2700', table)).toMatchObject({
      status: 'in',
      country: 'US',
    });
    expect(nationalItemOf('8708.99.bb', '8708.99', '8708.99.5800', table)).toMatchObject({
      status: 'in',
      country: 'US',
    });
    // Another number may be a Canadian or Mexican number of the item: only the importing country's tariff says.
    const open = nationalItemOf('8708.99.aa', '8708.99', '8708.99.8180', table);
    expect(open.status).toBe('unknown');
    expect(open.reason).toMatch(/8708\.99\.8180.*no confirmed correspondence of tariff item 8708\.99\.aa.*CA, MX/);
    const us = nationalItemOf('8708.99.aa', '8708.99', '8708.99.8180', table, 'US');
    expect(us.status).toBe('out');
    expect(us.reason).toContain('read in the tariff of US');
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708.99.8180', table, 'CA').status).toBe('unknown');
    // Before the revision they were read in, no number is placed.
    const before = new RulesInForce(loadRulePack(), '2025-04-03').at('usmca.hs.national_items').value;
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708.99.2700', before).status).toBe('unknown');
  });

  it('places a national number that begins with a Party number of the item, and not one that begins with none', () => {
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708.99.1100', FIXTURE)).toMatchObject({
      status: 'in',
      country: 'US',
    });
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708991100', FIXTURE).status).toBe('in');
    expect(nationalItemOf('8708.99.aa', '8708.99', '8708.99.12', FIXTURE).status).toBe('out');
  });

  it('a material whose national number is not of the excepted item 8482.99.aa is not excepted; one that is, is', () => {
    const change = { from: 'any-other-heading' as const, except: ['8482.99.aa'] };
    const of = (written: string) => (item: string) => nationalItemOf(item, '8482.99', written, FIXTURE).status;
    expect(materialMakesChange('8708.99', '8482.99', change, of('8482.99.50')).makes).toBe(true);
    expect(materialMakesChange('8708.99', '8482.99', change, of('8482.99.11')).makes).toBe(false);
    // Without a number that places it, the material is undetermined (never guessed), and the reason says why.
    const open = materialMakesChange('8708.99', '8482.99', change);
    expect(open).toMatchObject({ makes: false, undetermined: true });
    expect(open.reason).toMatch(/not the national tariff number that shows whether it is of tariff item 8482.99.aa/);
  });
});

describe('8708.99 (5), aftermarket: the alternatives for tariff items 8708.99.aa and .bb', () => {
  // A BRACKET of 8708.29 (heading 87.08, 400.00 > de minimis 100.00) fails the changes of heading of (b) and (d); it
  // makes the change of subheading of (a). With an RVC of 60 %, (a) and (e) (50 %) are met in figures.
  const bracket: PsrMaterial[] = [{ key: 'BRACKET', hs: '8708.29', value: usd('400.00') }];

  it('are undetermined on the subheading alone, the reason asking for the national number; (5)(e) qualifies', () => {
    const out = evaluateProductSpecificRule(aftermarket8708_99(undefined, bracket));
    expect(out.status).toBe('pass');
    expect(out.qualifiedBy).toBe('(5)(e)');
    expect(out.alternatives[0]).toMatchObject({ paragraph: '(5)(a)', status: 'undetermined' });
    expect(out.alternatives[0]?.reason).toMatch(
      /only for tariff item 8708\.99\.aa: the claim gives only the subheading/,
    );
  });

  it('qualify a good whose national number is of 8708.99.aa under (5)(a), with an RVC of 60 % >= 50 %', () => {
    const out = evaluateProductSpecificRule(aftermarket8708_99('8708.99.1100', bracket, FIXTURE));
    expect(out.status).toBe('pass');
    expect(out.qualifiedBy).toBe('(5)(a)');
    expect(out.alternatives[0]?.assumptions).toEqual([
      expect.stringMatching(/8708\.99\.1100 is of tariff item 8708\.99\.aa/),
    ]);
  });

  it('do not qualify a good whose national number is of neither item: (5)(a) fails, (5)(e) qualifies it', () => {
    const out = evaluateProductSpecificRule(aftermarket8708_99('8708.99.5000', bracket, FIXTURE));
    expect(out.alternatives.map((a) => [a.paragraph, a.status])).toEqual([
      ['(5)(a)', 'fail'],
      ['(5)(b)', 'fail'],
      ['(5)(c)', 'fail'],
      ['(5)(d)', 'fail'],
      ['(5)(e)', 'pass'],
    ]);
    expect(out.alternatives[0]?.reason).toMatch(/8708\.99\.5000 is not of tariff item 8708\.99\.aa/);
  });
});
