/**
 * The shapes of the tariff-measures pack (rules/tariffs/): one parameter per measure, each dated value a whole
 * measure in force from that date, or a proposed or scenario change to parts of it. Every part of a measure
 * carries its own source (instrument, provision, confidence), because a rate, a heading and a scope are often
 * read in different texts. These shapes say what a value looks like, never what it is.
 */
import { z } from 'zod';
import { ROUNDING_MODES } from '../num/decimal.js';
import type { PackKind } from '../rules/load.js';
import { countryCode, currencyCode, decimalText, hsSelector } from '../rules/values.js';

/** Where a part of a measure was read. `confidence` as in the USMCA pack: confirmed, excerpt or unconfirmed. */
export const source = z
  .object({
    instrument: z.string().min(1),
    provision: z.string().min(1),
    confidence: z.enum(['confirmed', 'excerpt', 'unconfirmed']),
    note: z.string().min(1).optional(),
  })
  .strict();
export type Source = z.infer<typeof source>;

export const MEASURE_STATUSES = ['in-force', 'proposed', 'scenario'] as const;
/** A measure's status: `in-force` (enacted), `proposed` (announced, not in force) or a user's `scenario`. */
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

const percent = z.object({ percent: decimalText, source }).strict();

/**
 * One line of the customs entry: `dutiable` is the value the rate applies to, `deducted` the value spared
 * (the U.S. content), `full` the whole value; `duty: rate` means at the measure's rate, `none` at zero.
 */
const entryLine = z
  .object({
    content: z.enum(['full', 'dutiable', 'deducted']),
    heading: z
      .string()
      .regex(/^9903\.\d{2}\.\d{2}$/, 'a chapter 99 heading such as "9903.94.03"')
      .nullable(),
    duty: z.enum(['rate', 'none']),
    quantity: z.enum(['entered', 'zero']),
    label: z.string().min(1),
    source,
  })
  .strict();
/**
 * One line of the customs entry a measure asks for: which value (full, dutiable, deducted), its chapter 99 heading
 * (or none), whether the measure's rate applies, the quantity reported, a label, and where it was read.
 */
export type EntryLine = z.infer<typeof entryLine>;

/**
 * How one figure of an entry line is rounded: to `places` decimal places of the measure's currency with the named
 * mode. `keepInvoiceTotal`: the lines of one invoice are rounded so that their sum moves no more than the rounding
 * of their total (19 CFR 159.3(a): fractions dropped or taken up, the larger fraction first, the lower rate first
 * between equal fractions).
 */
const roundingStep = z
  .object({
    /** Decimal places kept, as text like every number of a pack: '0' (whole units) to '4'. */
    places: z.enum(['0', '1', '2', '3', '4']),
    mode: z.enum(ROUNDING_MODES),
    keepInvoiceTotal: z.boolean().optional(),
    source,
  })
  .strict();
export type RoundingStep = z.infer<typeof roundingStep>;

/**
 * Where the measure's amounts are rounded: only the entry lines' values (`lineValue`, the value the rate applies
 * to) and duties (`lineDuty`); every other figure stays exact. A measure without it rounds nothing.
 */
const rounding = z
  .object({ lineValue: roundingStep.optional(), lineDuty: roundingStep.optional() })
  .strict()
  .refine((r) => r.lineValue !== undefined || r.lineDuty !== undefined, 'give lineValue, lineDuty or both');
export type Rounding = z.infer<typeof rounding>;

/** The content a preference spares: lines produced in these countries (and, if so, only originating ones). */
const sparedContent = z
  .object({
    countries: z.array(countryCode).min(1),
    originatingOnly: z.boolean(),
    definition: z.string().min(1),
    source,
  })
  .strict();

export const measureSchema = z
  .object({
    status: z.literal('in-force'),
    title: z.string().min(1),
    importingCountry: countryCode,
    currency: currencyCode,
    /** The country of final assembly the measure applies to (a proxy for the good's origin: see the notes). */
    producedIn: z
      .object({ only: z.array(countryCode).min(1).optional(), except: z.array(countryCode).min(1).optional(), source })
      .strict()
      .refine((p) => (p.only === undefined) !== (p.except === undefined), 'give exactly one of only or except'),
    scope: z.object({ hs: z.array(hsSelector).min(1), source }).strict(),
    valueBasis: z.object({ description: z.string().min(1), source }).strict(),
    rate: percent,
    withoutPreference: z.object({ lines: z.array(entryLine).min(1), source }).strict(),
    preference: z
      .object({
        /** Final-assembly countries whose USMCA-qualifying vehicles may have the preference. */
        producedIn: z.array(countryCode).min(1),
        conditions: z.array(z.string().min(1)).min(1),
        spared: sparedContent,
        /** A floor on the deduction: the deducted value is at least this percent of the value (SOR/2025-118). */
        minimumDeduction: percent.optional(),
        lines: z.array(entryLine).min(1),
        source,
      })
      .strict(),
    rounding: rounding.optional(),
    submission: z
      .object({ fields: z.array(z.string().min(1)).min(1), averaging: z.string().min(1), source })
      .strict()
      .optional(),
  })
  .strict();
/**
 * A tariff measure in force (Section 232 on automobiles and parts, Canada's surtax): who imposes it, in which
 * currency, on goods assembled where and of which HS codes, at what rate (percent, decimal string) on which value,
 * the entry lines without and with the preference for USMCA-qualifying goods, and the content the preference spares;
 * each part with its source.
 */
export type Measure = z.infer<typeof measureSchema>;

/** A proposed or scenario change to parts of the in-force measure, from its date, under a scenario name. */
export const measureChangeSchema = z
  .object({
    status: z.enum(['proposed', 'scenario']),
    scenario: z.string().regex(/^[a-z0-9-]+$/, 'a scenario name in lower case, digits and hyphens'),
    title: z.string().min(1),
    rate: percent.optional(),
    minimumDeduction: percent.optional(),
  })
  .strict()
  .refine(
    (c) => c.rate !== undefined || c.minimumDeduction !== undefined,
    'a change changes the rate or the minimum deduction',
  );
/** A proposed or scenario change to a measure: its status, scenario name, title, and the new rate or minimum deduction. */
export type MeasureChange = z.infer<typeof measureChangeSchema>;

const measureValue = z.union([measureSchema, measureChangeSchema]);

/** The measures the pack must hold, by rule id. */
export const TARIFF_MEASURE_IDS = [
  'tariffs.ca.surtax.motor_vehicles',
  'tariffs.us.section_232.automobiles',
  'tariffs.us.section_232.medium_heavy_vehicles',
] as const;
/** The rule id of a tariff measure in the tariff-measures pack, e.g. `tariffs.us.section_232.automobiles`. */
export type TariffMeasureId = (typeof TARIFF_MEASURE_IDS)[number];

/** The tariff-measures pack: each measure has the same shape. */
export const TARIFF_PACK_KIND: PackKind = {
  catalog: Object.fromEntries(TARIFF_MEASURE_IDS.map((id) => [id, measureValue])),
  required: TARIFF_MEASURE_IDS,
};
