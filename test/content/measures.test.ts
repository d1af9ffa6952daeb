/**
 * The measures on both sides of their comparisons: Canada's surtax floor (B is the Canadian and Mexican
 * originating content only when it is greater than 15 % of the value), a vehicle whose USMCA verdict fails (full
 * value, and why), scenarios (labelled, never filed), and the bad inputs the content command reports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentReport } from '../../src/content/report.js';
import { renderContent } from '../../src/content/render.js';
import { run } from '../../src/cli/main.js';
import { InputError } from '../../src/input/problems.js';
import { claim, declaredEngine, line, passingProducer, type Obj, withCoreGroupsAccounted } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'content-'));
let n = 0;
function file(doc: Obj): string {
  const f = join(dir, `claim-${++n}.yaml`);
  writeFileSync(f, stringify(doc));
  return f;
}

/** A vehicle assembled at plant ASM in `country`; net cost 10000; materials as given, after an originating engine. */
function vehicle(country: string, materials: Obj[], extra: Obj = {}): Obj {
  const producer = passingProducer();
  (producer.plants as Obj[])[0]!.country = country;
  if (country === 'US')
    (producer.plants as Obj[])[0]!.wages = {
      period: { start: '2025-01-01', end: '2025-12-31' },
      averageBaseHourlyWage: '30.00',
    };
  const { modelLine, ...rest } = extra;
  const good = {
    kind: 'vehicle',
    description: 'test vehicle',
    hs: '8703.23',
    plant: 'ASM',
    ...(modelLine ? { modelLine } : {}),
  };
  return withCoreGroupsAccounted(
    claim({ producer, good, customsValue: '20000.00', materials: [declaredEngine(), ...materials], ...rest }),
  );
}

