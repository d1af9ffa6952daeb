/**
 * The product-specific rule evaluator on the rules of the pack, with figures worked by hand: 8708.10 (1) of s. 13
 * (bumpers, original equipment in a passenger vehicle or light truck) and 8483.30 of GN 11(o) (bearing housings).
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/num/decimal.js';
import { money } from '../../../src/num/money.js';
import { moneyRatio } from '../../../src/num/ratio.js';
import { loadRulePack } from '../../../src/rules/load.js';
import { RulesInForce } from '../../../src/rules/in-force.js';
import {
  evaluateProductSpecificRule,
  thresholdOn,
  type PsrInput,
  type PsrMaterial,
} from '../../../src/requirements/psr/evaluate.js';
import { alternativeProvision, productSpecificRuleFor } from '../../../src/requirements/psr/lookup.js';
import { materialMakesChange } from '../../../src/requirements/psr/tariff-change.js';

const rules = new RulesInForce(loadRulePack(), '2026-03-15');
const usd = (a: string) => money(new Dec(a), 'USD');

function input(
  hs: string,
  use: 'passenger-vehicle' | 'aftermarket',
  materials: PsrMaterial[],
  rvcPercent?: string,
): PsrInput {
  const found = productSpecificRuleFor(rules, hs, use);
  if (found.found !== 'held') throw new Error(`no rule held for ${hs}`);
  const total = usd('1000.00');
  return {
    goodHs: hs,
    rule: found.rule,
    citation: found.citation,
    date: '2026-03-15',
    nonOriginating: materials,
    deMinimis: { percent: '10', base: total, baseName: 'total cost', citation: 's. 5(1)' },
    rvc: {
      netCost: rvcPercent === undefined ? undefined : moneyRatio(usd(rvcPercent), usd('100')),
      elected: 'net-cost',
    },
  };
}

describe('8708.10 (1), bumpers for original equipment in a passenger vehicle', () => {
  it('aluminum profiles of 76.04 make the change of heading: (1)(a) qualifies the part at any RVC', () => {
    const out = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'PROFILE', hs: '7604.29', value: usd('600.00') }], '40'),
    );
    expect(out.status).toBe('pass');
    expect(out.qualifiedBy).toBe('(1)(a)');
    expect(out.alternatives.map((a) => [a.paragraph, a.status])).toEqual([
      ['(1)(a)', 'pass'],
      ['(1)(b)', 'fail'],
    ]);
    // (b) needs an RVC of 70 % from 2023-07-01; 40 % < 70 %
    expect(out.alternatives[1]?.rvc).toMatchObject({ value: '40', threshold: '70', status: 'fail' });
  });

  it('a blank of 8708.10 at 15 % of total cost fails (a) and (b), beyond de minimis (10 % = 100.00)', () => {
    const out = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'BLANK', hs: '8708.10', value: usd('150.00') }], '85'),
    );
    expect(out.status).toBe('fail');
    expect(out.qualifiedBy).toBeUndefined();
    const [a, b] = out.alternatives;
    expect(a?.change).toMatchObject({
      status: 'fail',
      failingValue: '150.00',
      deMinimisLimit: '100.00',
      byDeMinimis: false,
    });
    expect(b?.change.status).toBe('fail');
    expect(b?.change.failing[0]?.reason).toBe('8708.10 is not from 8708.99 nor from any other heading');
    expect(b?.rvc).toMatchObject({ value: '85', threshold: '70', status: 'pass' });
  });

  it('the same blank at exactly 10 % is within de minimis (s. 5(1) "not more than"); one cent more is not', () => {
    const at = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'BLANK', hs: '8708.10', value: usd('100.00') }], '90'),
    );
    expect(at.status).toBe('pass');
    expect(at.qualifiedBy).toBe('(1)(a)');
    expect(at.alternatives[0]?.change.byDeMinimis).toBe(true);
    const over = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'BLANK', hs: '8708.10', value: usd('100.01') }], '89.999'),
    );
    expect(over.status).toBe('fail');
  });

  it('a material of 8708.99 qualifies under (b) only with the RVC of 70 % ("not less than")', () => {
    const materials = [{ key: 'BRACKET', hs: '8708.99', value: usd('300.00') }];
    const at = evaluateProductSpecificRule(input('8708.10', 'passenger-vehicle', materials, '70'));
    expect([at.status, at.qualifiedBy]).toEqual(['pass', '(1)(b)']);
    expect(at.alternatives[0]?.status).toBe('fail'); // 8708.99 is of the same heading 87.08
    const below = evaluateProductSpecificRule(input('8708.10', 'passenger-vehicle', materials, '69.99'));
    expect(below.status).toBe('fail');
  });

  it('a material without HS code cannot be shown to make the change', () => {
    const out = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'X', value: usd('200.00') }], '80'),
    );
    expect(out.status).toBe('fail');
    expect(out.alternatives[0]?.change.failing).toEqual([
      { material: 'X', hs: '', value: '200.00', reason: 'no HS code: the change cannot be shown' },
    ]);
  });

  it('all non-originating materials within de minimis waive the RVC (s. 5(4))', () => {
    const out = evaluateProductSpecificRule(
      input('8708.10', 'passenger-vehicle', [{ key: 'BRACKET', hs: '8708.99', value: usd('100.00') }], '10'),
    );
    expect(out.status).toBe('pass');
  });
});

describe('the threshold of an original-equipment table replaces the rule own figure', () => {
  it('8483.30 (B) at 55 % net cost passes its own 50 % but not Table B 70 %', () => {
    const base = input('8483.30', 'passenger-vehicle', [{ key: 'HOUSING', hs: '8483.90', value: usd('450.00') }], '55');
    expect(evaluateProductSpecificRule(base).qualifiedBy).toBe('(B)');
    const oe = evaluateProductSpecificRule({
      ...base,
      tableThreshold: {
        netCost: '70',
        transactionValue: '80',
        rule: { id: 'usmca.auto.parts.pvlt_principal', effectiveFrom: '2023-07-01' },
        citation: 's. 14(15)(d)',
      },
    });
    expect(oe.status).toBe('fail');
    expect(oe.alternatives[1]?.rvc).toMatchObject({ threshold: '70', status: 'fail' });
  });
});

describe('thresholdOn', () => {
  it('takes the latest step beginning on or before the date', () => {
    const v = { '2020-07-01': '62.5', '2021-07-01': '65', '2023-07-01': '70' };
    expect(thresholdOn(v, '2021-06-30')).toBe('62.5');
    expect(thresholdOn(v, '2021-07-01')).toBe('65');
    expect(thresholdOn(v, '2030-01-01')).toBe('70');
    expect(thresholdOn(v, '2020-06-30')).toBeUndefined();
    expect(thresholdOn('50', '2020-01-01')).toBe('50');
  });
});

describe('rule lookup', () => {
  it('names the rules held, unconfirmed, absent, and several "ex" scopes', () => {
    expect(productSpecificRuleFor(rules, '8708.10', 'aftermarket').found).toBe('held');
    expect(productSpecificRuleFor(rules, '8407.34', 'passenger-vehicle').found).toBe('held');
    expect(productSpecificRuleFor(rules, '8415.20', 'passenger-vehicle').found).toBe('held'); // GN 11(o)/84.50
    expect(productSpecificRuleFor(rules, '6109.10', 'aftermarket')).toEqual({
      found: 'none',
      parameter: 'usmca.auto.psr.chapter_61',
    });
    expect(productSpecificRuleFor(rules, '8708.29', 'passenger-vehicle')).toEqual({
      found: 'several',
      scopes: ['body stampings', 'goods other than body stampings'],
    });
    expect(productSpecificRuleFor(rules, '8708.29', 'passenger-vehicle', 'body stampings').found).toBe('held');
  });
});

describe('citations and national tariff items', () => {
  it('cites an alternative at its paragraph: "s. 13, 8708.10 (1)" and "(1)(a)" give "s. 13, 8708.10 (1)(a)"', () => {
    expect(alternativeProvision('s. 13, 8708.10 (1)', '(1)(a)')).toBe('s. 13, 8708.10 (1)(a)');
    expect(alternativeProvision('GN 11(o), chapter 84, subdivision 250 (page 123)', '(B)')).toBe(
      'GN 11(o), chapter 84, subdivision 250 (page 123), (B)',
    );
  });

  it('a material of 8482.99 whose item is not known makes a change from 8482.99.aa or any other heading either way', () => {
    const answer = materialMakesChange('8708.99', '8482.99', { from: ['8482.99.aa'], orFrom: 'any-other-heading' });
    expect(answer).toMatchObject({ makes: true });
    expect(answer.assumedGoods).toBeUndefined();
    expect(answer.reason).toContain('whatever the claim leaves unsaid');
    // Excepted if of the item, qualifying if not: without its national number it is undetermined, never guessed.
    const excepted = materialMakesChange('8708.99', '8482.99', { from: 'any-other-heading', except: ['8482.99.aa'] });
    expect(excepted).toMatchObject({ makes: false, undetermined: true });
    // Not of the listed item and not from another subheading: fails whichever it is.
    const listed = materialMakesChange('8482.10', '8482.99', { from: ['8482.99.aa'] });
    expect(listed).toMatchObject({ undetermined: true });
  });

  it('alternatives for a national tariff item of 8708.99 are undetermined; (5)(d) decides the part', () => {
    const out = evaluateProductSpecificRule(
      input('8708.99', 'aftermarket', [{ key: 'RINGS', hs: '8482.99', value: usd('400.00') }], '60'),
    );
    // (5)(b) excepts 8482.99.aa: RINGS (400.00, more than de minimis) fails it only if of that item, which its
    // subheading alone cannot show.
    expect(out.alternatives.map((a) => [a.paragraph, a.status])).toEqual([
      ['(5)(a)', 'undetermined'],
      ['(5)(b)', 'undetermined'],
      ['(5)(c)', 'undetermined'],
      ['(5)(d)', 'pass'],
      ['(5)(e)', 'pass'],
    ]);
    expect(out.alternatives[1]!.change.status).toBe('undetermined');
    expect(out.qualifiedBy).toBe('(5)(d)');
  });
});

describe('8708.30 (3), brakes for any other vehicle or the aftermarket, the claim not saying which goods', () => {
  it('friction material of 68.13 makes the change of heading: (3)(a) or (3)(c) qualifies it whichever good it is', () => {
    const out = evaluateProductSpecificRule(
      input('8708.30', 'aftermarket', [{ key: 'LINING', hs: '6813.81', value: usd('700.00') }], '30'),
    );
    expect(out.alternatives.map((a) => [a.paragraph, a.status])).toEqual([
      ['(3)(a)', 'undetermined'],
      ['(3)(b)', 'fail'],
      ['(3)(c)', 'undetermined'],
      ['(3)(d)', 'fail'],
    ]);
    expect([out.status, out.qualifiedBy]).toEqual(['pass', '(3)(a) or (3)(c)']);
    expect(out.readings).toEqual([
      { reading: 'mounted brake linings', qualifiedBy: '(3)(a)' },
      { reading: 'any other good of 8708.30', qualifiedBy: '(3)(c)' },
    ]);
  });

  it('a brake part of 8708.30 at an RVC of 50 % qualifies under (b) or (d); at 49.999 % under none: fail, not undetermined', () => {
    const at = evaluateProductSpecificRule(
      input('8708.30', 'aftermarket', [{ key: 'ROTOR', hs: '8708.30', value: usd('500.00') }], '50'),
    );
    expect([at.status, at.qualifiedBy]).toEqual(['pass', '(3)(b) or (3)(d)']);
    const below = evaluateProductSpecificRule(
      input('8708.30', 'aftermarket', [{ key: 'ROTOR', hs: '8708.30', value: usd('500.01') }], '49.999'),
    );
    expect([below.status, below.qualifiedBy, below.readings]).toEqual(['fail', undefined, undefined]);
  });

  it('where the claim names the goods only their alternatives count, as before', () => {
    const out = evaluateProductSpecificRule({
      ...input('8708.30', 'aftermarket', [{ key: 'LINING', hs: '6813.81', value: usd('700.00') }], '30'),
      goods: 'mounted brake linings',
    });
    expect([out.status, out.qualifiedBy, out.readings]).toEqual(['pass', '(3)(a)', undefined]);
  });
});

describe('a change "from any other tariff item" (GN 11(o), 8536.50: tariff item 8536.50.40)', () => {
  const change = { from: 'any-other-tariff-item' as const };
  const written = (good: string | undefined, material: string | undefined) => ({ good, material });

  it('a material of another subheading makes it, whatever is written', () => {
    expect(materialMakesChange('8536.50', '8536.90', change, undefined, written(undefined, undefined)).makes).toBe(
      true,
    );
  });

  it('within the subheading, another eight-digit number makes it and the same one does not', () => {
    expect(
      materialMakesChange('8536.50', '8536.50', change, undefined, written('8536.50.40', '8536.50.90')).makes,
    ).toBe(true);
    const same = materialMakesChange('8536.50', '8536.50', change, undefined, written('8536.50.4000', '8536.50.40'));
    expect(same).toEqual({ makes: false, reason: '8536.50 is of the same tariff item as the good (8536.50)' });
  });

  it('within the subheading, a number not written cannot show the change: the material is undetermined', () => {
    const open = materialMakesChange('8536.50', '8536.50', change, undefined, written('8536.50.40', undefined));
    expect(open).toMatchObject({ makes: false, undetermined: true });
    expect(open.reason).toContain('cannot be shown without the eight-digit national tariff numbers of both');
  });

  it('the evaluator reads the numbers the claim wrote for the good and its materials', () => {
    const rule = {
      hs: '8536.50',
      uses: ['aftermarket' as const],
      provision: 'GN 11(o), chapter 85 (test rule)',
      status: 'confirmed' as const,
      alternatives: [{ paragraph: '(A)', change }],
    };
    const base = { ...input('8708.10', 'aftermarket', [], '0'), goodHs: '8536.50', rule, citation: 'test' };
    const switchPart = [{ key: 'CONTACT', hs: '8536.50', hsAsWritten: '8536.50.90', value: usd('600.00') }];
    expect(
      evaluateProductSpecificRule({ ...base, nonOriginating: switchPart, goodAsWritten: '8536.50.40' }).status,
    ).toBe('pass');
    expect(evaluateProductSpecificRule({ ...base, nonOriginating: switchPart }).status).toBe('undetermined');
    const same = [{ ...switchPart[0]!, hsAsWritten: '8536.50.4010' }];
    expect(evaluateProductSpecificRule({ ...base, nonOriginating: same, goodAsWritten: '8536.50.40' }).status).toBe(
      'fail',
    );
  });
});

describe('tariffItemPrecedence on a good whose national number places it in tariff item 8708.99.aa', () => {
  const nationalItems = {
    items: [
      {
        item: '8708.99.aa',
        countries: [{ country: 'US' as const, status: 'confirmed' as const, codes: ['8708.99.81'], source: 'test' }],
      },
    ],
  };
  const base = () => ({
    ...input('8708.99', 'aftermarket', [{ key: 'BRACKET', hs: '8708.29', value: usd('500.00') }], '40'),
    goodAsWritten: '8708.99.8180',
    nationalItems,
  });

  it('item-rule-only: only (5)(a) is for it; (5)(d) and (5)(e) are for the other goods, and say why', () => {
    const out = evaluateProductSpecificRule({ ...base(), tariffItems: 'item-rule-only' });
    expect(out.alternatives.map((a) => [a.paragraph, a.status])).toEqual([
      ['(5)(a)', 'fail'],
      ['(5)(b)', 'fail'],
      ['(5)(c)', 'fail'],
      ['(5)(d)', 'fail'],
      ['(5)(e)', 'fail'],
    ]);
    expect(out.alternatives[3]?.reason).toContain('take precedence over those of subheading 8708.99');
    expect(out.alternatives[1]?.reason).toBe('the good is of tariff item 8708.99.aa, not 8708.99.bb');
    expect([out.status, out.tariffItemsInPlay]).toEqual(['fail', true]);
  });

  it('every-alternative: (5)(a) fails on its RVC of 40 %, but a material of another heading meets (5)(d)', () => {
    const out = evaluateProductSpecificRule({
      ...base(),
      nonOriginating: [{ key: 'PLATE', hs: '7208.51', value: usd('500.00') }],
      tariffItems: 'every-alternative',
    });
    expect([out.status, out.qualifiedBy]).toEqual(['pass', '(5)(d)']);
    const only = evaluateProductSpecificRule({
      ...base(),
      nonOriginating: [{ key: 'PLATE', hs: '7208.51', value: usd('500.00') }],
      tariffItems: 'item-rule-only',
    });
    expect(only.status).toBe('fail');
  });
});
