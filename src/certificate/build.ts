/**
 * Builds a certification of origin from one or more decision records (one good each) and the party documents.
 * Refuses a decision that is not originating (CertificateRefused). Problems with the options (a date that is
 * not a real date, a blanket period written otherwise than START..END, an element the certifier's role
 * requires) are returned with the certificate left undefined; everything else about the result is judged by
 * checkCertificate and matchRecords, the same checks `validate` runs, before anything is written.
 *
 * Element 3 (exporter): a party, "same as the certifier" (the exporter certifies, or `--exporter same`), or, for
 * a producer that does not know the exporter, a statement saying so (`--exporter unknown`, 19 CFR
 * 182.12(a)(4)(iii)); a producer or importer certifying must say which. Element 4 (producer): "same as the
 * certifier" only when the producer certifies and the certifier's company is the producer of every record;
 * otherwise the producer of the records, or all of them (several producers). Element 5 (importer): a party,
 * "same as the certifier" (the importer certifies), or "Unknown".
 */
import type { DecisionRecord } from '../audit/record.js';
import { canonicalHash } from '../canonical/json.js';
import type { PartyInput, ProducerInput } from '../input/documents.js';
import { isRealDate } from '../input/fields.js';
import type { RulePack } from '../rules/pack.js';
import { describeRelease, packRelease } from '../rules/release.js';
import type { Decision } from '../verdict/decision.js';
import { decisionAnnex, decisionFigures } from './figures.js';
import {
  CERTIFICATE_FORMAT,
  CertificateRefused,
  CRITERIA,
  type Certificate,
  type CertificateProblem,
  type CertifiedGood,
  type Lang,
  type PartyElement,
  type PartyOut,
  type VehicleCertification,
} from './model.js';
import { statementFor } from './statement.js';

/**
 * What the certifier says beyond the decision records (Annex 5-A): the parties (elements 1 to 5), the blanket period
 * (element 8), the signature's date (element 9), the language, and whether figures and the annex are shown.
 */
export interface CertificateOptions {
  /** The certifier's party document (format usmca-roo/party@1), with its role (element 1). */
  certifier: PartyInput;
  /** The exporter's party document, or 'same' (the certifier) or 'unknown' (a producer certifying). */
  exporter?: PartyInput | 'same' | 'unknown' | undefined;
  /** The importer's party document, if known; otherwise the certificate says "unknown" (element 5). */
  importer?: PartyInput | undefined;
  /** The blanket period, "YYYY-MM-DD..YYYY-MM-DD", at most 12 months (element 8); absent for a single shipment. */
  blanket?: string | undefined;
  /** The date of the signature, YYYY-MM-DD: required. */
  signedOn: string | undefined;
  /** The certificate's language: en (default), es or fr. */
  lang?: Lang;
  /** Show the RVC, LVC, steel and aluminum figures on the form (confidential otherwise). */
  discloseFigures?: boolean;
  /** Add the annex: each requirement with its rule id and citation. */
  annex?: boolean;
  /** The CBP identifiers of the producer's certifications covering the goods (from the store). */
  vehicleCertifications?: VehicleCertification[];
}

/** A record with the rule pack it embeds (rebuilt from its content). */
export interface RecordWithPack {
  record: DecisionRecord;
  pack: RulePack;
}

