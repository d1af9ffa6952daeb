/**
 * Certificates of origin: the golden JSON and Markdown, the document as the law writes it (the Annex 5-A
 * statement, headings by role, elements 3-5, confidential figures, several goods, languages), and the one check
 * both `certificate` and `validate` run, with the cross-check against the records that catches each edit the
 * issue lists.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/canonical/json.js';
import { buildCertificate, certificateContent, type CertificateOptions } from '../../src/certificate/build.js';
import { checkCertificate } from '../../src/certificate/check.js';
import { matchRecords } from '../../src/certificate/match.js';
import { CERTIFICATE_PROBLEMS, CertificateRefused, type Certificate } from '../../src/certificate/model.js';
import { afterword, sections } from '../../src/certificate/lines.js';
import { renderHtml, renderJson, renderMarkdown } from '../../src/certificate/render.js';
import { rulePackFromContent } from '../../src/rules/load.js';
import { line } from '../helpers.js';
import { certifier, importer, originatingClaim, recordFor } from './fixtures.js';
import type { DecisionRecord } from '../../src/audit/record.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with a checked-in golden file; a missing one fails (write it with UPDATE_GOLDEN=1 and review it). */
function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing: write it with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** The certificate's text, as every renderer shows it (before escaping for a format). */
const plain = (c: Certificate) => [...sections(c), ...afterword(c)].flatMap((x) => [x.title, ...x.lines]).join('\n');

const withPack = (record: DecisionRecord) => ({ record, pack: rulePackFromContent(record.hashed.rulePack) });

const BASE: CertificateOptions = {
  certifier,
  exporter: 'same',
  importer,
  blanket: '2026-04-01..2027-03-31',
  signedOn: '2026-03-20',
};

async function issue(options: Partial<CertificateOptions> = {}, records?: DecisionRecord[]) {
  const inputs = (records ?? [await recordFor(originatingClaim())]).map(withPack);
  const built = buildCertificate(inputs, { ...BASE, ...options });
  return { ...built, inputs };
}

async function certificate(options: Partial<CertificateOptions> = {}): Promise<Certificate> {
  const { certificate: c, problems } = await issue(options);
  expect(problems).toEqual([]);
  return c as Certificate;
}

/** Everything validate would report: the one check and the cross-check with the records. */
function judged(c: unknown, inputs: ReturnType<typeof withPack>[]) {
  const json = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  return [...checkCertificate(json, inputs[0]!.pack), ...matchRecords(json, inputs)];
}

/** A forger's edit: change the JSON, then seal it again (a new sha256) so only the cross-check can tell. */
function edited(c: Certificate, edit: (x: Record<string, any>) => void): Record<string, any> {
  const x = JSON.parse(JSON.stringify(c)) as Record<string, any>;
  edit(x);
  x.sha256 = canonicalHash(certificateContent(x));
  return x;
}

