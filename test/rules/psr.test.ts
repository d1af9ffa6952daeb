/**
 * The product-specific rules in the pack (rules/usmca/psr/): they load, every subheading of Tables A.1 to E has
 * a rule for each use its table implies, the chapter 87 thresholds are the staged thresholds of the parts tables,
 * and each kind of broken rule file is refused at load naming file, key and line.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadRulePack, loadRulePackUncached, RulePackError } from '../../src/rules/load.js';
import { hsSpan } from '../../src/rules/hs.js';
import type { ProductSpecificRule, ProductSpecificRules, PsrUse } from '../../src/rules/psr-schema.js';
import type { RulePack } from '../../src/rules/pack.js';

const pack = loadRulePack();
const DATE = '2026-01-01';

function psrRules(p: RulePack): Array<ProductSpecificRule & { chapter: string }> {
  return [...p.parameters.keys()]
    .filter((id) => id.startsWith('usmca.auto.psr.'))
    .flatMap((id) => {
      const v = p.at(id as 'usmca.auto.psr.chapter_87', DATE).value as ProductSpecificRules;
      return v.rules.map((r) => ({ ...r, chapter: v.chapter }));
    });
}

function rulesFor(hs: string, use: PsrUse): ProductSpecificRule[] {
  const code = hsSpan(hs).lo;
  return psrRules(pack).filter((r) => {
    const s = hsSpan(r.hs);
    return code >= s.lo && code <= s.hi && r.uses.includes(use);
  });
}

const TABLES: Array<
  [
    string,
    'usmca.auto.table.a1' | 'usmca.auto.table.b' | 'usmca.auto.table.c' | 'usmca.auto.table.d' | 'usmca.auto.table.e',
    PsrUse[],
  ]
> = [
  ['A.1', 'usmca.auto.table.a1', ['passenger-vehicle', 'light-truck']],
  ['B', 'usmca.auto.table.b', ['passenger-vehicle', 'light-truck']],
  ['C', 'usmca.auto.table.c', ['passenger-vehicle', 'light-truck']],
  ['D', 'usmca.auto.table.d', ['heavy-truck']],
  ['E', 'usmca.auto.table.e', ['heavy-truck']],
];

describe('the product-specific rules in the pack', () => {
  it('load with the pack: 51 rules of s. 13 for 87.06-8708.99, and a file for each chapter the tables reach', () => {
    const chapters = [...new Set(psrRules(pack).map((r) => r.chapter))].sort();
    expect(chapters).toEqual(['40', '83', '84', '85', '87', '90', '94']);
    expect(psrRules(pack).filter((r) => r.chapter === '87')).toHaveLength(51);
    expect(psrRules(pack).filter((r) => r.chapter === '87' && r.status !== 'confirmed')).toEqual([]);
  });

  for (const [name, id, uses] of TABLES) {
    it(`hold a rule for every subheading of Table ${name}, for original equipment and for aftermarket parts`, () => {
      const missing: string[] = [];
      for (const row of pack.at(id, DATE).value.rows) {
        for (const use of [...uses, 'aftermarket' as const]) {
          if (rulesFor(row.hs, use).length === 0) missing.push(`${row.ex ? 'ex ' : ''}${row.hs} for ${use}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it('hold one rule per subheading, use and "ex" scope: 8708.29 body stampings apart from its other goods', () => {
    const pvlt = rulesFor('8708.29', 'passenger-vehicle');
    expect(pvlt.map((r) => [r.ex, r.provision])).toEqual([
      ['body stampings', 's. 13, 8708.29 (1)'],
      ['goods other than body stampings', 's. 13, 8708.29 (2)'],
    ]);
    expect(rulesFor('8708.29', 'heavy-truck').map((r) => r.provision)).toEqual(['s. 13, 8708.29 (3)']);
    expect(rulesFor('8708.29', 'aftermarket').map((r) => r.provision)).toEqual(['s. 13, 8708.29 (4)']);
  });

  it('read the 8708.10 rule as printed: a heading change, or a change from 8708.99 with an RVC (s. 13, 8708.10 (1))', () => {
    const [rule] = rulesFor('8708.10', 'passenger-vehicle');
    expect(rule?.alternatives).toEqual([
      { paragraph: '(1)(a)', change: { from: 'any-other-heading' } },
      {
        paragraph: '(1)(b)',
        change: { from: ['8708.99'], orFrom: 'any-other-heading' },
        rvc: { netCost: { '2020-07-01': '62.5', '2021-07-01': '65', '2022-07-01': '67.5', '2023-07-01': '70' } },
      },
    ]);
    const [aftermarket] = rulesFor('8708.10', 'aftermarket');
    expect(aftermarket?.alternatives[1]?.rvc).toEqual({ netCost: '50' });
  });

  it('stage the chapter 87 thresholds exactly as the parts tables do (s. 14(13), (15); s. 15(2))', () => {
    const stepsOf = (
      id: 'usmca.auto.parts.pvlt_core' | 'usmca.auto.parts.pvlt_principal' | 'usmca.auto.parts.ht_principal',
    ) =>
      JSON.stringify(
        Object.fromEntries(
          (pack.parameters.get(id)?.entries ?? []).map((e) => [e.from, (e.value as { netCost: string }).netCost]),
        ),
      );
    const staged = new Set([
      stepsOf('usmca.auto.parts.pvlt_core'),
      stepsOf('usmca.auto.parts.pvlt_principal'),
      stepsOf('usmca.auto.parts.ht_principal'),
    ]);
    let dated = 0;
    for (const r of psrRules(pack).filter((x) => x.chapter === '87')) {
      for (const a of r.alternatives) {
        const nc = a.rvc?.netCost;
        if (nc === undefined || typeof nc === 'string') continue;
        dated += 1;
        expect(staged.has(JSON.stringify(nc)), `${r.provision} ${a.paragraph}`).toBe(true);
      }
    }
    expect(dated).toBe(49);
  });

  it('link each "ex" scope of 8708.29 and 8708.99 for passenger vehicles to the parts table listing its goods', () => {
    const scopes = psrRules(pack)
      .filter((r) => r.ex !== undefined && r.uses.includes('passenger-vehicle'))
      .map((r) => [r.hs, r.ex, r.partTables]);
    expect(scopes).toEqual([
      // GN 11(o)/84.236: (A) trash compactors (not held), (B) any other good; Tables B and E list electronic brake
      // systems of 8479.89 (ex), goods of (B), for every vehicle class.
      ['8479.89', 'trash compactors', undefined],
      ['8479.89', 'goods other than trash compactors', ['B', 'E']],
      ['8708.29', 'body stampings', ['A.1']],
      ['8708.29', 'goods other than body stampings', ['B']],
      ['8708.99', 'chassis frames', ['A.1']],
      ['8708.99', 'goods other than chassis frames', ['B']],
    ]);
    // Table D lists 8708.29 and 8708.99 whole: no heavy-truck scope names a table.
    for (const r of psrRules(pack).filter((x) => x.uses.includes('heavy-truck') && x.hs.startsWith('8708')))
      expect(r.partTables, `${r.hs} ${r.ex ?? ''}`).toBeUndefined();
  });

  it('hold a row of usmca.hs.national_items for every generic tariff item a rule names (s. 1(3)(e))', () => {
    const named = new Set<string>();
    for (const r of psrRules(pack))
      for (const a of r.alternatives) {
        if (a.tariffItem) named.add(a.tariffItem);
        if (a.change === 'none') continue;
        const codes = [...(Array.isArray(a.change.from) ? a.change.from : []), ...(a.change.except ?? [])];
        for (const c of codes) {
          const code = typeof c === 'string' ? c : c.hs;
          if (code !== undefined && /\.[a-z]{2}$/.test(code)) named.add(code);
        }
      }
    const held = pack.at('usmca.hs.national_items', DATE).value.items.map((i) => i.item);
    expect([...named].sort()).toEqual([...held].sort());
    // A confirmed row names where it was read (a GN 11(o) subdivision and page); Canada's and Mexico's numbers
    // were not read, so no verdict rests on a made-up number.
    for (const i of pack.at('usmca.hs.national_items', DATE).value.items)
      for (const c of i.countries) {
        if (c.country !== 'US') expect(c.status, `${i.item} ${c.country}`).toBe('unconfirmed');
        if (c.status === 'confirmed') {
          expect(c.source, `${i.item} ${c.country}`).toMatch(/^GN 11\(o\), chapter \d{2}, subdivisions? .*GN p\.\d+/);
          for (const code of c.codes ?? []) expect(code.startsWith(i.item.slice(0, 7)), `${i.item} ${code}`).toBe(true);
        }
      }
    // Before the revision the United States' numbers were read in, none is confirmed.
    for (const i of pack.at('usmca.hs.national_items', '2025-04-03').value.items)
      for (const c of i.countries) expect(c.status, `${i.item} ${c.country} before 2025-04-04`).toBe('unconfirmed');
  });

  it('mark a rule it could not read as unconfirmed, with no alternative to rest a verdict on', () => {
    const unconfirmed = psrRules(pack).filter((r) => r.status === 'unconfirmed');
    for (const r of unconfirmed) expect(r.alternatives, r.hs).toEqual([]);
    for (const r of psrRules(pack).filter((x) => x.status === 'confirmed'))
      expect(r.alternatives.length, r.hs).toBeGreaterThan(0);
  });
});

/** fixture -> [key, message] the loader must report, in psr/chapter-94.yaml. */
const BROKEN: Record<string, [string, RegExp]> = {
  'unknown-key.yaml': ['values.2020-07-01.value.rules[0].alternatives[0].change', /exceptt/],
  'range-reversed.yaml': [
    'values.2020-07-01.value.rules[0].alternatives[0].change.except[0]',
    /9401\.90\.\.9401\.10 runs from high to low/,
  ],
  'overlap.yaml': [
    'values.2020-07-01.value.rules[1].hs',
    /overlaps rules\[0\] for 9401\.10\.\.9401\.30 and use aftermarket/,
  ],
  'wrong-chapter.yaml': ['values.2020-07-01.value.rules[1].hs', /8401\.20 is not in chapter 94/],
  'unconfirmed-with-alternatives.yaml': [
    'values.2020-07-01.value.rules[0].alternatives',
    /unconfirmed must hold no alternatives/,
  ],
  'confirmed-without-alternatives.yaml': [
    'values.2020-07-01.value.rules[0].alternatives',
    /confirmed rule needs at least one alternative/,
  ],
  'percent-out-of-range.yaml': [
    'values.2020-07-01.value.rules[0].alternatives[0].rvc.netCost.2024-07-01',
    /150 is not a percentage/,
  ],
  'step-before-rule.yaml': [
    'values.2020-07-01.value.rules[0].alternatives[0].rvc.netCost.2019-07-01',
    /before the rule itself/,
  ],
  'or-from-without-list.yaml': [
    'values.2020-07-01.value.rules[0].alternatives[0].change.orFrom',
    /goes with a list of codes/,
  ],
  'no-change-without-rvc.yaml': ['values.2020-07-01.value.rules[0].alternatives[0].rvc', /needs an RVC/],
  'table-with-thresholds.yaml': ['values.2020-07-01.value.rules[0].alternatives[0].rvc', /no thresholds of its own/],
  'use-twice.yaml': ['values.2020-07-01.value.rules[0].uses', /aftermarket is listed twice/],
  'part-tables-without-ex.yaml': ['values.2020-07-01.value.rules[0].partTables', /the rule needs ex/],
  'tariff-item-outside-rule.yaml': [
    'values.2020-07-01.value.rules[0].alternatives[0].tariffItem',
    /8708\.99\.aa is not in 9401\.20/,
  ],
};
const FIXTURES = join(import.meta.dirname, 'fixtures', 'psr');

describe('a broken product-specific rule file', () => {
  it('has one fixture per problem, and each is listed here', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(BROKEN).sort());
  });

  for (const [fixture, [key, message]] of Object.entries(BROKEN)) {
    it(`is refused at load, naming file, line and key: ${fixture.replace('.yaml', '')}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'psr-pack-'));
      cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'psr', 'chapter-94.yaml'), readFileSync(join(FIXTURES, fixture), 'utf8'));
      let error: unknown;
      try {
        loadRulePackUncached(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RulePackError);
      const problems = (error as RulePackError).problems;
      const hit = problems.find((p) => p.key === key);
      expect(hit, JSON.stringify(problems)).toBeDefined();
      expect(hit?.file).toBe(join('psr', 'chapter-94.yaml'));
      expect(hit?.message).toMatch(message);
      expect(hit?.line).toBeGreaterThan(0);
    });
  }
});
