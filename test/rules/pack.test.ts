import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadRulePack, loadRulePackUncached, RulePackError } from '../../src/rules/load.js';
import { RuleLookupError, RulePack, type Parameter } from '../../src/rules/pack.js';
import { RETIRED_PARAMETERS, requiredParameterIds } from '../../src/rules/catalog.js';

function copyPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  return dir;
}

describe('the bundled rule pack', () => {
  const pack = loadRulePack();

  it('has every parameter the engine uses, an id, a version and a content hash', () => {
    expect(pack.id).toBe('usmca-auto');
    expect(pack.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const id of requiredParameterIds) expect(pack.parameters.has(id)).toBe(true);
  });

  it('holds no retired parameter, and still loads a pack that holds one (so that older records replay)', () => {
    for (const id of RETIRED_PARAMETERS) expect(pack.parameters.has(id), id).toBe(false);
    const dir = copyPack();
    writeFileSync(
      join(dir, 'parts', 'aftermarket.yaml'),
      [
        'id: usmca.auto.parts.aftermarket',
        'title: RVC of parts of 87.06-87.08 for any other good (retired)',
        'description: As packs up to 1.2.0 held it.',
        'unit: table',
        'reference: { instrument: UR, provision: "s. 13", treaty: "USMCA Annex 4-B, Chapter 87", confidence: confirmed }',
        'values:',
        '  2020-07-01:',
        '    value:',
        '      rows:',
        '        - { hs: "87.08", netCost: "50", provision: "s. 13, heading 87.08, for any other good" }',
        '',
      ].join('\n'),
    );
    const older = loadRulePackUncached(dir);
    expect(older.parameters.has('usmca.auto.parts.aftermarket')).toBe(true);
  });

  it('cites every parameter', () => {
    for (const p of pack.parameters.values()) {
      expect(p.provision.length, p.id).toBeGreaterThan(0);
      expect(pack.manifest.instruments[p.instrument], p.id).toBeDefined();
    }
  });

  it('steps the passenger vehicle RVC on the day of each phase-in, not the day before', () => {
    const at = (d: string) => pack.at('usmca.auto.rvc.passenger_vehicle', d);
    expect(at('2020-07-01').value).toBe('66');
    expect(at('2021-06-30').value).toBe('66');
    expect(at('2021-07-01').value).toBe('69');
    expect(at('2022-06-30').value).toBe('69');
    expect(at('2022-07-01').value).toBe('72');
    expect(at('2023-06-30').value).toBe('72');
    expect(at('2023-07-01').value).toBe('75');
    expect(at('2023-07-01').effectiveFrom).toBe('2023-07-01');
    expect(at('2031-01-01').value).toBe('75');
  });

  it('steps heavy trucks, LVC and melted-and-poured on their dates', () => {
    expect(pack.at('usmca.auto.rvc.heavy_truck', '2024-06-30').value).toBe('60');
    expect(pack.at('usmca.auto.rvc.heavy_truck', '2024-07-01').value).toBe('64');
    expect(pack.at('usmca.auto.rvc.heavy_truck', '2027-06-30').value).toBe('64');
    expect(pack.at('usmca.auto.rvc.heavy_truck', '2027-07-01').value).toBe('70');
    expect(pack.at('usmca.auto.lvc.passenger_vehicle', '2023-06-30').value.total).toBe('36');
    expect(pack.at('usmca.auto.lvc.passenger_vehicle', '2023-07-01').value).toEqual({
      total: '40',
      materialMinimum: '25',
      technologyCap: '10',
      assemblyCredit: '5',
    });
    expect(pack.at('usmca.auto.steel.melted_and_poured', '2027-06-30').value).toBe(false);
    expect(pack.at('usmca.auto.steel.melted_and_poured', '2027-07-01').value).toBe(true);
    expect(pack.optional('usmca.auto.lvc.heavy_truck_excess_credit', '2027-06-30')?.value.pointsAbove).toBe('30');
    expect(pack.optional('usmca.auto.lvc.heavy_truck_excess_credit', '2027-07-01')).toBeUndefined();
  });

  it('refuses a date before the first value', () => {
    expect(() => pack.at('usmca.auto.rvc.passenger_vehicle', '2020-06-30')).toThrow(RuleLookupError);
    try {
      pack.at('usmca.auto.rvc.passenger_vehicle', '2019-01-01');
    } catch (e) {
      expect((e as RuleLookupError).code).toBe('RULE_NOT_IN_FORCE');
    }
  });

  it('refuses two values for one date at lookup', () => {
    const p: Parameter = {
      id: 'usmca.auto.rvc.passenger_vehicle',
      title: 't',
      unit: 'percent',
      file: 'x.yaml',
      instrument: 'UR',
      provision: 's. 13',
      confidence: 'confirmed',
      notes: [],
      entries: [
        { from: '2020-07-01', value: '66' },
        { from: '2020-07-01', value: '67' },
      ],
    };
    const conflicted = new RulePack(pack.manifest, new Map([[p.id, p]]), 'x', 'x', { manifest: {}, parameters: [] });
    expect(() => conflicted.at('usmca.auto.rvc.passenger_vehicle', '2021-01-01')).toThrow(/two values for 2020-07-01/);
  });
});