describe('certificate of origin', () => {
  it('renders the nine data elements as JSON and Markdown (golden)', async () => {
    const c = await certificate();
    golden('certificate.json', renderJson(c));
    golden('certificate.md', renderMarkdown(c));
    expect(c).toMatchObject({
      format: 'usmca-roo/certificate@2',
      certifierRole: 'producer',
      exporter: { sameAs: 'certifier' },
      producer: { sameAs: 'certifier' },
      goods: [{ hs: '8703.23', originCriterion: 'B', description: 'Aurora compact sedan' }],
      blanketPeriod: { start: '2026-04-01', end: '2027-03-31' },
      authorization: { name: 'Laura Mendez', date: '2026-03-20', statementLang: 'en' },
    });
  });

  it('carries the Annex 5-A statement, and no rule id, six-decimal figure or confidential figure on the form', async () => {
    const c = await certificate();
    expect(c.authorization.statement).toBe(
      'I certify that the goods described in this document qualify as originating and the information contained in this document is true and accurate. I assume responsibility for proving such representations and agree to maintain and present upon request or to make available during a verification visit, documentation necessary to support this certification.',
    );
    const text = plain(c);
    expect(text).not.toMatch(/usmca\.auto/);
    expect(text).not.toMatch(/\d\.\d{6}/);
    expect(c.goods[0]!.figures).toBeUndefined();
    expect(text).not.toMatch(/Regional value content/);
  });

  it('discloses figures only when asked, two places rounded down; the annex carries rule ids and exact figures', async () => {
    const c = await certificate({ discloseFigures: true, annex: true });
    const record = (await issue()).inputs[0]!.record;
    const exact = record.hashed.decision.requirements.find((r) => r.id === 'rvc')?.value as string;
    const [whole, fraction = ''] = exact.split('.');
    const shown = `${whole}.${fraction.slice(0, 2)}`.replace(/\.?0*$/, ''); // cut, never rounded up
    expect(c.goods[0]!.figures?.[0]).toEqual({ requirement: 'rvc', value: shown, threshold: '75' });
    expect(plain(c)).toContain(`Regional value content: ${shown} % (required: not less than 75 %)`);
    expect(c.annex?.find((a) => a.requirement === 'rvc')).toMatchObject({
      rule: 'usmca.auto.rvc.passenger_vehicle (from 2023-07-01)',
      value: exact,
      threshold: '75',
    });
  });

  it('follows the certifier’s role: headings, exporter and producer elements', async () => {
    const c = await certificate();
    const text = plain(c);
    expect(text).toMatch(/^2\. Certifier \(the producer\)$/m);
    expect(text).toMatch(/This certification is made by the producer/);
    // Leaving out the exporter is no longer read as "not known": a producer must say which.
    const missing = await issue({ exporter: undefined });
    expect(missing.problems).toEqual([
      expect.objectContaining({
        code: 'CERT_ELEMENT_MISSING',
        element: '--exporter',
        message: expect.stringMatching(/"same".*"unknown"/),
      }),
    ]);
    const unknown = await certificate({ exporter: 'unknown' });
    expect(unknown.exporter).toEqual({ statement: 'unknown-to-producer' });
    expect(plain(unknown)).toMatch(/Unknown: the producer, who certifies, does not know the exporter/);
    const exporterRole = await certificate({ certifier: { ...certifier, role: 'exporter' }, exporter: undefined });
    expect(exporterRole.exporter).toEqual({ sameAs: 'certifier' });
    // A certifier working for another company: the producer is printed, not "same as the certifier".
    const agent = await certificate({ certifier: { ...certifier, company: 'Customs Agents SC' } });
    expect(agent.producer).toMatchObject({ party: { name: 'Aurora Motors de Mexico', email: 'trade@aurora.example' } });
    expect(
      (await issue({ certifier: { ...certifier, role: 'importer' }, exporter: 'unknown' })).problems[0],
    ).toMatchObject({
      code: 'CERT_ELEMENT_INVALID',
      element: '--exporter',
    });
  });

  it('covers several goods with one certificate (several records, one blanket period)', async () => {
    const second = originatingClaim();
    second.id = 'CERT-TEST-2';
    (second.good as Record<string, unknown>).description = 'Aurora hatchback';
    const records = [await recordFor(originatingClaim()), await recordFor(second)];
    const { certificate: c, problems, inputs } = await issue({}, records);
    expect(problems).toEqual([]);
    expect(c!.goods.map((g) => [g.description, g.record])).toEqual([
      ['Aurora compact sedan', records[0]!.sha256],
      ['Aurora hatchback', records[1]!.sha256],
    ]);
    expect(judged(c, inputs)).toEqual([]);
    expect(plain(c!)).toMatch(/1\. Aurora compact sedan[^]*2\. Aurora hatchback/);
    // The second good without its record: nothing supports it.
    expect(matchRecords(JSON.parse(renderJson(c!)), [inputs[0]!]).map((p) => p.code)).toContain('CERT_GOOD_MISMATCH');
  });

  it('speaks Spanish and French; French keeps the English statement and says so', async () => {
    const es = await certificate({ lang: 'es' });
    expect(es.authorization).toMatchObject({ statementLang: 'es' });
    expect(es.authorization.statement).toMatch(
      /^Certifico que las mercancías descritas en este documento califican como originarias/,
    );
    expect(plain(es)).toMatch(/^9\. Firma autorizada y fecha$/m);
    const fr = await certificate({ lang: 'fr' });
    expect(fr.authorization.statementLang).toBe('en');
    expect(plain(fr)).toMatch(/Déclaration en anglais : le libellé français/);
    expect(renderHtml(fr)).toMatch(/<html lang="fr">/);
  });

  it('refuses a decision that is not originating', async () => {
    const failing = originatingClaim();
    (failing.materials as unknown[]).push(line('IMPORTS', '9000.00', 'non-originating'));
    await expect(issue({}, [await recordFor(failing)])).rejects.toThrow(CertificateRefused);
  });
});

