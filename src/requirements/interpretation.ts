/**
 * The readings of disputed points in force for a claim. Each disputed point is a named switch of the claim's
 * `interpretation` (docs/claim-format.md); the rule pack describes and cites each reading and holds the default
 * and the reading each importing country applies (usmca.interpretation.*). A switch takes the reading the claim
 * sets; otherwise the reading of the claim's `importingCountry` where the pack records one; otherwise the pack's
 * default. Every decision lists each switch with its reading and where that reading came from.
 */
import type { NormalizedClaim } from '../input/model.js';
import { INTERPRETATION_SWITCHES, type ReadingOf, type SwitchId } from '../input/terms.js';
import type { ParameterId } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { CiteRef } from '../rules/values.js';

/** The rule that describes, cites and defaults each switch. */
export const SWITCH_RULES: Readonly<Record<SwitchId, ParameterId>> = {
  coreRollUp: 'usmca.interpretation.core_roll_up',
  heavyTruckParts: 'usmca.interpretation.heavy_truck_parts',
  thresholdDate: 'usmca.interpretation.threshold_date',
  listedComponents: 'usmca.interpretation.listed_components',
  lvcNetCost: 'usmca.interpretation.lvc_net_cost',
  heavyTruckCredit: 'usmca.interpretation.heavy_truck_credit',
  coreAverageThreshold: 'usmca.interpretation.core_average_threshold',
  tariffItemPrecedence: 'usmca.interpretation.tariff_item_precedence',
};

/** The switches, in the order decisions list them. */
export const SWITCH_IDS = Object.keys(INTERPRETATION_SWITCHES) as SwitchId[];

/** Where a reading came from: the claim's `interpretation`, the importing country's practice, or the pack. */
export type ReadingSource = 'claim' | 'importing-country' | 'default';

/** The reading of one switch in force for a claim, with its source, rule and citation. */
export interface SwitchReading<K extends SwitchId = SwitchId> {
  value: ReadingOf<K>;
  source: ReadingSource;
  /** The pack's rule for the switch, and the date its value took effect. */
  rule: { id: string; effectiveFrom: string };
  /** What the reading says, from the pack. */
  title: string;
  /** The provisions the reading rests on. */
  citation: string;
  /** The reading the importing country applies, where the pack records one (also when the claim sets another). */
  importingCountry?: { country: string; reading: ReadingOf<K>; confidence: string; citation: string };
}

/** The reading of every switch. */
export type Interpretation = { readonly [K in SwitchId]: SwitchReading<K> };

/**
 * Every switch's reading for `claim` under the pack in force. Throws (an internal error) where the pack names a
 * reading the engine does not know: test/rules/interpretation keeps the two in step.
 */
export function interpretationOf(
  claim: Pick<NormalizedClaim, 'interpretation' | 'importingCountry'>,
  rules: RulesInForce,
): Interpretation {
  const out: Partial<Record<SwitchId, SwitchReading>> = {};
  for (const id of SWITCH_IDS) out[id] = readingOf(claim, rules, id);
  return out as Interpretation;
}

function readingOf<K extends SwitchId>(
  claim: Pick<NormalizedClaim, 'interpretation' | 'importingCountry'>,
  rules: RulesInForce,
  id: K,
): SwitchReading<K> {
  const rule = rules.at(SWITCH_RULES[id] as 'usmca.interpretation.core_roll_up');
  const known = (r: string): ReadingOf<K> => {
    if (!(INTERPRETATION_SWITCHES[id] as readonly string[]).includes(r))
      throw new Error(`internal: rule ${rule.ruleId} names a reading "${r}" of ${id} that the engine does not know`);
    return r as ReadingOf<K>;
  };
  const country = claim.importingCountry;
  const profile = country !== undefined ? rule.value.importingCountry?.[country] : undefined;
  const declared = claim.interpretation[id] as ReadingOf<K> | undefined;
  const value = declared ?? (profile ? known(profile.reading) : known(rule.value.default));
  const source: ReadingSource = declared !== undefined ? 'claim' : profile ? 'importing-country' : 'default';
  const described = rule.value.readings[value];
  if (!described) throw new Error(`internal: rule ${rule.ruleId} does not describe the reading "${value}"`);
  return {
    value,
    source,
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
    title: described.title,
    citation: citeAll(rules, described.cites),
    ...(profile && country !== undefined
      ? {
          importingCountry: {
            country,
            reading: known(profile.reading),
            confidence: profile.confidence,
            citation: citeAll(rules, profile.cites),
          },
        }
      : {}),
  };
}

/** The other reading of a two-way switch. */
export function otherReading<K extends SwitchId>(id: K, value: ReadingOf<K>): ReadingOf<K> {
  const readings = INTERPRETATION_SWITCHES[id] as readonly ReadingOf<K>[];
  const other = readings.find((r) => r !== value);
  if (other === undefined) throw new Error(`internal: ${id} has no reading besides ${String(value)}`);
  return other;
}

/** The citations of a reading, joined: "Uniform Regulations (...) s. 14(1); USMCA Art. 4.5.4". */
export function citeAll(rules: RulesInForce, cites: readonly CiteRef[]): string {
  return cites.map((c) => rules.cite(c.instrument, c.provision)).join('; ');
}
