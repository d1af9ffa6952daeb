/**
 * A model line's figures: the claims of one `good.modelLine` (a claim without one is its own line), averaged with
 * their `units` as weights, as USMCA Appendix to Annex 4-B Art. 5 allows the submission to Commerce to average.
 * Averages are rounded to cents in the direction that never flatters the importer: U.S. content and the spared
 * content ROUND_FLOOR, the customs value and the values by country ROUND_HALF_EVEN; non-U.S. content is the
 * customs value less the U.S. content, and the duty is computed on the averaged figures. Claims of one model line
 * must be in one currency and entered under the same measures and values; otherwise they are input problems.
 */
import type { LoadedClaim } from '../input/load-claim.js';
import type { InputProblem } from '../input/problems.js';
import { dec, moneyText, quotient, ZERO, type Dec, type RoundingMode } from '../num/decimal.js';
import type { RulePack } from '../rules/pack.js';
import type { TariffMeasureId } from '../tariffs/catalog.js';
import { measureAt, type Scenario } from '../tariffs/in-force.js';
import { BUCKETS, type Bucket } from './by-country.js';
import type { ClaimContent, ClaimFigures } from './claim.js';
import { dutyFigures, type DutyFigures } from './duty.js';
import { preferenceFailures } from './tariff.js';

/** A tariff measure's figures for a model line: its duty on the average vehicle (DutyFigures), with the preference or not. */
export interface ModelLineTariff extends DutyFigures {
  /** The measure's rule id in the tariff pack. */
  id: string;
  /** Its title. */
  title: string;
  /** `in-force`, or the status of the proposed or scenario changes applied. */
  status: string;
  /** Its rate, in percent (a decimal string). */
  rate: string;
  /** Whether every claim of the line has the USMCA preference (so the average vehicle has it). */
  eligible: boolean;
  /** The average spared content per vehicle, weighted by units, rounded down to the cent. */
  spared: string;
}

/**
 * The content of a model line: its claims averaged, weighted by their units (amounts per vehicle, decimal strings in
 * the reporting currency, rounded as `rounding` says), with each measure's duty on the average vehicle.
 */
export interface ModelLineContent {
  /** The model line (`good.modelLine`), or `(claim ID)` for a claim that names none. */
  modelLine: string;
  /** The ids of its claims. */
  claims: string[];
  /** The vehicles its claims stand for together (the sum of their `units`). */
  units: string;
  /** The reporting currency (ISO 4217), the same for every claim of the line. */
  currency: string;
  /** The average customs value per vehicle. */
  customsValue: string;
  /** The average U.S. content per vehicle. */
  usContent: string;
  /** customsValue - usContent. */
  nonUsContent: string;
  /** The average materials' value per vehicle by where they were produced. */
  byCountry: Record<Bucket, string>;
  /** Each measure's figures for the average vehicle. */
  tariffs: ModelLineTariff[];
  /** How the averages are weighted and rounded, in words. */
  rounding: string;
}

export interface ClaimItem {
  loaded: LoadedClaim;
  content: ClaimContent;
  figures: ClaimFigures;
}

const ROUNDING =
  'weighted by units; U.S. and spared content ROUND_FLOOR to cents, customs value and values by country ROUND_HALF_EVEN to cents';

