/**
 * Validation of a certification of origin, for brokers: every data element present and well formed (6-digit
 * HS, blanket period within the pack's limit, real dates, a criterion that fits the good), and, given the
 * decision record, that the certificate matches it (hash, good, criterion, verdict). All problems at once.
 */
import { isRealDate } from '../input/fields.js';
import { addDays, addMonths } from '../num/dates.js';
import type { RulePack } from '../rules/pack.js';
import type { DecisionRecord } from '../audit/record.js';
import type { Decision } from '../verdict/decision.js';

export const CERTIFICATE_PROBLEMS = {
  CERT_FORMAT: 'not a usmca-roo certificate (format usmca-roo/certificate@1)',
  CERT_ELEMENT_MISSING: 'a minimum data element, or a required part of one, is missing',
  CERT_ROLE_INVALID: 'the certifier role is not importer, exporter or producer',
  CERT_CONTACT_INVALID: 'an address, country, email or telephone is malformed',
  CERT_HS_INVALID: 'the HS classification is not given to 6 digits',
  CERT_CRITERION_INVALID: 'the origin criterion is not A, B, C or D',
  CERT_CRITERION_UNFIT: 'the origin criterion does not fit the good',
  CERT_BLANKET_INVALID: 'the blanket period is malformed or ends before it starts',
  CERT_BLANKET_TOO_LONG: 'the blanket period is longer than the law allows',
  CERT_DATE_INVALID: 'a date is not a real date written YYYY-MM-DD',
  CERT_RECORD_MISMATCH: 'the certificate names another decision record',
  CERT_GOOD_MISMATCH: 'the good on the certificate is not the good of the record',
  CERT_CRITERION_MISMATCH: 'the criterion on the certificate is not the one the decision gives',
  CERT_NOT_ORIGINATING: 'the recorded decision is not originating',
} as const;
export type CertificateProblemCode = keyof typeof CERTIFICATE_PROBLEMS;

export interface CertificateProblem {
  code: CertificateProblemCode;
  element: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function validateCertificate(cert: unknown, pack: RulePack): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const add = (code: CertificateProblemCode, element: string, message: string) =>
    problems.push({ code, element, message });
  if (!isObj(cert) || cert.format !== 'usmca-roo/certificate@1') {
    add('CERT_FORMAT', 'format', 'expected format "usmca-roo/certificate@1"');
    return problems;
  }
  const date =
    isObj(cert.record) && str(cert.record.decisionDate) && isRealDate(cert.record.decisionDate)
      ? cert.record.decisionDate
      : undefined;
  const rules = pack.at('usmca.general.certification', date ?? '2100-01-01');

  // 1. Certifier role
  if (cert.certifierRole === undefined)
    add('CERT_ELEMENT_MISSING', '1 certifierRole', 'missing: importer, exporter or producer');
  else if (!['importer', 'exporter', 'producer'].includes(cert.certifierRole as string))
    add(
      'CERT_ROLE_INVALID',
      '1 certifierRole',
      `"${String(cert.certifierRole)}" is not importer, exporter or producer`,
    );
  // 2. Certifier
  checkParty(cert.certifier, '2 certifier', add, true);
  // 3-5. Exporter, producer, importer
  for (const [key, label] of [
    ['exporter', '3 exporter'],
    ['producer', '4 producer'],
    ['importer', '5 importer'],
  ] as const) {
    const e = cert[key];
    if (!isObj(e)) add('CERT_ELEMENT_MISSING', label, 'missing: the party, "sameAs", or a statement such as "Unknown"');
    else if (isObj(e.party)) checkParty(e.party, label, add, false);
    else if (!str(e.sameAs) && !str(e.statement))
      add('CERT_ELEMENT_MISSING', label, 'give the party, "sameAs", or a statement');
  }
  // 6. Goods
  const goods = Array.isArray(cert.goods) ? cert.goods : [];
  if (goods.length === 0) add('CERT_ELEMENT_MISSING', '6 goods', 'no good is described');
  goods.forEach((g, i) => {
    const el = `6 goods[${i}]`;
    if (!isObj(g) || !str(g.description)) add('CERT_ELEMENT_MISSING', el, 'description missing');
    const hs = isObj(g) ? g.hs : undefined;
    const digits = typeof hs === 'string' ? hs.replace(/\./g, '') : '';
    if (!str(hs)) add('CERT_ELEMENT_MISSING', `${el}.hs`, 'HS classification missing');
    else if (!/^\d+$/.test(digits) || digits.length !== Number(rules.value.hsDigits))
      add(
        'CERT_HS_INVALID',
        `${el}.hs`,
        `"${String(hs)}" is not a ${rules.value.hsDigits}-digit HS subheading (e.g. "8703.23")`,
      );
  });
  // 7. Origin criterion
  const criterion = cert.originCriterion;
  if (criterion === undefined) add('CERT_ELEMENT_MISSING', '7 originCriterion', 'missing');
  else if (!['A', 'B', 'C', 'D'].includes(criterion as string))
    add('CERT_CRITERION_INVALID', '7 originCriterion', `"${String(criterion)}" is not A, B, C or D`);
  else if (Array.isArray(cert.vehicleFigures) && (criterion === 'A' || criterion === 'D')) {
    add(
      'CERT_CRITERION_UNFIT',
      '7 originCriterion',
      `criterion ${criterion} does not fit a motor vehicle: a vehicle is produced from materials and classified apart from its parts (B, or C if every material is originating)`,
    );
  }
  // 8. Blanket period
  const bp = cert.blanketPeriod;
  if (bp !== null && bp !== undefined) {
    if (!isObj(bp) || !str(bp.start) || !str(bp.end) || !isRealDate(bp.start) || !isRealDate(bp.end))
      add('CERT_BLANKET_INVALID', '8 blanketPeriod', 'expected { start, end } as dates YYYY-MM-DD');
    else if (bp.end < bp.start)
      add('CERT_BLANKET_INVALID', '8 blanketPeriod', `ends (${bp.end}) before it starts (${bp.start})`);
    else {
      const limit = addDays(addMonths(bp.start, Number(rules.value.blanketPeriodMaxMonths)), -1);
      if (bp.end > limit)
        add(
          'CERT_BLANKET_TOO_LONG',
          '8 blanketPeriod',
          `${bp.start} to ${bp.end} is longer than ${rules.value.blanketPeriodMaxMonths} months (${rules.citation}); it must end by ${limit}`,
        );
    }
  }
  // 9. Authorization
  const a = cert.authorization;
  if (!isObj(a)) add('CERT_ELEMENT_MISSING', '9 authorization', 'signature block missing');
  else {
    if (!str(a.name)) add('CERT_ELEMENT_MISSING', '9 authorization.name', 'name of the person signing missing');
    if (!str(a.date)) add('CERT_ELEMENT_MISSING', '9 authorization.date', 'date missing');
    else if (!isRealDate(a.date))
      add('CERT_DATE_INVALID', '9 authorization.date', `"${a.date}" is not a date YYYY-MM-DD`);
    if (!str(a.statement))
      add('CERT_ELEMENT_MISSING', '9 authorization.statement', 'the certification statement is missing');
  }
  if (!isObj(cert.record) || typeof cert.record.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(cert.record.sha256)) {
    add('CERT_ELEMENT_MISSING', 'record.sha256', 'the hash of the decision record is missing or malformed');
  }
  return problems;
}

