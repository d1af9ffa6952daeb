/**
 * The producer document (`usmca-roo/producer@1`, docs/claim-format.md): its plants with their wages, the labor
 * value content figures and the steel and aluminum purchases; and the postal address the party document shares.
 */
import { z } from 'zod';
import {
  amount,
  country,
  currency,
  date,
  flag,
  identifier,
  money,
  nonNegativeDecimal,
  obj,
  period,
  positiveDecimal,
  purchaseHs,
} from './fields.js';
import { ORIGINS } from './terms.js';

/** A postal address (producer and party documents). */
export const address = obj({
  street: z.string(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country,
}).strict();

/** An identification number as written (MID, EIN, IOR, a plant's number): letters, digits and hyphens. */
const idNumber = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'letters, digits and hyphens, e.g. "12-3456789"');

/**
 * The producer's customs and tax identifiers that a steel or aluminum purchasing certification to CBP lists: any
 * Manufacturer Identification Codes (`mid`), Federal Employer Identification Numbers (`ein`) and Importer of Record
 * numbers (`ior`) associated with the producer (19 CFR 182.97(c)(1)); for the LVC certification the EIN or an
 * alternative unique number (182.95(c)(1)).
 */
const customsIdentifiers = obj({
  mid: z.array(idNumber).min(1).optional(),
  ein: z.array(idNumber).min(1).optional(),
  ior: z.array(idNumber).min(1).optional(),
}).strict();

/** The point of contact of the certifying producer (19 CFR 182.95(c)(1); 29 CFR 810.405(a)(1)). */
const contactSchema = obj({
  name: z.string().min(1),
  title: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
}).strict();

const wagesSchema = obj({
  period,
  baseWages: amount.optional(),
  directProductionHours: positiveDecimal.optional(),
  averageBaseHourlyWage: amount.optional(),
})
  .strict()
  .superRefine((w, ctx) => {
    const totals = w.baseWages !== undefined || w.directProductionHours !== undefined;
    if (w.averageBaseHourlyWage !== undefined && totals) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either baseWages with directProductionHours, or averageBaseHourlyWage, not both',
        params: { code: 'FIELD_UNKNOWN' },
      });
    } else if (w.averageBaseHourlyWage === undefined) {
      if (w.baseWages === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['baseWages'],
          message: 'required: total base wages for direct production work (or give averageBaseHourlyWage)',
          params: { code: 'FIELD_REQUIRED' },
        });
      if (w.directProductionHours === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['directProductionHours'],
          message: 'required: total hours of direct production work (or give averageBaseHourlyWage)',
          params: { code: 'FIELD_REQUIRED' },
        });
    }
  });

export const plantSchema = obj({
  id: identifier,
  name: z.string().optional(),
  country,
  operator: z.string().min(1).optional(),
  role: z.enum(['vehicle-assembly', 'parts', 'engine', 'transmission', 'advanced-battery', 'transport']).optional(),
  wages: wagesSchema.optional(),
  capacity: obj({
    engines: nonNegativeDecimal.optional(),
    transmissions: nonNegativeDecimal.optional(),
    advancedBatteryPacks: nonNegativeDecimal.optional(),
  })
    .strict()
    .optional(),
  supplyContractYears: nonNegativeDecimal.optional(),
  /** Where the plant is: the place of production a vehicle certification gives (19 CFR 182.97(c)(1)). */
  address: address.optional(),
  /** Its Federal Employer Identification Number or another unique identification number (29 CFR 810.405(a)(4)). */
  identificationNumber: idNumber.optional(),
}).strict();

export const purchaseSchema = obj({
  id: identifier,
  metal: z.enum(['steel', 'aluminum']),
  hs: purchaseHs,
  description: z.string().optional(),
  value: money,
  origin: z.enum(ORIGINS),
  meltedAndPouredInRegion: flag.optional(),
  metalContent: flag.optional(),
  channel: z.enum(['direct', 'directed-buy', 'body-in-white']).optional(),
  country: country.optional(),
}).strict();

/**
 * The producer document (`usmca-roo/producer@1`, docs/claim-format.md): plants with their wages (UR s. 18),
 * the labor value content data, steel and aluminum purchases (s. 17). Amounts are decimal strings.
 */
export const producerSchema = obj({
  format: z.literal('usmca-roo/producer@1'),
  name: z.string().min(1),
  address: address.optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  taxId: z.string().optional(),
  /** MID, EIN and IOR numbers for the producer's vehicle certifications to CBP (19 CFR 182.95-182.97). */
  customsIdentifiers: customsIdentifiers.optional(),
  /** The point of contact for those certifications. */
  contact: contactSchema.optional(),
  currency,
  fiscalYear: period.optional(),
  plants: z.array(plantSchema).default([]),
  laborValueContent: obj({
    highWageLaborCosts: money.optional(),
    highWageTransportCosts: money.optional(),
    annualPurchaseValue: money.optional(),
    totalAnnualPurchaseValue: money.optional(),
    technology: obj({
      researchAndDevelopmentWages: money,
      informationTechnologyWages: money,
      directProductionWages: money,
    })
      .strict()
      .optional(),
  })
    .strict()
    .optional(),
  steelAluminum: obj({
    period: obj({
      start: date,
      end: date,
      kind: z.enum([
        'previous-fiscal-year',
        'previous-calendar-year',
        'quarter-to-date',
        'month-to-date',
        'fiscal-year-to-date',
        'calendar-year-to-date',
      ]),
    }).strict(),
    basis: z.enum(['all-vehicles-produced', 'all-vehicles-exported', 'category-produced', 'category-exported']),
    estimated: flag.optional(),
    /** The metals of which the producer declares it made no Table S purchase in the period (s. 17(1)). */
    noTableSPurchases: z.array(z.enum(['steel', 'aluminum'])).optional(),
    purchases: z.array(purchaseSchema),
  })
    .strict()
    .optional(),
}).strict();
/**
 * The producer document as written and validated (`usmca-roo/producer@1`): plants and their wages (s. 18), the LVC
 * data, steel and aluminum purchases (s. 17); amounts are decimal strings in their currencies.
 */
export type ProducerInput = z.output<typeof producerSchema>;
