/**
 * A claim for a part (good.kind: part): its use, the vehicle class it is for and its parts table decide which
 * rule applies. The part's own product-specific rule (UR s. 13 for 87.06-87.08; Schedule 1 = Annex 4-B) decides
 * it, its RVC alternatives read at the thresholds of its table when it is original equipment listed in Table B, C
 * (s. 14(14)-(17)), D or E (s. 15(2)-(3)); a Table A.1 part (s. 14(2)) and a heavy truck's engine or gear box
 * (s. 15(4)) are originating only by their RVC; aftermarket parts by their rule's own figures (s. 14(18)). The
 * transaction value method only where the rule has one (s. 7(6)).
 */
import type { NormalizedClaim } from '../input/model.js';
import { hsMatches, hsMatchesAny } from '../rules/hs.js';
import type { ParameterId, PartsTableRows } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { PsrUse } from '../rules/psr-schema.js';
import type { VehicleClassName } from '../rules/values.js';
import type { Classification, ClassificationOutcome } from './classification.js';
import { partsTable, tableRows, tablesFor, tableVehicleClass, type PartTable } from './parts-tables.js';
import { hasTransactionValueMethod, thresholdOn } from './psr/evaluate.js';
import { productSpecificRuleFor, type HeldRule } from './psr/lookup.js';
import { noFindings, notApplicable, type ClaimProblem, type RequirementOutcome } from './result.js';
import { REQUIREMENTS } from './titles.js';

/** The part's rule: its own product-specific rule, its table's thresholds for original equipment. */
export function classifyPart(rules: RulesInForce, claim: NormalizedClaim): ClassificationOutcome {
  const g = claim.good;
  const problems: ClaimProblem[] = [];
  if (!g.use) problems.push(incomplete('good.use', 'a part claim needs use: original-equipment or aftermarket'));
  if (g.use === 'original-equipment' && !g.partTable && !g.forVehicleClass)
    problems.push(
      incomplete(
        'good.forVehicleClass',
        'an original-equipment part claim needs the class of vehicle it is for (forVehicleClass), or its partTable: A.1, B, C, D or E',
      ),
    );
  // s. 14(18), notes to Tables A.1 to E: the tables' thresholds are for original equipment, never an aftermarket part.
  if (g.use === 'aftermarket' && g.partTable)
    problems.push({
      field: 'good.partTable',
      code: 'VALUE_NOT_ALLOWED',
      message: `an aftermarket part is decided by its own rule, not by Table ${g.partTable} (s. 14(18)): remove partTable, or give use: original-equipment`,
    });
  if (problems.length > 0) return { ok: false, problems };
  const oe = g.use === 'original-equipment';
  const table = oe ? partTableOf(rules, g.hs, g.partTable, g.forVehicleClass) : { table: undefined };
  if ('problem' in table) return { ok: false, problems: [table.problem] };
  const vehicleClass: VehicleClassName =
    g.forVehicleClass ?? (table.table ? tableVehicleClass(rules, table.table) : 'passenger-vehicle');
  if (oe && g.vehicleClass !== undefined && g.vehicleClass !== vehicleClass)
    return problem(
      'good.vehicleClass',
      'VEHICLE_CLASS_CONTRADICTS_HS',
      `the part is for a ${vehicleClass}${g.forVehicleClass ? ' (forVehicleClass)' : ` (Table ${table.table ?? ''})`}, not a ${g.vehicleClass}: a part claim names the vehicle it is for with forVehicleClass`,
    );
  const use: PsrUse = oe ? vehicleClass : 'aftermarket';
  // The table picks the rule of an "ex" scope where it lists only that scope (Table B: 8708.29 "excluding body stampings").
  const found = productSpecificRuleFor(rules, g.hs, use, g.ruleGoods, table.table);
  const rvcOnly = oe ? rvcOnlyReason(rules, g.hs, table.table, vehicleClass) : undefined;
  if (found.found === 'several' && !(rvcOnly && table.table)) {
    return problem(
      'good.ruleGoods',
      'PART_CLAIM_INCOMPLETE',
      `HS ${g.hs} has one rule for each of these goods (${found.scopes.map((s) => `"${s}"`).join(', ')}): say which the part is with ruleGoods`,
    );
  }
  // An "ex" scope that the declared table does not list: Table A.1 lists only the body stampings of 8708.29 and the
  // chassis frames of 8708.99, Table B only the other goods (the rule's partTables).
  const listedIn = found.found === 'held' || found.found === 'unconfirmed' ? found.rule.partTables : undefined;
  if (table.table && listedIn && !listedIn.includes(table.table))
    return problem(
      'good.ruleGoods',
      'VALUE_NOT_ALLOWED',
      `Table ${table.table} does not list the ${g.ruleGoods ?? ''} of HS ${g.hs}; the table listing them is ${listedIn.join(', ')}`,
    );
  const held = found.found === 'held' ? found : undefined;
  if (!table.table && !held) {
    return problem(
      'good.hs',
      'RULE_NOT_HELD',
      found.found === 'unconfirmed'
        ? `the rule pack names the rule for HS ${g.hs} (${found.rule.provision}) but has not read it, so no verdict can rest on it`
        : `the rule pack holds no product-specific rule for HS ${g.hs} ${oe ? `as original equipment in a ${vehicleClass}` : 'as an aftermarket part'}${found.found === 'none' ? ` (${found.parameter})` : ''}`,
    );
  }
  const psr = held && !rvcOnly ? { ...stripFound(held), use, goods: g.ruleGoods } : undefined;
  const partUse = oe ? 'original-equipment' : 'aftermarket';
  // s. 7(6): a part decided by its RVC alone still takes the method of its own rule, where the pack holds it.
  const ownRuleTransactionValue =
    rvcOnly && held ? { ownRuleTransactionValue: hasTransactionValueMethod(held.rule) } : {};
  if (table.table)
    return {
      ok: true,
      classification: {
        ...tablePart(rules, g.hs, table.table, vehicleClass, psr, rvcOnly),
        ...ownRuleTransactionValue,
        partUse,
      },
    };
  const otherVehicleRvc = oe ? otherVehicleThreshold(rules, g.hs, vehicleClass) : undefined;
  return {
    ok: true,
    classification: {
      ...rulePart(rules, g.hs, vehicleClass, psr as NonNullable<typeof psr>, otherVehicleRvc),
      partUse,
    },
  };
}

