/**
 * The shapes of HTSUS General Note 11(o) that the first rule format could not hold, decided material by material
 * (UR s. 3(2); Schedule 1 = USMCA Annex 4-B): a Party's own national numbers excepted or listed (through a generic
 * label and usmca.hs.national_items, s. 1(3)(e)), an exception limited to some goods of a code ("except from battery
 * cells of 8507.90"), goods named only by description, and a change "from any other good within that subheading".
 * What the claim does not say is never guessed: the material is undetermined, and so is an alternative it decides.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/num/decimal.js';
import { money } from '../../../src/num/money.js';
import { moneyRatio } from '../../../src/num/ratio.js';
import type { NationalItems, ProductSpecificRule, TariffChange } from '../../../src/rules/psr-schema.js';
import { evaluateProductSpecificRule, type PsrInput } from '../../../src/requirements/psr/evaluate.js';
import { nationalItemOf } from '../../../src/requirements/psr/national-items.js';
import { describeChange, materialMakesChange } from '../../../src/requirements/psr/tariff-change.js';

const usd = (a: string) => money(new Dec(a), 'USD');

/** FIXTURE: the United States confirmed with made-up numbers, Canada and Mexico not (as the pack holds them). */
const US_ONLY: NationalItems = {
  items: [
    {
      item: '8503.00.aa',
      countries: [
        { country: 'US', status: 'confirmed', codes: ['8503.00.35', '8503.00.45'], source: 'test fixture' },
        { country: 'CA', status: 'unconfirmed' },
        { country: 'MX', status: 'unconfirmed' },
      ],
    },
  ],
};

describe("a Party's own numbers through a generic label (except from 8503.00.aa)", () => {
  const change: TariffChange = { from: 'any-other-heading', except: ['8503.00.aa'] };
  const of = (written: string | undefined, tariff?: string) => (item: string) =>
    nationalItemOf(item, '8503.00', written, US_ONLY, tariff).status;

  it('a material written with a U.S. number of the item is excepted', () => {
    const r = materialMakesChange('8501.32', '8503.00', change, of('8503.00.4500'), { material: '8503.00.4500' });
    expect(r).toEqual({ makes: false, reason: '8503.00 is excepted ("except from 8503.00.aa")' });
  });

  it('another number read in the U.S. tariff (importing country US) is not of the item, and qualifies', () => {
    const r = materialMakesChange('8501.32', '8503.00', change, of('8503.00.9545', 'US'), {
      material: '8503.00.9545',
    });
    expect(r.makes).toBe(true);
    expect(nationalItemOf('8503.00.aa', '8503.00', '8503.00.9545', US_ONLY, 'US').status).toBe('out');
  });

  it('the same number with no importing country may be a Canadian or Mexican item: undetermined', () => {
    const r = materialMakesChange('8501.32', '8503.00', change, of('8503.00.9545'), { material: '8503.00.9545' });
    expect(r).toMatchObject({ makes: false, undetermined: true });
    expect(r.reason).toContain('not confirmed for every Party');
  });

  it('a material written with six digits only is undetermined, and the reason asks for the national number', () => {
    const r = materialMakesChange('8501.32', '8503.00', change, of(undefined, 'US'));
    expect(r).toMatchObject({ makes: false, undetermined: true });
    expect(r.reason).toContain('not the national tariff number');
  });

  it('a material of another subheading is not touched by the label', () => {
    expect(materialMakesChange('8501.32', '7326.90', change, of(undefined)).makes).toBe(true);
  });
});

describe('an exception limited to some goods of a code (except from battery cells of 8507.90)', () => {
  const change: TariffChange = { from: 'any-other-subheading', except: [{ hs: '8507.90', goods: 'battery cells' }] };

  it('a material the claim says is battery cells is excepted; one it says is not, qualifies', () => {
    const cells = materialMakesChange('8507.60', '8507.90', change, undefined, {}, { material: ['battery cells'] });
    expect(cells).toEqual({ makes: false, reason: '8507.90 is excepted ("except from battery cells of 8507.90")' });
    expect(materialMakesChange('8507.60', '8507.90', change, undefined, {}, { material: [] }).makes).toBe(true);
  });

  it('the goods are compared in any case and spacing', () => {
    const r = materialMakesChange('8507.60', '8507.90', change, undefined, {}, { material: [' Battery Cells'] });
    expect(r.makes).toBe(false);
  });

  it('a material of 8507.90 the claim does not describe is undetermined, never assumed either way', () => {
    const r = materialMakesChange('8507.60', '8507.90', change);
    expect(r).toMatchObject({ makes: false, undetermined: true });
    expect(r.reason).toContain('does not say whether it is battery cells');
  });

  it('a material of another code qualifies whatever it is', () => {
    expect(materialMakesChange('8507.60', '3926.90', change).makes).toBe(true);
  });

  it('is described in the words of the text', () => {
    expect(describeChange(change)).toBe('a change from any other subheading, except from battery cells of 8507.90');
  });
});

