/**
 * Rules that name other rules, checked when a pack is loaded, so that a rule never names what the pack does not
 * hold (the table-to-threshold map is the one place the parts tables are tied to their thresholds):
 * - usmca.auto.parts.tables: each table's `rows` names a parts table of the pack, its `rvc` and
 *   `alternativeStagingRvc` a rule of net cost and transaction value thresholds (s. 14(13)-(17), s. 15(2)-(3),
 *   s. 19(4)(b));
 * - usmca.auto.heavy_truck_parts.scope: its `table` is one of those tables (s. 15(4));
 * - the product-specific rules (usmca.auto.psr.*): an RVC read from a table names the `rvc` of one of those tables;
 * - usmca.auto.lvc.vehicle_classes: each class's rule, and `alternativeStagingRegime`, name LVC thresholds
 *   (s. 18(1)-(2), s. 19(4)(d));
 * - usmca.auto.asr: its `rvc` names an RVC threshold, a percentage (s. 19(4)(a)).
 * A pack without the map (another kind of pack) is not checked. Each problem names the file and the key.
 */
import type { z } from 'zod';
import { formatPath } from '../documents/source.js';
import { partsTableRows, type ParameterValue } from './catalog.js';
import type { Parameter } from './pack.js';
import type { ProductSpecificRules } from './psr-schema.js';
import { decimalText, lvcThresholds, netCostAndTransactionValue } from './values.js';

/** A rule naming what the pack does not hold: where (file, dotted key) and what is wrong. */
export interface ReferenceProblem {
  file: string;
  key: string;
  message: string;
}

const MAP = 'usmca.auto.parts.tables';
const HEAVY_TRUCK_PARTS = 'usmca.auto.heavy_truck_parts.scope';
const PSR_PREFIX = 'usmca.auto.psr.';
const LVC_MAP = 'usmca.auto.lvc.vehicle_classes';
const STAGING_REGIME = 'usmca.auto.asr';

/** Every reference in `parameters` that does not resolve, given the shape of each rule id in `catalog`. */
export function referenceProblems(
  parameters: ReadonlyMap<string, Parameter>,
  catalog: Readonly<Record<string, z.ZodType>>,
): ReferenceProblem[] {
  const map = parameters.get(MAP);
  if (!map) return [];
  const problems: ReferenceProblem[] = [];
  const tables = new Set<string>();
  const thresholds = new Set<string>();
  const expect = (file: string, key: string, id: string, shape: z.ZodType, what: string): void => {
    if (!parameters.has(id) || catalog[id] !== shape)
      problems.push({ file, key, message: `${id} is not ${what} of this pack` });
  };
  for (const entry of map.entries) {
    const value = entry.value as ParameterValue<'usmca.auto.parts.tables'> | null;
    value?.tables.forEach((t, i) => {
      const at = (field: string): string => formatPath(['values', entry.from, 'value', 'tables', i, field]);
      tables.add(t.table);
      thresholds.add(t.rvc);
      expect(map.file, at('rows'), t.rows, partsTableRows, 'a parts table');
      expect(map.file, at('rvc'), t.rvc, netCostAndTransactionValue, 'an RVC threshold rule');
      if (t.alternativeStagingRvc !== undefined)
        expect(
          map.file,
          at('alternativeStagingRvc'),
          t.alternativeStagingRvc,
          netCostAndTransactionValue,
          'an RVC threshold rule',
        );
    });
  }
  const scope = parameters.get(HEAVY_TRUCK_PARTS);
  for (const entry of scope?.entries ?? []) {
    const value = entry.value as ParameterValue<'usmca.auto.heavy_truck_parts.scope'> | null;
    if (scope && value && !tables.has(value.table))
      problems.push({
        file: scope.file,
        key: formatPath(['values', entry.from, 'value', 'table']),
        message: `table ${value.table} is not a parts table of ${MAP} (${[...tables].join(', ')})`,
      });
  }
  for (const p of parameters.values()) {
    if (!p.id.startsWith(PSR_PREFIX)) continue;
    for (const entry of p.entries) {
      (entry.value as ProductSpecificRules | null)?.rules.forEach((rule, i) =>
        rule.alternatives.forEach((alt, j) => {
          const named = alt.rvc?.table;
          if (named !== undefined && !thresholds.has(named))
            problems.push({
              file: p.file,
              key: formatPath(['values', entry.from, 'value', 'rules', i, 'alternatives', j, 'rvc', 'table']),
              message: `${named} is not the RVC of a parts table of ${MAP}`,
            });
        }),
      );
    }
  }
  const lvc = parameters.get(LVC_MAP);
  for (const entry of lvc?.entries ?? []) {
    const value = entry.value as ParameterValue<'usmca.auto.lvc.vehicle_classes'> | null;
    if (!lvc || !value) continue;
    const at = (...key: string[]): string => formatPath(['values', entry.from, 'value', ...key]);
    for (const [cls, id] of Object.entries(value.classes))
      if (id !== undefined) expect(lvc.file, at('classes', cls), id, lvcThresholds, 'an LVC threshold rule');
    expect(
      lvc.file,
      at('alternativeStagingRegime'),
      value.alternativeStagingRegime,
      lvcThresholds,
      'an LVC threshold rule',
    );
  }
  const asr = parameters.get(STAGING_REGIME);
  for (const entry of asr?.entries ?? []) {
    const value = entry.value as ParameterValue<'usmca.auto.asr'> | null;
    if (asr && value)
      expect(asr.file, formatPath(['values', entry.from, 'value', 'rvc']), value.rvc, decimalText, 'an RVC threshold');
  }
  return problems;
}
