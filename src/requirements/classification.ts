/**
 * The good's vehicle class, from its HS code and attributes: UR s. 12 definitions ("passenger vehicle",
 * "light truck", "heavy truck") with their exclusions, which make a vehicle an "other vehicle" of
 * s. 20(2) or s. 20(3); and 8703.10 with its own rule in s. 13. The conditions are data in the rule pack
 * (usmca.auto.vehicle_classes), evaluated by the condition adapter; exactly one class may match.
 */
import { evaluateConditions, type ConditionOutcome } from '../conditions/adapter.js';
import type { ClaimInput } from '../input/documents.js';
import { hsMatches } from '../rules/hs.js';
import type { RulePack } from '../rules/pack.js';
import type { VehicleClassName } from '../rules/values.js';

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
  /** A threshold picked from a table row rather than the whole rule value (aftermarket parts). */
  thresholdOverride?: { netCost: string; transactionValue?: string };
}

export type ClassificationOutcome =
  | { ok: true; classification: Classification }
  | {
      ok: false;
      code: 'VEHICLE_CLASS_UNDETERMINED' | 'VEHICLE_CLASS_CONTRADICTS_HS' | 'HS_EDITION_UNKNOWN';
      field: string;
      message: string;
    };

/** HS 2012 subheadings for a declared code (identity unless hsEdition names a later edition). */
export function correlate(
  pack: RulePack,
  date: string,
  hs: string,
  edition: string | undefined,
): { ok: true; hs2012: string[]; note?: string | undefined; citation?: string } | { ok: false } {
  if (edition === undefined || edition === pack.manifest.hsEdition) return { ok: true, hs2012: [hs] };
  const table = pack.at('usmca.hs.correlation', date);
  const byEdition = table.value[edition];
  if (!byEdition) return { ok: false };
  for (const [selector, entry] of Object.entries(byEdition)) {
    if (hsMatches(hs, selector)) return { ok: true, hs2012: entry.hs2012, note: entry.note, citation: table.citation };
  }
  return { ok: true, hs2012: [hs], citation: table.citation };
}

export async function classifyVehicle(
  pack: RulePack,
  date: string,
  good: ClaimInput['good'],
): Promise<ClassificationOutcome> {
  const corr = correlate(pack, date, good.hs, good.hsEdition);
  if (!corr.ok) {
    const known = Object.keys(pack.at('usmca.hs.correlation', date).value).sort();
    return {
      ok: false,
      code: 'HS_EDITION_UNKNOWN',
      field: 'good.hsEdition',
      message: `HS edition "${good.hsEdition}" cannot be correlated to ${pack.manifest.hsEdition}; known: ${[pack.manifest.hsEdition, ...known].join(', ')}`,
    };
  }
  const representative = (corr.hs2012[0] ?? good.hs).split('..')[0] ?? good.hs;
  const classes = pack.at('usmca.auto.vehicle_classes', date);
  const attrs = good.attributes ?? {};
  const facts = { hs: representative, attributes: { ...attrs } };
  const results = await evaluateConditions(
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
    return {
      ok: false,
      code: 'VEHICLE_CLASS_UNDETERMINED',
      field: 'good.hs',
      message: `no vehicle class of ${classes.citation} fits HS ${good.hs}${representative !== good.hs ? ` (HS 2012 ${representative})` : ''} with the given attributes; vehicles of chapter 87 headings 87.01-87.06 are covered (87.02 needs attributes.seats, 87.06 attributes.chassisFor)`,
    };
  }
  if (good.vehicleClass !== undefined && good.vehicleClass !== match.class) {
    return {
      ok: false,
      code: 'VEHICLE_CLASS_CONTRADICTS_HS',
      field: 'good.vehicleClass',
      message: `declared "${good.vehicleClass}", but HS ${good.hs} with these attributes is "${match.class}" (${match.category}, ${match.provision})`,
    };
  }
  const index = classes.value.classes.indexOf(match);
  const classification: Classification = {
    vehicleClass: match.class,
    category: match.category,
    title: match.title,
    citation: pack.citation('usmca.auto.vehicle_classes', match.provision),
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
