/**
 * The certificate's content as titled sections of plain-text lines, in the certificate's language: shared by the
 * Markdown, HTML and PDF renderers (each escapes or lays out the lines for its own format), and by `validate`,
 * which looks for these lines in a PDF's text. Figures appear only where the certificate discloses them; rule
 * ids and exact figures only in the annex.
 */
import { LABELS, type Labels } from './i18n.js';
import type { Certificate, PartyElement, PartyOut } from './model.js';

export interface Section {
  title: string;
  lines: string[];
}

export function partyLines(p: PartyOut, l: Labels): string[] {
  const a = p.address;
  const out = [p.name];
  if (p.title) out.push(p.title);
  if (p.company) out.push(p.company);
  out.push([a.street, a.city, a.region, a.postalCode, a.country].filter((x) => x !== undefined && x !== '').join(', '));
  if (p.phone) out.push(`${l.telephone}: ${p.phone}`);
  if (p.email) out.push(`${l.email}: ${p.email}`);
  if (p.taxId) out.push(`${l.taxId}: ${p.taxId}`);
  return out;
}

function element(e: PartyElement, c: Certificate, l: Labels): string[] {
  if ('party' in e) return partyLines(e.party, l);
  if ('parties' in e) return [`${l.various}:`, ...e.parties.flatMap((p) => partyLines(p, l))];
  if ('sameAs' in e) return [l.sameAsCertifier(c.certifierRole)];
  switch (e.statement) {
    case 'unknown':
      return [l.unknown];
    case 'unknown-to-producer':
      return [l.unknownToProducer];
    case 'available-upon-request':
      return [l.availableUponRequest];
  }
}

/** The nine elements, in order. */
export function sections(c: Certificate): Section[] {
  const l = LABELS[c.lang];
  const t = l.titles(c.certifierRole);
  const a = c.authorization;
  return [
    { title: t[0] as string, lines: [l.certifiedBy(c.certifierRole)] },
    { title: t[1] as string, lines: partyLines(c.certifier, l) },
    { title: t[2] as string, lines: element(c.exporter, c, l) },
    { title: t[3] as string, lines: element(c.producer, c, l) },
    { title: t[4] as string, lines: element(c.importer, c, l) },
    {
      title: t[5] as string,
      lines: c.goods.flatMap((g, i) => [
        `${c.goods.length > 1 ? `${i + 1}. ` : ''}${g.description}${g.modelLine ? ` (${l.modelLine} ${g.modelLine})` : ''}`,
        `${l.hs} ${g.hs}`,
        ...(g.figures ?? []).map((f) => l.figure(l.requirement[f.requirement] ?? f.requirement, f.value, f.threshold)),
      ]),
    },
    {
      title: t[6] as string,
      lines: c.goods.map(
        (g, i) =>
          `${c.goods.length > 1 ? `${i + 1}. ` : ''}${l.criterion} ${g.originCriterion}${c.citations.criteria[g.originCriterion] ? ` (${c.citations.criteria[g.originCriterion]})` : ''}`,
      ),
    },
    {
      title: t[7] as string,
      lines: [c.blanketPeriod ? l.period(c.blanketPeriod.start, c.blanketPeriod.end) : l.singleShipment],
    },
    {
      title: t[8] as string,
      lines: [
        ...(a.statementLang !== c.lang && l.statementInEnglish ? [l.statementInEnglish] : []),
        a.statement,
        `${l.name}: ${[a.name, a.title, a.company].filter((x) => x).join(', ')}`,
        `${l.date}: ${a.date}`,
        c.signature
          ? `${l.signature}: ${l.digitallySigned(signatureKid(c.signature.jws))}`
          : `${l.signature}: ______________________________`,
      ],
    },
  ];
}

/** Lines after the nine elements: a warning for a pack that is not released, the records, the annex. */
export function afterword(c: Certificate): Section[] {
  const l = LABELS[c.lang];
  const out: Section[] = [];
  if (c.rulesNotice && c.rulesNotice.length > 0) out.push({ title: l.rulesWarning, lines: c.rulesNotice });
  out.push({
    title: l.recordsTitle,
    lines: [
      `${l.dataElements}: ${c.citations.dataElements}.`,
      ...c.records.map(
        (r) =>
          `sha256 ${r.sha256} (${r.claimId}, ${r.decisionDate}; ${r.rules.id} ${r.rules.version}; ${r.engine.name} ${r.engine.version})`,
      ),
      `sha256 ${c.sha256}`,
    ],
  });
  if (c.vehicleCertifications && c.vehicleCertifications.length > 0)
    out.push({
      title: l.vehicleCertificationsTitle,
      lines: c.vehicleCertifications.map((v) => `${c.goods.length > 1 ? `${v.good}. ` : ''}${v.kind} ${v.identifier}`),
    });
  if (c.annex && c.annex.length > 0)
    out.push({
      title: l.annexTitle,
      lines: c.annex.map(
        (x) =>
          `${c.goods.length > 1 ? `${x.good}. ` : ''}${x.requirement} ${x.status}${x.value !== undefined ? ` ${x.value}` : ''}${x.threshold !== undefined ? ` / ${x.threshold}` : ''}${x.rule ? `; ${x.rule}` : ''}${x.citation ? `; ${x.citation}` : ''}`,
      ),
    });
  return out;
}

function signatureKid(jws: string): string {
  try {
    const h = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof h.kid === 'string' ? h.kid : '?';
  } catch {
    return '?';
  }
}
