/**
 * One tariff measure on one vehicle: whether it applies (HS scope, country of final assembly), the content its
 * USMCA preference spares (U.S. content for Section 232; Canadian and Mexican originating content for Canada's
 * surtax, with its floor), the dutiable value, the duty with the preference and without it, the entry lines, the
 * evidence gaps with the duty at stake, and the trace of every figure. Conservative, because overstatement is
 * punished: a line counts as spared content only where it declares a country of production the measure spares
 * (and, where the measure says so, is originating); under `strict` only where it also has an evidence reference.
 */
import type { Trace } from '../explain/trace.js';
import { dec, moneyText, ZERO, type Dec } from '../num/decimal.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { Measure } from '../tariffs/catalog.js';
import type { MeasureInForce } from '../tariffs/in-force.js';
import type { ContentLine } from './by-country.js';
import { deductionFor, dutyFigures, ofRate, type DutyFigures } from './duty.js';

export interface VehicleFacts {
  hs: string;
  kind: 'vehicle' | 'part';
  assemblyCountry: string;
  verdict: 'originating' | 'not-originating';
  /** Titles of the USMCA requirements that failed, for the reason. */
  failed: string[];
  customsValue: Dec;
  currency: string;
  lines: readonly ContentLine[];
  /** Keys of lines the USMCA decision counted as non-originating (declared or computed). */
  nonOriginating: ReadonlySet<string>;
  evidence: ReadonlyMap<string, string>;
  strict: boolean;
}

/** Spared content counted (or, with --strict, left out) without an evidence reference, with the duty it moves. */
export interface ContentGap {
  /** US_CONTENT_UNEVIDENCED, or REGIONAL_CONTENT_UNEVIDENCED where the measure spares only originating content. */
  code: 'US_CONTENT_UNEVIDENCED' | 'REGIONAL_CONTENT_UNEVIDENCED';
  /** The BOM line, by its key (ids joined by "/"). */
  subject: string;
  /** What is missing and which way the duty moves, in words. */
  message: string;
  /** The line's value per vehicle, in the measure's figures' currency (a decimal string). */
  valueAtStake: string;
  /** The duty per vehicle the evidence moves: the change of the deduction times the rate (a decimal string). */
  dutyAtStake: string;
}

/** One measure's result for the vehicle: the measure, whether the USMCA preference applies, and its duty figures. */
export interface TariffResult extends DutyFigures {
  /** The measure's rule id in the tariff pack. */
  id: string;
  /** Its title. */
  title: string;
  /** `in-force`, or the status of the proposed or scenario changes applied to it. */
  status: MeasureInForce['status'];
  /** The changes applied, in date order; empty when it is used as in force. */
  changes: MeasureInForce['changes'];
  /** Its citation: instrument and provision. */
  citation: string;
  /** The date its in-force value took effect (YYYY-MM-DD). */
  effectiveFrom: string;
  /** The country imposing it (ISO 3166 alpha-2). */
  importingCountry: string;
  /** The currency of its figures (ISO 4217). */
  currency: string;
  /** Its rate, in percent (a decimal string). */
  rate: string;
  /** Whether the USMCA preference applies to this vehicle, why (or why not), and the measure's conditions for it. */
  preference: { eligible: boolean; reason: string; conditions: string[] };
  /**
   * The content the preference spares: produced in `countries` (and originating, where `originatingOnly`); `counted`
   * per vehicle, of which `unevidenced` has no evidence reference; `floor`, the measure's minimum deduction.
   */
  spared: { countries: string[]; originatingOnly: boolean; counted: string; unevidenced: string; floor?: string };
  /** The lines counted (or left out) for want of an evidence reference, by line key. */
  evidenceGaps: ContentGap[];
}

/** Why a measure of the pack does not apply to this good, or undefined if it applies. */
export function whyNotApplicable(m: Measure, facts: VehicleFacts): string | undefined {
  if (facts.kind !== 'vehicle') return 'the measures of the pack are for vehicles; this claim is for a part';
  if (!hsMatchesAny(facts.hs, m.scope.hs)) return `HS ${facts.hs} is outside its scope (${m.scope.hs.join(', ')})`;
  const { only, except } = m.producedIn;
  if (only && !only.includes(facts.assemblyCountry))
    return `it applies to vehicles assembled in ${only.join(', ')}; this one is assembled in ${facts.assemblyCountry}`;
  if (except?.includes(facts.assemblyCountry))
    return `it applies to imports of vehicles assembled outside ${except.join(', ')}; this one is assembled in ${facts.assemblyCountry}`;
  return undefined;
}

/** Why the preference does not apply to this vehicle (empty: it applies). */
export function preferenceFailures(
  m: Measure,
  facts: Pick<VehicleFacts, 'verdict' | 'failed' | 'assemblyCountry'>,
): string[] {
  const out: string[] = [];
  if (facts.verdict !== 'originating')
    out.push(`the USMCA verdict is not originating (failed: ${facts.failed.join(', ') || 'see the decision'})`);
  if (!m.preference.producedIn.includes(facts.assemblyCountry))
    out.push(
      `the preference is for vehicles assembled in ${m.preference.producedIn.join(', ')}, this one is assembled in ${facts.assemblyCountry}`,
    );
  return out;
}

