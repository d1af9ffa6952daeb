/**
 * Which parts table (and so which RVC threshold) applies to a part used as original equipment in a vehicle
 * of a given class: Tables A.1, B, C for passenger vehicles and light trucks (s. 14(13), (15), (17)); D, E for
 * heavy trucks (s. 15(2)-(3)); Table A.1 thresholds under an approved alternative staging regime
 * (s. 19(4)(b)).
 */
import { hsMatches } from '../rules/hs.js';
import type { ParameterId, ParameterValue } from '../rules/catalog.js';
import type { InForce, RulePack } from '../rules/pack.js';
import type { TableRow, VehicleClassName } from '../rules/values.js';

export type PartTable = 'A.1' | 'B' | 'C' | 'D' | 'E';

const TABLES: Record<PartTable, { table: ParameterId; threshold: ParameterId; asrThreshold?: ParameterId }> = {
  'A.1': {
    table: 'usmca.auto.table.a1',
    threshold: 'usmca.auto.parts.pvlt_core',
    asrThreshold: 'usmca.auto.parts.asr_table_a1',
  },
  B: { table: 'usmca.auto.table.b', threshold: 'usmca.auto.parts.pvlt_principal' },
  C: { table: 'usmca.auto.table.c', threshold: 'usmca.auto.parts.pvlt_complementary' },
  D: { table: 'usmca.auto.table.d', threshold: 'usmca.auto.parts.ht_principal' },
  E: { table: 'usmca.auto.table.e', threshold: 'usmca.auto.parts.ht_complementary' },
};

/** Tables in order of strictness, by the class of the vehicle the part goes into. */
export function tablesFor(vehicleClass: VehicleClassName): PartTable[] {
  if (vehicleClass === 'passenger-vehicle' || vehicleClass === 'light-truck') return ['A.1', 'B', 'C'];
  if (vehicleClass === 'heavy-truck') return ['D', 'E'];
  return [];
}

export interface PartsRule {
  table: PartTable;
  row: TableRow;
  tableRule: InForce<unknown>;
  threshold: InForce<ParameterValue<'usmca.auto.parts.pvlt_core'>>;
  /** Other tables the HS code also appears in ("ex" entries), when the choice was not declared. */
  alsoIn: PartTable[];
}

export function tableRows(
  pack: RulePack,
  date: string,
  table: PartTable,
): { rows: TableRow[]; rule: InForce<unknown> } {
  const rule = pack.at(TABLES[table].table as 'usmca.auto.table.a1', date);
  return { rows: rule.value.rows, rule };
}

export function partsRuleFor(
  pack: RulePack,
  date: string,
  hs: string,
  vehicleClass: VehicleClassName,
  options: { declared?: PartTable | undefined; asr?: boolean } = {},
): PartsRule | undefined {
  const candidates = options.declared ? [options.declared] : tablesFor(vehicleClass);
  const found: Array<{ table: PartTable; row: TableRow; rule: InForce<unknown> }> = [];
  for (const table of candidates) {
    const { rows, rule } = tableRows(pack, date, table);
    const row = rows.find((r) => hsMatches(hs, r.hs));
    if (row) found.push({ table, row, rule });
  }
  const first = found[0];
  if (!first) return undefined;
  const spec = TABLES[first.table];
  const thresholdId = options.asr && spec.asrThreshold ? spec.asrThreshold : spec.threshold;
  return {
    table: first.table,
    row: first.row,
    tableRule: first.rule,
    threshold: pack.at(thresholdId as 'usmca.auto.parts.pvlt_core', date),
    alsoIn: found.slice(1).map((f) => f.table),
  };
}
