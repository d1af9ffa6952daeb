/**
 * A producer's vehicle certification to CBP (19 CFR 182.95 LVC, 182.96 steel purchasing, 182.97 aluminum
 * purchasing; 29 CFR 810.405 for the LVC's high-wage components), assembled from the producer document, the
 * certifier's party document and the stored decisions on the covered vehicles of the period. The data elements
 * are the rule pack's (usmca.general.vehicle_certifications), each with the paragraph that asks for it; an element
 * the documents do not give is listed with a null value, never guessed. Each stored decision supports the
 * certification with its figure for the requirement. Pure: no clock, no store.
 */
import { addDays } from '../num/dates.js';
import type { PartyInput, ProducerInput } from '../input/documents.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';

export const FILING_FORMAT = 'usmca-roo/filing@1';
export const FILING_KINDS = ['lvc', 'steel', 'aluminum'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

const TITLES: Record<FilingKind, string> = {
  lvc: 'Labor value content (LVC) certification',
  steel: 'Steel purchasing certification',
  aluminum: 'Aluminum purchasing certification',
};

/** One data element: what the regulation asks for, where, and what the documents give (null: not given). */
export interface FilingElement {
  id: string;
  description: string;
  cite: string;
  /** Whether the paragraph's text was read: yes, partly (its beginning), by-analogy (another section's). */
  read: string;
  value: string | null;
  /** Where the value comes from, or what to add where the documents cannot give it. */
  source: string;
}

/** A stored decision the certification rests on: the vehicle, and its figure for the requirement. */
export interface FilingSupport {
  record: string;
  sha256: string;
  decisionDate: string;
  vehicleClass: string;
  modelLine: string | null;
  hs: string;
  plant: string | null;
  status: string;
  value: string | null;
  threshold: string | null;
  alternativeStagingRegime: boolean;
}

/** The assembled certification (format usmca-roo/filing@1). */
export interface Filing {
  format: typeof FILING_FORMAT;
  kind: FilingKind;
  title: string;
  period: { start: string; end: string };
  /** The last day to submit it through the portal: the period's first day minus the rule's days. */
  submitBy: string;
  rule: { id: string; effectiveFrom: string; citation: string; provision: string };
  elements: FilingElement[];
  /** The paragraphs whose elements the rule pack does not list (their text was not read). */
  notRead: string | null;
  support: FilingSupport[];
  /** Why the producer cannot file it as it stands: empty when every element is given and every decision passes. */
  problems: string[];
}

/** A stored decision on a vehicle, with its record's reference. */
export interface DecisionOnFile {
  record: string;
  sha256: string;
  decision: Decision;
  producer: ProducerInput;
}

export interface AssembleInput {
  kind: FilingKind;
  period: { start: string; end: string };
  decisions: readonly DecisionOnFile[];
  certifier?: PartyInput;
}

function address(a: ProducerInput['address'] | PartyInput['address'] | undefined): string | null {
  if (!a) return null;
  return [a.street, a.city, a.region, a.postalCode, a.country].filter((x) => x !== undefined && x !== '').join(', ');
}

function joined(values: Array<string | undefined | null>): string | null {
  const given = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return given.length > 0 ? given.join('; ') : null;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The plants a decision's LVC relied on: high-wage plants its materials or labor came from. */
function lvcPlants(d: Decision): string[] {
  const lvc = d.requirements.find((r) => r.id === 'lvc');
  const details = (lvc as { details?: { plants?: unknown; highWageMaterials?: unknown } } | undefined)?.details;
  const plants = Array.isArray(details?.plants)
    ? (details.plants as Array<{ plant?: string; qualifies?: boolean }>)
    : [];
  const used = new Set(
    (Array.isArray(details?.highWageMaterials) ? (details.highWageMaterials as Array<{ plant?: string }>) : []).map(
      (m) => m.plant,
    ),
  );
  const assembly = (d.claim.good as { plant?: string }).plant;
  if (assembly) used.add(assembly);
  return plants.filter((p) => p.qualifies === true && p.plant && used.has(p.plant)).map((p) => p.plant as string);
}

function supportOf(kind: FilingKind, f: DecisionOnFile): FilingSupport {
  const d = f.decision;
  const good = d.claim.good as { hs?: string; modelLine?: string; plant?: string };
  const classification = d.classification as { vehicleClass?: string; alternativeStagingRegime?: unknown };
  const req = d.requirements.find((r) => r.id === kind) as
    { status: string; value?: unknown; threshold?: unknown } | undefined;
  return {
    record: f.record,
    sha256: f.sha256,
    decisionDate: d.claim.decisionDate,
    vehicleClass: classification.vehicleClass ?? '',
    modelLine: good.modelLine ?? null,
    hs: good.hs ?? '',
    plant: good.plant ?? null,
    status: req?.status ?? 'absent',
    value: req?.value !== undefined ? String(req.value) : null,
    threshold: req?.threshold !== undefined ? String(req.threshold) : null,
    alternativeStagingRegime: classification.alternativeStagingRegime !== undefined,
  };
}

/**
 * Assembles the certification of `kind` for `period` from the decisions given (the latest stored decision of each
 * covered vehicle dated in the period). Throws RuleLookupError when no rule is in force on the period's first day.
 */
export function assembleFiling(pack: RulePack, input: AssembleInput): Filing {
  const rule = pack.at('usmca.general.vehicle_certifications', input.period.start);
  const spec = rule.value.certifications[input.kind];
  const decisions = input.decisions;
  const support = decisions.map((f) => supportOf(input.kind, f));
  const problems: string[] = [];

  const producers = distinct(
    decisions.map((f) => `${f.producer.name}${f.producer.taxId ? ` (${f.producer.taxId})` : ''}`),
  );
  if (producers.length > 1)
    problems.push(
      `the decisions are of ${producers.length} producers (${producers.join(', ')}): one filing per producer`,
    );
  const producer = decisions[0]?.producer;
  if (decisions.length === 0)
    problems.push(
      `no stored decision on a covered vehicle (${rule.value.classes.join(', ')}) is dated in the period ${input.period.start} to ${input.period.end}`,
    );
  for (const s of support) {
    if (s.status === 'fail')
      problems.push(
        `${s.record}: the ${input.kind} requirement fails (${s.value ?? '?'} against ${s.threshold ?? '?'}): the producer cannot certify that this production meets it`,
      );
    else if (s.status !== 'pass')
      problems.push(`${s.record}: the decision has no passing ${input.kind} requirement (${s.status})`);
  }
  const asr = distinct(support.map((s) => String(s.alternativeStagingRegime)));
  if (asr.length > 1)
    problems.push(
      `vehicles under an alternative staging regime need a certification of their own (${spec.separateForAlternativeStagingRegime}); select them apart, e.g. by --model-line`,
    );

  const periods = distinct(decisions.map((f) => `${f.decision.claim.period.start} to ${f.decision.claim.period.end}`));
  const periodsGiven = decisions.every((f) => !f.decision.claim.period.defaulted);
  const vehicles = distinct(support.map((s) => `${s.vehicleClass}${s.modelLine ? ` ${s.modelLine}` : ''}`));
  const plantIds = distinct(decisions.flatMap((f) => lvcPlants(f.decision)));
  const plantText = plantIds.map((id) => {
    const p = producer?.plants.find((x) => x.id === id);
    if (!p) return id;
    const where = address(p.address);
    return (
      `${id} ${p.name ?? ''} (${p.operator ?? 'self'}, ${p.country})`.replace('  ', ' ') +
      (where ? `, ${where}` : '') +
      (p.identificationNumber ? `, identification number ${p.identificationNumber}` : '')
    );
  });
  const c = input.certifier;
  const ids = producer?.customsIdentifiers;
  const customsIds = joined([
    ids?.mid ? `MID ${ids.mid.join(', ')}` : undefined,
    ids?.ein ? `EIN ${ids.ein.join(', ')}` : undefined,
    ids?.ior ? `IOR ${ids.ior.join(', ')}` : undefined,
  ]);
  const contact = producer?.contact;
  // Steel and aluminum: "the address of a producer ... is the place of production" (182.97(c)(1)): the assembly
  // plants of the covered vehicles, where the producer document gives their addresses.
  const placeOfProduction = joined(
    distinct(support.map((s) => s.plant ?? '').filter((id) => id !== '')).map((id) => {
      const a = address(producer?.plants.find((p) => p.id === id)?.address);
      return a ? `${id}: ${a}` : undefined;
    }),
  );
  const values: Record<string, { value: string | null; source: string }> = {
    'producer.name': { value: producer?.name ?? null, source: 'producer document: name' },
    'producer.address':
      input.kind !== 'lvc' && placeOfProduction
        ? {
            value: placeOfProduction,
            source: 'producer document: the address of each assembly plant (plants[].address)',
          }
        : {
            value: address(producer?.address),
            source:
              input.kind === 'lvc'
                ? 'producer document: address'
                : 'producer document: address (the assembly plants give no address: 182.97(c)(1) asks for the place of production, plants[].address)',
          },
    'producer.identifier': ids?.ein
      ? { value: ids.ein.join(', '), source: 'producer document: customsIdentifiers.ein' }
      : { value: producer?.taxId ?? null, source: 'producer document: taxId (no customsIdentifiers.ein)' },
    'producer.contact': contact
      ? {
          value: joined([contact.name, contact.title, contact.email, contact.phone]),
          source: 'producer document: contact',
        }
      : {
          value: joined([producer?.email, producer?.phone]),
          source: 'producer document: email and phone (no contact)',
        },
    'producer.email': { value: producer?.email ?? null, source: 'producer document: email' },
    'producer.phone': { value: producer?.phone ?? null, source: 'producer document: phone' },
    'producer.customsIdentifiers': customsIds
      ? { value: customsIds, source: 'producer document: customsIdentifiers (mid, ein, ior)' }
      : {
          value: producer?.taxId ?? null,
          source:
            'producer document: taxId; it gives no customsIdentifiers: add the MID, EIN and IOR numbers associated with the producer',
        },
    'certifier.name': { value: c?.name ?? null, source: 'certifier document (--certifier): name' },
    'certifier.title': { value: c?.title ?? null, source: 'certifier document (--certifier): title' },
    'certifier.address': { value: address(c?.address), source: 'certifier document (--certifier): address' },
    'certifier.phone': { value: c?.phone ?? null, source: 'certifier document (--certifier): phone' },
    'certifier.email': { value: c?.email ?? null, source: 'certifier document (--certifier): email' },
    vehicles: { value: joined(vehicles), source: 'stored decisions: vehicle class and model line' },
    calculationPeriod: {
      value: periodsGiven && periods.length === 1 ? (periods[0] ?? null) : null,
      source: !periodsGiven
        ? 'stored decisions: some claims give no calculation period (claim field period), so none is known'
        : periods.length > 1
          ? `stored decisions: their claims' periods differ (${periods.join('; ')}): one period per certification`
          : "stored decisions: the claims' period",
    },
    plants: {
      value: joined(plantText),
      source:
        'stored decisions: the high-wage plants their LVC relied on, with the address and identification number the producer document gives each (plants[].address, plants[].identificationNumber)',
    },
  };
  const elements = spec.elements.map((e) => ({
    id: e.id,
    description: e.description,
    cite: e.cite,
    read: e.read,
    value: values[e.id]?.value ?? null,
    source: values[e.id]?.source ?? 'not derived by this version',
  }));
  for (const e of elements)
    if (e.value === null) problems.push(`data element ${e.id} (${e.cite}) is not given: ${e.source}`);
  const plantsElement = elements.find((e) => e.id === 'plants');
  for (const id of plantsElement ? plantIds : []) {
    const p = producer?.plants.find((x) => x.id === id);
    const missing = [!p?.address ? 'address' : '', !p?.identificationNumber ? 'identificationNumber' : ''].filter(
      (m) => m !== '',
    );
    if (missing.length > 0)
      problems.push(
        `data element plants (${plantsElement?.cite ?? ''}): plant ${id} gives no ${missing.join(' and no ')} in the producer document (plants[].${missing.join(', plants[].')})`,
      );
  }
  return {
    format: FILING_FORMAT,
    kind: input.kind,
    title: TITLES[input.kind],
    period: { ...input.period },
    submitBy: addDays(input.period.start, -Number(rule.value.submitDaysBeforePeriod)),
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom, citation: rule.citation, provision: spec.provision },
    elements,
    notRead: spec.notRead ?? null,
    support,
    problems,
  };
}
