/**
 * The decision store end to end through the command line, on PGlite and (with USMCA_ROO_TEST_PG) on a
 * PostgreSQL server: evaluate --store, records list|show|replay with filters, versions, the hash check on
 * read, immutability, a store from a newer version, supplier evidence and change impact.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { BACKENDS, rawSql } from './backends.js';
import {
  ACCEPT,
  IN_DEVELOPMENT,
  certificateArgs,
  evidenceFile,
  seatCertification,
  sedan,
  writeAll,
} from './fixtures.js';

const cli = runCli;

describe.each(BACKENDS)('decision store on $name', { timeout: 240_000 }, (backend) => {
  it('keeps versions, filters, shows checked records and replays them', async () => {
    const db = await backend.fresh();
    const [a, b, part] = writeAll([
      ['a.yaml', sedan('TERN-A')],
      ['b.yaml', sedan('TERN-B', { decisionDate: '2026-05-02' })],
      ['c.yaml', sedan('TERN-C', { good: { kind: 'vehicle', description: 'van', hs: '8704.21', plant: 'ASM' } })],
    ]);
    // RVC 69 % < 75 %: not originating, exit 1, and stored all the same.
    const first = await cli('evaluate', a!, '--store', db, '--estimated', 'costs');
    expect(first.code, first.err).toBe(1);
    expect(first.err).toContain('stored as TERN-A@1');
    expect((await cli('evaluate', a!, '--store', db)).err).toContain('stored as TERN-A@2');
    await cli('evaluate', b!, '--store', db);
    await cli('evaluate', part!, '--store', db);

    const all = JSON.parse((await cli('records', 'list', '--store', db, '--json')).out);
    expect(all.records.map((r: { claimId: string; version: number }) => `${r.claimId}@${r.version}`)).toEqual([
      'TERN-A@1',
      'TERN-A@2',
      'TERN-B@1',
      'TERN-C@1',
    ]);
    const names = async (...args: string[]) =>
      JSON.parse((await cli('records', 'list', '--store', db, '--json', ...args)).out).records.map(
        (r: { claimId: string; version: number }) => `${r.claimId}@${r.version}`,
      );
    expect(await names('--latest')).toEqual(['TERN-A@2', 'TERN-B@1', 'TERN-C@1']);
    expect(await names('--claim', 'TERN-B')).toEqual(['TERN-B@1']);
    expect(await names('--hs', '8703')).toEqual(['TERN-A@1', 'TERN-A@2', 'TERN-B@1']);
    expect(await names('--hs', '8704.21')).toEqual(['TERN-C@1']);
    expect(await names('--model-line', 'Tern')).toEqual(['TERN-A@1', 'TERN-A@2', 'TERN-B@1']);
    expect(await names('--from', '2026-04-01', '--to', '2026-05-02')).toEqual(['TERN-B@1']);
    expect(await names('--to', '2026-03-15')).toEqual(['TERN-A@1', 'TERN-A@2', 'TERN-C@1']);
    // A day that is not on the calendar is refused (exit 2), not read as a filter that selects nothing.
    for (const day of ['2026-13-01', '2026-02-30', '2026-00-10']) {
      const refused = await cli('records', 'list', '--store', db, '--from', day);
      expect(refused.code, day).toBe(2);
      expect(refused.err).toContain(`--from takes a date YYYY-MM-DD, not "${day}"`);
    }
    expect(await names('--estimated')).toEqual(['TERN-A@1']);
    expect(await names('--verdict', 'originating')).toEqual([]);
    expect(await names('--rules-version', '0.0.1')).toEqual([]);

    const shown = await cli('records', 'show', 'TERN-A@1', '--store', db);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('(checked)');
    expect(shown.out).toContain('figures estimated: costs');
    expect(shown.out).toMatch(/\[FAIL\] rvc {2}69/);
    // The whole record comes out as `evaluate --record` writes it, and replays on its own.
    const record = JSON.parse((await cli('records', 'show', 'TERN-A', '--store', db, '--json')).out);
    expect(record.hashed.decision.claim.id).toBe('TERN-A');
    const [file] = writeAll([['record.json', record]]);
    expect((await cli('replay', file!, ...ACCEPT)).out).toMatch(/^IDENTICAL/);
    if (IN_DEVELOPMENT) {
      const refused = await cli('records', 'replay', '--store', db);
      expect(refused.code).toBe(4);
      expect(refused.out).toMatch(/REFUSED: TERN-A@1: rule pack usmca-auto .* is MODIFIED.*--unreleased-rules/);
    }
    const replayed = await cli('records', 'replay', '--store', db, ...ACCEPT);
    expect(replayed.code, replayed.out).toBe(0);
    expect(replayed.out.match(/IDENTICAL/g)).toHaveLength(4);
  });

  it('keeps signed records and patched claims, which replay on their own', async () => {
    const db = await backend.fresh();
    const keys = mkdtempSync(join(tmpdir(), 'store-keys-'));
    expect((await cli('keygen', '--out', keys)).code).toBe(0);
    const [a] = writeAll([['a.yaml', sedan('TERN-A')]]);
    // The seats (materials[1]) set originating: VNM 1100.00, RVC 89 % >= 75 %.
    const stored = await cli(
      'evaluate',
      a!,
      '--store',
      db,
      '--sign-key',
      join(keys, 'private.pem'),
      '--set',
      'materials[1].origin=originating',
    );
    expect(stored.code, stored.err).toBe(0);
    const record = JSON.parse((await cli('records', 'show', 'TERN-A', '--store', db, '--json')).out);
    expect(record.signature.jws).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    expect(record.hashed.decision.input.patch.operations).toEqual([
      { op: 'add', path: '/materials/1/origin', value: 'originating' },
    ]);
    const [file] = writeAll([['record.json', record]]);
    const replayed = await cli('replay', file!, '--trust-key', join(keys, 'public.pem'), ...ACCEPT);
    expect(replayed.out).toMatch(/^IDENTICAL/);
    expect(replayed.out).toContain('signature valid');
  });

  it('reports a record edited in the database, refuses edits and a newer store', async () => {
    const db = await backend.fresh();
    const [a] = writeAll([['a.yaml', sedan('TERN-A')]]);
    await cli('evaluate', a!, '--store', db);
    await cli('evaluate', a!, '--store', db);
    // The store refuses to change a record...
    await expect(rawSql(db, `update records set verdict = 'originating'`)).rejects.toThrow(/immutable/);
    await expect(rawSql(db, `delete from records`)).rejects.toThrow(/immutable/);
    // ...so someone with the rights to do so turns the guard off first.
    await rawSql(
      db,
      `alter table records disable trigger records_immutable;
       update records set body = replace(body, '"verdict":"not-originating"', '"verdict":"originating"') where version = 1;
       update records set verdict = 'originating' where version = 2;
       alter table records enable trigger records_immutable;`,
    );
    const one = await cli('records', 'show', 'TERN-A@1', '--store', db);
    expect(one.code).toBe(4);
    expect(one.err).toContain('TAMPERED: record TERN-A@1');
    expect(one.err).toContain('no longer matches its sha256');
    const two = await cli('records', 'show', 'TERN-A@2', '--store', db);
    expect(two.code).toBe(4);
    expect(two.err).toContain(`the store's verdict column says "originating", the record "not-originating"`);
    expect((await cli('records', 'replay', '--store', db)).code).toBe(4);

    await rawSql(db, `insert into usmca_roo_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`);
    const refused = await cli('records', 'list', '--store', db);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('newer version of usmca-roo');
    expect(refused.err).toContain('9999-from-the-future');
  });

  it('applies supplier evidence, records what relied on it, and measures impact', async () => {
    const db = await backend.fresh();
    const [a, b] = writeAll([
      ['a.yaml', sedan('TERN-A')],
      ['b.yaml', sedan('TERN-B', { decisionDate: '2026-08-01' })],
    ]);
    const added = await cli('evidence', 'add', evidenceFile([seatCertification()]), '--store', db);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('SEATS-2026 v1');
    // In the certification's period, the seats are originating: RVC 89 %, exit 0.
    const inPeriod = await cli('evaluate', a!, '--store', db);
    expect(inPeriod.code, inPeriod.err).toBe(0);
    expect(inPeriod.err).toContain('relied on evidence SEATS-2026');
    // After its period (2026-08-01 > 2026-06-30), it does not apply: RVC 69 %.
    expect((await cli('evaluate', b!, '--store', db)).code).toBe(1);
    expect((await cli('records', 'show', 'TERN-A', '--store', db)).out).toContain('SEATS-2026 on line SEAT (origin)');
    // A certificate from the stored record is kept beside it, with whom it was provided to.
    const issued = await cli(...certificateArgs('TERN-A', db, '2026-03-20'));
    expect(issued.code, issued.err).toBe(0);
    expect(issued.err).toContain('certificate #1 kept with record TERN-A@1');
    expect(JSON.parse(issued.out).goods[0].hs).toBe('8703.23');
    expect((await cli('records', 'show', 'TERN-A', '--store', db)).out).toContain(
      '#1 signed 2026-03-20, importer Daniel Tremblay (Maple Leaf Auto Distribution Ltd.)',
    );

    const expiring = JSON.parse(
      (await cli('evidence', 'expiring', '--before', '2026-07-01', '--store', db, '--json')).out,
    );
    expect(expiring.evidence).toHaveLength(1);
    expect(expiring.evidence[0].decisions.map((d: { record: string }) => d.record)).toEqual(['TERN-A@1']);
    expect(expiring.evidence[0].certificates).toEqual([
      {
        certificate: 1,
        records: ['TERN-A@1'],
        signedOn: '2026-03-20',
        blanket: null,
        recipients: [
          {
            role: 'importer',
            name: 'Daniel Tremblay (Maple Leaf Auto Distribution Ltd.)',
            email: 'customs@mapleleaf-auto.example',
            phone: '+1 416 555 0123',
          },
        ],
      },
    ]);
    expect(
      JSON.parse((await cli('evidence', 'expiring', '--before', '2026-06-30', '--store', db, '--json')).out).evidence,
    ).toEqual([]);

    // The flips as CSV, written whole over an older file of that name (a temporary file renamed over it).
    const csvDir = mkdtempSync(join(tmpdir(), 'impact-csv-'));
    const csv = join(csvDir, 'flips.csv');
    writeFileSync(csv, 'old');
    const withCsv = await cli('impact', '--without-evidence', 'SEATS-2026', '--store', db, '--json', '--csv', csv);
    expect(withCsv.code, withCsv.err).toBe(0);
    expect(readdirSync(csvDir)).toEqual(['flips.csv']);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'claim,record,from,to,requirement,status_from,status_to,value_from,value_to,margin_points_from,margin_points_to',
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 9).join(','))).toContain(
      'TERN-A,TERN-A@1,originating,not-originating,rvc,pass,fail,89,69',
    );
    const without = JSON.parse(withCsv.out);
    expect(without.counts).toMatchObject({ records: 2, changed: 1, verdictFlips: 1, unaffected: 1 });
    expect(without.flips).toHaveLength(1);
    expect(without.flips[0]).toMatchObject({ claim: 'TERN-A', from: 'originating', to: 'not-originating' });
    expect(without.flips[0].requirements[0]).toMatchObject({
      id: 'rvc',
      from: { status: 'pass', value: '89' },
      to: { status: 'fail', value: '69' },
    });

    // A proposal: the passenger-vehicle RVC at 95 % from 2026-01-01. TERN-A (89 %) flips; TERN-B (69 %) stays failing.
    const [scenario] = writeAll([
      [
        'rvc95.yaml',
        {
          format: 'usmca-roo/scenario@1',
          title: 'Vehicle RVC at 95 %',
          changes: [{ rule: 'usmca.auto.rvc.passenger_vehicle', from: '2026-01-01', value: '95' }],
        },
      ],
    ]);
    const before = (await cli('records', 'list', '--store', db, '--json')).out;
    const proposal = JSON.parse((await cli('impact', '--scenario', scenario!, '--store', db, '--json')).out);
    expect(proposal.flips.map((f: { claim: string; from: string; to: string }) => [f.claim, f.from, f.to])).toEqual([
      ['TERN-A', 'originating', 'not-originating'],
      ['TERN-B', 'not-originating', 'not-originating'],
    ]);
    expect(proposal.flips[0].requirements[0].to).toMatchObject({ status: 'fail', threshold: '95', marginPoints: '-6' });
    // In one thread (the default) or on worker threads, the same outcome.
    const oneThread = await cli('impact', '--scenario', scenario!, '--store', db, '--json', '--jobs', '1');
    expect(JSON.parse(oneThread.out)).toEqual(proposal);
    expect(
      JSON.parse((await cli('impact', '--scenario', scenario!, '--store', db, '--json', '--jobs', '2')).out),
    ).toEqual(proposal);
    expect((await cli('impact', '--scenario', scenario!, '--store', db, '--jobs', '0')).code).toBe(2);
    // A scenario no stored decision can be re-run under (a rule its pack does not hold) is invalid input: exit 2,
    // not "done" with nothing measured.
    const [unknownRule] = writeAll([
      [
        'unknown-rule.yaml',
        {
          format: 'usmca-roo/scenario@1',
          title: 'A rule the pack does not hold',
          changes: [{ rule: 'usmca.auto.rvc.no_such_rule', from: '2026-01-01', value: '95' }],
        },
      ],
    ]);
    const cannot = await cli('impact', '--scenario', unknownRule!, '--store', db);
    expect(cannot.code, cannot.out + cannot.err).toBe(2);
    expect(cannot.out).toMatch(
      /INVALID: TERN-A@1: the scenario changes usmca\.auto\.rvc\.no_such_rule, which the rule pack/,
    );
    expect(cannot.out).toMatch(/2 cannot be re-run; no stored decision was changed/);
    // Nothing stored changed.
    expect((await cli('records', 'list', '--store', db, '--json')).out).toBe(before);
    expect((await cli('records', 'replay', '--store', db, ...ACCEPT)).code).toBe(0);
  });
});

describe.each(BACKENDS)('numbers in a name given to the store, on $name', { timeout: 240_000 }, (backend) => {
  it('a version, a sequence number or a filing number too large for the database: not found (exit 2), not a crash', async () => {
    const db = await backend.fresh();
    const [a] = writeAll([['a.yaml', sedan('TERN-N')]]);
    await cli('evaluate', a!, '--store', db);
    for (const ref of ['TERN-N@99999999999999999999', 'TERN-N@2147483648', '#99999999999', '#2147483648']) {
      const r = await cli('records', 'show', ref, '--store', db);
      expect(r.err, ref).not.toMatch(/internal error|\n\s+at /);
      expect(r.code, ref).toBe(2);
      expect(r.err, ref).toContain(`no stored record is named ${ref}`);
    }
    const f = await cli(
      'filing',
      'identifier',
      '99999999999',
      'LVC-2027-1',
      '--received-on',
      '2026-09-15',
      '--store',
      db,
    );
    expect(f.err).not.toMatch(/internal error|\n\s+at /);
    expect(f.code).toBe(2);
    expect(f.err).toContain('no filing #99999999999');
    // The largest a column holds is still looked up.
    expect((await cli('records', 'show', 'TERN-N@2147483647', '--store', db)).err).toContain(
      'no stored record is named',
    );
  });
});
