/**
 * `certificate` and `validate` from the command line: what `validate` would reject is never written (exit 2, one
 * line per element, no file at --out) in any format; an altered record is refused (exit 4); validate reads JSON
 * and PDF, refuses Markdown and HTML, and says plainly when nothing was cross-checked.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import type { DecisionRecord } from '../../src/audit/record.js';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { runCli } from '../helpers.js';
import { originatingClaim, rehash, tempDir, writeClaim } from './fixtures.js';

const EX = join(import.meta.dirname, '..', '..', 'examples');
const CERTIFIER = join(EX, 'parties', 'certifier-aurora.yaml');
const IMPORTER = join(EX, 'parties', 'importer-maple.yaml');
const ACCEPT = packRelease(loadRulePack()) === 'released' ? [] : ['--unreleased-rules'];
const FORMATS = ['json', 'md', 'html', 'pdf'];

async function recorded(doc = originatingClaim()): Promise<{ dir: string; record: string }> {
  const dir = tempDir('cert-cli-');
  const record = join(dir, 'record.json');
  const r = await runCli('evaluate', writeClaim(doc, dir), '--record', record);
  expect(r.code, r.err).toBe(0);
  return { dir, record };
}

const certify = (record: string, out: string, ...args: string[]) =>
  runCli('certificate', record, '--certifier', CERTIFIER, '--exporter', 'same', '--out', out, ...ACCEPT, ...args);

describe('certificate refuses what validate would reject, and writes nothing', () => {
  it('impossible dates, in every format (exit 2)', async () => {
    const { dir, record } = await recorded();
    for (const format of FORMATS) {
      const out = join(dir, `c.${format}`);
      for (const [flag, value, expected] of [
        ['--signed-on', '2026-13-45', /--signed-on\s+CERT_DATE_INVALID: "2026-13-45" is not a real date/],
        ['--signed-on', '2026-02-30', /--signed-on\s+CERT_DATE_INVALID: "2026-02-30" is not a real date/],
        ['--signed-on', '2026-13-01', /--signed-on\s+CERT_DATE_INVALID/],
        ['--blanket', '2026-04-01..2026-99-99', /--blanket\s+CERT_DATE_INVALID: 2026-99-99 is not a real date/],
      ] as const) {
        const args = flag === '--blanket' ? [flag, value, '--signed-on', '2026-03-20'] : [flag, value];
        const r = await certify(record, out, '--format', format, ...args);
        expect(r.code, `${format} ${value}: ${r.err}`).toBe(2);
        expect(r.err).toMatch(expected);
        expect(r.err).toMatch(/no certificate written/);
        expect(existsSync(out)).toBe(false);
      }
    }
  });

  it('a signature before the decision, and a missing --signed-on', async () => {
    const { dir, record } = await recorded();
    const early = await certify(record, join(dir, 'c.json'), '--format', 'json', '--signed-on', '2026-03-01');
    expect(early.code).toBe(2);
    expect(early.err).toMatch(
      /9 authorization\.date\s+CERT_DATE_INVALID: signed on 2026-03-01, before the decision of 2026-03-15/,
    );
    const none = await runCli(
      'certificate',
      record,
      '--certifier',
      CERTIFIER,
      '--exporter',
      'same',
      '--format',
      'json',
    );
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--signed-on/);
  });

  it('a producer without an address, a malformed telephone', async () => {
    const claim = originatingClaim();
    delete (claim.producer as Record<string, unknown>).address;
    const { dir, record } = await recorded(claim);
    const out = join(dir, 'c.pdf');
    const r = await certify(record, out, '--format', 'pdf', '--signed-on', '2026-03-20');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/4 producer\.address\s+CERT_ELEMENT_MISSING/);
    expect(existsSync(out)).toBe(false);

    const phone = join(dir, 'certifier.yaml');
    writeFileSync(phone, readFileSync(CERTIFIER, 'utf8').replace('"+1 517 555 0140"', '"call the front desk"'));
    const p = await runCli(
      'certificate',
      record,
      '--certifier',
      phone,
      '--exporter',
      'same',
      '--signed-on',
      '2026-03-20',
      '--format',
      'json',
      ...ACCEPT,
    );
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/2 certifier\.phone\s+CERT_CONTACT_INVALID: "call the front desk" is not a telephone number/);
  });

  it('a name of 200,000 characters (exit 2, at once) and a script the PDF cannot draw', async () => {
    const { dir, record } = await recorded();
    const importer = join(dir, 'importer.yaml');
    writeFileSync(
      importer,
      readFileSync(IMPORTER, 'utf8').replace('name: Daniel Tremblay', `name: ${'W'.repeat(200_000)}`),
    );
    const long = await certify(
      record,
      join(dir, 'c.pdf'),
      '--format',
      'pdf',
      '--signed-on',
      '2026-03-20',
      '--importer',
      importer,
    );
    expect(long.code).toBe(2);
    expect(long.err).toMatch(
      /importer\.party\.name\s+CERT_TEXT_INVALID: is 200000 characters long; at most 200 are accepted/,
    );
    writeFileSync(importer, readFileSync(IMPORTER, 'utf8').replace('name: Daniel Tremblay', 'name: 山田太郎'));
    const cjk = await certify(
      record,
      join(dir, 'c.pdf'),
      '--format',
      'pdf',
      '--signed-on',
      '2026-03-20',
      '--importer',
      importer,
    );
    expect(cjk.code).toBe(2);
    expect(cjk.err).toMatch(/5\. Importer\s+CERT_TEXT_INVALID: the PDF font .* cannot draw "山"/);
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
    expect(
      (await certify(record, join(dir, 'c.md'), '--format', 'md', '--signed-on', '2026-03-20', '--importer', importer))
        .code,
    ).toBe(0);
  });

  it('a record whose verdict was edited and re-hashed (exit 4)', async () => {
    const failing = originatingClaim();
    (failing.materials as Array<Record<string, unknown>>).push({
      id: 'IMPORTS',
      description: 'imports',
      hs: '8708.99',
      quantity: '1',
      unitValue: '9000.00',
      origin: 'non-originating',
    });
    const dir = tempDir('cert-cli-');
    const record = join(dir, 'record.json');
    expect((await runCli('evaluate', writeClaim(failing, dir), '--record', record)).code).toBe(1);
    const forged = JSON.parse(readFileSync(record, 'utf8')) as DecisionRecord;
    forged.hashed.decision.verdict = 'originating';
    forged.hashed.decision.originCriterion = 'B';
    writeFileSync(record, prettyJson(rehash(forged)));
    const r = await certify(record, join(dir, 'c.json'), '--format', 'json', '--signed-on', '2026-03-20');
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/refused: record .* has been altered: .*the record was edited/);
  });
});

describe('validate', () => {
  it('reads JSON and PDF, refuses Markdown and HTML, and says when nothing was cross-checked', async () => {
    const { dir, record } = await recorded();
    for (const format of FORMATS)
      expect(
        (await certify(record, join(dir, `c.${format}`), '--format', format, '--signed-on', '2026-03-20')).code,
      ).toBe(0);
    for (const format of ['md', 'html']) {
      const r = await runCli('validate', join(dir, `c.${format}`));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /a Markdown or HTML rendering holds no machine-readable certificate: validate the JSON certificate, or the PDF/,
      );
    }
    for (const format of ['json', 'pdf']) {
      const alone = await runCli('validate', join(dir, `c.${format}`), ...ACCEPT);
      expect(alone.code, alone.out).toBe(0);
      expect(alone.out).toMatch(/NOT cross-checked: no decision record was given/);
      const checked = await runCli('validate', join(dir, `c.${format}`), '--record', record, ...ACCEPT);
      expect(checked.code, checked.out).toBe(0);
      expect(checked.out).toMatch(/cross-checked against the records/);
    }
    // Not signed, and a trusted key is asked for: exit 4.
    const keys = join(dir, 'keys');
    await runCli('keygen', '--out', keys);
    const u = await runCli('validate', join(dir, 'c.json'), '--trust-key', join(keys, 'public.pem'), ...ACCEPT);
    expect(u.code).toBe(4);
    expect(u.out).toMatch(/REFUSED: the certificate is not signed/);
    // Its rule pack is modified (in development), and not accepted: exit 4.
    if (ACCEPT.length > 0) expect((await runCli('validate', join(dir, 'c.json'))).code).toBe(4);
  });

  it('refuses a certificate JSON with a key written twice: a viewer shows the first, JSON.parse keeps the last', async () => {
    const { dir, record } = await recorded();
    const cert = join(dir, 'c.json');
    expect((await certify(record, cert, '--format', 'json', '--signed-on', '2026-03-20')).code).toBe(0);
    const text = readFileSync(cert, 'utf8');
    const description = /^(\s*)"description": (".*"),?$/m.exec(text)!;
    const forged = join(dir, 'forged.json');
    writeFileSync(
      forged,
      text.replace(description[0], `${description[1]}"description": "A forged good",\n${description[0]}`),
    );
    const r = await runCli('validate', forged, '--record', record, ...ACCEPT);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /forged\.json: line \d+, goods\[0\]\.description: DUPLICATE_KEY: the key "description" appears twice/,
    );
  });
});
