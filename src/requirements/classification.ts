/**
 * The good's vehicle class, from its HS code and attributes: UR s. 12 definitions ("passenger vehicle",
 * "light truck", "heavy truck") with their exclusions, which make a vehicle an "other vehicle" of
 * s. 20(2) or s. 20(3); and 8703.10 with its own rule in s. 13. The conditions are data in the rule pack
 * (usmca.auto.vehicle_classes), evaluated by the condition adapter; exactly one class may match.
 */
import { evaluateConditions, type ConditionOutcome } from '../conditions/adapter.js';
import type { ClaimInput } from '../input/documents.js';
import type { NormalizedClaim } from '../input/model.js';
import { hsMatches } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { VehicleClassName } from '../rules/values.js';
import type { PsrUse } from '../rules/psr-schema.js';
import { classifyPart } from './part-claim.js';
import type { PartTable } from './parts-tables.js';
import type { HeldRule } from './psr/lookup.js';
import type { ClaimProblem, Warning } from './result.js';

/** What the good is in law: its class (or parts table), the rule deciding its RVC, and how that was found. */
export interface Classification {
  vehicleClass: VehicleClassName;
  category: string;
  title: string;
  citation: string;
  rvcRule: string;
  rule: { id: string; effectiveFrom: string };
  /** The HS 2012 subheading the class was decided on. */
  hs2012: string;
  correlation?: { edition: string; declared: string; hs2012: string[]; note?: string | undefined; citation: string };
  outcomes: ConditionOutcome[];
  /** Whether the new-plant / refit rule of s. 20(8) can apply to this class (from the pack). */
  newPlantRule?: boolean;
  /** A threshold picked from a rule rather than the whole rule value (a part's own rule, or its table's). */
  thresholdOverride?: { netCost: string; transactionValue?: string | undefined };
  /** A part's own product-specific rule, where the pack holds it (UR s. 13; Schedule 1 = Annex 4-B). */
  productSpecificRule?: (HeldRule & { use: PsrUse; goods?: string | undefined }) | undefined;
  /**
   * The RVC threshold (percent, net cost method) that replaces the figures of a part's own rule where it is a Table F
   * good for use in an other vehicle (s. 20(3)(c)), with the rule it comes from.
   */
  otherVehicleRvc?:
    | {
        netCost: string;
        rule: { id: string; effectiveFrom: string };
        citation: string;
        /**
         * An engine or gear box (s. 20(2)(h), (3)(b)): `netCost` is for a vehicle of s. 20(2); this, the lower figure
         * for a vehicle of s. 20(3)(a), which the class other-vehicle cannot tell apart.
         */
        forS20_3?: { netCost: string; rule: { id: string; effectiveFrom: string } } | undefined;
      }
    | undefined;
  /** The parts table of a part used as original equipment (A.1, B, C, D, E), where it is listed in one. */
  partTable?: PartTable | undefined;
  /** Why a part is originating only by its RVC (Table A.1, s. 14(2); a heavy truck's engine or gear box, s. 15(4)). */
  rvcOnly?: string | undefined;
  /**
   * A part originating only by its RVC whose own rule the pack holds (read, not applied): whether that rule has a
   * transaction value method, which decides whether the table's transaction value figure may be used (s. 7(6),
   * s. 14(13), s. 15(2)-(3): "if the corresponding rule includes a transaction value method").
   */
  ownRuleTransactionValue?: boolean | undefined;
  /** Why no RVC applies: the part's own rule has no RVC alternative. */
  rvcNotRequired?: string | undefined;
  /**
   * The use of a part claim's good. An aftermarket part's designated intermediate materials are decided by their own
   * rule for that use, not by the parts tables of a vehicle class (s. 8(7)(a), s. 14(18)).
   */
  partUse?: 'original-equipment' | 'aftermarket' | undefined;
}

/** A classification, or the problems that prevent one. */
export type ClassificationOutcome =
  { ok: true; classification: Classification } | { ok: false; problems: ClaimProblem[] };

/**
 * The good classified: a vehicle by its class (s. 12, s. 20), a part by its table and use (part-claim.ts); with
 * the warnings that go with it (an HS code correlated from a later edition, a new-plant declaration the class
 * cannot use).
 */
export function classifyGood(
  claim: NormalizedClaim,
  rules: RulesInForce,
): (ClassificationOutcome & { ok: false }) | { ok: true; classification: Classification; warnings: Warning[] } {
  const outcome = claim.good.kind === 'part' ? classifyPart(rules, claim) : classifyVehicle(rules, claim.good);
  if (!outcome.ok) return outcome;
  const classification = outcome.classification;
  const warnings: Warning[] = [];
  const c = classification.correlation;
  if (c) {
    warnings.push({
      code: 'HS_CORRELATED',
      subject: 'good.hs',
      message: `HS ${c.declared} (${c.edition}) was read as HS 2012 ${c.hs2012.join(', ')} to apply the rules, which are written in HS 2012; the correlation is not confirmed by the Parties${c.note ? ` (${c.note})` : ''}`,
    });
  }
  if (claim.good.newPlant && classification.newPlantRule !== true) {
    warnings.push({
      code: 'NEW_PLANT_NOT_APPLICABLE',
      subject: 'good.newPlant',
      message: `the reduced threshold for a new or refitted plant (s. 20(8)) is for the other vehicles of s. 20(2)-(3); it does not apply to ${classification.title}, so good.newPlant is not used`,
    });
  }
  return { ok: true, classification, warnings };
}

