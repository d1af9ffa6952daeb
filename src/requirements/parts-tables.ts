/**
 * Which parts table (and so which RVC threshold) applies to a part used as original equipment in a vehicle
 * of a given class: Tables A.1, B, C for passenger vehicles and light trucks (s. 14(13), (15), (17)); D, E for
 * heavy trucks (s. 15(2)-(3)); Table A.1 thresholds under an approved alternative staging regime
 * (s. 19(4)(b)). The tables, their order and their thresholds are the rule usmca.auto.parts.tables; this module is
 * the one place that reads it.
 */
import type { PART_TABLES } from '../input/terms.js';
import { hsMatches } from '../rules/hs.js';
import type { ParameterId, ParameterValue, PartsTableRows } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { NetCostAndTransactionValue, TableRow, VehicleClassName } from '../rules/values.js';

/** A parts table, as a claim names it. */
export type PartTable = (typeof PART_TABLES)[number];

/** A table's entry in usmca.auto.parts.tables: the rules holding its rows and thresholds, its vehicle classes. */
export type PartsTableEntry = ParameterValue<'usmca.auto.parts.tables'>['tables'][number];

/** The net cost and transaction value RVC thresholds (percent, decimal strings) of a parts table in force. */
export type TableThreshold = InForce<NetCostAndTransactionValue>;

/**
 * The entry of `table` in usmca.auto.parts.tables in force. Throws if the pack has no such table: a claim names only
 * the tables of PART_TABLES, and test/rules checks the pack lists exactly those.
 */
export function partsTable(rules: RulesInForce, table: string): PartsTableEntry {
  const map = rules.at('usmca.auto.parts.tables');
  const entry = map.value.tables.find((t) => t.table === table);
  if (!entry) throw new Error(`internal: parts table ${table} is not in ${map.ruleId}`);
  return entry;
}

/**
 * The RVC thresholds a part of `table` must meet as original equipment (s. 14(13), (15), (17); s. 15(2)-(3)), or
 * under an approved alternative staging regime where `asr` and the table has such thresholds (s. 19(4)(b)).
 */
export function tableThreshold(rules: RulesInForce, table: string, asr = false): TableThreshold {
  const entry = partsTable(rules, table);
  const id = asr && entry.alternativeStagingRvc !== undefined ? entry.alternativeStagingRvc : entry.rvc;
  return rules.at(id as ParameterId) as TableThreshold; // references.ts checked its shape at load
}

/** The vehicle class a part claim naming only its table is taken to be for: the first the table covers. */
export function tableVehicleClass(rules: RulesInForce, table: PartTable): VehicleClassName {
  return partsTable(rules, table).classes[0] as VehicleClassName;
}

/** Tables in order of strictness (the order of usmca.auto.parts.tables), by the class of the vehicle the part goes into. */
export function tablesFor(rules: RulesInForce, vehicleClass: VehicleClassName): PartTable[] {
  return rules
    .at('usmca.auto.parts.tables')
    .value.tables.filter((t) => t.classes.includes(vehicleClass))
    .map((t) => t.table as PartTable);
}

/** The rule a part meets: its table and row, and the net-cost threshold in force. */
export interface PartsRule {
  table: PartTable;
  row: TableRow;
  tableRule: InForce<unknown>;
  threshold: TableThreshold;
  /** Other tables the HS code also appears in ("ex" entries), when the choice was not declared. */
  alsoIn: PartTable[];
}

/** The rows of a parts table in force, with the table's rule. */
export function tableRows(rules: RulesInForce, table: PartTable): { rows: TableRow[]; rule: InForce<unknown> } {
  const rule = rules.at(partsTable(rules, table).rows as ParameterId) as InForce<PartsTableRows>; // checked at load
  return { rows: rule.value.rows, rule };
}

/**
 * The parts rule for a material of `hs` in a vehicle of `vehicleClass`: the first table (or the declared one)
 * listing the code, with the staging regime's threshold where `asr`; undefined if no table lists it.
 */
export function partsRuleFor(
  rules: RulesInForce,
  hs: string,
  vehicleClass: VehicleClassName,
  options: { declared?: PartTable | undefined; asr?: boolean } = {},
): PartsRule | undefined {
  const candidates = options.declared ? [options.declared] : tablesFor(rules, vehicleClass);
  const found: Array<{ table: PartTable; row: TableRow; rule: InForce<unknown> }> = [];
  for (const table of candidates) {
    const { rows, rule } = tableRows(rules, table);
    const row = rows.find((r) => hsMatches(hs, r.hs));
    if (row) found.push({ table, row, rule });
  }
  const first = found[0];
  if (!first) return undefined;
  return {
    table: first.table,
    row: first.row,
    tableRule: first.rule,
    threshold: tableThreshold(rules, first.table, options.asr === true),
    alsoIn: found.slice(1).map((f) => f.table),
  };
}
