/**
 * A certificate against the decision records it names, element by element: every record given and named, every
 * good decided by its record (description, HS, model line, criterion, originating), every figure the one its
 * decision gives, the producer the records' producer (or the certifier, when the producer certifies under its
 * own company), the decision dates, no rule the decisions applied changing value within the blanket period
 * (the decision would not cover shipments after the change), and the annex and citations the records give. What no record holds (the certifier, exporter and
 * importer) rests on the certificate's sha256 and signature; `validate` says so.
 */
import type { DecisionRecord } from '../audit/record.js';
import { canonicalJson } from '../canonical/json.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';
import { recordProducer } from './build.js';
import { decisionAnnex, decisionFigures } from './figures.js';
import { CRITERIA, type CertificateProblem, type CertificateProblemCode } from './model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every mismatch between a certificate as read and its records (each with the rule pack it embeds). */
export function matchRecords(
  cert: Obj,
  records: Array<{ record: DecisionRecord; pack: RulePack }>,
): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const add = (code: CertificateProblemCode, element: string, message: string) =>
    problems.push({ code, element, message });
  const refs = Array.isArray(cert.records) ? (cert.records as unknown[]).filter(isObj) : [];
  const byHash = new Map(records.map((r) => [r.record.sha256, r]));
  const named = new Set(refs.map((r) => r.sha256));
  for (const { record } of records)
    if (!named.has(record.sha256))
      add('CERT_RECORD_MISMATCH', 'records', `record ${record.sha256} was given but the certificate does not name it`);
  refs.forEach((ref, i) => {
    const found = byHash.get(String(ref.sha256));
    if (!found)
      return add(
        'CERT_RECORD_MISMATCH',
        `records[${i}]`,
        `the certificate names record ${String(ref.sha256)}, which was not given`,
      );
    const d = found.record.hashed.decision as Decision;
    const expected = {
      sha256: found.record.sha256,
      claimId: d.claim.id,
      decisionDate: d.claim.decisionDate,
      rules: { id: found.pack.id, version: found.pack.version, sha256: found.pack.sha256, release: d.rules.release },
      engine: found.record.hashed.engine,
    };
    if (canonicalJson(ref) !== canonicalJson(expected))
      add(
        'CERT_RECORD_MISMATCH',
        `records[${i}]`,
        `the reference ${canonicalJson(ref)} is not the record's ${canonicalJson(expected)}`,
      );
  });

  const goods = Array.isArray(cert.goods) ? (cert.goods as unknown[]) : [];
  goods.forEach((g, i) => {
    if (!isObj(g)) return;
    const found = byHash.get(String(g.record));
    if (!found)
      return add(
        'CERT_GOOD_MISMATCH',
        `6 goods[${i}]`,
        `no record given decides this good ("${String(g.description)}")`,
      );
    const d = found.record.hashed.decision as Decision;
    const good = d.claim.good as { description?: string; hs?: string; modelLine?: string };
    for (const k of ['description', 'hs', 'modelLine'] as const)
      if ((g[k] ?? null) !== (good[k] ?? null))
        add(
          'CERT_GOOD_MISMATCH',
          `6 goods[${i}].${k}`,
          `the certificate says ${JSON.stringify(g[k] ?? null)}; the record decided ${JSON.stringify(good[k] ?? null)}`,
        );
    if (d.verdict !== 'originating')
      add('CERT_NOT_ORIGINATING', `6 goods[${i}]`, `the recorded decision is ${d.verdict}`);
    else if (g.originCriterion !== d.originCriterion)
      add(
        'CERT_CRITERION_MISMATCH',
        `7 goods[${i}].originCriterion`,
        `the certificate says ${String(g.originCriterion)}; the decision gives ${String(d.originCriterion)}`,
      );
    if (g.figures !== undefined && canonicalJson(g.figures) !== canonicalJson(decisionFigures(d)))
      add(
        'CERT_FIGURE_MISMATCH',
        `6 goods[${i}].figures`,
        `the certificate shows ${canonicalJson(g.figures)}; the decision gives ${canonicalJson(decisionFigures(d))}`,
      );
    checkBlanketRules(cert.blanketPeriod, d, found.pack, i, add);
  });
  matchDerived(cert, goods, byHash, add);
  const recordsWithGoods = new Set(goods.filter(isObj).map((g) => g.record));
  for (const { record } of records)
    if (!recordsWithGoods.has(record.sha256))
      add('CERT_GOOD_MISMATCH', '6 goods', `record ${record.sha256} decides a good the certificate does not describe`);

  // 4. Producer.
  const producers = [
    ...new Map(records.map(({ record }) => [canonicalJson(recordProducer(record)), recordProducer(record)])).values(),
  ];
  const p = cert.producer;
  const certifier = isObj(cert.certifier) ? cert.certifier : {};
  if (isObj(p) && 'sameAs' in p) {
    const company = certifier.company ?? certifier.name;
    if (producers.length !== 1 || company !== producers[0]?.name)
      add(
        'CERT_PARTY_MISMATCH',
        '4 producer',
        `"same as the certifier", but the certifier's company "${String(company)}" is not the producer of the records (${producers.map((x) => `"${x.name}"`).join(', ')})`,
      );
  } else if (isObj(p) && 'party' in p) {
    if (producers.length !== 1 || canonicalJson(p.party) !== canonicalJson(producers[0]))
      add(
        'CERT_PARTY_MISMATCH',
        '4 producer',
        `the producer on the certificate is not the records' producer ${producers.map((x) => `"${x.name}"`).join(', ')}`,
      );
  } else if (isObj(p) && 'parties' in p) {
    const sortKey = (xs: unknown[]) =>
      xs
        .map((x) => canonicalJson(x))
        .sort()
        .join('\n');
    if (!Array.isArray(p.parties) || sortKey(p.parties) !== sortKey(producers))
      add('CERT_PARTY_MISMATCH', '4 producer', 'the producers on the certificate are not the records’ producers');
  }
  return problems;
}