export function applyMeasure(inForce: MeasureInForce, facts: VehicleFacts, trace: Trace): TariffResult {
  const m = inForce.measure;
  const { id } = inForce;
  const rate = m.rate.percent;
  const pref = m.preference;
  const cv = facts.customsValue;
  const node = (suffix: string, description: string, value: Dec, rest: Record<string, unknown> = {}) =>
    trace.add({
      id: `${id}.${suffix}`,
      description,
      value: moneyText(value),
      unit: 'money',
      currency: facts.currency,
      ...rest,
    });

  // The content the preference spares, line by line.
  const spares = (l: ContentLine) =>
    l.country !== undefined &&
    pref.spared.countries.includes(l.country) &&
    (!pref.spared.originatingOnly || (l.origin === 'originating' && !facts.nonOriginating.has(l.lineKey)));
  const sparedLines = facts.lines.filter(spares);
  let counted = ZERO;
  let unevidenced = ZERO;
  const countedInputs: Record<string, string> = {};
  for (const l of sparedLines) {
    const hasEvidence = facts.evidence.has(l.lineKey);
    if (!hasEvidence) unevidenced = unevidenced.plus(l.value);
    if (hasEvidence || !facts.strict) {
      counted = counted.plus(l.value);
      countedInputs[l.key] = moneyText(l.value);
    }
  }
  const { deduction, floor } = deductionFor(m, cv, counted);
  const failures = preferenceFailures(m, facts);
  const eligible = failures.length === 0;
  const figures = dutyFigures(m, cv, counted, eligible, facts.currency);

  node('customsValue', `customs value of one vehicle (${m.valueBasis.description})`, cv);
  node(
    'sparedContent',
    `content produced in ${pref.spared.countries.join(', ')}${pref.spared.originatingOnly ? ', originating' : ''}${facts.strict ? ', with an evidence reference' : ''}, per vehicle`,
    counted,
    {
      formula: 'sum of the lines below',
      inputs: countedInputs,
      citation: `${pref.spared.source.provision} (${pref.spared.source.instrument})`,
    },
  );
  if (floor !== undefined && pref.minimumDeduction)
    node('minimumDeduction', `${pref.minimumDeduction.percent} % of the customs value`, floor, {
      formula: `customsValue x ${pref.minimumDeduction.percent} / 100`,
      citation: `${pref.minimumDeduction.source.provision} (${pref.minimumDeduction.source.instrument})`,
    });
  node('deduction', 'value deducted from the customs value under the preference', deduction, {
    formula:
      floor !== undefined
        ? 'sparedContent if greater than minimumDeduction, else minimumDeduction (at most customsValue)'
        : 'sparedContent (at most customsValue)',
  });
  node('withUsmca.dutiableValue', 'dutiable value with the USMCA preference', cv.minus(deduction), {
    formula: 'customsValue - deduction',
  });
  node('withUsmca.duty', `duty with the USMCA preference, at ${rate} %`, dec(figures.withUsmca.duty), {
    formula: `withUsmca.dutiableValue x ${rate} / 100`,
    citation: inForce.citation,
  });
  node(
    'withoutUsmca.duty',
    `duty without the USMCA preference, at ${rate} % of the customs value`,
    dec(figures.withoutUsmca.duty),
    {
      formula: `customsValue x ${rate} / 100`,
      citation: inForce.citation,
    },
  );

  // Evidence gaps: spared content claimed without an evidence reference, with the duty it moves.
  const gaps: ContentGap[] = [];
  const code = pref.spared.originatingOnly ? 'REGIONAL_CONTENT_UNEVIDENCED' : 'US_CONTENT_UNEVIDENCED';
  for (const l of sparedLines) {
    if (facts.evidence.has(l.lineKey)) continue;
    const other = facts.strict ? counted.plus(l.value) : counted.minus(l.value);
    const moved = deductionFor(m, cv, counted)
      .deduction.minus(deductionFor(m, cv, other).deduction)
      .abs();
    gaps.push({
      code,
      subject: l.key,
      message: facts.strict
        ? `${l.key} (${l.description || 'no description'}): produced in ${l.country}, not counted because it has no evidence reference (--strict); evidence would lower the duty`
        : `${l.key} (${l.description || 'no description'}): counted as produced in ${l.country} without an evidence reference; if it is not, the duty rises`,
      valueAtStake: moneyText(l.value),
      dutyAtStake: moneyText(ofRate(rate, moved)),
    });
  }

  return {
    id,
    title: m.title,
    status: inForce.status,
    changes: inForce.changes,
    citation: inForce.citation,
    effectiveFrom: inForce.effectiveFrom,
    importingCountry: m.importingCountry,
    currency: m.currency,
    rate,
    preference: {
      eligible,
      reason: eligible
        ? `USMCA-qualifying and assembled in ${facts.assemblyCountry}: the duty falls on the value less the spared content`
        : `full value: ${failures.join('; ')}`,
      conditions: pref.conditions,
    },
    spared: {
      countries: pref.spared.countries,
      originatingOnly: pref.spared.originatingOnly,
      counted: moneyText(counted),
      unevidenced: moneyText(unevidenced),
      ...(floor !== undefined ? { floor: moneyText(floor) } : {}),
    },
    ...figures,
    evidenceGaps: gaps.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0)),
  };
}
