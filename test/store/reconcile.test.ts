/**
 * The year-end reconciliation (19 CFR 182.102) on PGlite and on a PostgreSQL server: decisions stored on
 * estimated costs are re-evaluated on the actual figures; a vehicle that no longer reaches its RVC falls, its
 * certificate no longer holds, and the notice is due 30 days after the determination.
 *
 * Figures (fixtures.ts): net cost 10000.00 USD; the seats are set originating here, so VNM is the camera alone.
 * Estimated: camera 1100.00, RVC (10000 - 1100) / 10000 = 89 % >= 75 %. Actual for TERN-A: camera 2600.00,
 * RVC 74 % < 75 % (falls). Actual for TERN-B: camera 2500.00, RVC exactly 75 %, "not less than" 75 % (holds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { BACKENDS } from './backends.js';
import { ACCEPT, certificateArgs, sedan, writeAll } from './fixtures.js';

const cli = runCli;
const SEATS_ORIGINATING = ['--set', 'materials[1].origin=originating'];

const actuals = (determinedOn: string, entries: unknown[]) => ({
  format: 'usmca-roo/actuals@1',
  fiscalYear: { start: '2026-01-01', end: '2026-12-31' },
  determinedOn,
  actuals: entries,
});

describe.each(BACKENDS)('year-end reconciliation on $name', { timeout: 240_000 }, (backend) => {
  it('re-evaluates decisions made on estimates, lists the certificates that fall and whom to notify by when', async () => {
    const db = await backend.fresh();
    const [a, b, c] = writeAll([
      ['a.yaml', sedan('TERN-A')],
      ['b.yaml', sedan('TERN-B', { decisionDate: '2026-05-02' })],
      ['c.yaml', sedan('TERN-C')],
    ]);
    for (const claim of [a!, b!])
      expect((await cli('evaluate', claim, '--store', db, '--estimated', 'costs', ...SEATS_ORIGINATING)).code).toBe(0);
    expect((await cli('evaluate', c!, '--store', db, ...SEATS_ORIGINATING)).code).toBe(0);
    const issued = await cli(...certificateArgs('TERN-A', db, '2026-03-20'));
    expect(issued.code, issued.err).toBe(0);

    const [file, csv] = [
      writeAll([
        [
          'actuals-2026.yaml',
          actuals('2027-01-20', [
            { claim: 'TERN-A', lines: { CAM: { unitValue: '2600.00' } } },
            // A patch addresses the stored claim, whose lines are sorted by id: CAM, ENGINE, SEAT.
            { claim: 'TERN-B', patch: [{ op: 'replace', path: '/materials/0/unitValue', value: '2500.00' }] },
          ]),
        ],
      ])[0]!,
      join(writeAll([['x.yaml', {}]])[0]!, '..', 'notices.csv'),
    ];
    const run = await cli('reconcile', '--actuals', file, '--store', db, '--json', '--csv', csv);
    expect(run.code, run.err).toBe(1);
    const out = JSON.parse(run.out);
    expect(out.determinedOn).toBe('2027-01-20');
    const [ta, tb] = out.outcomes;
    expect(ta).toMatchObject({
      claim: 'TERN-A',
      reconciled: ['TERN-A@1'],
      estimated: 'costs',
      from: 'originating',
      to: 'not-originating',
      status: 'falls',
      stored: 'TERN-A@2',
    });
    expect(ta.requirements.find((r: { id: string }) => r.id === 'rvc')).toMatchObject({
      from: { status: 'pass', value: '89' },
      to: { status: 'fail', value: '74' },
    });
    expect(ta.certificates.map((x: { seq: number }) => x.seq)).toEqual([1]);
    // 19 CFR 182.102(b): within 30 days of the determination (2027-01-20 + 30 days).
    expect(ta.notice).toMatchObject({ covered: true, due: '2027-02-19', notifyCustoms: true });
    expect(ta.notice.recipients).toEqual([
      {
        certificate: 1,
        role: 'importer',
        name: 'Daniel Tremblay (Maple Leaf Auto Distribution Ltd.)',
        email: 'customs@mapleleaf-auto.example',
        phone: '+1 416 555 0123',
      },
    ]);
    expect(ta.notice.basis.join('\n')).toMatch(/182\.102.*within 30 days/);
    expect(ta.notice.basis.join('\n')).toMatch(/s\. 16\(9\), s\. 17\(11\).*immediately/);
    // Exactly 75 % is "not less than" 75 %: TERN-B holds, with no margin.
    expect(tb).toMatchObject({ claim: 'TERN-B', from: 'originating', to: 'originating', status: 'holds' });
    expect(tb.requirements.find((r: { id: string }) => r.id === 'rvc').to).toMatchObject({
      status: 'pass',
      value: '75',
      marginPoints: '0',
    });
    expect(tb.notice).toBeUndefined();
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toEqual([
      'claim,notify_by,role,name,email,phone,certificate',
      'TERN-A,2027-02-19,customs,CBP,,,',
      // A cell starting with "+" would be a formula to a spreadsheet: the phone number is written as text.
      "TERN-A,2027-02-19,importer,Daniel Tremblay (Maple Leaf Auto Distribution Ltd.),customs@mapleleaf-auto.example,'+1 416 555 0123,1",
    ]);

    // The reconciled decision is the claim's next version, on actual figures; the same file adds nothing again.
    const shown = await cli('records', 'show', 'TERN-A@2', '--store', db);
    expect(shown.out).toContain('verdict not-originating');
    expect(shown.out).not.toContain('figures estimated');
    const again = await cli('reconcile', '--actuals', file, '--store', db);
    expect(again.code).toBe(1);
    expect(again.out).toContain('FALLS');
    expect(again.out).toContain('notify by 2027-02-19: CBP, in writing');
    const names = async () =>
      JSON.parse((await cli('records', 'list', '--store', db, '--json')).out).records.map(
        (r: { claimId: string; version: number }) => `${r.claimId}@${r.version}`,
      );
    expect(await names()).toEqual(['TERN-A@1', 'TERN-A@2', 'TERN-B@1', 'TERN-B@2', 'TERN-C@1']);
    // A dry run stores nothing.
    const [other] = writeAll([
      ['dry.yaml', actuals('2027-01-21', [{ claim: 'TERN-A', lines: { CAM: { unitValue: '1000.00' } } }])],
    ]);
    const dry = JSON.parse((await cli('reconcile', '--actuals', other!, '--store', db, '--dry-run', '--json')).out);
    expect(dry.outcomes[0]).toMatchObject({ status: 'holds', from: 'originating', to: 'originating' });
    expect(dry.outcomes[0].stored).toBeUndefined();
    expect(await names()).toHaveLength(5);
    expect((await cli('records', 'replay', '--store', db, ...ACCEPT)).code).toBe(0);
  });

  it('lists every problem of an actuals file at once, placed in the file, and stores nothing', async () => {
    const db = await backend.fresh();
    const [a, c] = writeAll([
      ['a.yaml', sedan('TERN-A')],
      ['c.yaml', sedan('TERN-C')],
    ]);
    await cli('evaluate', a!, '--store', db, '--estimated', 'costs');
    await cli('evaluate', c!, '--store', db);
    const [file] = writeAll([
      [
        'actuals.yaml',
        actuals('2027-01-20', [
          { claim: 'TERN-A', lines: { CAMX: { unitValue: '2600.00' } }, set: { 'costs.totalCost': 'lots' } },
          { claim: 'TERN-C', set: { 'costs.totalCost': '10400.00' } },
        ]),
      ],
    ]);
    const run = await cli('reconcile', '--actuals', file!, '--store', db);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /actuals\[0\]\.lines\.CAMX\s+PATCH_NOT_APPLICABLE: the stored claim has no BOM line CAMX \(there: CAM, ENGINE, SEAT\)/,
    );
    expect(run.err).toMatch(/actuals\[0\]\s+DECIMAL_INVALID: the claim on its actual figures: costs\.totalCost/);
    expect(run.err).toMatch(/actuals\[1\]\.claim\s+ACTUALS_NOTHING_TO_RECONCILE/);
    expect(JSON.parse((await cli('records', 'list', '--store', db, '--json')).out).records).toHaveLength(2);
  });
});