describe('goods named only by description (assemblies incorporating more than one of ...)', () => {
  const assemblies = 'assemblies incorporating more than one of the following: compressor, condenser';
  const change: TariffChange = { from: 'any-other-subheading', except: ['8415.20..8415.83', { goods: assemblies }] };

  it('any material may be those goods: undetermined until the claim says', () => {
    expect(materialMakesChange('8415.20', '8414.30', change)).toMatchObject({ undetermined: true });
    expect(materialMakesChange('8415.20', '8414.30', change, undefined, {}, { material: [assemblies] }).makes).toBe(
      false,
    );
    expect(materialMakesChange('8415.20', '8414.30', change, undefined, {}, { material: [] }).makes).toBe(true);
  });

  it('a material already excepted by its code fails whatever it is', () => {
    expect(materialMakesChange('8415.20', '8415.81', change)).toMatchObject({ makes: false });
    expect(materialMakesChange('8415.20', '8415.81', change).undetermined).toBeUndefined();
  });

  it('listed as a source it qualifies only where the claim says the material is those goods', () => {
    const from: TariffChange = { from: [{ goods: assemblies }] };
    expect(materialMakesChange('8415.20', '8414.30', from, undefined, {}, { material: [assemblies] }).makes).toBe(true);
    expect(materialMakesChange('8415.20', '8414.30', from, undefined, {}, { material: [] }).makes).toBe(false);
    expect(materialMakesChange('8415.20', '8414.30', from)).toMatchObject({ undetermined: true });
  });
});

describe('from any other good within that subheading (any-other-good)', () => {
  const change: TariffChange = { from: 'any-other-good' };

  it('a material of another subheading makes it', () => {
    expect(materialMakesChange('8479.89', '8501.31', change).makes).toBe(true);
  });

  it('a material of the same subheading makes it only where the claim says it is another good', () => {
    const said = (material: readonly string[] | undefined) =>
      materialMakesChange('8479.89', '8479.89', change, undefined, {}, { material, good: 'trash compactors' });
    expect(said(['trash compactors'])).toEqual({
      makes: false,
      reason: '8479.89 is of the same good as the good (8479.89)',
    });
    expect(said([]).makes).toBe(true);
    expect(said(['balers']).makes).toBe(true);
    expect(said(undefined)).toMatchObject({ makes: false, undetermined: true });
  });

  it('without words for the good, only a material said to be none of the goods is another good', () => {
    expect(materialMakesChange('8519.81', '8519.81', change, undefined, {}, { material: [] }).makes).toBe(true);
    expect(
      materialMakesChange('8519.81', '8519.81', change, undefined, {}, { material: ['cassette decks'] }),
    ).toMatchObject({ undetermined: true });
  });
});

describe('an alternative decided by an undetermined material, with de minimis (s. 5(1))', () => {
  const rule: ProductSpecificRule = {
    hs: '8507.60',
    uses: ['aftermarket'],
    provision: 'test rule',
    status: 'confirmed',
    alternatives: [
      {
        paragraph: '(A)',
        change: { from: 'any-other-subheading', except: [{ hs: '8507.90', goods: 'battery cells' }] },
      },
    ],
  };
  const input = (value: string, goods?: string[]): PsrInput => ({
    goodHs: '8507.60',
    rule,
    citation: 'test',
    date: '2026-03-15',
    nonOriginating: [{ key: 'CELLS', hs: '8507.90', value: usd(value), ...(goods ? { goods } : {}) }],
    deMinimis: { percent: '10', base: usd('1000.00'), baseName: 'total cost', citation: 's. 5(1)' },
    rvc: { netCost: moneyRatio(usd('50'), usd('100')), elected: 'net-cost' },
  });

  it('undetermined above de minimis (100.01 > 100.00), met at it (100.00): the unsaid cannot fail it', () => {
    const above = evaluateProductSpecificRule(input('100.01'));
    expect([above.status, above.alternatives[0]!.change.status]).toEqual(['undetermined', 'undetermined']);
    expect(above.alternatives[0]!.change.undetermined?.map((m) => m.material)).toEqual(['CELLS']);
    const at = evaluateProductSpecificRule(input('100.00'));
    expect([at.status, at.qualifiedBy, at.alternatives[0]!.change.byDeMinimis]).toEqual(['pass', '(A)', true]);
  });

  it('decided once the claim says what the material is', () => {
    expect(evaluateProductSpecificRule(input('500.00', ['battery cells'])).status).toBe('fail');
    expect(evaluateProductSpecificRule(input('500.00', [])).status).toBe('pass');
  });
});
