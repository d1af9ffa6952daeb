/**
 * Rules naming other rules (src/rules/references.ts): the table-to-threshold map usmca.auto.parts.tables names only
 * parts tables and RVC thresholds the pack holds; the heavy-truck parts of s. 15(4) and the product-specific rules
 * name only its tables and thresholds; the LVC map names only LVC thresholds. A pack that breaks one is refused at
 * load, naming file and key.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadRulePack, loadRulePackUncached, RulePackError } from '../../src/rules/load.js';
import { RulesInForce } from '../../src/rules/in-force.js';
import { lvcRuleId } from '../../src/requirements/lvc.js';
import { partsTable, tablesFor, tableThreshold } from '../../src/requirements/parts-tables.js';

/** A copy of the bundled pack with `file` edited by `edit`; the problems loading it (none: []). */
function problemsAfter(
  file: string,
  edit: (text: string) => string,
): Array<{ file: string; key: string; message: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, 'the edit changes the file').not.toBe(before);
  writeFileSync(path, after);
  try {
    loadRulePackUncached(dir);
    return [];
  } catch (err) {
    if (!(err instanceof RulePackError)) throw err;
    return err.problems.map((p) => ({ file: p.file, key: p.key, message: p.message }));
  }
}

describe('the table-to-threshold map and the rules that name it', () => {
  it('ties each table to its threshold: Table D to s. 15(2), Table A.1 to s. 14(13), or s. 19(4)(b) under a staging regime', () => {
    const rules = new RulesInForce(loadRulePack(), '2025-01-01');
    expect(tableThreshold(rules, 'D').ruleId).toBe('usmca.auto.parts.ht_principal');
    expect(tableThreshold(rules, 'D').value).toEqual({ netCost: '64', transactionValue: '74' });
    expect(tableThreshold(rules, 'A.1').ruleId).toBe('usmca.auto.parts.pvlt_core');
    expect(tableThreshold(rules, 'A.1', true).ruleId).toBe('usmca.auto.parts.asr_table_a1');
    expect(tableThreshold(rules, 'B', true).ruleId).toBe('usmca.auto.parts.pvlt_principal'); // no staging figure
    expect(tablesFor(rules, 'light-truck')).toEqual(['A.1', 'B', 'C']);
    expect(tablesFor(rules, 'heavy-truck')).toEqual(['D', 'E']);
    expect(tablesFor(rules, 'other-vehicle')).toEqual([]);
    expect(() => partsTable(rules, 'F')).toThrow(/parts table F is not in usmca.auto.parts.tables/);
  });

  it('s. 15(4) reads the Table D threshold through the map', () => {
    const rules = new RulesInForce(loadRulePack(), '2025-01-01');
    expect(rules.at('usmca.auto.heavy_truck_parts.scope').value.table).toBe('D');
  });

  it('refuses a map naming a threshold that is a table, or a rule the pack does not hold', () => {
    const problems = problemsAfter('parts/parts-tables.yaml', (t) =>
      t
        .replace('rvc: usmca.auto.parts.ht_principal', 'rvc: usmca.auto.table.d')
        .replace('rows: usmca.auto.table.e', 'rows: usmca.auto.table.z'),
    );
    expect(problems).toEqual([
      {
        file: 'parts/parts-tables.yaml',
        key: 'values.2020-07-01.value.tables[3].rvc',
        message: 'usmca.auto.table.d is not an RVC threshold rule of this pack',
      },
      {
        file: 'parts/parts-tables.yaml',
        key: 'values.2020-07-01.value.tables[4].rows',
        message: 'usmca.auto.table.z is not a parts table of this pack',
      },
    ]);
  });

  it('refuses a table listed twice', () => {
    const problems = problemsAfter('parts/parts-tables.yaml', (t) => t.replace('- table: E', '- table: D'));
    expect(problems).toContainEqual(
      expect.objectContaining({ key: 'values.2020-07-01.value.tables[4].table', message: 'table D is listed twice' }),
    );
  });

  it('refuses heavy-truck parts held to a table the map does not have', () => {
    const problems = problemsAfter('parts/heavy-truck-parts-scope.yaml', (t) => t.replace('table: D', 'table: F'));
    expect(problems).toEqual([
      {
        file: 'parts/heavy-truck-parts-scope.yaml',
        key: 'values.2020-07-01.value.table',
        message: 'table F is not a parts table of usmca.auto.parts.tables (A.1, B, C, D, E)',
      },
    ]);
  });

  it('accepts a product-specific rule reading the RVC of a table, and refuses one naming another threshold', () => {
    const rule = 'rvc: { netCost: "60" }';
    const table = (id: string) => `rvc: { table: ${id}, transactionValueMethod: false }`;
    expect(
      problemsAfter('psr/chapter-87.yaml', (t) => t.replace(rule, table('usmca.auto.parts.ht_principal'))),
    ).toEqual([]);
    const problems = problemsAfter('psr/chapter-87.yaml', (t) =>
      t.replace(rule, table('usmca.auto.parts.asr_table_a1')),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('psr/chapter-87.yaml');
    expect(problems[0]?.key).toMatch(/^values\.2020-07-01\.value\.rules\[\d+\]\.alternatives\[\d+\]\.rvc\.table$/);
    expect(problems[0]?.message).toBe(
      'usmca.auto.parts.asr_table_a1 is not the RVC of a parts table of usmca.auto.parts.tables',
    );
  });
});

describe('the LVC requirement of each vehicle class (usmca.auto.lvc.vehicle_classes)', () => {
  it('ties passenger vehicles to s. 18(1), trucks to s. 18(2), a staging regime to s. 19(4)(d), other vehicles to none', () => {
    const rules = new RulesInForce(loadRulePack(), '2025-01-01');
    expect(lvcRuleId(rules, 'passenger-vehicle', false)).toBe('usmca.auto.lvc.passenger_vehicle');
    expect(lvcRuleId(rules, 'light-truck', false)).toBe('usmca.auto.lvc.light_truck');
    expect(lvcRuleId(rules, 'heavy-truck', false)).toBe('usmca.auto.lvc.heavy_truck');
    expect(lvcRuleId(rules, 'other-vehicle', false)).toBeUndefined();
    expect(lvcRuleId(rules, 'light-truck', true)).toBe('usmca.auto.lvc.asr_vehicle');
  });

  it('refuses a map naming a rule that holds no LVC thresholds, or one the pack does not hold', () => {
    const problems = problemsAfter('lvc/lvc-by-vehicle-class.yaml', (t) =>
      t
        .replace('light-truck: usmca.auto.lvc.light_truck', 'light-truck: usmca.auto.rvc.light_truck')
        .replace(
          'alternativeStagingRegime: usmca.auto.lvc.asr_vehicle',
          'alternativeStagingRegime: usmca.auto.lvc.asr',
        ),
    );
    expect(problems).toEqual([
      {
        file: 'lvc/lvc-by-vehicle-class.yaml',
        key: 'values.2020-07-01.value.classes.light-truck',
        message: 'usmca.auto.rvc.light_truck is not an LVC threshold rule of this pack',
      },
      {
        file: 'lvc/lvc-by-vehicle-class.yaml',
        key: 'values.2020-07-01.value.alternativeStagingRegime',
        message: 'usmca.auto.lvc.asr is not an LVC threshold rule of this pack',
      },
    ]);
  });
});

describe('the RVC of an alternative staging regime (usmca.auto.asr)', () => {
  it('names the s. 19(4)(a) threshold, read through it', async () => {
    const { stagingRegimeRvcRule } = await import('../../src/requirements/staging-regime.js');
    const rules = new RulesInForce(loadRulePack(), '2024-01-01');
    expect(stagingRegimeRvcRule(rules)).toBe('usmca.auto.rvc.asr_vehicle');
    expect(rules.at(stagingRegimeRvcRule(rules)).value).toBe('62.5');
  });

  it('refuses a regime naming a rule that is not an RVC threshold, or one the pack does not hold', () => {
    for (const [id, message] of [
      ['usmca.auto.lvc.asr_vehicle', 'usmca.auto.lvc.asr_vehicle is not an RVC threshold of this pack'],
      ['usmca.auto.rvc.asr', 'usmca.auto.rvc.asr is not an RVC threshold of this pack'],
    ] as const)
      expect(problemsAfter('asr.yaml', (t) => t.replace('rvc: usmca.auto.rvc.asr_vehicle', `rvc: ${id}`))).toEqual([
        { file: 'asr.yaml', key: 'values.2020-07-01.value.rvc', message },
      ]);
  });
});