/**
 * s. 20(3)(c): "despite section 13 and Schedule 1", a Table F good subject to an RVC requirement and for use in an
 * other vehicle meets it at the threshold of usmca.auto.parts.other_vehicle, except the goods that rule leaves out;
 * an engine or gear box for an other vehicle takes that rule's enginesAndGearBoxes figures (s. 20(2)(h), (3)(b)).
 * A Table F row written with a national tariff item ("8708.10.aa") is not applied: six digits cannot tell whether
 * the part is that item (s. 1(3)(e)).
 */
function otherVehicleThreshold(
  rules: RulesInForce,
  hs: string,
  vehicleClass: VehicleClassName,
): Classification['otherVehicleRvc'] {
  const ov = rules.at('usmca.auto.parts.other_vehicle');
  if (!ov.value.classes.includes(vehicleClass)) return undefined;
  // s. 20(2)(h), (3)(b): an engine or gear box, Table F or not, at 62.5 % for a vehicle of s. 20(2), 60 % for one of
  // s. 20(3)(a); the class cannot tell which, so the higher figure is the requirement (the lower one reported).
  const eg = ov.value.enginesAndGearBoxes;
  if (eg && hsMatchesAny(hs, eg.goods)) {
    const high = rules.at(eg.rvc as ParameterId) as InForce<string>;
    const low = rules.at(eg.rvcS20_3 as ParameterId) as InForce<string>;
    return {
      netCost: high.value,
      rule: { id: high.ruleId, effectiveFrom: high.effectiveFrom },
      citation: rules.citation('usmca.auto.parts.other_vehicle', 's. 20(2)(h), (3)(b)'),
      forS20_3: { netCost: low.value, rule: { id: low.ruleId, effectiveFrom: low.effectiveFrom } },
    };
  }
  if (hsMatchesAny(hs, ov.value.excluded)) return undefined;
  const table = rules.at(ov.value.rows as ParameterId) as InForce<PartsTableRows>; // checked at load
  const row = table.value.rows.find((r) => !/\.[a-z][a-z]$/.test(r.hs) && hsMatches(hs, r.hs));
  if (!row) return undefined;
  const rvc = rules.at(ov.value.rvc as ParameterId) as InForce<string>;
  return {
    netCost: rvc.value,
    rule: { id: rvc.ruleId, effectiveFrom: rvc.effectiveFrom },
    citation: rules.citation('usmca.auto.parts.other_vehicle', 's. 20(3)(c); Table F'),
  };
}