describe('the one check (certificate before writing, validate on reading)', () => {
  it('accepts what it issues', async () => {
    const { certificate: c, inputs } = await issue({ discloseFigures: true });
    expect(judged(c, inputs)).toEqual([]);
  });

  it('catches each edit the broker found accepted', async () => {
    const { certificate: c, inputs } = await issue({ discloseFigures: true });
    const codes = (x: unknown) => judged(x, inputs).map((p) => p.code);
    // An edited RVC figure: the hash tells; sealed again, the record tells.
    const figure = JSON.parse(renderJson(c!));
    figure.goods[0].figures[0].value = '99.99';
    expect(codes(figure)).toContain('CERT_ALTERED');
    expect(codes(edited(c!, (x) => (x.goods[0].figures[0].value = '99.99')))).toEqual(['CERT_FIGURE_MISMATCH']);
    // A good added to the list.
    expect(codes(edited(c!, (x) => x.goods.push({ ...x.goods[0], description: 'Aurora coupe' })))).toContain(
      'CERT_GOOD_MISMATCH',
    );
    // The same good listed twice, or its record listed twice (a record decides one good).
    const twice = judged(
      edited(c!, (x) => x.goods.push({ ...x.goods[0] })),
      inputs,
    );
    expect(twice.map((p) => [p.code, p.element])).toEqual([['CERT_RECORD_MISMATCH', '6 goods[1].record']]);
    const listedTwice = judged(
      edited(c!, (x) => x.records.push({ ...x.records[0] })),
      inputs,
    );
    expect(listedTwice.map((p) => [p.code, p.element])).toEqual([['CERT_RECORD_MISMATCH', 'records[1]']]);
    // A country no one has: ISO 3166-1 assigns no ZZ (nor lower-case codes).
    for (const country of ['ZZ', 'mx'])
      expect(
        judged(
          edited(c!, (x) => (x.certifier.address.country = country)),
          inputs,
        ).map((p) => [p.code, p.element]),
      ).toEqual([['CERT_CONTACT_INVALID', '2 certifier.address.country']]);
    // The certifier's name changed: the hash tells; sealed again with the signature block too, only a signature can.
    const name = JSON.parse(renderJson(c!));
    name.certifier.name = 'Someone Else';
    expect(codes(name)).toEqual(expect.arrayContaining(['CERT_ALTERED', 'CERT_ELEMENT_INVALID']));
    // A signature date before the decision, a blanket period entirely before it.
    expect(codes(edited(c!, (x) => (x.authorization.date = '2026-03-01')))).toEqual(['CERT_DATE_INVALID']);
    expect(codes(edited(c!, (x) => (x.blanketPeriod = { start: '2025-01-01', end: '2025-12-31' })))).toEqual([
      'CERT_BLANKET_INVALID',
    ]);
    // The statement reworded, the criterion or description changed, another producer.
    expect(codes(edited(c!, (x) => (x.authorization.statement = 'I certify that the goods qualify.')))).toEqual([
      'CERT_STATEMENT_INVALID',
    ]);
    expect(codes(edited(c!, (x) => (x.goods[0].originCriterion = 'C')))).toEqual(['CERT_CRITERION_MISMATCH']);
    expect(codes(edited(c!, (x) => (x.goods[0].description = 'Aurora sport sedan')))).toEqual(['CERT_GOOD_MISMATCH']);
    expect(codes(edited(c!, (x) => (x.producer = { party: { ...x.certifier, name: 'Other Motors' } })))).toEqual([
      'CERT_PARTY_MISMATCH',
    ]);
  });

  const breakers: Record<keyof typeof CERTIFICATE_PROBLEMS, [string, (c: Record<string, any>) => void] | undefined> = {
    CERT_FORMAT: ['format', (c) => (c.format = 'usmca-roo/certificate@1')],
    CERT_ALTERED: ['sha256', (c) => (c.sha256 = '0'.repeat(64))],
    CERT_ELEMENT_MISSING: ['2 certifier.email', (c) => delete c.certifier.email],
    CERT_ELEMENT_INVALID: ['5 importer', (c) => (c.importer = { sameAs: 'certifier' })],
    CERT_ROLE_INVALID: ['1 certifierRole', (c) => (c.certifierRole = 'broker')],
    CERT_CONTACT_INVALID: ['2 certifier.phone', (c) => (c.certifier.phone = 'call me')],
    CERT_TEXT_INVALID: ['certifier.name', (c) => (c.certifier.name = c.authorization.name = 'Laura\nMendez')],
    CERT_HS_INVALID: ['6 goods[0].hs', (c) => (c.goods[0].hs = '8703.2')],
    CERT_CRITERION_INVALID: ['7 goods[0].originCriterion', (c) => (c.goods[0].originCriterion = 'E')],
    CERT_CRITERION_UNFIT: ['7 goods[0].originCriterion', (c) => (c.goods[0].originCriterion = 'D')],
    CERT_BLANKET_INVALID: ['8 blanketPeriod', (c) => (c.blanketPeriod = { start: '2026-12-31', end: '2026-04-01' })],
    CERT_BLANKET_TOO_LONG: ['8 blanketPeriod', (c) => (c.blanketPeriod = { start: '2026-04-01', end: '2027-04-01' })],
    CERT_BLANKET_RULE_CHANGE: undefined, // below, with a pack whose rule changes within the period
    CERT_DATE_INVALID: ['9 authorization.date', (c) => (c.authorization.date = '2026-02-30')],
    CERT_STATEMENT_INVALID: ['9 authorization.statement', (c) => (c.authorization.statementLang = 'es')],
    CERT_RULES_NOT_RELEASED: [
      'records[0].rules',
      (c) => ((c.records[0].rules.release = 'modified'), delete c.rulesNotice),
    ],
    CERT_RECORD_MISMATCH: ['records[0]', (c) => (c.records[0].claimId = 'OTHER')],
    CERT_GOOD_MISMATCH: ['6 goods[0].hs', (c) => (c.goods[0].hs = '8703.24')],
    CERT_FIGURE_MISMATCH: ['6 goods[0].figures', (c) => (c.goods[0].figures[1].threshold = '30')],
    CERT_PARTY_MISMATCH: ['4 producer', (c) => (c.certifier.company = c.authorization.company = 'Other SA')],
    CERT_CRITERION_MISMATCH: ['7 goods[0].originCriterion', (c) => (c.goods[0].originCriterion = 'C')],
    CERT_NOT_ORIGINATING: undefined, // a failing decision is refused before any certificate exists
  };
  for (const [code, breaker] of Object.entries(breakers)) {
    if (!breaker) continue;
    const [element, breakIt] = breaker;
    it(`names ${code} at ${element}`, async () => {
      const { certificate: c, inputs } = await issue({ discloseFigures: true });
      const problems = judged(
        code === 'CERT_ALTERED'
          ? (() => {
              const x = JSON.parse(renderJson(c!));
              breakIt(x);
              return x;
            })()
          : edited(c!, breakIt),
        inputs,
      );
      expect(problems.map((p) => p.code)).toContain(code);
      expect(problems.find((p) => p.code === code)?.element).toBe(element);
    });
  }

  it('refuses criteria A and D for a motor vehicle of headings 87.01 to 87.05 only (usmca.general.vehicle_origin_criteria)', async () => {
    const { certificate: c, inputs } = await issue();
    const pack = inputs[0]!.pack;
    const unfit = (hs: string, criterion: string) =>
      checkCertificate(
        edited(c!, (x) => ((x.goods[0].hs = hs), (x.goods[0].originCriterion = criterion))),
        pack,
      ).filter((p) => p.code === 'CERT_CRITERION_UNFIT');
    // Both ends of the range, and just outside it (87.06 chassis, 87.08 parts).
    for (const hs of ['8701.20', '8703.23', '8705.90']) {
      expect(unfit(hs, 'A').map((p) => p.element)).toEqual(['7 goods[0].originCriterion']);
      expect(unfit(hs, 'D')[0]?.message).toMatch(
        new RegExp(`^criterion D does not fit a motor vehicle of heading ${hs.slice(0, 4)}: .*\\(B or C; `),
      );
      expect(unfit(hs, 'B')).toEqual([]);
      expect(unfit(hs, 'C')).toEqual([]);
    }
    for (const hs of ['8706.00', '8708.99', '8409.91']) {
      expect(unfit(hs, 'A')).toEqual([]);
      expect(unfit(hs, 'D')).toEqual([]);
    }
  });

  it('names CERT_BLANKET_RULE_CHANGE when a rule the decision applied changes within the blanket period', async () => {
    const record = await recordFor(originatingClaim());
    const pack = rulePackFromContent(record.hashed.rulePack);
    const rvc = pack.parameters.get('usmca.auto.rvc.passenger_vehicle')!;
    (rvc.entries as Array<{ from: string; value: unknown }>).push({ from: '2026-09-01', value: '80' });
    const built = buildCertificate([{ record, pack }], BASE);
    const problems = matchRecords(JSON.parse(renderJson(built.certificate!)), [{ record, pack }]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'CERT_BLANKET_RULE_CHANGE',
        element: '8 blanketPeriod',
        message: expect.stringMatching(/usmca\.auto\.rvc\.passenger_vehicle.*from 2026-09-01/),
      }),
    ]);
  });

  it('names CERT_NOT_ORIGINATING when a certificate points at a record whose decision is not originating', async () => {
    const failing = originatingClaim();
    (failing.materials as unknown[]).push(line('IMPORTS', '9000.00', 'non-originating'));
    const record = await recordFor(failing);
    const { certificate: c } = await issue();
    const d = record.hashed.decision;
    const forged = edited(c!, (x) => {
      x.goods[0].record = record.sha256;
      x.records[0] = {
        ...x.records[0],
        sha256: record.sha256,
        claimId: d.claim.id,
        decisionDate: d.claim.decisionDate,
      };
    });
    const problems = matchRecords(forged, [withPack(record)]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'CERT_NOT_ORIGINATING',
        element: '6 goods[0]',
        message: 'the recorded decision is not-originating',
      }),
    );
  });

  it('lists every problem at once', async () => {
    const { certificate: c, inputs } = await issue();
    const problems = judged(
      edited(c!, (x) => {
        x.goods[0].hs = '87';
        x.goods[0].originCriterion = 'Z';
        delete x.authorization.name;
      }),
      inputs,
    );
    expect([...new Set(problems.map((p) => p.code))].sort()).toEqual([
      'CERT_CRITERION_INVALID',
      'CERT_CRITERION_MISMATCH',
      'CERT_ELEMENT_INVALID',
      'CERT_ELEMENT_MISSING',
      'CERT_GOOD_MISMATCH',
      'CERT_HS_INVALID',
    ]);
  });
});

