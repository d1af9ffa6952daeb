/**
 * The one check of a certification of origin, run by `certificate` on what it is about to write (refusing, exit
 * 2, anything found here) and by `validate` on what it reads: every Annex 5-A data element present and well
 * formed for the certifier's role (19 CFR 182.12(a)(4)), real dates, a signature not before any decision, a
 * blanket period within the pack's limit that does not end before a decision, the statement in the rule pack's
 * wording, texts within bounds, and the certificate's own sha256. All problems at once. What can only be
 * checked against the decision records (the goods, figures, producer) is matchRecords' work (match.ts).
 */
import { canonicalHash } from '../canonical/json.js';
import { isRealDate } from '../input/fields.js';
import { lastDayOfMonths } from '../num/dates.js';
import { hsMatchesAny, hsPrefix } from '../rules/hs.js';
import type { RulePack } from '../rules/pack.js';
import { certificateContent } from './build.js';
import { CERTIFICATE_FORMAT, CRITERIA, LANGS, ROLES, type CertificateProblem, type Lang } from './model.js';
import { checkElement, checkParty, isObj, str, type Add } from './check-parties.js';
import { statementFor } from './statement.js';
import { TEXT_LIMITS, textProblem } from './text.js';

/** Every problem of a certificate as read (parsed JSON), under `pack`'s certification rules; [] when it is well formed. */
export function checkCertificate(cert: unknown, pack: RulePack): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const add: Add = (code, element, message) => problems.push({ code, element, message });
  if (!isObj(cert) || cert.format !== CERTIFICATE_FORMAT) {
    const older = isObj(cert) && cert.format === 'usmca-roo/certificate@1';
    add(
      'CERT_FORMAT',
      'format',
      older
        ? 'a certificate of format usmca-roo/certificate@1 (engine 0.2.0 and earlier): it is not checkable; issue it again'
        : `expected format "${CERTIFICATE_FORMAT}"`,
    );
    return problems;
  }
  if (typeof cert.sha256 !== 'string' || cert.sha256 !== canonicalHash(certificateContent(cert)))
    add(
      'CERT_ALTERED',
      'sha256',
      'the certificate’s content does not match its sha256: it was edited after it was issued',
    );
  checkTexts(cert, '', add);
  const lang: Lang = (LANGS as readonly unknown[]).includes(cert.lang) ? (cert.lang as Lang) : 'en';
  if (!(LANGS as readonly unknown[]).includes(cert.lang))
    add('CERT_ELEMENT_INVALID', 'lang', `"${String(cert.lang)}" is not en, es or fr`);

  // Decision dates of the supporting records (the certificate's own references).
  const records = Array.isArray(cert.records) ? cert.records : [];
  if (records.length === 0) add('CERT_ELEMENT_MISSING', 'records', 'no decision record supports the certificate');
  const decided: string[] = [];
  records.forEach((r, i) => {
    if (!isObj(r) || typeof r.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(r.sha256))
      add('CERT_ELEMENT_MISSING', `records[${i}].sha256`, 'the hash of the decision record is missing or malformed');
    if (!isObj(r) || !str(r.decisionDate) || !isRealDate(r.decisionDate))
      add('CERT_DATE_INVALID', `records[${i}].decisionDate`, 'the decision date is not a real date YYYY-MM-DD');
    else decided.push(r.decisionDate);
    const release = isObj(r) && isObj(r.rules) ? r.rules.release : undefined;
    if (release !== 'released') {
      const noticed = Array.isArray(cert.rulesNotice) && cert.rulesNotice.length > 0;
      if (!noticed)
        add(
          'CERT_RULES_NOT_RELEASED',
          `records[${i}].rules`,
          `the rule pack is "${String(release)}", and the certificate does not say so (rulesNotice)`,
        );
    }
  });
  const lastDecision = decided.sort().at(-1);
  const rules = pack.at('usmca.general.certification', lastDecision ?? decided[0] ?? '2100-01-01');
  // The criteria that fit a motor vehicle, and the headings of those vehicles (s. 3(1)-(4)).
  const vehicles = pack.at('usmca.general.vehicle_origin_criteria', lastDecision ?? decided[0] ?? '2100-01-01');

  // 1. Certifier role
  const role = cert.certifierRole;
  if (role === undefined) add('CERT_ELEMENT_MISSING', '1 certifierRole', 'missing: importer, exporter or producer');
  else if (!(ROLES as readonly unknown[]).includes(role))
    add('CERT_ROLE_INVALID', '1 certifierRole', `"${String(role)}" is not importer, exporter or producer`);
  // 2. Certifier: name, title, address (including country), telephone and email (182.12(a)(4)(ii)).
  checkParty(cert.certifier, '2 certifier', add, { title: true });
  // 3-5. Exporter, producer, importer.
  checkElement(cert.exporter, '3 exporter', add, role, {
    sameAs: role === 'exporter' || role === 'producer' ? 'the certifier exports' : undefined,
    statements: role === 'producer' ? ['unknown-to-producer'] : [],
  });
  checkElement(cert.producer, '4 producer', add, role, {
    sameAs: role === 'producer' ? 'the producer certifies' : undefined,
    statements: ['available-upon-request'],
    several: true,
  });
  checkElement(cert.importer, '5 importer', add, role, {
    sameAs: role === 'importer' ? 'the importer certifies' : undefined,
    statements: ['unknown'],
  });
  // 6-7. Goods: description, HS to six digits, criterion; each good names one of the records.
  const goods = Array.isArray(cert.goods) ? cert.goods : [];
  if (goods.length === 0) add('CERT_ELEMENT_MISSING', '6 goods', 'no good is described');
  // One good per record, one record per good: a good listed twice, or a record listed twice, is a gained line.
  const recordHashes = new Set<unknown>();
  records.forEach((r, i) => {
    if (!isObj(r) || typeof r.sha256 !== 'string') return;
    if (recordHashes.has(r.sha256))
      add('CERT_RECORD_MISMATCH', `records[${i}]`, 'lists a decision record the certificate already lists');
    recordHashes.add(r.sha256);
  });
  const goodOf = new Map<unknown, number>();
  goods.forEach((g, i) => {
    if (!isObj(g) || !recordHashes.has(g.record)) return;
    const first = goodOf.get(g.record);
    if (first !== undefined)
      add(
        'CERT_RECORD_MISMATCH',
        `6 goods[${i}].record`,
        `names the decision record goods[${first}] names: each record decides one good, listed once`,
      );
    else goodOf.set(g.record, i);
  });
  records.forEach((r, i) => {
    if (isObj(r) && typeof r.sha256 === 'string' && goods.length > 0 && !goodOf.has(r.sha256))
      add('CERT_RECORD_MISMATCH', `records[${i}]`, 'no good of the certificate is decided by this record');
  });
  goods.forEach((g, i) => {
    const el = `6 goods[${i}]`;
    if (!isObj(g)) return add('CERT_ELEMENT_MISSING', el, 'not a good');
    if (!str(g.description)) add('CERT_ELEMENT_MISSING', `${el}.description`, 'description missing');
    const digits = typeof g.hs === 'string' ? g.hs.replace(/\./g, '') : '';
    if (!str(g.hs)) add('CERT_ELEMENT_MISSING', `${el}.hs`, 'HS classification missing');
    else if (!/^\d+$/.test(digits) || digits.length !== Number(rules.value.hsDigits))
      add(
        'CERT_HS_INVALID',
        `${el}.hs`,
        `"${g.hs}" is not a ${rules.value.hsDigits}-digit HS subheading (e.g. "8703.23")`,
      );
    const c = g.originCriterion;
    if (c === undefined) add('CERT_ELEMENT_MISSING', `7 goods[${i}].originCriterion`, 'missing');
    else if (!(CRITERIA as readonly unknown[]).includes(c))
      add('CERT_CRITERION_INVALID', `7 goods[${i}].originCriterion`, `"${String(c)}" is not A, B, C or D`);
    else if (
      !(vehicles.value.criteria as readonly unknown[]).includes(c) &&
      hsMatchesAny(digits, vehicles.value.headings)
    )
      add(
        'CERT_CRITERION_UNFIT',
        `7 goods[${i}].originCriterion`,
        `criterion ${c} does not fit a motor vehicle of heading ${hsPrefix(digits, 'heading')}: a vehicle is produced from materials and classified apart from its parts (${vehicles.value.criteria.join(' or ')}; ${vehicles.citation})`,
      );
    if (!recordHashes.has(g.record))
      add('CERT_RECORD_MISMATCH', `${el}.record`, 'the good names no decision record listed in the certificate');
  });
  // 8. Blanket period: real dates, in order, not longer than the pack allows, not over before a decision.
  const bp = cert.blanketPeriod;
  if (bp !== null && bp !== undefined) {
    if (!isObj(bp) || !str(bp.start) || !str(bp.end) || !isRealDate(bp.start) || !isRealDate(bp.end))
      add('CERT_BLANKET_INVALID', '8 blanketPeriod', 'expected { start, end }, real dates YYYY-MM-DD');
    else if (bp.end < bp.start)
      add('CERT_BLANKET_INVALID', '8 blanketPeriod', `ends (${bp.end}) before it starts (${bp.start})`);
    else {
      const limit = lastDayOfMonths(bp.start, Number(rules.value.blanketPeriodMaxMonths));
      if (bp.end > limit)
        add(
          'CERT_BLANKET_TOO_LONG',
          '8 blanketPeriod',
          `${bp.start} to ${bp.end} is longer than ${rules.value.blanketPeriodMaxMonths} months (${rules.citation}); it must end by ${limit}`,
        );
      if (lastDecision !== undefined && bp.end < lastDecision)
        add(
          'CERT_BLANKET_INVALID',
          '8 blanketPeriod',
          `the period ends on ${bp.end}, before the decision of ${lastDecision}: a decision cannot support shipments made before it was made`,
        );
    }
  }
  // 9. Authorized signature and date, with the statement.
  const a = cert.authorization;
  if (!isObj(a)) add('CERT_ELEMENT_MISSING', '9 authorization', 'signature block missing');
  else {
    if (!str(a.name)) add('CERT_ELEMENT_MISSING', '9 authorization.name', 'name of the person signing missing');
    const certifier = isObj(cert.certifier) ? cert.certifier : {};
    for (const k of ['name', 'title', 'company'] as const)
      if ((a[k] ?? null) !== (certifier[k] ?? null))
        add(
          'CERT_ELEMENT_INVALID',
          `9 authorization.${k}`,
          `"${String(a[k])}" is not the certifier's ${k} ("${String(certifier[k])}")`,
        );
    if (!str(a.date)) add('CERT_ELEMENT_MISSING', '9 authorization.date', 'date missing');
    else if (!isRealDate(a.date))
      add('CERT_DATE_INVALID', '9 authorization.date', `"${a.date}" is not a real date YYYY-MM-DD`);
    else if (lastDecision !== undefined && a.date < lastDecision)
      add('CERT_DATE_INVALID', '9 authorization.date', `signed on ${a.date}, before the decision of ${lastDecision}`);
    const expected = statementFor(pack, lastDecision ?? '2100-01-01', lang);
    if (!str(a.statement))
      add('CERT_ELEMENT_MISSING', '9 authorization.statement', 'the certification statement is missing');
    else if ('draft' in expected) add('CERT_STATEMENT_INVALID', '9 authorization.statement', expected.draft);
    else if (a.statement !== expected.text || a.statementLang !== expected.lang)
      add(
        'CERT_STATEMENT_INVALID',
        '9 authorization.statement',
        `not the Annex 5-A wording (${expected.citation}) in ${expected.lang}`,
      );
  }
  return problems;
}

const LONG_TEXT = new Set(['description', 'statement', 'rulesNotice', 'citation']);

/** Every string of the certificate within its length limit and free of control and direction characters. */
function checkTexts(v: unknown, path: string, add: Add): void {
  if (typeof v === 'string') {
    const key =
      path
        .replace(/\[\d+\]$/, '')
        .split('.')
        .at(-1) ?? '';
    const limit =
      LONG_TEXT.has(key) || path.startsWith('annex') || path.startsWith('citations')
        ? TEXT_LIMITS.description
        : TEXT_LIMITS.line;
    const why = key === 'statement' ? undefined : textProblem(v, limit);
    if (why) add('CERT_TEXT_INVALID', path, why);
    return;
  }
  if (Array.isArray(v)) v.forEach((x, i) => checkTexts(x, `${path}[${i}]`, add));
  else if (isObj(v))
    for (const [k, x] of Object.entries(v))
      if (path || k !== 'signature') checkTexts(x, path ? `${path}.${k}` : k, add);
}
