/**
 * Provenance: a record holds the sha256 of every file its input was built from (the claim, the producer
 * document, a CSV bill of materials and its column mapping), each with its path relative to the claim's folder,
 * inside the hashed (and signed) part.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/audit/record.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { runCli } from '../helpers.js';
import { originatingClaim, tempDir } from './fixtures.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a record’s sources', () => {
  it('are every file read, with the sha256 of its bytes', async () => {
    const dir = tempDir('provenance-');
    mkdirSync(join(dir, 'erp'));
    const claim = originatingClaim();
    writeFileSync(join(dir, 'producer.yaml'), stringify(claim.producer));
    writeFileSync(
      join(dir, 'erp', 'bom.csv'),
      'Item,Parent,Description,HS,Qty,Unit price,Origin,Core part\nENGINE,,engine,8407.34,1,2000.00,originating,engines\nSEATS,,seats,9401.20,1,900.00,non-originating,\n',
    );
    writeFileSync(
      join(dir, 'erp', 'bom.mapping.yaml'),
      stringify({
        format: 'usmca-roo/mapping@1',
        kind: 'materials',
        columns: {
          id: 'Item',
          parentId: 'Parent',
          description: 'Description',
          hs: 'HS',
          quantity: 'Qty',
          unitValue: 'Unit price',
          origin: 'Origin',
          corePart: 'Core part',
        },
      }),
    );
    const claimFile = join(dir, 'claim.yaml');
    writeFileSync(
      claimFile,
      stringify({
        ...claim,
        producer: 'producer.yaml',
        materials: { file: 'erp/bom.csv', mapping: 'erp/bom.mapping.yaml' },
      }),
    );
    const recordFile = join(dir, 'record.json');
    const r = await runCli('evaluate', claimFile, '--record', recordFile);
    expect(r.code, r.err).toBe(0);
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as DecisionRecord;
    expect(record.hashed.sources).toEqual([
      { role: 'claim', path: 'claim.yaml', sha256: sha256(claimFile) },
      { role: 'producer', path: 'producer.yaml', sha256: sha256(join(dir, 'producer.yaml')) },
      { role: 'materials', path: 'erp/bom.csv', sha256: sha256(join(dir, 'erp', 'bom.csv')) },
      { role: 'materials-mapping', path: 'erp/bom.mapping.yaml', sha256: sha256(join(dir, 'erp', 'bom.mapping.yaml')) },
    ]);
    // The sources are hashed with the rest: an edited source hash makes the record altered.
    const replayed = await runCli('replay', recordFile, '--unreleased-rules');
    expect(replayed.code, replayed.out).toBe(0);
    const edited = JSON.parse(readFileSync(recordFile, 'utf8')) as DecisionRecord;
    edited.hashed.sources![2]!.sha256 = '0'.repeat(64);
    writeFileSync(recordFile, JSON.stringify(edited));
    expect((await runCli('replay', recordFile, '--unreleased-rules')).code).toBe(4);
  });

  it('hash the claim as it was read, even when its file changes before the record is made', () => {
    const dir = tempDir('provenance-read-');
    const claimFile = join(dir, 'claim.yaml');
    const written = stringify(originatingClaim());
    writeFileSync(claimFile, written);
    const loaded = loadClaimFile(claimFile);
    writeFileSync(claimFile, `${written}# edited after reading\n`);
    const bytesRead = createHash('sha256').update(written).digest('hex');
    expect(loaded.provenance).toEqual([{ role: 'claim', path: 'claim.yaml', sha256: bytesRead }]);
    // A claim given as bytes (standard input) is hashed from them, not from the file it is named after.
    const given = loadClaimFile(claimFile, {}, Buffer.from(written));
    expect(given.provenance?.[0]?.sha256).toBe(bytesRead);
  });
});
