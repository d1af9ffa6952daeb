/**
 * The tariff-measures pack: its own id, version and hash; each measure's values on both sides of its dates;
 * proposed and scenario values used only when asked for; a broken copy rejected naming file and key.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/canonical/json.js';
import { loadRulePack, RulePackError } from '../../src/rules/load.js';
import { TARIFF_MEASURE_IDS } from '../../src/tariffs/catalog.js';
import { measureAt, packScenarios, scenarioFromPack } from '../../src/tariffs/in-force.js';
import { DEFAULT_TARIFF_PACK_DIR, loadTariffPack } from '../../src/tariffs/pack.js';

const AUTOS = 'tariffs.us.section_232.automobiles';
const MHDV = 'tariffs.us.section_232.medium_heavy_vehicles';
const SURTAX = 'tariffs.ca.surtax.motor_vehicles';

function copyPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-pack-'));
  cpSync(DEFAULT_TARIFF_PACK_DIR, dir, { recursive: true });
  return dir;
}

function problemsOf(dir: string): RulePackError['problems'] {
  try {
    loadTariffPack(dir);
  } catch (e) {
    if (e instanceof RulePackError) return e.problems;
    throw e;
  }
  throw new Error('the broken pack was accepted');
}

describe('the tariff-measures pack', () => {
  const pack = loadTariffPack();

  it('has its own id, version 1.1.0 and a hash over its canonical content, apart from the USMCA pack', () => {
    expect(pack.id).toBe('tariff-measures');
    expect(pack.version).toBe('1.1.0');
    expect(pack.sha256).toBe(canonicalHash(pack.content));
    expect(pack.sha256).not.toBe(loadRulePack().sha256);
    expect([...pack.parameters.keys()].sort()).toEqual([...TARIFF_MEASURE_IDS].sort());
  });

  it('Section 232 on automobiles: 25 % from 2025-04-03, not the day before; two entry lines for USMCA vehicles', () => {
    expect(measureAt(pack, AUTOS, '2025-04-02')).toBeUndefined();
    const m = measureAt(pack, AUTOS, '2025-04-03');
    expect(m?.status).toBe('in-force');
    expect(m?.measure.rate.percent).toBe('25');
    expect(m?.measure.withoutPreference.lines.map((l) => l.heading)).toEqual(['9903.94.01']);
    expect(m?.measure.preference.lines.map((l) => [l.heading, l.content, l.duty, l.quantity])).toEqual([
      ['9903.94.03', 'dutiable', 'rate', 'entered'],
      ['9903.94.02', 'deducted', 'none', 'zero'],
    ]);
    expect(m?.measure.preference.spared.countries).toEqual(['US']);
    expect(m?.measure.preference.spared.originatingOnly).toBe(false);
    expect(m?.measure.preference.minimumDeduction).toBeUndefined();
    expect(m?.citation).toMatch(/Proclamation 10908/);
  });

  it('medium- and heavy-duty vehicles: from 2025-11-01, not the day before; non-U.S. content under 9903.74.03', () => {
    expect(measureAt(pack, MHDV, '2025-10-31')).toBeUndefined();
    const m = measureAt(pack, MHDV, '2025-11-01');
    expect(m?.measure.rate.percent).toBe('25');
    expect(m?.measure.preference.lines[0]?.heading).toBe('9903.74.03');
    expect(m?.measure.scope.source.confidence).toBe('unconfirmed');
  });

  it("Canada's surtax: 25 % from 2025-04-09, at least 15 % of the value deducted, CA and MX originating content", () => {
    expect(measureAt(pack, SURTAX, '2025-04-08')).toBeUndefined();
    const m = measureAt(pack, SURTAX, '2025-04-09');
    expect(m?.measure.rate.percent).toBe('25');
    expect(m?.measure.currency).toBe('CAD');
    expect(m?.measure.producedIn.only).toEqual(['US']);
    expect(m?.measure.preference.minimumDeduction?.percent).toBe('15');
    expect(m?.measure.preference.spared).toMatchObject({ countries: ['CA', 'MX'], originatingOnly: true });
    expect(m?.measure.preference.minimumDeduction?.source.provision).toMatch(/s\. 2\(2\)/);
  });

  it('cites every part of every measure to a declared instrument', () => {
    for (const p of pack.parameters.values()) {
      for (const e of p.entries) {
        const text = JSON.stringify(e.value);
        for (const [, instrument] of text.matchAll(/"instrument":"([^"]+)"/g))
          expect(pack.manifest.instruments[instrument as string], `${p.file} ${instrument}`).toBeDefined();
      }
    }
  });

  it('uses a scenario value only when its scenario is asked for, and says so', () => {
    expect(packScenarios(pack).get('s232-autos-15')?.status).toBe('scenario');
    const plain = measureAt(pack, AUTOS, '2026-03-01');
    expect(plain?.measure.rate.percent).toBe('25');
    expect(plain?.status).toBe('in-force');
    const scenario = scenarioFromPack(pack, 's232-autos-15');
    const before = measureAt(pack, AUTOS, '2025-12-31', scenario);
    expect(before?.measure.rate.percent).toBe('25');
    expect(before?.status).toBe('in-force');
    const after = measureAt(pack, AUTOS, '2026-01-01', scenario);
    expect(after?.measure.rate.percent).toBe('15');
    expect(after?.status).toBe('scenario');
    expect(after?.changes).toEqual([
      expect.objectContaining({ scenario: 's232-autos-15', status: 'scenario', from: '2026-01-01', fields: ['rate'] }),
    ]);
    expect(scenarioFromPack(pack, 'no-such-scenario')).toBeUndefined();
  });

  it('rejects a broken copy, naming file and key: undeclared instrument, scenario without a name, a change first', () => {
    const dir = copyPack();
    const autos = join(dir, 'us', 'section-232-automobiles.yaml');
    writeFileSync(autos, readFileSync(autos, 'utf8').replace('      scenario: s232-autos-15\n', ''));
    expect(problemsOf(dir).map((p) => `${p.file} ${p.key}`)).toEqual([
      'us/section-232-automobiles.yaml values.2026-01-01.value',
    ]);
    const dir2 = copyPack();
    const autos2 = join(dir2, 'us', 'section-232-automobiles.yaml');
    writeFileSync(
      autos2,
      readFileSync(autos2, 'utf8').replace(
        'rate:\n        percent: "25"\n        source: { instrument: P10908,',
        'rate:\n        percent: "25"\n        source: { instrument: P10999,',
      ),
    );
    writeFileSync(
      join(dir2, 'ca', 'surtax-motor-vehicles.yaml'),
      readFileSync(join(dir2, 'ca', 'surtax-motor-vehicles.yaml'), 'utf8').replace(
        'values:\n',
        'values:\n  2025-01-01:\n    value: { status: proposed, scenario: early, title: t, rate: { percent: "10", source: { instrument: POLICY, provision: x, confidence: unconfirmed } } }\n',
      ),
    );
    expect(problemsOf(dir2).map((p) => `${p.file} ${p.key}`)).toEqual([
      'ca/surtax-motor-vehicles.yaml values.2025-01-01.value.status',
      'us/section-232-automobiles.yaml values.2025-04-03.value.rate.source.instrument',
    ]);
  });
});
