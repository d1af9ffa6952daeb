/**
 * The producer's vehicle certifications (19 CFR 182.95-182.97; 29 CFR 810.405) from the store, on PGlite and
 * (with USMCA_ROO_TEST_PG) on a PostgreSQL server: the data elements with their citations, as JSON and CSV, the
 * last day to submit (90 days before the period), the stored decisions behind each, and CBP's identifiers
 * recorded once and printed on the records and certificates they cover.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli, type Obj } from '../helpers.js';
import { BACKENDS } from './backends.js';
import { ACCEPT, CERTIFIER, certificateArgs, certifyingProducer, sedan, writeAll } from './fixtures.js';

/** The LVC calculation period the claims give: the previous calendar year (29 CFR 810.105(d)). */
const PERIOD = { start: '2026-01-01', end: '2026-12-31' };
/** The certifying producer with its plants' wages of that period, which support certifications in 2027 (s. 18(5)). */
function producerOf2026(extra: Obj = {}): Obj {
  const p = certifyingProducer(extra);
  p.plants = (p.plants as Obj[]).map((plant) => ({ ...plant, wages: { ...(plant.wages as Obj), period: PERIOD } }));
  return p;
}
describe.each(BACKENDS)('producer filings on $name', { timeout: 240_000 }, (backend) => {
  it('assembles the LVC, steel and aluminum certifications, cited, with the decisions behind them', async () => {
    const db = await backend.fresh();
    const files = writeAll([
      ['a.yaml', sedan('TERN-A', { decisionDate: '2027-02-01', period: PERIOD, producer: producerOf2026() })],
      ['b.yaml', sedan('TERN-B', { decisionDate: '2027-05-03', period: PERIOD, producer: producerOf2026() })],
      // Outside the period: not part of the 2027 filings.
      ['old.yaml', sedan('TERN-OLD', { decisionDate: '2026-11-30', producer: producerOf2026() })],
    ]);
    for (const f of files) expect((await cli('evaluate', f, '--store', db)).err).toContain('stored as');

    const lvc = await cli('filing', 'lvc', '--period', '2027', '--store', db, '--json');
    expect(lvc.code, lvc.out + lvc.err).toBe(0);
    const filing = JSON.parse(lvc.out);
    expect(filing).toMatchObject({
      format: 'usmca-roo/filing@1',
      kind: 'lvc',
      period: { start: '2027-01-01', end: '2027-12-31' },
      // 2027-01-01 minus 90 days.
      submitBy: '2026-10-03',
      filing: 1,
      problems: [],
    });
    const el = (f: { elements: Array<{ id: string; value: string | null }> }, id: string) =>
      f.elements.find((e) => e.id === id);
    expect(el(filing, 'producer.name')).toMatchObject({
      value: 'Test Motors',
      cite: '19 CFR 182.95(c)(1); 29 CFR 810.405(a)(1)',
    });
    expect(el(filing, 'producer.identifier')).toMatchObject({ value: 'TMO850101AB1' });
    expect(el(filing, 'producer.address')?.value).toBe('1 Test Way, Ramos Arizpe, COA, MX');
    expect(el(filing, 'calculationPeriod')?.value).toBe('2026-01-01 to 2026-12-31');
    expect(el(filing, 'vehicles')).toMatchObject({ value: 'passenger-vehicle Tern', cite: '29 CFR 810.405(a)(2)' });
    // The assembly plant ASM qualifies (300.00 MXN/h against 294.22): the plant the LVC relied on.
    expect(el(filing, 'plants')?.value).toBe(
      'ASM (self, MX), 1 Test Way, Ramos Arizpe, COA, MX, identification number ASM-0001',
    );
    expect(filing.notRead).toContain('29 CFR 810.405(a)');
    expect(filing.support.map((s: { record: string }) => s.record)).toEqual(['TERN-A@1', 'TERN-B@1']);
    expect(filing.support[0]).toMatchObject({ status: 'pass', threshold: '40', vehicleClass: 'passenger-vehicle' });

    // Steel without a certifier: the certifier's elements of 182.96(c)(2) are missing, so it is not ready (exit 1).
    const bare = await cli('filing', 'steel', '--period', '2027-01-01..2027-12-31', '--store', db);
    expect(bare.code).toBe(1);
    expect(bare.out).toContain('data element certifier.name (19 CFR 182.96(c)(2)) is not given');
    expect(bare.out).toContain('Submit it through CBP');
    const csv = join(mkdtempSync(join(tmpdir(), 'filing-')), 'steel.csv');
    const steel = await cli(
      'filing',
      'steel',
      '--period',
      '2027',
      '--store',
      db,
      '--certifier',
      CERTIFIER,
      '--csv',
      csv,
    );
    expect(steel.code, steel.out).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('certification,element,description,value,citation,source');
    expect(rows).toContain(
      "steel,certifier.title,the certifier's title,Trade Compliance Director,19 CFR 182.96(c)(2),certifier document (--certifier): title",
    );
    const aluminum = JSON.parse(
      (await cli('filing', 'aluminum', '--period', '2027', '--store', db, '--certifier', CERTIFIER, '--json')).out,
    );
    expect(el(aluminum, 'producer.email')).toMatchObject({
      value: 'origin@test-motors.example',
      cite: '19 CFR 182.97(c)(1)',
    });

    // The same filing again is the same kept filing.
    expect(JSON.parse((await cli('filing', 'lvc', '--period', '2027', '--store', db, '--json')).out).filing).toBe(1);

    // CBP's identifier: recorded once, never changed, printed on the records the filing covers.
    const id = await cli('filing', 'identifier', '1', 'LVC-2027-000123', '--received-on', '2026-09-15', '--store', db);
    expect(id.code, id.err).toBe(0);
    const again = await cli(
      'filing',
      'identifier',
      '#1',
      'LVC-2027-000999',
      '--received-on',
      '2026-09-16',
      '--store',
      db,
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain('already has');
    const taken = await cli(
      'filing',
      'identifier',
      '2',
      'LVC-2027-000123',
      '--received-on',
      '2026-09-16',
      '--store',
      db,
    );
    expect(taken.err).toContain("already filing #1's");
    const listed = JSON.parse((await cli('filing', 'list', '--store', db, '--json')).out);
    expect(listed.filings.map((f: { kind: string; identifier: unknown }) => [f.kind, f.identifier])).toEqual([
      ['lvc', { identifier: 'LVC-2027-000123', receivedOn: '2026-09-15' }],
      ['steel', null],
      ['steel', null],
      ['aluminum', null],
    ]);
    expect((await cli('records', 'show', 'TERN-B', '--store', db)).out).toContain(
      'CBP vehicle certification identifiers (19 CFR 182.92(b)): lvc LVC-2027-000123 (filing #1)',
    );
    expect((await cli('records', 'show', 'TERN-OLD', '--store', db)).out).toContain(
      'CBP vehicle certification identifiers (19 CFR 182.92(b)): none',
    );
  });

  it('prints the identifiers on a certificate, and refuses what cannot be filed', async () => {
    const db = await backend.fresh();
    const [a, weak] = writeAll([
      ['a.yaml', sedan('TERN-A', { decisionDate: '2027-02-01', period: PERIOD, producer: producerOf2026() })],
      // No high-wage labor and no technology: LVC fails (assembly credit 5 points alone, against 40).
      [
        'weak.yaml',
        sedan('FALCON-1', {
          decisionDate: '2027-03-01',
          period: PERIOD,
          producer: producerOf2026({
            laborValueContent: { highWageLaborCosts: '0.00', highWageTransportCosts: '0.00' },
          }),
          good: { kind: 'vehicle', description: 'test sedan', hs: '8703.23', plant: 'ASM', modelLine: 'Falcon' },
        }),
      ],
    ]);
    // The seats settled originating (materials[1]): RVC 89 %, originating, so a certificate can be issued.
    await cli('evaluate', a!, '--store', db, '--set', 'materials[1].origin=originating');
    await cli('evaluate', weak!, '--store', db);
    const falcon = await cli('filing', 'lvc', '--period', '2027', '--model-line', 'Falcon', '--store', db);
    expect(falcon.code).toBe(1);
    expect(falcon.out).toMatch(/FALCON-1@1: the lvc requirement fails \(\d+(\.\d+)? against 40\)/);

    expect((await cli('filing', 'lvc', '--period', '2027', '--model-line', 'Tern', '--store', db)).code).toBe(0);
    await cli('filing', 'identifier', '2', 'LVC-TERN-27', '--received-on', '2026-09-01', '--store', db);
    const issued = await cli(...certificateArgs('TERN-A', db, '2027-02-10'));
    expect(issued.code, issued.err).toBe(0);
    expect(JSON.parse(issued.out).vehicleCertifications).toEqual([{ good: 1, kind: 'lvc', identifier: 'LVC-TERN-27' }]);
    const md = await cli(
      'certificate',
      'TERN-A',
      '--store',
      db,
      '--certifier',
      CERTIFIER,
      '--exporter',
      'same',
      '--signed-on',
      '2027-02-10',
      ...ACCEPT,
    );
    expect(md.out).toContain('Vehicle certifications filed with CBP');
    expect(md.out).toMatch(/lvc LVC\\?-TERN\\?-27/);

    // Periods: malformed, and before the portal's certifications were required (2025-05-19).
    const bad = await cli('filing', 'lvc', '--period', '2027-12-31..2027-01-01', '--store', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--period takes START..END');
    const early = await cli('filing', 'lvc', '--period', '2025-05-18..2025-12-31', '--store', db);
    expect(early.code).toBe(2);
    expect(early.err).toContain('2025-05-19');
    expect((await cli('filing', 'lvc', '--period', '2025-05-19..2025-12-31', '--store', db)).code).toBe(1);
  });
});
