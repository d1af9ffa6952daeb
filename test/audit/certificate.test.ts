/** Certificates of origin: golden JSON and Markdown, HTML structure, PDF text, refusal, validation. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  buildCertificate,
  CertificateInputError,
  CertificateRefused,
  type Certificate,
} from '../../src/certificate/model.js';
import { renderHtml, renderJson, renderMarkdown, renderPdf } from '../../src/certificate/render.js';
import { CERTIFICATE_PROBLEMS, matchRecord, validateCertificate } from '../../src/certificate/validate.js';
import { loadRulePack } from '../../src/rules/load.js';
import { line } from '../helpers.js';
import { certifier, importer, originatingClaim, recordFor } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with a checked-in golden file; a missing one fails (write it with UPDATE_GOLDEN=1 and review it). */
function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing: write it with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

async function certificate(): Promise<Certificate> {
  const record = await recordFor(originatingClaim());
  return buildCertificate(record, loadRulePack(), {
    certifier,
    importer,
    blanket: '2026-01-01..2026-12-31',
    signedOn: '2026-03-20',
  });
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((x) => ('str' in x ? x.str + (x.hasEOL ? '\n' : ' ') : '')).join('');
  }
  return text;
}

describe('certificate of origin', () => {
  it('renders the nine data elements as JSON and Markdown (golden)', async () => {
    const c = await certificate();
    golden('certificate.json', renderJson(c));
    golden('certificate.md', renderMarkdown(c));
    expect(c).toMatchObject({
      certifierRole: 'producer',
      producer: { sameAs: 'certifier' },
      exporter: { statement: 'Not known to the producer' },
      originCriterion: 'B',
      goods: [{ hs: '8703.23' }],
      blanketPeriod: { start: '2026-01-01', end: '2026-12-31' },
    });
    expect(c.vehicleFigures?.map((f) => f.requirement)).toEqual(['rvc', 'steel', 'aluminum', 'lvc']);
  });

  it('renders an HTML document with every element in order', async () => {
    const html = renderHtml(await certificate());
    const titles = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(titles.slice(0, 9)).toEqual([
      '1. Importer, exporter or producer certification',
      '2. Certifier',
      '3. Exporter',
      '4. Producer',
      '5. Importer',
      '6. Description and HS tariff classification of the good',
      '7. Origin criterion',
      '8. Blanket period',
      '9. Authorized signature and date',
    ]);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Great Lakes Auto Imports LLC');
    expect(html).toContain('Signature: ____');
    expect(html).toMatch(/Decision record sha256 [0-9a-f]{64}/);
  });

  it('renders a deterministic PDF whose text carries the elements', async () => {
    const c = await certificate();
    const a = await renderPdf(c);
    const b = await renderPdf(c);
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(a);
    for (const s of [
      'Certification of Origin',
      '2. CERTIFIER',
      'Laura Mendez',
      'HS 8703.23',
      'Criterion B',
      'From 2026-01-01 to 2026-12-31',
      'Date: 2026-03-20',
      'Great Lakes Auto Imports LLC',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(s);
    }
  });

  it('refuses to certify a decision that is not originating', async () => {
    const failing = originatingClaim();
    (failing.materials as unknown[]).push(line('IMPORTS', '9000.00', 'non-originating'));
    const record = await recordFor(failing);
    expect(() => buildCertificate(record, loadRulePack(), { certifier })).toThrow(CertificateRefused);
  });

  it('refuses a blanket period longer than 12 months, and a certifier without a role', async () => {
    const record = await recordFor(originatingClaim());
    expect(() => buildCertificate(record, loadRulePack(), { certifier, blanket: '2026-01-01..2027-01-01' })).toThrow(
      /may not exceed 12 months/,
    );
    expect(() =>
      buildCertificate(record, loadRulePack(), { certifier, blanket: '2026-01-01..2026-12-31' }),
    ).not.toThrow();
    expect(() => buildCertificate(record, loadRulePack(), { certifier: { ...certifier, role: undefined } })).toThrow(
      CertificateInputError,
    );
  });
});

describe('certificate validation', () => {
  const pack = loadRulePack();
  const base = async () => JSON.parse(renderJson(await certificate())) as Record<string, any>;

  it('accepts a well-formed certificate that matches its record', async () => {
    const record = await recordFor(originatingClaim());
    const c = JSON.parse(renderJson(buildCertificate(record, pack, { certifier })));
    expect(validateCertificate(c, pack)).toEqual([]);
    expect(matchRecord(c, record)).toEqual([]);
  });

  const breakers: Record<keyof typeof CERTIFICATE_PROBLEMS, [string, (c: Record<string, any>) => void]> = {
    CERT_FORMAT: ['format', (c) => (c.format = 'something/else')],
    CERT_ELEMENT_MISSING: ['2 certifier.email', (c) => delete c.certifier.email],
    CERT_ROLE_INVALID: ['1 certifierRole', (c) => (c.certifierRole = 'broker')],
    CERT_CONTACT_INVALID: ['2 certifier.address.country', (c) => (c.certifier.address.country = 'Mexico')],
    CERT_HS_INVALID: ['6 goods[0].hs', (c) => (c.goods[0].hs = '8703.2')],
    CERT_CRITERION_INVALID: ['7 originCriterion', (c) => (c.originCriterion = 'E')],
    CERT_CRITERION_UNFIT: ['7 originCriterion', (c) => (c.originCriterion = 'D')],
    CERT_BLANKET_INVALID: ['8 blanketPeriod', (c) => (c.blanketPeriod = { start: '2026-12-31', end: '2026-01-01' })],
    CERT_BLANKET_TOO_LONG: ['8 blanketPeriod', (c) => (c.blanketPeriod = { start: '2026-01-01', end: '2027-01-01' })],
    CERT_DATE_INVALID: ['9 authorization.date', (c) => (c.authorization.date = '2026-02-30')],
    CERT_RECORD_MISMATCH: ['record.sha256', (c) => (c.record.sha256 = '0'.repeat(64))],
    CERT_GOOD_MISMATCH: ['6 goods[0]', (c) => (c.goods[0].hs = '8703.24')],
    CERT_CRITERION_MISMATCH: ['7 originCriterion', (c) => (c.originCriterion = 'C')],
    CERT_NOT_ORIGINATING: ['record', () => undefined],
  };

  for (const [code, [element, breakIt]] of Object.entries(breakers)) {
    it(`catches ${code}`, async () => {
      let record = await recordFor(originatingClaim());
      if (code === 'CERT_NOT_ORIGINATING') {
        const failing = originatingClaim();
        (failing.materials as unknown[]).push(line('IMPORTS', '9000.00', 'non-originating'));
        record = await recordFor(failing);
      }
      const c = JSON.parse(renderJson(buildCertificate(await recordFor(originatingClaim()), pack, { certifier })));
      breakIt(c);
      if (code !== 'CERT_NOT_ORIGINATING')
        c.record.sha256 = code === 'CERT_RECORD_MISMATCH' ? c.record.sha256 : record.sha256;
      const problems = [...validateCertificate(c, pack), ...(code === 'CERT_FORMAT' ? [] : matchRecord(c, record))];
      expect(problems.map((p) => p.code)).toContain(code);
      expect(problems.find((p) => p.code === code)?.element).toBe(element);
    });
  }

  it('lists every problem at once', async () => {
    const c = await base();
    c.goods[0].hs = '87';
    c.originCriterion = 'Z';
    delete c.authorization.name;
    expect(
      validateCertificate(c, pack)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['CERT_CRITERION_INVALID', 'CERT_ELEMENT_MISSING', 'CERT_HS_INVALID']);
  });
});
