/**
 * Which parts table (and so which RVC threshold) applies to a part used as original equipment in a vehicle
 * of a given class: Tables A.1, B, C for passenger vehicles and light trucks (s. 14(13), (15), (17)); D, E for
 * heavy trucks (s. 15(2)-(3)); Table A.1 thresholds under an approved alternative staging regime
 * (s. 19(4)(b)). The one place the tables are tied to their thresholds.
 */
import type { PART_TABLES } from '../input/terms.js';
import { hsMatches } from '../rules/hs.js';
import type { ParameterId, ParameterValue } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { TableRow, VehicleClassName } from '../rules/values.js';

/** A parts table, as a claim names it. */
export type PartTable = (typeof PART_TABLES)[number];

/** Each table's rows, its net-cost threshold, the threshold under a staging regime, and its vehicle class. */
export const PARTS_TABLE_RULES: Readonly<
  Record<
    PartTable,
    { table: ParameterId; threshold: ParameterId; asrThreshold?: ParameterId; forClass: VehicleClassName }
  >
> = {
  'A.1': {
    table: 'usmca.auto.table.a1',
    threshold: 'usmca.auto.parts.pvlt_core',
    asrThreshold: 'usmca.auto.parts.asr_table_a1',
    forClass: 'passenger-vehicle',
  },
  B: { table: 'usmca.auto.table.b', threshold: 'usmca.auto.parts.pvlt_principal', forClass: 'passenger-vehicle' },
  C: { table: 'usmca.auto.table.c', threshold: 'usmca.auto.parts.pvlt_complementary', forClass: 'passenger-vehicle' },
  D: { table: 'usmca.auto.table.d', threshold: 'usmca.auto.parts.ht_principal', forClass: 'heavy-truck' },
  E: { table: 'usmca.auto.table.e', threshold: 'usmca.auto.parts.ht_complementary', forClass: 'heavy-truck' },
};

/** Tables in order of strictness, by the class of the vehicle the part goes into. */
export function tablesFor(vehicleClass: VehicleClassName): PartTable[] {
  if (vehicleClass === 'passenger-vehicle' || vehicleClass === 'light-truck') return ['A.1', 'B', 'C'];
  if (vehicleClass === 'heavy-truck') return ['D', 'E'];
  return [];
}

/** The rule a part meets: its table and row, and the net-cost threshold in force. */
export interface PartsRule {
  table: PartTable;
  row: TableRow;
  tableRule: InForce<unknown>;
  threshold: InForce<ParameterValue<'usmca.auto.parts.pvlt_core'>>;
  /** Other tables the HS code also appears in ("ex" entries), when the choice was not declared. */
  alsoIn: PartTable[];
}

/** The rows of a parts table in force, with the table's rule. */
export function tableRows(rules: RulesInForce, table: PartTable): { rows: TableRow[]; rule: InForce<unknown> } {
  const rule = rules.at(PARTS_TABLE_RULES[table].table as 'usmca.auto.table.a1');
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
  const candidates = options.declared ? [options.declared] : tablesFor(vehicleClass);
  const found: Array<{ table: PartTable; row: TableRow; rule: InForce<unknown> }> = [];
  for (const table of candidates) {
    const { rows, rule } = tableRows(rules, table);
    const row = rows.find((r) => hsMatches(hs, r.hs));
    if (row) found.push({ table, row, rule });
  }
  const first = found[0];
  if (!first) return undefined;
  const spec = PARTS_TABLE_RULES[first.table];
  const thresholdId = options.asr && spec.asrThreshold ? spec.asrThreshold : spec.threshold;
  return {
    table: first.table,
    row: first.row,
    tableRule: first.rule,
    threshold: rules.at(thresholdId as 'usmca.auto.parts.pvlt_core'),
    alsoIn: found.slice(1).map((f) => f.table),
  };
}
