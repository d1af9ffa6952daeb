/**
 * The content of one claim: its USMCA verdict (from `evaluate`), its content by country, its U.S. and non-U.S.
 * content, and every measure of the tariff pack that applies to it on its entry date. U.S. content is the value
 * of the lines produced in the United States (under `strict`, only those with an evidence reference); a line of
 * unknown country is never U.S. content; non-U.S. content is the customs value less the U.S. content.
 */
import { Trace, type TraceNode } from '../explain/trace.js';
import type { LoadedClaim } from '../input/load-claim.js';
import { compare, moneyText, ZERO, type Dec } from '../num/decimal.js';
import type { Warning } from '../requirements/result.js';
import type { RulePack } from '../rules/pack.js';
import { TARIFF_MEASURE_IDS } from '../tariffs/catalog.js';
import { measureAt, type Scenario } from '../tariffs/in-force.js';
import type { Decision } from '../verdict/decision.js';
import { BUCKETS, contentByCountry, type Bucket, type ContentLine } from './by-country.js';
import type { ContentInputs } from './inputs.js';
import { applyMeasure, whyNotApplicable, type ContentGap, type TariffResult } from './tariff.js';

/** One line of the content report: a part of the vehicle's value and where it was produced. */
export interface LineOut {
  /** The line's key (ids from the top of the BOM joined by "/"; "(own production)" for a self-produced line's added value). */
  key: string;
  /** Its description, as the claim writes it. */
  description: string;
  /** A bought material, or the value a self-produced line adds. */
  kind: ContentLine['kind'];
  /** Country of production (ISO 3166 alpha-2), or null where not declared. */
  country: string | null;
  /** The country bucket its value counts in (US, CA, MX, other, unknown). */
  bucket: Bucket;
  /** Units of it in one vehicle (a decimal string). */
  quantityPerGood: string;
  /** Its value per vehicle, reporting currency (a decimal string). */
  value: string;
  /** The evidence reference of its country of production (the line's `evidence.ref`), or null. */
  evidence: string | null;
  /** Whether the line counts as U.S. content. */
  usContent: boolean;
}

/**
 * The content report of one claim (docs/claim-format.md, "content"): U.S. and non-U.S. content per vehicle, content
 * by country, and each tariff measure's duty with and without the USMCA preference. Amounts are decimal strings in
 * the claim's reporting currency unless a measure says otherwise.
 */
export interface ClaimContent {
  /** The claim: id, file, model line, entry date the measures are taken on, reporting currency, units it stands for. */
  claim: { id: string; file: string; modelLine: string | null; entryDate: string; currency: string; units: string };
  /** The USMCA decision: verdict, origin criterion, the requirements failed, the input's sha256. */
  usmca: { verdict: Decision['verdict']; originCriterion: string | null; failed: string[]; inputSha256: string };
  /** The plant where the vehicle is assembled: id, name, country (ISO 3166 alpha-2). */
  assembly: { plant: string; name: string | null; country: string };
  /** The customs value of one vehicle (19 U.S.C. 1401a, or Canada's value for duty). */
  customsValue: string;
  /** The value of the lines produced in the United States (with an evidence reference, under --strict). */
  usContent: string;
  /** customsValue - usContent. */
  nonUsContent: string;
  /** The value of all the vehicle's materials, per vehicle. */
  materialsValue: string;
  /** The materials' value by where they were produced. */
  byCountry: Record<Bucket, string>;
  /** Each tariff measure that applies to the vehicle on the entry date, with its figures. */
  tariffs: TariffResult[];
  /** The measures of the pack that do not apply, each with why. */
  notApplicable: Array<{ id: string; reason: string }>;
  /** The ten largest lines that are not U.S. content, largest first. */
  largestNonUsContributors: LineOut[];
  /** Every measure's evidence gaps together. */
  evidenceGaps: ContentGap[];
  /** Every line by country of production. */
  lines: LineOut[];
  /** How each figure was computed: formula, inputs and citation. */
  trace: TraceNode[];
  /** What the report assumed or could not settle (lines without a country, ...). */
  warnings: Warning[];
}

/** Internal figures kept for the model-line averages. */
export interface ClaimFigures {
  customsValue: Dec;
  usContent: Dec;
  units: Dec;
  byCountry: Record<Bucket, Dec>;
}

const TOP = 10;

