/**
 * The certification of origin (USMCA Art. 5.2 and Annex 5-A; US 19 CFR 182.12): the nine minimum data
 * elements, tied to a decision record by its sha256, with, for vehicles, the LVC, steel and aluminum figures
 * the producer certifies. Built from the record and the party documents; refused for a decision that is not
 * originating. No clock: the signature date is an input (default: the record's decision date).
 */
import type { DecisionRecord } from '../audit/record.js';
import type { PartyInput, ProducerInput } from '../input/documents.js';
import type { RulePack } from '../rules/pack.js';
import { addDays, addMonths } from '../num/dates.js';
import type { Decision } from '../verdict/decision.js';

export const CERTIFICATE_FORMAT = 'usmca-roo/certificate@1';

export interface PartyOut {
  name: string;
  title?: string;
  company?: string;
  address: { street: string; city: string; region?: string; postalCode?: string; country: string };
  email?: string;
  phone?: string;
  taxId?: string;
}

export type PartyElement = { party: PartyOut } | { sameAs: 'certifier' | 'exporter' } | { statement: string };

export interface Certificate {
  format: typeof CERTIFICATE_FORMAT;
  record: {
    sha256: string;
    claimId: string;
    decisionDate: string;
    rules: { id: string; version: string; sha256: string };
    engine: { name: string; version: string };
  };
  certifierRole: 'importer' | 'exporter' | 'producer';
  certifier: PartyOut;
  exporter: PartyElement;
  producer: PartyElement;
  importer: PartyElement;
  goods: Array<{ description: string; hs: string; modelLine?: string }>;
  originCriterion: string;
  blanketPeriod: { start: string; end: string } | null;
  authorization: { name: string; title?: string; company?: string; date: string; statement: string; signature: null };
  vehicleFigures?: Array<{
    requirement: string;
    status: string;
    value?: string;
    threshold?: string;
    rule?: string;
    citation?: string;
  }>;
  citations: { dataElements: string; criterion: string };
}

export class CertificateRefused extends Error {}
export class CertificateInputError extends Error {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

export interface CertificateOptions {
  certifier: PartyInput;
  exporter?: PartyInput | undefined;
  importer?: PartyInput | undefined;
  /** "YYYY-MM-DD..YYYY-MM-DD" */
  blanket?: string | undefined;
  signedOn?: string | undefined;
}

function party(p: PartyInput | ProducerInput): PartyOut {
  const a = p.address ?? { street: '', city: '', country: '' };
  const out: PartyOut = {
    name: p.name,
    address: {
      street: a.street,
      city: a.city,
      country: a.country,
      ...(a.region ? { region: a.region } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
    },
  };
  if ('title' in p && p.title) out.title = p.title;
  if ('company' in p && p.company) out.company = p.company;
  if (p.email) out.email = p.email;
  if (p.phone) out.phone = p.phone;
  if (p.taxId) out.taxId = p.taxId;
  return out;
}

export function buildCertificate(record: DecisionRecord, pack: RulePack, options: CertificateOptions): Certificate {
  const decision = record.hashed.decision as Decision;
  if (decision.verdict !== 'originating' || !decision.originCriterion) {
    const failing = decision.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
    throw new CertificateRefused(
      `the recorded decision for claim ${decision.claim.id} is not originating (failing: ${failing.join(', ') || 'none'}); a certification of origin cannot be made for it`,
    );
  }
  const cert = pack.at('usmca.general.certification', decision.claim.decisionDate);
  const problems: Array<{ field: string; message: string }> = [];
  const role = options.certifier.role;
  if (!role)
    problems.push({
      field: 'certifier.role',
      message: 'the certifier document must say whether the certifier is the importer, exporter or producer',
    });
  let blanketPeriod: Certificate['blanketPeriod'] = null;
  if (options.blanket !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(options.blanket);
    if (!m) problems.push({ field: '--blanket', message: 'expected START..END, e.g. 2026-01-01..2026-12-31' });
    else {
      const [, start, end] = m as unknown as [string, string, string];
      const limit = addDays(addMonths(start, Number(cert.value.blanketPeriodMaxMonths)), -1);
      if (end < start)
        problems.push({ field: '--blanket', message: `the period ends (${end}) before it starts (${start})` });
      else if (end > limit)
        problems.push({
          field: '--blanket',
          message: `a blanket period may not exceed ${cert.value.blanketPeriodMaxMonths} months (${cert.citation}); from ${start} it must end by ${limit}`,
        });
      else blanketPeriod = { start, end };
    }
  }
  const signedOn = options.signedOn ?? decision.claim.decisionDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(signedOn))
    problems.push({ field: '--signed-on', message: 'expected a date YYYY-MM-DD' });
  if (problems.length > 0) throw new CertificateInputError(problems);

  const input = record.hashed.input.claim as unknown as {
    producer: ProducerInput;
    good: { description: string; hs: string; modelLine?: string; kind: string };
  };
  const producerDoc = input.producer;
  const exporter: PartyElement = options.exporter
    ? { party: party(options.exporter) }
    : role === 'exporter'
      ? { sameAs: 'certifier' }
      : { statement: role === 'producer' ? 'Not known to the producer' : 'Not given' };
  const producer: PartyElement = role === 'producer' ? { sameAs: 'certifier' } : { party: party(producerDoc) };
  const importer: PartyElement = options.importer
    ? { party: party(options.importer) }
    : role === 'importer'
      ? { sameAs: 'certifier' }
      : { statement: 'Unknown' };
  const good = input.good;
  const vehicle = good.kind === 'vehicle';
  const figures = vehicle
    ? decision.requirements
        .filter((r) => ['rvc', 'lvc', 'steel', 'aluminum'].includes(r.id) && r.status !== 'not-applicable')
        .map((r) => ({
          requirement: r.id,
          status: r.status,
          ...(r.value !== undefined ? { value: r.value } : {}),
          ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
          ...(r.rule ? { rule: `${r.rule.id} (from ${r.rule.effectiveFrom})` } : {}),
          ...(r.citation ? { citation: r.citation } : {}),
        }))
    : undefined;
  const criteria = pack.at('usmca.general.origin_criteria', decision.claim.decisionDate).value;
  return {
    format: CERTIFICATE_FORMAT,
    record: {
      sha256: record.sha256,
      claimId: decision.claim.id,
      decisionDate: decision.claim.decisionDate,
      rules: decision.rules,
      engine: decision.engine,
    },
    certifierRole: role as Certificate['certifierRole'],
    certifier: party(options.certifier),
    exporter,
    producer,
    importer,
    goods: [{ description: good.description, hs: good.hs, ...(good.modelLine ? { modelLine: good.modelLine } : {}) }],
    originCriterion: decision.originCriterion,
    blanketPeriod,
    authorization: {
      name: options.certifier.name,
      ...(options.certifier.title ? { title: options.certifier.title } : {}),
      ...(options.certifier.company ? { company: options.certifier.company } : {}),
      date: signedOn,
      statement: cert.value.statement,
      signature: null,
    },
    ...(figures ? { vehicleFigures: figures } : {}),
    citations: {
      dataElements: cert.citation,
      criterion: `${criteria[decision.originCriterion as 'A']?.provision ?? ''}`.trim(),
    },
  };
}

export const ELEMENT_TITLES = [
  '1. Importer, exporter or producer certification',
  '2. Certifier',
  '3. Exporter',
  '4. Producer',
  '5. Importer',
  '6. Description and HS tariff classification of the good',
  '7. Origin criterion',
  '8. Blanket period',
  '9. Authorized signature and date',
] as const;