function checkParty(
  p: unknown,
  element: string,
  add: (c: CertificateProblemCode, e: string, m: string) => void,
  contactRequired: boolean,
): void {
  if (!isObj(p)) {
    add('CERT_ELEMENT_MISSING', element, 'missing');
    return;
  }
  if (!str(p.name)) add('CERT_ELEMENT_MISSING', `${element}.name`, 'name missing');
  const a = p.address;
  if (!isObj(a)) add('CERT_ELEMENT_MISSING', `${element}.address`, 'address missing');
  else {
    if (!str(a.street) || !str(a.city))
      add('CERT_ELEMENT_MISSING', `${element}.address`, 'street and city are required');
    if (!str(a.country)) add('CERT_ELEMENT_MISSING', `${element}.address.country`, 'country missing');
    else if (!/^[A-Z]{2}$/.test(a.country))
      add('CERT_CONTACT_INVALID', `${element}.address.country`, `"${a.country}" is not an ISO 3166 alpha-2 code`);
  }
  if (contactRequired && !str(p.email)) add('CERT_ELEMENT_MISSING', `${element}.email`, 'email missing');
  if (str(p.email) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email))
    add('CERT_CONTACT_INVALID', `${element}.email`, `"${p.email}" is not an email address`);
  if (contactRequired && !str(p.phone)) add('CERT_ELEMENT_MISSING', `${element}.phone`, 'telephone missing');
  if (str(p.phone) && !/^\+?[\d\s().-]{6,}$/.test(p.phone))
    add('CERT_CONTACT_INVALID', `${element}.phone`, `"${p.phone}" is not a telephone number`);
}

/** The certificate against its decision record: same record, same good, same criterion, originating. */
export function matchRecord(cert: Obj, record: DecisionRecord): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const add = (code: CertificateProblemCode, element: string, message: string) =>
    problems.push({ code, element, message });
  const decision = record.hashed.decision as Decision;
  const certRecord = isObj(cert.record) ? cert.record : {};
  if (certRecord.sha256 !== record.sha256)
    add(
      'CERT_RECORD_MISMATCH',
      'record.sha256',
      `the certificate names record ${String(certRecord.sha256)}, not ${record.sha256}`,
    );
  const good = decision.claim.good as { hs?: string; description?: string };
  const goods = Array.isArray(cert.goods) ? (cert.goods as Obj[]) : [];
  const g = goods[0];
  if (
    g &&
    (String(g.hs).replace(/\./g, '') !== String(good.hs).replace(/\./g, '') || g.description !== good.description)
  ) {
    add(
      'CERT_GOOD_MISMATCH',
      '6 goods[0]',
      `the certificate describes "${String(g.description)}" (HS ${String(g.hs)}); the record decided "${String(good.description)}" (HS ${String(good.hs)})`,
    );
  }
  if (decision.verdict !== 'originating')
    add('CERT_NOT_ORIGINATING', 'record', `the recorded decision is ${decision.verdict}`);
  else if (cert.originCriterion !== decision.originCriterion)
    add(
      'CERT_CRITERION_MISMATCH',
      '7 originCriterion',
      `the certificate says ${String(cert.originCriterion)}; the decision gives ${String(decision.originCriterion)}`,
    );
  return problems;
}