export function claimContent(
  loaded: LoadedClaim,
  decision: Decision,
  inputs: ContentInputs,
  tariffPack: RulePack,
  options: { strict: boolean; scenario?: Scenario | undefined },
): { content: ClaimContent; figures: ClaimFigures } {
  const { claim } = loaded;
  const trace = new Trace();
  const rollUp = contentByCountry(claim.materials, inputs.countryOf);
  const warnings: Warning[] = [...rollUp.warnings];
  const cv = inputs.customsValue;
  const isUs = (l: ContentLine) => l.bucket === 'US' && (!options.strict || inputs.evidence.has(l.lineKey));
  let usContent = ZERO;
  const usInputs: Record<string, string> = {};
  for (const l of rollUp.lines)
    if (isUs(l)) {
      usContent = usContent.plus(l.value);
      usInputs[l.key] = moneyText(l.value);
    }
  if (usContent.greaterThan(cv)) {
    warnings.push({
      code: 'US_CONTENT_EXCEEDS_CUSTOMS_VALUE',
      subject: 'customsValue',
      message: `the U.S. lines (${moneyText(usContent)}) are worth more than the customs value (${moneyText(cv)}); U.S. content is capped at the customs value, and the figures should be checked`,
    });
    usContent = cv;
  }
  const nonUs = cv.minus(usContent);
  trace.add({
    id: 'content.usContent',
    description: `U.S. content: lines produced in the United States${options.strict ? ' with an evidence reference' : ''}`,
    value: moneyText(usContent),
    unit: 'money',
    currency: claim.currency,
    formula: 'sum of the lines below (at most the customs value)',
    inputs: usInputs,
  });
  trace.add({
    id: 'content.nonUsContent',
    description: 'non-U.S. content',
    value: moneyText(nonUs),
    unit: 'money',
    currency: claim.currency,
    formula: 'customsValue - usContent',
    inputs: { customsValue: moneyText(cv), usContent: moneyText(usContent) },
  });
  for (const b of BUCKETS)
    trace.add({
      id: `content.byCountry.${b}`,
      description: `materials produced in ${b}, looked through self-produced lines`,
      value: moneyText(rollUp.byCountry[b]),
      unit: 'money',
      currency: claim.currency,
      formula: 'sum of the lines of this country',
    });
  trace.add({
    id: 'content.otherValue',
    description:
      'customs value not accounted for by materials (assembly, overhead, profit): non-U.S. content of an imported vehicle',
    value: moneyText(cv.minus(rollUp.materialsValue)),
    unit: 'money',
    currency: claim.currency,
    formula: 'customsValue - materialsValue',
    inputs: { customsValue: moneyText(cv), materialsValue: moneyText(rollUp.materialsValue) },
  });

  const failed = decision.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
  const facts = {
    hs: claim.good.hs,
    kind: claim.good.kind,
    assemblyCountry: inputs.assembly.country,
    verdict: decision.verdict,
    failed,
    customsValue: cv,
    currency: claim.currency,
    lines: rollUp.lines,
    nonOriginating: new Set(decision.bom.counted.map((c) => c.material)),
    evidence: inputs.evidence,
    strict: options.strict,
  };
  const tariffs: TariffResult[] = [];
  const notApplicable: ClaimContent['notApplicable'] = [];
  for (const id of TARIFF_MEASURE_IDS) {
    const inForce = measureAt(tariffPack, id, inputs.entryDate, options.scenario);
    if (!inForce) {
      notApplicable.push({ id, reason: `not in force on the entry date ${inputs.entryDate}` });
      continue;
    }
    const why = whyNotApplicable(inForce.measure, facts);
    if (why) notApplicable.push({ id, reason: why });
    else {
      const t = applyMeasure(inForce, facts, trace);
      if (t.currency !== claim.currency)
        warnings.push({
          code: 'MEASURE_CURRENCY',
          subject: id,
          message: `${t.title} is assessed in ${t.currency}; these figures are in the claim's currency, ${claim.currency}`,
        });
      tariffs.push(t);
    }
  }

  const out = (l: ContentLine): LineOut => ({
    key: l.key,
    description: l.description,
    kind: l.kind,
    country: l.country ?? null,
    bucket: l.bucket,
    quantityPerGood: l.quantityPerGood.toFixed(),
    value: moneyText(l.value),
    evidence: inputs.evidence.get(l.lineKey) ?? null,
    usContent: isUs(l),
  });
  const byValue = (a: ContentLine, b: ContentLine) =>
    compare(b.value, a.value) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const lines = [...rollUp.lines].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byCountry = Object.fromEntries(BUCKETS.map((b) => [b, moneyText(rollUp.byCountry[b])])) as Record<
    Bucket,
    string
  >;
  return {
    content: {
      claim: {
        id: claim.id,
        file: claim.files.claim,
        modelLine: claim.good.modelLine ?? null,
        entryDate: inputs.entryDate,
        currency: claim.currency,
        units: inputs.units.toFixed(),
      },
      usmca: {
        verdict: decision.verdict,
        originCriterion: decision.originCriterion,
        failed,
        inputSha256: decision.input.sha256,
      },
      assembly: { plant: inputs.assembly.plant, name: inputs.assembly.name ?? null, country: inputs.assembly.country },
      customsValue: moneyText(cv),
      usContent: moneyText(usContent),
      nonUsContent: moneyText(nonUs),
      materialsValue: moneyText(rollUp.materialsValue),
      byCountry,
      tariffs,
      notApplicable,
      largestNonUsContributors: rollUp.lines
        .filter((l) => !isUs(l))
        .sort(byValue)
        .slice(0, TOP)
        .map(out),
      evidenceGaps: tariffs.flatMap((t) => t.evidenceGaps),
      lines: lines.map(out),
      trace: trace.list(),
      warnings: warnings.sort((a, b) =>
        (a.subject ?? '') + a.code < (b.subject ?? '') + b.code
          ? -1
          : (a.subject ?? '') + a.code > (b.subject ?? '') + b.code
            ? 1
            : 0,
      ),
    },
    figures: { customsValue: cv, usContent, units: inputs.units, byCountry: rollUp.byCountry },
  };
}
