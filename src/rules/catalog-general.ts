/**
 * The general rules a USMCA pack provides, each with the shape of its values: territory, de minimis, origin
 * criteria, certification of origin and the producer's certifications to CBP, averaging, and the HS nomenclature
 * and correlation. Part of the catalog (catalog.ts).
 */
import { z } from 'zod';
import {
  countryCode,
  currencyCode,
  dateText,
  decimalText,
  hsSelector,
  netCostAndTransactionValue,
  vehicleClassName,
} from './values.js';
import { nationalItems } from './psr-schema.js';

const percent = decimalText;

/** One producer certification to CBP: its data elements, each with the paragraph asking for it (filing/assemble.ts). */
const vehicleCertification = z
  .object({
    requirement: z.enum(['lvc', 'steel', 'aluminum']),
    provision: z.string().min(1),
    separateForAlternativeStagingRegime: z.string().min(1),
    elements: z
      .array(
        z
          .object({
            id: z.enum([
              'producer.name',
              'producer.address',
              'producer.identifier',
              'producer.contact',
              'producer.email',
              'producer.phone',
              'producer.customsIdentifiers',
              'certifier.name',
              'certifier.title',
              'certifier.address',
              'certifier.phone',
              'certifier.email',
              'vehicles',
              'calculationPeriod',
              'plants',
            ]),
            description: z.string().min(1),
            cite: z.string().min(1),
            read: z.enum(['yes', 'partly', 'by-analogy']),
          })
          .strict(),
      )
      .min(1),
    notRead: z.string().min(1).optional(),
  })
  .strict();

/** The general rules of the catalog, by id. */
export const generalCatalog = {
  'usmca.general.territory': z
    .object({ countries: z.array(countryCode).min(1), currencies: z.record(countryCode, currencyCode) })
    .strict(),
  'usmca.general.de_minimis': percent,
  'usmca.general.same_subheading_exception': netCostAndTransactionValue,
  'usmca.general.origin_criteria': z.record(
    z.enum(['A', 'B', 'C', 'D']),
    z.object({ description: z.string(), provision: z.string() }).strict(),
  ),
  'usmca.general.certification': z
    .object({
      blanketPeriodMaxMonths: decimalText,
      hsDigits: decimalText,
      // A single text: the draft of packs 1.1.0 and earlier (kept loadable for their records). Otherwise the
      // Annex 5-A wording by language; null where no source for that language's wording was found.
      statement: z.union([
        z.string().min(1),
        z
          .object({ en: z.string().min(1), es: z.string().min(1).nullable(), fr: z.string().min(1).nullable() })
          .strict(),
      ]),
    })
    .strict(),
  'usmca.general.year_end_reconciliation': z
    .object({
      notifyWithinDays: decimalText,
      notifyCustoms: z.boolean(),
      informCertificateRecipients: z.boolean(),
      classes: z.array(vehicleClassName).min(1),
    })
    .strict(),
  'usmca.general.vehicle_certifications': z
    .object({
      submitDaysBeforePeriod: decimalText,
      classes: z.array(vehicleClassName).min(1),
      certifications: z
        .object({ lvc: vehicleCertification, steel: vehicleCertification, aluminum: vehicleCertification })
        .strict(),
    })
    .strict(),
  // The origin criteria that fit a motor vehicle of the headings listed (s. 3(1)-(4)); certificate/check.ts.
  'usmca.general.vehicle_origin_criteria': z
    .object({ headings: z.array(hsSelector).min(1), criteria: z.array(z.enum(['A', 'B', 'C', 'D'])).min(1) })
    .strict(),
  'usmca.general.averaging_first_fiscal_year': z
    .object({ periodStart: dateText, fiscalYearStartAfter: dateText, fiscalYearStartBefore: dateText })
    .strict(),
  'usmca.general.calculation_period': z.object({ longestMonths: decimalText }).strict(),
  'usmca.hs.nomenclature': z.record(
    z.string().regex(/^HS\d{4}$/, 'an edition such as HS2012'),
    z
      .object({
        basedOn: z.string().optional(),
        headings: z.record(
          z.string().regex(/^\d{2}\.\d{2}$/, 'a heading written like "87.03"'),
          z.string().regex(/^(?:\d{2}(?: \d{2})*)?$/, 'the last two digits of its subheadings, separated by spaces'),
        ),
      })
      .strict(),
  ),
  'usmca.hs.national_items': nationalItems,
  'usmca.hs.correlation': z.record(
    z.string(),
    z.record(hsSelector, z.object({ hs2012: z.array(hsSelector).min(1), note: z.string().optional() }).strict()),
  ),
} as const satisfies Record<string, z.ZodType>;
