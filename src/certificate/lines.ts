/** The certificate's content as labelled lines, shared by the Markdown, HTML and PDF renderers. */
import { ELEMENT_TITLES, type Certificate, type PartyElement, type PartyOut } from './model.js';

export interface Section {
  title: string;
  lines: string[];
}

export function partyLines(p: PartyOut): string[] {
  const a = p.address;
  const out = [p.name];
  if (p.title) out.push(p.title);
  if (p.company) out.push(p.company);
  out.push([a.street, a.city, a.region, a.postalCode, a.country].filter((x) => x !== undefined && x !== '').join(', '));
  if (p.phone) out.push(`Telephone: ${p.phone}`);
  if (p.email) out.push(`Email: ${p.email}`);
  if (p.taxId) out.push(`Tax identification: ${p.taxId}`);
  return out;
}

function element(e: PartyElement): string[] {
  if ('party' in e) return partyLines(e.party);
  if ('sameAs' in e) return [`Same as the ${e.sameAs}`];
  return [e.statement];
}

const ROLE: Record<Certificate['certifierRole'], string> = {
  importer: 'Importer',
  exporter: 'Exporter',
  producer: 'Producer',
};

export function sections(c: Certificate): Section[] {
  const [t1, t2, t3, t4, t5, t6, t7, t8, t9] = ELEMENT_TITLES;
  return [
    { title: t1, lines: [ROLE[c.certifierRole]] },
    { title: t2, lines: partyLines(c.certifier) },
    { title: t3, lines: element(c.exporter) },
    { title: t4, lines: element(c.producer) },
    { title: t5, lines: element(c.importer) },
    {
      title: t6,
      lines: c.goods.flatMap((g) => [
        `${g.description}${g.modelLine ? ` (model line ${g.modelLine})` : ''}`,
        `HS ${g.hs}`,
      ]),
    },
    {
      title: t7,
      lines: [`Criterion ${c.originCriterion}${c.citations.criterion ? ` (${c.citations.criterion})` : ''}`],
    },
    {
      title: t8,
      lines: [
        c.blanketPeriod ? `From ${c.blanketPeriod.start} to ${c.blanketPeriod.end}` : 'Not applicable: single shipment',
      ],
    },
    {
      title: t9,
      lines: [
        c.authorization.statement,
        `Name: ${c.authorization.name}${c.authorization.title ? `, ${c.authorization.title}` : ''}${c.authorization.company ? `, ${c.authorization.company}` : ''}`,
        `Date: ${c.authorization.date}`,
        'Signature: ______________________________',
      ],
    },
  ];
}

export function figureLines(c: Certificate): string[] {
  return (c.vehicleFigures ?? []).map(
    (f) =>
      `${f.requirement.toUpperCase()}: ${f.value ?? '-'}% (required ${f.threshold ?? '-'}%) - ${f.status}${f.rule ? `; ${f.rule}` : ''}`,
  );
}

export function recordLine(c: Certificate): string {
  return `Decision record sha256 ${c.record.sha256} (claim ${c.record.claimId}, decided ${c.record.decisionDate}; rule pack ${c.record.rules.id} ${c.record.rules.version}; ${c.record.engine.name} ${c.record.engine.version})`;
}