/**
 * The annex and the citations, which the certificate takes from its records: the annex is each good's
 * requirements with rule, citation and (where disclosed) exact figures, in the order of the goods; the citations
 * are the first good's pack's, for the criteria the goods use. Edited and sealed again, only this tells.
 */
function matchDerived(
  cert: Obj,
  goods: unknown[],
  byHash: Map<string, { record: DecisionRecord; pack: RulePack }>,
  add: (code: CertificateProblemCode, element: string, message: string) => void,
): void {
  const decided = goods.map((g) => (isObj(g) ? byHash.get(String(g.record)) : undefined));
  if (decided.length === 0 || decided.some((x) => x === undefined)) return; // already reported, good by good
  const found = decided as Array<{ record: DecisionRecord; pack: RulePack }>;
  if (cert.annex !== undefined) {
    const annex = (disclose: boolean) =>
      canonicalJson(
        found.flatMap(({ record }, i) => decisionAnnex(record.hashed.decision as Decision, i + 1, disclose)),
      );
    const shown = canonicalJson(cert.annex);
    // Disclosure is one choice for the whole certificate: where the form shows figures, so does the annex.
    const vehicles = found.some(({ record }) => decisionFigures(record.hashed.decision as Decision).length > 0);
    const disclosed = goods.some((g) => isObj(g) && g.figures !== undefined);
    const readings = vehicles ? [disclosed] : [true, false];
    if (!readings.some((disclose) => shown === annex(disclose)))
      add(
        'CERT_FIGURE_MISMATCH',
        'annex',
        'the annex is not the requirements, rules, citations and figures its records decide',
      );
  }
  const first = found[0]!;
  const date = (first.record.hashed.decision as Decision).claim.decisionDate;
  const criteria = first.pack.at('usmca.general.origin_criteria', date).value as Record<string, { provision?: string }>;
  const used = [
    ...new Set(found.map(({ record }) => String((record.hashed.decision as Decision).originCriterion))),
  ].sort();
  const expected = {
    dataElements: first.pack.at('usmca.general.certification', date).citation,
    criteria: Object.fromEntries(
      used.filter((c) => (CRITERIA as readonly string[]).includes(c)).map((c) => [c, criteria[c]?.provision ?? '']),
    ),
  };
  if (canonicalJson(cert.citations ?? null) !== canonicalJson(expected))
    add(
      'CERT_RECORD_MISMATCH',
      'citations',
      `the citations ${canonicalJson(cert.citations ?? null)} are not those of the records' rule pack, ${canonicalJson(expected)}`,
    );
}

/** A rule a decision applied that takes another value within the blanket period, after the decision date. */
function checkBlanketRules(
  bp: unknown,
  d: Decision,
  pack: RulePack,
  good: number,
  add: (code: CertificateProblemCode, element: string, message: string) => void,
): void {
  if (!isObj(bp) || typeof bp.end !== 'string') return;
  const end = bp.end;
  const ids = new Set<string>();
  const collect = (limbs: Array<{ rule?: { id: string }; limbs?: unknown[] }>) => {
    for (const l of limbs) {
      if (l.rule?.id) ids.add(l.rule.id);
      if (Array.isArray(l.limbs)) collect(l.limbs as typeof limbs);
    }
  };
  collect(d.requirements as unknown as Array<{ rule?: { id: string }; limbs?: unknown[] }>);
  for (const id of [...ids].sort()) {
    const change = pack.parameters.get(id)?.entries.find((e) => e.from > d.claim.decisionDate && e.from <= end);
    if (change)
      add(
        'CERT_BLANKET_RULE_CHANGE',
        '8 blanketPeriod',
        `rule ${id}, applied to good ${good + 1} as in force on ${d.claim.decisionDate}, takes another value from ${change.from}, within the blanket period ending ${end}: end the period on the day before, or certify later shipments from a new decision`,
      );
  }
}