/** Groups claims by model line, checks they can be averaged, and averages them. */
export function modelLines(
  items: readonly ClaimItem[],
  tariffPack: RulePack,
  scenario: Scenario | undefined,
): { lines: ModelLineContent[]; problems: InputProblem[] } {
  const groups = new Map<string, ClaimItem[]>();
  for (const it of items) {
    const key = it.content.claim.modelLine ?? `(claim ${it.content.claim.id})`;
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  const problems: InputProblem[] = [];
  const lines: ModelLineContent[] = [];
  for (const [modelLine, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = group[0] as ClaimItem;
    const signature = (it: ClaimItem) =>
      JSON.stringify(it.content.tariffs.map((t) => [t.id, t.effectiveFrom, t.rate, t.status, t.changes]));
    const dateField = (it: ClaimItem) =>
      (it.loaded.canonicalInput.claim as { entryDate?: string }).entryDate !== undefined ? 'entryDate' : 'decisionDate';
    let ok = true;
    for (const it of group.slice(1)) {
      if (it.content.claim.currency !== first.content.claim.currency) {
        ok = false;
        problems.push(
          it.loaded.problemAt(
            ['currency'],
            'VALUE_NOT_ALLOWED',
            `model line ${modelLine}: this claim reports in ${it.content.claim.currency}, claim ${first.content.claim.id} in ${first.content.claim.currency}; a model line is averaged in one currency`,
          ),
        );
      } else if (signature(it) !== signature(first)) {
        ok = false;
        const describe = (x: ClaimItem) =>
          x.content.tariffs
            .map((t) => `${t.id} ${t.rate} % from ${t.effectiveFrom}${t.status !== 'in-force' ? ` (${t.status})` : ''}`)
            .join(', ') || 'no measure';
        problems.push(
          it.loaded.problemAt(
            [dateField(it)],
            'MODEL_LINE_MEASURES_DIFFER',
            `model line ${modelLine}: entered on ${it.content.claim.entryDate} under ${describe(it)}, but claim ${first.content.claim.id} on ${first.content.claim.entryDate} under ${describe(first)}; split the model line or align the entry dates`,
          ),
        );
      }
    }
    if (ok) lines.push(average(modelLine, group, tariffPack, scenario));
  }
  return { lines, problems };
}

function average(
  modelLine: string,
  group: readonly ClaimItem[],
  tariffPack: RulePack,
  scenario: Scenario | undefined,
): ModelLineContent {
  let units = ZERO;
  for (const it of group) units = units.plus(it.figures.units);
  const avg = (f: (it: ClaimItem) => Dec, mode: RoundingMode): Dec => {
    let total = ZERO;
    for (const it of group) total = total.plus(f(it).times(it.figures.units));
    return quotient(total, units, 2, mode);
  };
  const first = group[0] as ClaimItem;
  const customs = avg((it) => it.figures.customsValue, 'ROUND_HALF_EVEN');
  let us = avg((it) => it.figures.usContent, 'ROUND_FLOOR');
  if (us.greaterThan(customs)) us = customs;
  const tariffs = first.content.tariffs.map((t): ModelLineTariff => {
    const inForce = measureAt(tariffPack, t.id as TariffMeasureId, first.content.claim.entryDate, scenario);
    if (!inForce) throw new Error(`internal: measure ${t.id} not in force for model line ${modelLine}`);
    const spared = avg(
      (it) => dec(it.content.tariffs.find((x) => x.id === t.id)?.spared.counted ?? '0'),
      'ROUND_FLOOR',
    );
    const eligible = group.every((it) => it.content.tariffs.find((x) => x.id === t.id)?.preference.eligible === true);
    const failing = preferenceFailures(inForce.measure, {
      verdict: eligible ? 'originating' : 'not-originating',
      failed: [],
      assemblyCountry: first.content.assembly.country,
    });
    return {
      id: t.id,
      title: t.title,
      status: t.status,
      rate: t.rate,
      eligible: eligible && failing.length === 0,
      spared: moneyText(spared),
      ...dutyFigures(inForce.measure, customs, spared, eligible && failing.length === 0, first.content.claim.currency),
    };
  });
  return {
    modelLine,
    claims: group.map((it) => it.content.claim.id),
    units: units.toFixed(),
    currency: first.content.claim.currency,
    customsValue: moneyText(customs),
    usContent: moneyText(us),
    nonUsContent: moneyText(customs.minus(us)),
    byCountry: Object.fromEntries(
      BUCKETS.map((b) => [b, moneyText(avg((it) => it.figures.byCountry[b], 'ROUND_HALF_EVEN'))]),
    ) as Record<Bucket, string>,
    tariffs,
    rounding: ROUNDING,
  };
}