/** A party document as the certificate shows it. */
export function partyOut(p: PartyInput | ProducerInput): PartyOut {
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

/** The producer document inlined in a record's input. */
export function recordProducer(record: DecisionRecord): PartyOut {
  return partyOut((record.hashed.input.claim as unknown as { producer: ProducerInput }).producer);
}

function parseBlanket(text: string, problems: CertificateProblem[]): { start: string; end: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (!m) {
    problems.push({
      code: 'CERT_BLANKET_INVALID',
      element: '--blanket',
      message: `"${text}": expected START..END, two dates YYYY-MM-DD, e.g. 2026-01-01..2026-12-31`,
    });
    return null;
  }
  const [, start, end] = m as unknown as [string, string, string];
  for (const d of [start, end])
    if (!isRealDate(d))
      problems.push({ code: 'CERT_DATE_INVALID', element: '--blanket', message: `${d} is not a real date` });
  return { start, end };
}

/** The certificate for `inputs` (one good each), or the problems with the options; throws CertificateRefused. */
export function buildCertificate(
  inputs: RecordWithPack[],
  options: CertificateOptions,
): { certificate?: Certificate; problems: CertificateProblem[] } {
  const problems: CertificateProblem[] = [];
  const add = (code: CertificateProblem['code'], element: string, message: string) =>
    problems.push({ code, element, message });
  const lang = options.lang ?? 'en';
  for (const { record } of inputs) {
    const d = record.hashed.decision as Decision;
    if (d.verdict !== 'originating' || !d.originCriterion) {
      const failing = d.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
      throw new CertificateRefused(
        `the recorded decision for claim ${d.claim.id} is not originating (failing: ${failing.join(', ') || 'none'}); a certification of origin cannot be made for it`,
      );
    }
  }
  const role = options.certifier.role;
  if (!role)
    add(
      'CERT_ELEMENT_MISSING',
      '--certifier role',
      'the certifier document must say whether the certifier is the importer, exporter or producer (role)',
    );
  if (options.signedOn === undefined)
    add(
      'CERT_ELEMENT_MISSING',
      '--signed-on',
      'the date of the signature is required (YYYY-MM-DD, not before the decision date)',
    );
  else if (!isRealDate(options.signedOn))
    add('CERT_DATE_INVALID', '--signed-on', `"${options.signedOn}" is not a real date written YYYY-MM-DD`);
  const blanketPeriod = options.blanket === undefined ? null : parseBlanket(options.blanket, problems);

  let exporter: PartyElement | undefined;
  const ex = options.exporter;
  if (ex === undefined) {
    if (role === 'exporter') exporter = { sameAs: 'certifier' };
    else if (role)
      add(
        'CERT_ELEMENT_MISSING',
        '--exporter',
        `the ${role} certifies: give the exporter's party document, "same" if the certifier also exports${role === 'producer' ? ', or "unknown" if the producer does not know the exporter (19 CFR 182.12(a)(4)(iii))' : ''}`,
      );
  } else if (ex === 'same') exporter = { sameAs: 'certifier' };
  else if (ex === 'unknown') {
    if (role === 'producer') exporter = { statement: 'unknown-to-producer' };
    else
      add(
        'CERT_ELEMENT_INVALID',
        '--exporter',
        'only a producer certifying may leave the exporter unknown (19 CFR 182.12(a)(4)(iii))',
      );
  } else exporter = { party: partyOut(ex) };

  // The statement: the same wording in every record's pack.
  const first = inputs[0];
  let statement: { text: string; lang: Lang } | undefined;
  for (const { record, pack } of inputs) {
    const found = statementFor(pack, (record.hashed.decision as Decision).claim.decisionDate, lang);
    if ('draft' in found) add('CERT_STATEMENT_INVALID', `record ${record.sha256.slice(0, 16)}...`, found.draft);
    else if (statement && (statement.text !== found.text || statement.lang !== found.lang))
      add(
        'CERT_STATEMENT_INVALID',
        `record ${record.sha256.slice(0, 16)}...`,
        'the records’ rule packs word the statement differently: certify them separately',
      );
    else statement = found;
  }
  if (!first || !role || !exporter || !statement || options.signedOn === undefined || problems.length > 0)
    return { problems };

  const producers = inputs.map(({ record }) => recordProducer(record));
  const distinct = [...new Map(producers.map((p) => [canonicalHash(p), p])).values()];
  const certifier = partyOut(options.certifier);
  const producer: PartyElement =
    role === 'producer' && distinct.length === 1 && (certifier.company ?? certifier.name) === distinct[0]?.name
      ? { sameAs: 'certifier' }
      : distinct.length === 1
        ? { party: distinct[0] as PartyOut }
        : { parties: distinct };
  const importer: PartyElement = options.importer
    ? { party: partyOut(options.importer) }
    : role === 'importer'
      ? { sameAs: 'certifier' }
      : { statement: 'unknown' };

  const goods: CertifiedGood[] = inputs.map(({ record }) => {
    const d = record.hashed.decision as Decision;
    const g = d.claim.good as { description: string; hs: string; modelLine?: string };
    const figures = options.discloseFigures ? decisionFigures(d) : [];
    return {
      description: g.description,
      hs: g.hs,
      ...(g.modelLine ? { modelLine: g.modelLine } : {}),
      originCriterion: d.originCriterion as CertifiedGood['originCriterion'],
      record: record.sha256,
      ...(figures.length > 0 ? { figures } : {}),
    };
  });
  const notices = inputs.flatMap(({ pack }) => {
    const release = packRelease(pack);
    return release === 'released' ? [] : [describeRelease(pack, release)];
  });
  const criteria = first.pack.at(
    'usmca.general.origin_criteria',
    (first.record.hashed.decision as Decision).claim.decisionDate,
  ).value;
  const used = [...new Set(goods.map((g) => g.originCriterion))].sort();
  const content: Omit<Certificate, 'sha256'> = {
    format: CERTIFICATE_FORMAT,
    lang,
    certifierRole: role,
    certifier,
    exporter,
    producer,
    importer,
    goods,
    blanketPeriod,
    authorization: {
      name: certifier.name,
      ...(certifier.title ? { title: certifier.title } : {}),
      ...(certifier.company ? { company: certifier.company } : {}),
      date: options.signedOn,
      statement: statement.text,
      statementLang: statement.lang,
    },
    records: inputs.map(({ record, pack }) => {
      const d = record.hashed.decision as Decision;
      return {
        sha256: record.sha256,
        claimId: d.claim.id,
        decisionDate: d.claim.decisionDate,
        rules: { id: pack.id, version: pack.version, sha256: pack.sha256, release: packRelease(pack) },
        engine: { ...record.hashed.engine },
      };
    }),
    ...(notices.length > 0 ? { rulesNotice: [...new Set(notices)] } : {}),
    ...(options.annex
      ? {
          annex: inputs.flatMap(({ record }, i) =>
            decisionAnnex(record.hashed.decision as Decision, i + 1, options.discloseFigures === true),
          ),
        }
      : {}),
    ...(options.vehicleCertifications && options.vehicleCertifications.length > 0
      ? { vehicleCertifications: options.vehicleCertifications.map((v) => ({ ...v })) }
      : {}),
    citations: {
      dataElements: first.pack.at(
        'usmca.general.certification',
        (first.record.hashed.decision as Decision).claim.decisionDate,
      ).citation,
      criteria: Object.fromEntries(
        used
          .filter((c) => (CRITERIA as readonly string[]).includes(c))
          .map((c) => [c, criteria[c as 'A']?.provision ?? '']),
      ),
    },
  };
  return { certificate: sealCertificate(content), problems };
}

/** The certificate with its sha256 over everything but `sha256` and `signature`. */
export function sealCertificate(content: Omit<Certificate, 'sha256' | 'signature'>): Certificate {
  return { ...content, sha256: canonicalHash(content) };
}

/** The content a certificate's sha256 and signature cover: every field but those two. */
export function certificateContent(cert: Record<string, unknown>): Record<string, unknown> {
  const { sha256: _s, signature: _g, ...content } = cert;
  return content;
}