describe('loading a pack', () => {
  it('reports a duplicate effective date as a conflict, with file and line', () => {
    const dir = copyPack();
    const file = join(dir, 'rvc', 'passenger-vehicle.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  2021-07-01:', '  2020-07-01:'));
    try {
      loadRulePackUncached(dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RulePackError);
      const problem = (e as RulePackError).problems[0];
      expect(problem?.file).toBe(join('rvc', 'passenger-vehicle.yaml'));
      expect(problem?.line).toBeGreaterThan(0);
      expect(problem?.message).toMatch(/conflict/);
    }
  });

  it('rejects a value of the wrong shape, naming the key', () => {
    const dir = copyPack();
    const file = join(dir, 'rvc', 'passenger-vehicle.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: "75"', 'value: "seventy-five"'));
    expect(() => loadRulePackUncached(dir)).toThrow(/values\.2023-07-01\.value/);
  });

  it('rejects a pack missing a parameter', () => {
    const dir = copyPack();
    writeFileSync(
      join(dir, 'rvc', 'passenger-vehicle.yaml'),
      readFileSync(join(dir, 'rvc', 'light-truck.yaml'), 'utf8'),
    );
    expect(() => loadRulePackUncached(dir)).toThrow(/usmca.auto.rvc.passenger_vehicle: required rule is missing/);
  });

  it('rebuilds from its embedded content with the same hash, and rejects altered content', async () => {
    const { rulePackFromContent } = await import('../../src/rules/load.js');
    const pack = loadRulePack();
    const copy = rulePackFromContent(JSON.parse(JSON.stringify(pack.content)));
    expect(copy.sha256).toBe(pack.sha256);
    expect(copy.at('usmca.auto.rvc.passenger_vehicle', '2026-01-01').value).toBe('75');
    const broken = JSON.parse(JSON.stringify(pack.content));
    broken.parameters = broken.parameters.slice(1);
    expect(() => rulePackFromContent(broken)).toThrow(RulePackError);
  });

  it('hashes content, not formatting', () => {
    const dir = copyPack();
    const file = join(dir, 'rvc', 'light-truck.yaml');
    writeFileSync(file, `# a comment\n${readFileSync(file, 'utf8')}\n\n`);
    expect(loadRulePackUncached(dir).sha256).toBe(loadRulePack().sha256);
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: "75"', 'value: "76"'));
    expect(loadRulePackUncached(dir).sha256).not.toBe(loadRulePack().sha256);
  });
});

describe('the build cache of the bundled pack', () => {
  it('gives the same pack as reading the files, and is ignored once a rule file changes', async () => {
    const { writeBuildCache } = await import('../../src/rules/load.js');
    const { fromBuildCache } = await import('../../src/rules/build-cache.js');
    const dir = copyPack();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'cache-')), 'cache.json');
    const fresh = writeBuildCache(dir, cacheFile);
    const cached = fromBuildCache(dir, cacheFile);
    expect(cached?.sha256).toBe(fresh.sha256);
    expect(JSON.stringify([...(cached?.parameters.values() ?? [])])).toBe(
      JSON.stringify([...fresh.parameters.values()]),
    );
    expect(cached?.at('usmca.auto.rvc.passenger_vehicle', '2023-07-01').citation).toBe(
      fresh.at('usmca.auto.rvc.passenger_vehicle', '2023-07-01').citation,
    );
    const file = join(dir, 'rvc', 'light-truck.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# edited\n`);
    expect(fromBuildCache(dir, cacheFile)).toBeUndefined();
  });
});
