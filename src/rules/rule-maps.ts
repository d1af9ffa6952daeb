/**
 * The shapes of the rules that tie rules to one another, each entry naming another rule by its id (references.ts
 * checks, at load, that every id names a rule of the right shape): the parts tables and their RVC thresholds
 * (usmca.auto.parts.tables) and the LVC thresholds of each vehicle class (usmca.auto.lvc.vehicle_classes).
 */
import { z } from 'zod';
import { tableRow, vehicleClassName } from './values.js';

/** The shape of a parts table's rows (the parameters usmca.auto.parts.tables names as `rows`). */
export const partsTableRows = z.object({ rows: z.array(tableRow).min(1) }).strict();
/** The rows of a parts table (each an HS code, "ex" or not, and its description). */
export type PartsTableRows = z.infer<typeof partsTableRows>;
/** One rule naming another by its dotted id (references.ts checks, at load, that it names a rule of the pack). */
export const ruleId = z
  .string()
  .regex(/^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/, 'a dotted rule id such as usmca.auto.parts.pvlt_core');

/**
 * The parts tables tied to their thresholds (usmca.auto.parts.tables): per table, in the order the tables are tried,
 * its name as a claim writes it, the rule holding its rows, the rules holding its RVC thresholds, and the vehicle
 * classes whose original equipment it covers (the first: the class a part claim naming only the table is for).
 */
export const partsTables = z
  .object({
    tables: z
      .array(
        z
          .object({
            table: z.string().regex(/^[A-Z](?:\.\d)?$/, 'a table name such as A.1 or D'),
            rows: ruleId,
            rvc: ruleId,
            alternativeStagingRvc: ruleId.optional(),
            classes: z.array(vehicleClassName).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.tables.forEach((t, i) => {
      if (v.tables.findIndex((u) => u.table === t.table) !== i)
        ctx.addIssue({ code: 'custom', path: ['tables', i, 'table'], message: `table ${t.table} is listed twice` });
    });
  });

/**
 * The LVC requirement of each vehicle class (usmca.auto.lvc.vehicle_classes): per class, the rule holding its LVC
 * thresholds (s. 18(1)-(2)); a class not listed has none. `alternativeStagingRegime`: the rule for a vehicle under
 * an approved alternative staging regime (s. 19(4)(d)). references.ts checks, at load, that each names LVC thresholds.
 */
export const lvcRulesByClass = z
  .object({ classes: z.partialRecord(vehicleClassName, ruleId), alternativeStagingRegime: ruleId })
  .strict();
