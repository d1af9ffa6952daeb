/**
 * Shapes of rule-pack values. These say what a value looks like, never what it is: every legal number
 * lives in rules/ as data.
 */
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../num/decimal.js';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const HS6_PATTERN = /^\d{4}\.\d{2}$/;
/** A heading (87.03), a subheading (8703.23), a national item (8708.99.aa) or a range "A..B" of either. */
export const HS_SELECTOR_PATTERN =
  /^(?:\d{2}\.\d{2}|\d{4}\.\d{2}(?:\.[a-z]{2})?)(?:\.\.(?:\d{2}\.\d{2}|\d{4}\.\d{2}))?$/;

export const decimalText = z.string().regex(DECIMAL_PATTERN, 'a decimal written as a quoted string, e.g. "62.5"');
export const dateText = z.string().regex(DATE_PATTERN, 'a date YYYY-MM-DD');
export const hsSelector = z
  .string()
  .regex(HS_SELECTOR_PATTERN, 'an HS heading "87.03", subheading "8703.23", or range "8703.21..8703.90"');
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');

/** A json-rules-engine condition tree; its operators are checked when the adapter compiles it. */
export type ConditionTree =
  { all: ConditionTree[] } | { any: ConditionTree[] } | { not: ConditionTree } | ConditionLeaf;
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
/** RVC thresholds in percent (decimal strings): under the net cost method, and the transaction value method if any. */
export type NetCostAndTransactionValue = z.infer<typeof netCostAndTransactionValue>;

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

const citeRef = z.object({ instrument: z.string().min(1), provision: z.string().min(1) }).strict();
/** Where a text says something: an instrument declared in the pack manifest, and the provision in it. */
export type CiteRef = z.infer<typeof citeRef>;
const confidence = z.enum(['confirmed', 'excerpt', 'unconfirmed']);

/**
 * A disputed point of law as a named switch of the claim's `interpretation`: its readings (each described and
 * cited), the default, and the reading each importing country applies where one is known.
 */
export const interpretationSwitch = z
  .object({
    switch: z.string().min(1),
    default: z.string().min(1),
    readings: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'a reading name such as "rvc-only"'),
      z.object({ title: z.string().min(1), text: z.string().min(1), cites: z.array(citeRef).min(1) }).strict(),
    ),
    importingCountry: z
      .record(
        countryCode,
        z
          .object({ reading: z.string().min(1), confidence, text: z.string().min(1), cites: z.array(citeRef).min(1) })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const names = Object.keys(s.readings);
    if (names.length < 2)
      ctx.addIssue({ code: 'custom', path: ['readings'], message: 'a switch has two readings or more' });
    if (!names.includes(s.default))
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `the default "${s.default}" is not one of the readings`,
      });
    for (const [country, p] of Object.entries(s.importingCountry ?? {}))
      if (!names.includes(p.reading))
        ctx.addIssue({
          code: 'custom',
          path: ['importingCountry', country, 'reading'],
          message: `"${p.reading}" is not one of the readings`,
        });
  });
export type InterpretationSwitch = z.infer<typeof interpretationSwitch>;