/** The table the part is listed in for its vehicle class: the declared one, or the one table listing its code. */
function partTableOf(
  rules: RulesInForce,
  hs: string,
  declared: PartTable | undefined,
  forClass: VehicleClassName | undefined,
): { table: PartTable | undefined } | { problem: ClaimProblem } {
  if (declared) {
    const { rows, rule } = tableRows(rules, declared);
    if (!rows.some((r) => hsMatches(hs, r.hs)))
      return {
        problem: {
          field: 'good.hs',
          code: 'VALUE_NOT_ALLOWED',
          message: `HS ${hs} is not in Table ${declared} (${rule.citation})`,
        },
      };
    // s. 14(13), (15), (17): Tables A.1, B, C for passenger vehicles and light trucks; s. 15(2)-(3): D, E for heavy
    // trucks; a part for another vehicle is under s. 20, in none of them.
    const classes = partsTable(rules, declared).classes;
    if (forClass !== undefined && !classes.includes(forClass))
      return {
        problem: {
          field: 'good.forVehicleClass',
          code: 'VEHICLE_CLASS_CONTRADICTS_HS',
          message: `Table ${declared} is for ${classes.map(plural).join(' and ')}, not ${forClass}${forClass === 'other-vehicle' ? ' (a part for another vehicle is under s. 20)' : ''}`,
        },
      };
    return { table: declared };
  }
  const listing = tablesFor(rules, forClass ?? 'passenger-vehicle').filter((t) =>
    tableRows(rules, t).rows.some((r) => hsMatches(hs, r.hs)),
  );
  if (listing.length > 1)
    return {
      problem: incomplete(
        'good.partTable',
        `HS ${hs} appears in Tables ${listing.join(', ')} ("ex" entries): say which table lists the part with partTable`,
      ),
    };
  return { table: listing[0] };
}

/** s. 14(2): a Table A.1 part; s. 15(4): an engine or gear box for a heavy truck: originating only by the RVC. */
function rvcOnlyReason(
  rules: RulesInForce,
  hs: string,
  table: PartTable | undefined,
  cls: VehicleClassName,
): string | undefined {
  // s. 14(2)-(3): except a lithium-ion battery of 8507.60 for the propulsion of an electric passenger vehicle or
  // light truck (the only 8507.60 goods Table A.1 lists), which may qualify under its Schedule 1 rule.
  const battery = rules.at('usmca.auto.core_parts.scope').value.advancedBattery.hs;
  if (table === 'A.1' && !hsMatchesAny(hs, battery))
    return 'a Table A.1 part for a passenger vehicle or light truck is originating only by meeting its RVC (s. 14(2)); there is no tariff-shift route';
  const scope = rules.at('usmca.auto.heavy_truck_parts.scope');
  if (scope.value.classes.includes(cls) && hsMatchesAny(hs, [...scope.value.engines, ...scope.value.gearBoxes]))
    return `an engine or gear box for use in a heavy truck is originating only if it meets the RVC of s. 15(2) (s. 15(4); ${scope.citation})`;
  return undefined;
}

