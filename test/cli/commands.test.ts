/** The audit and batch commands end to end: record, replay, certificate, validate, evaluate-batch. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/canonical/json.js';
import { certificateContent } from '../../src/certificate/build.js';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { runCli } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EX = join(ROOT, 'examples');

const cli = runCli;

// While rules/ is in development (its content not the registered release of its version), replay, certificate
// and validate refuse its records unless told that an unreleased pack is intended.
const inDevelopment = packRelease(loadRulePack()) !== 'released';
const ACCEPT = inDevelopment ? ['--unreleased-rules'] : [];

describe('audit commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const record = join(dir, 'aurora.json');
  const certifier = join(EX, 'parties', 'certifier-aurora.yaml');

  it('records, replays identically, certifies in every format and validates', async () => {
    expect((await cli('evaluate', join(EX, 'aurora-sedan', 'claim.yaml'), '--record', record)).code).toBe(0);
    if (inDevelopment) expect((await cli('replay', record)).code).toBe(4);
    const replayed = await cli('replay', record, ...ACCEPT);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/^IDENTICAL/);
    for (const format of ['json', 'md', 'html', 'pdf']) {
      const r = await cli(
        'certificate',
        record,
        '--certifier',
        certifier,
        '--format',
        format,
        '--out',
        join(dir, `cert.${format}`),
        '--blanket',
        '2026-04-01..2027-03-31',
        '--exporter',
        'same',
        '--signed-on',
        '2026-03-20',
        ...ACCEPT,
      );
      expect(r.code, r.err).toBe(0);
    }
    expect(readFileSync(join(dir, 'cert.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const v = await cli('validate', join(dir, 'cert.json'), '--record', record, ...ACCEPT);
    expect(v.code, v.out).toBe(0);
    expect(v.out).toMatch(/^VALID/);
  });

  it('reports a tampered record (exit 4) and refuses to certify from it', async () => {
    const tampered = join(dir, 'tampered.json');
    writeFileSync(
      tampered,
      readFileSync(record, 'utf8').replace('"verdict": "originating"', '"verdict": "not-originating"'),
    );
    expect((await cli('replay', tampered)).code).toBe(4);
    expect(
      (await cli('certificate', tampered, '--certifier', certifier, '--exporter', 'same', '--signed-on', '2026-03-20'))
        .code,
    ).toBe(4);
    expect((await cli('validate', join(dir, 'cert.json'), '--record', tampered)).code).toBe(4);
  });

  it('refuses to certify a decision that is not originating (exit 1)', async () => {
    const failing = join(dir, 'borealis.json');
    expect((await cli('evaluate', join(EX, 'borealis-hatchback', 'claim.yaml'), '--record', failing)).code).toBe(1);
    const r = await cli(
      'certificate',
      failing,
      '--certifier',
      certifier,
      '--exporter',
      'same',
      '--signed-on',
      '2026-03-20',
      '--format',
      'md',
      ...ACCEPT,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused: .*not originating/);
  });

  it("lists a malformed certificate's problems (exit 1)", async () => {
    const bad = join(dir, 'bad-cert.json');
    const c = JSON.parse(readFileSync(join(dir, 'cert.json'), 'utf8'));
    c.goods[0].hs = '87';
    c.blanketPeriod = { start: '2026-04-01', end: '2027-06-30' };
    // Sealed again, as a forger would (otherwise the sha256 alone tells: exit 4).
    writeFileSync(bad, JSON.stringify(c));
    expect((await cli('validate', bad, ...ACCEPT)).code).toBe(4);
    c.sha256 = canonicalHash(certificateContent(c));
    writeFileSync(bad, JSON.stringify(c));
    const r = await cli('validate', bad, ...ACCEPT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CERT_HS_INVALID/);
    expect(r.out).toMatch(/CERT_BLANKET_TOO_LONG/);
  });
});

describe('evaluate-batch', () => {
  it('writes the same files whatever the number of jobs, keeps going past invalid claims, and summarises', async () => {
    const claims = readdirSync(EX, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'parties')
      .flatMap((d) =>
        readdirSync(join(EX, d.name))
          .filter((f) => /^claim.*\.yaml$/.test(f))
          .map((f) => join('examples', d.name, f)),
      );
    claims.push(join('test', 'invalid', 'fixtures', 'DECIMAL_INVALID.yaml'));
    const outs = [1, 2, 3].map((jobs) => join(mkdtempSync(join(tmpdir(), `batch-${jobs}-`)), 'out'));
    const results = [];
    for (const [i, out] of outs.entries())
      results.push(await cli('evaluate-batch', ...claims, '--out', out, '--jobs', String(i + 1), '--no-progress'));
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/15 claims: 10 originating, 4 not originating, 1 invalid, 0 internal errors/);
      expect(r.err).toMatch(/DECIMAL_INVALID/);
    }
    const files = readdirSync(outs[0]!).sort();
    expect(files).toHaveLength(15);
    for (const out of outs.slice(1)) {
      expect(readdirSync(out).sort()).toEqual(files);
      for (const f of files)
        expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(outs[0]!, f), 'utf8'));
    }
    const aurora =
      files.find((f) => f.startsWith('claim.decision') === false && f.includes('aurora')) ??
      files.find((f) => f.includes('claim'));
    expect(aurora).toBeDefined();
  });
});
