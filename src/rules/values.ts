/**
 * Shapes of rule-pack values. These say what a value looks like, never what it is: every legal number
 * lives in rules/ as data.
 */
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../num/decimal.js';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const HS6_PATTERN = /^\d{4}\.\d{2}$/;
/** A heading (87.03), a subheading (8703.23), a national item (8708.99.aa) or a range "A..B" of either. */
export const HS_SELECTOR_PATTERN = /^(?:\d{2}\.\d{2}|\d{4}\.\d{2}(?:\.[a-z]{2})?)(?:\.\.(?:\d{2}\.\d{2}|\d{4}\.\d{2}))?$/;

export const decimalText = z.string().regex(DECIMAL_PATTERN, 'a decimal written as a quoted string, e.g. "62.5"');
export const dateText = z.string().regex(DATE_PATTERN, 'a date YYYY-MM-DD');
export const hsSelector = z.string().regex(HS_SELECTOR_PATTERN, 'an HS heading "87.03", subheading "8703.23", or range "8703.21..8703.90"');
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');

/** A json-rules-engine condition tree; its operators are checked when the adapter compiles it. */
export type ConditionTree = { all: ConditionTree[] } | { any: ConditionTree[] } | { not: ConditionTree } | ConditionLeaf;
export interface ConditionLeaf {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
}
export const conditionTree: z.ZodType<ConditionTree> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionTree).min(1) }).strict(),
    z.object({ any: z.array(conditionTree).min(1) }).strict(),
    z.object({ not: conditionTree }).strict(),
    z
      .object({
        fact: z.string(),
        operator: z.string(),
        value: z.unknown(),
        // A property of an object fact (the adapter resolves "$.name" only).
        path: z
          .string()
          .regex(/^\$\.[A-Za-z_][A-Za-z0-9_]*$/, 'a property of the fact, "$.name"')
          .optional(),
      })
      .strict(),
  ]),
);

export const vehicleClassName = z.enum(['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle']);
export type VehicleClassName = z.infer<typeof vehicleClassName>;

export const tableRow = z
  .object({ hs: hsSelector, ex: z.boolean().default(false), description: z.string().min(1) })
  .strict();
export type TableRow = z.infer<typeof tableRow>;

export const netCostAndTransactionValue = z
  .object({ netCost: decimalText, transactionValue: decimalText.optional() })
  .strict();

export const lvcThresholds = z
  .object({
    total: decimalText,
    materialMinimum: decimalText,
    technologyCap: decimalText,
    assemblyCredit: decimalText,
  })
  .strict();
/** LVC thresholds of a vehicle class (s. 18(1)-(2)): total, material minimum, technology cap, assembly credit. */
export type LvcThresholds = z.infer<typeof lvcThresholds>;

export const capacity = z
  .object({ engines: decimalText, transmissions: decimalText, advancedBatteryPacks: decimalText })
  .strict();
