/**
 * Faults and bad input around the store, on PGlite and (with USMCA_ROO_TEST_PG) on a PostgreSQL server: evidence
 * files are validated like claims (every problem of every file at once, placed in its file, exit 2, nothing
 * stored); a piece of evidence or a filing edited in the database is reported on read and never relied on.
 */
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../helpers.js';
import { BACKENDS, rawSql } from './backends.js';
import { seatCertification, sedan, writeAll } from './fixtures.js';

describe.each(BACKENDS)('store faults on $name', { timeout: 240_000 }, (backend) => {
  it('lists every problem of every evidence file at once, and stores nothing', async () => {
    const db = await backend.fresh();
    const [bad, dup] = writeAll([
      [
        'bad.yaml',
        {
          format: 'usmca-roo/evidence@1',
          evidence: [
            // The period ends before it starts.
            seatCertification({ id: 'SEATS-A', period: { start: '2026-06-30', end: '2026-01-01' } }),
            // No supplier name, and a field the format does not have.
            seatCertification({ id: 'SEATS-B', supplier: { country: 'MX' }, validUntil: '2026-12-31' }),
          ],
        },
      ],
      ['dup.yaml', { format: 'usmca-roo/evidence@1', evidence: [seatCertification(), seatCertification()] }],
    ]);
    const added = await cli('evidence', 'add', bad!, dup!, '--store', db);
    expect(added.code).toBe(2);
    expect(added.err).toMatch(/bad\.yaml.*evidence\[0\]\.period.*PERIOD_INVALID/);
    expect(added.err).toMatch(/bad\.yaml.*evidence\[1\]\.supplier\.name.*FIELD_REQUIRED/);
    expect(added.err).toMatch(/bad\.yaml.*evidence\[1\]\.validUntil.*FIELD_UNKNOWN/);
    expect(added.err).toMatch(/dup\.yaml.*evidence\[1\]\.id.*EVIDENCE_DUPLICATE_ID/);
    expect(JSON.parse((await cli('evidence', 'list', '--store', db, '--json')).out).evidence).toEqual([]);
  });

  it('reports evidence and filings edited in the database, and relies on neither', async () => {
    const db = await backend.fresh();
    const [evidence, a] = writeAll([
      ['evidence.yaml', { format: 'usmca-roo/evidence@1', evidence: [seatCertification()] }],
      ['a.yaml', sedan('TERN-A', { decisionDate: '2026-03-15' })],
    ]);
    expect((await cli('evidence', 'add', evidence!, '--store', db)).code).toBe(0);
    // Someone with the rights to do so widens the certification to cover the camera too.
    await rawSql(
      db,
      `alter table evidence disable trigger evidence_immutable;
       update evidence set body = replace(body, '"partNumbers":["SEAT"]', '"partNumbers":["CAM","SEAT"]');
       alter table evidence enable trigger evidence_immutable;`,
    );
    const listed = JSON.parse((await cli('evidence', 'list', '--store', db, '--json')).out);
    expect(listed.evidence[0]).toMatchObject({ id: 'SEATS-2026', intact: false });
    expect((await cli('evidence', 'list', '--store', db)).out).toContain('SEATS-2026 v1 (ALTERED)');
    // An altered certification is not applied: the seats stay of unknown origin, RVC 69 % (not originating).
    const evaluated = await cli('evaluate', a!, '--store', db);
    expect(evaluated.code, evaluated.err).toBe(1);
    expect(evaluated.err).not.toContain('relied on evidence');

    expect((await cli('filing', 'lvc', '--period', '2026', '--store', db)).code).toBe(1);
    await cli('filing', 'identifier', '1', 'LVC-2026-1', '--received-on', '2025-09-01', '--store', db);
    await rawSql(
      db,
      `alter table filings disable trigger filings_immutable;
       update filings set body = replace(body, '"kind":"lvc"', '"kind":"lvc" ');
       alter table filings enable trigger filings_immutable;`,
    );
    expect((await cli('filing', 'list', '--store', db)).out).toContain('#1 (ALTERED)');
    // The identifier of an altered filing is not printed on the records it would cover.
    expect((await cli('records', 'show', 'TERN-A', '--store', db)).out).toContain(
      'CBP vehicle certification identifiers (19 CFR 182.92(b)): none',
    );
  });
});