/** HS 2012 subheadings for a declared code (identity unless hsEdition names a later edition). */
export function correlate(
  rules: RulesInForce,
  hs: string,
  edition: string | undefined,
): { ok: true; hs2012: string[]; note?: string | undefined; citation?: string } | { ok: false } {
  if (edition === undefined || edition === rules.pack.manifest.hsEdition) return { ok: true, hs2012: [hs] };
  const table = rules.at('usmca.hs.correlation');
  const byEdition = table.value[edition];
  if (!byEdition) return { ok: false };
  for (const [selector, entry] of Object.entries(byEdition)) {
    if (hsMatches(hs, selector)) return { ok: true, hs2012: entry.hs2012, note: entry.note, citation: table.citation };
  }
  return { ok: true, hs2012: [hs], citation: table.citation };
}

/** The vehicle's class from its HS code (correlated to HS 2012) and attributes; exactly one class may match. */
export function classifyVehicle(rules: RulesInForce, good: ClaimInput['good']): ClassificationOutcome {
  const pack = rules.pack;
  const corr = correlate(rules, good.hs, good.hsEdition);
  if (!corr.ok) {
    const known = Object.keys(rules.at('usmca.hs.correlation').value).sort();
    return problem(
      'good.hsEdition',
      'HS_EDITION_UNKNOWN',
      `HS edition "${good.hsEdition}" cannot be correlated to ${pack.manifest.hsEdition}; known: ${[pack.manifest.hsEdition, ...known].join(', ')}`,
    );
  }
  const representative = (corr.hs2012[0] ?? good.hs).split('..')[0] ?? good.hs;
  const classes = rules.at('usmca.auto.vehicle_classes');
  const attrs = good.attributes ?? {};
  const facts = { hs: representative, attributes: { ...attrs } };
  const results = evaluateConditions(
    classes.value.classes.map((c, i) => ({ name: String(i), conditions: c.conditions })),
    facts,
  );
  const matches = classes.value.classes.filter((_, i) => results.get(String(i))?.passed === true);
  if (matches.length > 1) {
    throw new Error(
      `internal: rule pack vehicle classes overlap for ${representative}: ${matches.map((m) => m.category).join(', ')}`,
    );
  }
  const match = matches[0];
  if (!match) {
    return problem(
      'good.hs',
      'VEHICLE_CLASS_UNDETERMINED',
      `no vehicle class of ${classes.citation} fits HS ${good.hs}${representative !== good.hs ? ` (HS 2012 ${representative})` : ''} with the given attributes; vehicles of chapter 87 headings 87.01-87.06 are covered (87.02 needs attributes.seats, 87.06 attributes.chassisFor)${partHint(good.attributes?.chassisFor)}`,
    );
  }
  if (good.vehicleClass !== undefined && good.vehicleClass !== match.class) {
    return problem(
      'good.vehicleClass',
      'VEHICLE_CLASS_CONTRADICTS_HS',
      `declared "${good.vehicleClass}", but HS ${good.hs} with these attributes is "${match.class}" (${match.category}, ${match.provision})`,
    );
  }
  const index = classes.value.classes.indexOf(match);
  const classification: Classification = {
    vehicleClass: match.class,
    category: match.category,
    title: match.title,
    citation: rules.citation('usmca.auto.vehicle_classes', match.provision),
    rvcRule: match.rvcRule,
    rule: { id: classes.ruleId, effectiveFrom: classes.effectiveFrom },
    hs2012: representative,
    outcomes: results.get(String(index))?.outcomes ?? [],
    newPlantRule: match.newPlantRule === true,
  };
  if (corr.hs2012[0] !== good.hs && good.hsEdition) {
    classification.correlation = {
      edition: good.hsEdition,
      declared: good.hs,
      hs2012: corr.hs2012,
      note: corr.note,
      citation: corr.citation ?? '',
    };
  }
  return { ok: true, classification };
}

function problem(field: string, code: ClaimProblem['code'], message: string): ClassificationOutcome {
  return { ok: false, problems: [{ field, code, message }] };
}

/** A chassis for a passenger vehicle or light truck is a Table A.1 part (s. 13, 87.06 (1)), not a vehicle. */
function partHint(chassisFor: unknown): string {
  return chassisFor === 'passenger-vehicle' || chassisFor === 'light-truck'
    ? `; a chassis for a ${chassisFor} is a Table A.1 part, not a vehicle: claim it with good.kind "part"`
    : '';
}