async function problems(files: string[], options = {}): Promise<InputError['problems']> {
  try {
    await contentReport(files, options);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('accepted');
}

const SURTAX = 'tariffs.ca.surtax.motor_vehicles';

describe("Canada's surtax on a US-assembled vehicle", () => {
  const surtax = async (caMx: string, extra: Obj = {}) => {
    const f = file(
      vehicle('US', [line('PANELS', caMx, 'originating', { country: 'CA', evidence: { ref: 'C-1' } })], extra),
    );
    const c = (await contentReport([f])).claims[0]!;
    return c.tariffs.find((t) => t.id === SURTAX)!;
  };

  it('deducts 15 % of the value when the Canadian and Mexican originating content is less', async () => {
    // A = 20000; B(a) = 2000 (10 %) is not greater than 15 % = 3000, so B = 3000; surtax 25 % x 17000 = 4250.00.
    const t = await surtax('2000.00');
    expect(t).toMatchObject({
      rate: '25',
      deduction: '3000.00',
      dutiableValue: '17000.00',
      duty: '4250.00',
      spared: { counted: '2000.00', floor: '3000.00' },
    });
    expect(t.withoutUsmca.duty).toBe('5000.00');
    expect(t.entryLines.map((l) => [l.heading, l.value, l.duty])).toEqual([[null, '17000.00', '4250.00']]);
  });

  it('at exactly 15 % the floor applies (not greater than 15 %): the same 3000.00', async () => {
    expect((await surtax('3000.00')).deduction).toBe('3000.00');
  });

  it('one cent above 15 % the claimed content is deducted', async () => {
    // B = 3000.01 > 3000: surtax 25 % x (20000 - 3000.01) = 25 % x 16999.99 = 4249.9975
    const t = await surtax('3000.01');
    expect([t.deduction, t.dutiableValue, t.duty]).toEqual(['3000.01', '16999.99', '4249.9975']);
  });

  it('counts only originating Canadian and Mexican lines; unevidenced ones are gaps, and --strict drops them', async () => {
    const mats = [
      line('PANELS', '4000.00', 'originating', { country: 'CA', evidence: { ref: 'C-1' } }),
      line('SEATS', '1000.00', 'originating', { country: 'MX' }),
      line('MIRRORS', '500.00', 'non-originating', { country: 'MX' }),
      line('US-PART', '2000.00', 'originating', { country: 'US' }),
    ];
    const f = file(vehicle('US', mats));
    const t = (await contentReport([f])).claims[0]!.tariffs.find((x) => x.id === SURTAX)!;
    // B = 4000 + 1000 = 5000 (> 3000); surtax 25 % x 15000 = 3750. SEATS unevidenced: without it B = 4000, +250.
    expect([t.spared.counted, t.spared.unevidenced, t.duty]).toEqual(['5000.00', '1000.00', '3750.00']);
    expect(t.evidenceGaps).toEqual([
      expect.objectContaining({ code: 'REGIONAL_CONTENT_UNEVIDENCED', subject: 'SEATS', dutyAtStake: '250.00' }),
    ]);
    const strict = (await contentReport([f], { strict: true })).claims[0]!.tariffs.find((x) => x.id === SURTAX)!;
    expect([strict.spared.counted, strict.duty]).toEqual(['4000.00', '4000.00']);
  });

  it('Section 232 does not apply to a US-assembled vehicle, and the surtax not to a Mexican one', async () => {
    const us = (await contentReport([file(vehicle('US', []))])).claims[0]!;
    expect(us.tariffs.map((t) => t.id)).toEqual([SURTAX]);
    const mx = (await contentReport([file(vehicle('MX', []))])).claims[0]!;
    expect(mx.tariffs.map((t) => t.id)).toEqual(['tariffs.us.section_232.automobiles']);
  });
});

describe('a vehicle whose USMCA verdict fails', () => {
  it('gets the full-value figures and says why; the CLI exits 1', async () => {
    // RVC: 9000 non-originating of a 10000 net cost fails; the 232 duty is 25 % of the whole 20000 = 5000.
    const f = file(
      vehicle('MX', [
        line('IMPORTED', '9000.00', 'non-originating', { country: 'DE' }),
        line('US', '1000.00', 'originating', { country: 'US', evidence: { ref: 'E' } }),
      ]),
    );
    const c = (await contentReport([f])).claims[0]!;
    expect(c.usmca.verdict).toBe('not-originating');
    const t = c.tariffs[0]!;
    expect(t.preference.eligible).toBe(false);
    expect(t.preference.reason).toMatch(/not originating \(failed: rvc/);
    expect([t.dutiableValue, t.duty]).toEqual(['20000.00', '5000.00']);
    expect(t.entryLines.map((l) => [l.heading, l.value, l.duty])).toEqual([['9903.94.01', '20000.00', '5000.00']]);
    // What the verdict would be worth: with it 25 % x (20000 - 1000) = 4750, so 250.
    expect(t.usmcaWorth).toBe('250.00');
    const out: string[] = [];
    const code = await run(['content', f], { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: dir });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/full value: the USMCA verdict is not originating/);
  });
});

describe('scenarios', () => {
  it('a named scenario of the pack changes the rate from its date, is labelled, and withholds the submission', async () => {
    const f = file(
      vehicle('MX', [line('US', '1000.00', 'originating', { country: 'US', evidence: { ref: 'E' } })], {
        modelLine: 'X',
      }),
    );
    const { resolveScenario } = await import('../../src/tariffs/scenario.js');
    const { loadTariffPack } = await import('../../src/tariffs/pack.js');
    const scenario = resolveScenario('s232-autos-15', loadTariffPack(), (p) => join(dir, p));
    const r = await contentReport([f], { scenario });
    const t = r.claims[0]!.tariffs[0]!;
    // 15 % x (20000 - 1000) = 2850.00
    expect([t.rate, t.status, t.duty]).toEqual(['15', 'scenario', '2850.00']);
    expect(r.scenario?.notice).toMatch(/^SCENARIO "s232-autos-15"/);
    expect(r.submissions).toEqual([]);
    expect(r.submissionsWithheld).toMatch(/never go into a filing/);
    // Every label says what the figure is: no line of a 15 % scenario claims 25 %, nor that 15 % is in force.
    const dutiableLine = t.entryLines.find((l) => l.heading === '9903.94.03')!;
    expect([dutiableLine.rate, dutiableLine.duty]).toEqual(['15', '2850.00']);
    expect(dutiableLine.label).not.toMatch(/25/);
    const text = renderContent(r);
    expect(text).not.toMatch(/25 %/);
    expect(text).toMatch(
      /\[SCENARIO\] .*: 15 %, a scenario value, not in force \(the measure is in force from 2025-04-03\)/,
    );
    const plain = await contentReport([f]);
    expect(plain.claims[0]!.tariffs[0]!.duty).toBe('4750.00');
    expect(plain.submissions).toHaveLength(1);
  });

  it('a scenario file changes what it names; --csv is refused with a scenario (exit 2); an unknown name is listed', async () => {
    const f = file(vehicle('MX', []));
    const sc = join(dir, 'what-if.yaml');
    writeFileSync(
      sc,
      stringify({
        format: 'usmca-roo/tariff-scenario@1',
        name: 'half',
        title: 'half rate',
        status: 'proposed',
        changes: [{ measure: 'tariffs.us.section_232.automobiles', from: '2026-01-01', rate: '12.5' }],
      }),
    );
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s), cwd: dir };
    expect(await run(['content', f, '--scenario', sc, '--json'], io)).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.claims[0].tariffs[0]).toMatchObject({ rate: '12.5', status: 'proposed', duty: '2500.00' });
    expect(await run(['content', f, '--scenario', sc, '--csv', join(dir, 'x.csv')], io)).toBe(2);
    out.length = 0;
    expect(await run(['content', f, '--scenario', 'no-such'], io)).toBe(2);
    expect(out.join('')).toMatch(/s232-autos-15/);
  });
});

describe('bad input, every problem with its path', () => {
  it('a customs value in a currency without a rate; a country ISO 3166 does not assign; no assembly plant', async () => {
    const a = file(
      vehicle('MX', [line('X', '10.00', 'originating', { country: 'XX' })], {
        customsValue: { amount: '400000.00', currency: 'MXN' },
      }),
    );
    const b = file(
      claim({
        producer: passingProducer(),
        customsValue: '1.00',
        good: { kind: 'vehicle', description: 'd', hs: '8703.23' },
        materials: [declaredEngine()],
      }),
    );
    const found = (await problems([a, b])).map((p) => `${p.code}@${p.path}`);
    expect(found.sort()).toEqual([
      'COUNTRY_INVALID@materials[1].country',
      'EXCHANGE_RATE_MISSING@customsValue',
      'FIELD_REQUIRED@good.plant',
    ]);
  });

  it('claims of one model line in two currencies cannot be averaged', async () => {
    const a = file(vehicle('MX', [], { modelLine: 'L' }));
    const b = file(
      vehicle('MX', [], {
        modelLine: 'L',
        currency: 'CAD',
        exchangeRates: [{ currency: 'USD', rate: '1.35', date: '2025-12-31', source: 'test' }],
      }),
    );
    expect((await problems([a, b])).map((p) => `${p.code}@${p.path}`)).toEqual(['VALUE_NOT_ALLOWED@currency']);
  });

  it('evaluate still accepts a claim without a customs value', async () => {
    const out: string[] = [];
    const f = file(vehicle('MX', [], { customsValue: undefined }));
    expect(await run(['evaluate', f], { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: dir })).toBe(0);
  });
});