describe('what the records decide beyond the nine elements: the annex and the citations', () => {
  // A forger who edits the annex or a citation and seals the certificate again changes nothing the hash can
  // tell; the records can: the annex and the citations are made from them, so they must be what they give.
  it('accepts what it issues, with the annex with and without the exact figures', async () => {
    for (const discloseFigures of [true, false]) {
      const { certificate: c, inputs } = await issue({ discloseFigures, annex: true });
      expect(judged(c, inputs)).toEqual([]);
    }
  });

  it('an exact figure, a threshold, a rule or a status of the annex edited: CERT_FIGURE_MISMATCH at annex', async () => {
    const { certificate: c, inputs } = await issue({ discloseFigures: true, annex: true });
    const rvc = (x: Record<string, any>) => x.annex.find((a: { requirement: string }) => a.requirement === 'rvc');
    expect(rvc(c!)).toMatchObject({ value: '91', threshold: '75', status: 'pass' });
    const edits: Array<(x: Record<string, any>) => void> = [
      (x) => (rvc(x).value = '96'),
      (x) => (rvc(x).threshold = '60'),
      (x) => (rvc(x).rule = 'usmca.auto.rvc.other_vehicle (from 2020-07-01)'),
      (x) => (rvc(x).citation = 'Uniform Regulations s. 99'),
      (x) => x.annex.pop(),
      (x) => x.annex.push({ ...rvc(x), requirement: 'rvc-bis' }),
      (x) => (x.annex = x.annex.map(({ value: _v, threshold: _t, ...line }: Record<string, unknown>) => line)),
    ];
    for (const edit of edits) {
      const problems = judged(edited(c!, edit), inputs);
      expect(problems.map((p) => [p.code, p.element])).toEqual([['CERT_FIGURE_MISMATCH', 'annex']]);
    }
  });

  it('an annex added to a certificate issued without one: CERT_FIGURE_MISMATCH at annex', async () => {
    const { certificate: plain, inputs } = await issue({ discloseFigures: true });
    const withAnnex = await certificate({ discloseFigures: true, annex: true });
    const forged = edited(plain!, (x) => (x.annex = JSON.parse(JSON.stringify(withAnnex.annex)).slice(0, 1)));
    expect(judged(forged, inputs).map((p) => [p.code, p.element])).toEqual([['CERT_FIGURE_MISMATCH', 'annex']]);
  });

  it('a citation edited: CERT_RECORD_MISMATCH at citations', async () => {
    const { certificate: c, inputs } = await issue({ discloseFigures: true });
    expect(c!.citations.criteria.B).toMatch(/Art\. 4\.2\(b\)/);
    for (const edit of [
      (x: Record<string, any>) => (x.citations.criteria.B = 'USMCA Art. 4.2(a)'),
      (x: Record<string, any>) => (x.citations.criteria.A = 'USMCA Art. 4.2(a)'),
      (x: Record<string, any>) => (x.citations.dataElements = 'USMCA Annex 5-A'),
    ]) {
      const problems = judged(edited(c!, edit), inputs);
      expect(problems.map((p) => [p.code, p.element])).toEqual([['CERT_RECORD_MISMATCH', 'citations']]);
    }
  });
});

describe('a blanket period at the end of the calendar', () => {
  it('9999-01-01..9999-12-31 is twelve months, not too long (it was an internal error, then CERT_BLANKET_TOO_LONG)', async () => {
    const {
      certificate: c,
      problems,
      inputs,
    } = await issue({ blanket: '9999-01-01..9999-12-31', signedOn: '9999-12-31' });
    expect(problems).toEqual([]);
    expect(c!.blanketPeriod).toEqual({ start: '9999-01-01', end: '9999-12-31' });
    expect(judged(c, inputs)).toEqual([]);
    const longer = await issue({ blanket: '9998-12-31..9999-12-31', signedOn: '9999-12-31' });
    expect(judged(longer.certificate, longer.inputs).map((p) => [p.code, p.message])).toEqual([
      ['CERT_BLANKET_TOO_LONG', expect.stringMatching(/it must end by 9999-12-30$/)],
    ]);
  });
});