function tablePart(
  rules: RulesInForce,
  hs: string,
  table: PartTable,
  vehicleClass: VehicleClassName,
  psr: Classification['productSpecificRule'],
  rvcOnly: string | undefined,
): Classification {
  const { rows, rule } = tableRows(rules, table);
  const row = rows.find((r) => hsMatches(hs, r.hs));
  return {
    vehicleClass,
    category: `Table ${table} part`,
    title: `Table ${table} part (${row?.ex ? 'ex ' : ''}${row?.hs ?? hs}: ${row?.description ?? ''}), original equipment`,
    citation: rule.citation,
    rvcRule: partsTable(rules, table).rvc,
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom },
    hs2012: hs,
    outcomes: [],
    partTable: table,
    rvcOnly,
    productSpecificRule: psr,
  };
}

function rulePart(
  rules: RulesInForce,
  hs: string,
  vehicleClass: VehicleClassName,
  psr: NonNullable<Classification['productSpecificRule']>,
  otherVehicleRvc: Classification['otherVehicleRvc'],
): Classification {
  // The RVC shown: that of the first alternative for the part's goods (or of the first with an RVC, where the
  // claim does not say which goods it is); the rule's requirement decides the part either way.
  const withRvc = psr.rule.alternatives.filter((a) => a.rvc);
  const alt =
    withRvc.find((a) => a.goods === undefined || a.goods === psr.goods || a.goods === 'any other good') ?? withRvc[0];
  const own = thresholdOn(alt?.rvc?.netCost, rules.date);
  // s. 20(3)(c): the other-vehicle threshold replaces the rule's figures, by the net cost method only.
  const netCost = own !== undefined && otherVehicleRvc ? otherVehicleRvc.netCost : own;
  const transactionValue = otherVehicleRvc ? undefined : thresholdOn(alt?.rvc?.transactionValue, rules.date);
  const use = psr.use === 'aftermarket' ? 'aftermarket part' : `original equipment in a ${vehicleClass}`;
  return {
    vehicleClass,
    category: psr.use === 'aftermarket' ? `aftermarket part of ${psr.rule.hs}` : `part of ${psr.rule.hs}`,
    title: `part of ${psr.rule.hs}${psr.rule.ex ? ` (${psr.rule.ex})` : ''}, ${use} (${psr.rule.provision}${alt ? ` ${alt.paragraph}` : ''})`,
    citation: psr.citation,
    rvcRule: otherVehicleRvc && own !== undefined ? otherVehicleRvc.rule.id : psr.ruleId,
    rule: { id: psr.ruleId, effectiveFrom: psr.effectiveFrom },
    hs2012: hs,
    outcomes: [],
    productSpecificRule: psr,
    ...(otherVehicleRvc && own !== undefined ? { otherVehicleRvc } : {}),
    ...(netCost !== undefined ? { thresholdOverride: { netCost, transactionValue } } : {}),
    ...(netCost === undefined
      ? {
          rvcNotRequired: `the part's rule (${psr.rule.provision}) has no RVC alternative${psr.goods ? ` for ${psr.goods}` : ''}`,
        }
      : {}),
  };
}

function stripFound(held: HeldRule & { found: string }): HeldRule {
  const { found: _found, ...rest } = held;
  return rest;
}

function incomplete(field: string, message: string): ClaimProblem {
  return { field, code: 'PART_CLAIM_INCOMPLETE', message };
}

function problem(field: string, code: ClaimProblem['code'], message: string): ClassificationOutcome {
  return { ok: false, problems: [{ field, code, message }] };
}

function plural(c: string): string {
  return `${c.replace(/-/g, ' ')}s`;
}

/** The requirements of vehicles, not applicable to a claim for a part. */
export function vehicleOnlyNotApplicable(rules: RulesInForce): RequirementOutcome[] {
  return (['core-parts', 'heavy-truck-parts', 'steel', 'aluminum', 'lvc'] as const).map((id) => ({
    result: notApplicable(
      id,
      REQUIREMENTS[id].title,
      'applies to vehicles only; this claim is for a part',
      rules.cite('UR', REQUIREMENTS[id].provision),
    ),
    ...noFindings(),
  }));
}
