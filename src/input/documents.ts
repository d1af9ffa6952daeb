/**
 * The claim, producer and party documents, version 1 (spec: claim-format.md). Field names are a contract
 * with users' files. Objects are strict: an unknown field is reported (it is usually a misspelling), never
 * silently dropped.
 */
import { z } from 'zod';
import {
  IMPORTING_COUNTRIES,
  INTERPRETATION_SWITCHES,
  PART_TABLES,
  VEHICLE_CLASSES,
  CORE_PART_GROUPS,
} from './terms.js';
import {
  amount,
  currency,
  date,
  decimal,
  flag,
  hs,
  identifier,
  money,
  obj,
  period,
  positiveDecimal,
} from './fields.js';
import { materialSchema } from './material-schema.js';
import { address } from './producer-schema.js';

export {
  alternativeSchema,
  evidenceSchema,
  materialReferenceSchema,
  materialSchema,
  type AlternativeInput,
  type MaterialInput,
} from './material-schema.js';
export { plantSchema, producerSchema, purchaseSchema, type ProducerInput } from './producer-schema.js';

export const exchangeRateSchema = obj({
  currency,
  rate: positiveDecimal,
  date,
  source: z.string().min(1, 'name the source of the rate'),
  quote: z.string().min(1).optional(),
}).strict();

const attributesSchema = obj({
  offRoad: flag.optional(),
  compressionIgnition: flag.optional(),
  electric: flag.optional(),
  motorcycle: flag.optional(),
  motorhome: flag.optional(),
  ambulanceHearsePrisonVan: flag.optional(),
  seats: positiveDecimal.optional(),
  chassisFor: z.enum(['passenger-vehicle', 'light-truck', 'heavy-truck', 'other']).optional(),
}).strict();

const goodSchema = obj({
  kind: z.enum(['vehicle', 'part']),
  description: z.string().min(1),
  hs,
  hsEdition: z.string().min(1).optional(),
  vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
  attributes: attributesSchema.optional(),
  modelLine: z.string().optional(),
  plant: identifier.optional(),
  partTable: z.enum(PART_TABLES).optional(),
  use: z.enum(['original-equipment', 'aftermarket']).optional(),
  forVehicleClass: z.enum(VEHICLE_CLASSES).optional(),
  /** The goods of its subheading a part is, in the words of its product-specific rule ("body stampings"). */
  ruleGoods: z.string().min(1).optional(),
  absentCoreParts: z.array(z.enum(CORE_PART_GROUPS)).optional(),
  alternativeStagingRegime: obj({
    reference: z.string().min(1),
    start: date,
    end: date,
    steelAluminumExempt: flag.optional(),
  })
    .strict()
    .optional(),
  newPlant: obj({ kind: z.enum(['new-plant', 'refit']), firstPrototypeDate: date, reference: z.string().optional() })
    .strict()
    .optional(),
}).strict();

/**
 * The claim document (`usmca-roo/claim@1`, docs/claim-format.md): the good, its decision date, currency and
 * exchange rates, costs (UR s. 1 "total cost" and the excluded costs), bill of materials, elections and
 * interpretation switches. Amounts are decimal strings, never numbers. Also the source of the OpenAPI schema.
 */
export const claimSchema = obj({
  format: z.literal('usmca-roo/claim@1'),
  id: identifier,
  decisionDate: date,
  currency,
  exchangeRates: z.array(exchangeRateSchema).default([]),
  producer: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  good: goodSchema,
  period: period.optional(),
  costs: obj({
    totalCost: amount,
    excludedCosts: obj({
      salesPromotionMarketingAfterSalesService: amount,
      royalties: amount,
      shippingAndPacking: amount,
      nonAllowableInterest: amount,
    }).strict(),
    transactionValue: amount.optional(),
  }).strict(),
  materials: z.array(materialSchema),
  /** The vehicle's customs value per unit (tariff measures, `content` command); not used by `evaluate`. */
  customsValue: money.optional(),
  /** The date of entry the tariff measures are taken on (default: decisionDate). */
  entryDate: date.optional(),
  /** How many vehicles the claim's per-unit figures stand for, to weight a model line's average (default 1). */
  units: positiveDecimal.optional(),
  elections: obj({
    rvcMethod: z.enum(['net-cost', 'transaction-value']).optional(),
    corePartsMethod: z.enum(['best', 'full', 'listed-components', 'super-core-full', 'super-core-listed']).optional(),
    coreAveraging: z.enum(['per-part', 'parts-category']).optional(),
    lvcFormula: z.enum(['net-cost', 'annual-purchase-value']).optional(),
  })
    .strict()
    .optional(),
  /** The country of importation: its readings of disputed points are the defaults (usmca.interpretation.*). */
  importingCountry: z.enum(IMPORTING_COUNTRIES).optional(),
  interpretation: obj({
    coreRollUp: z.enum(INTERPRETATION_SWITCHES.coreRollUp).optional(),
    heavyTruckParts: z.enum(INTERPRETATION_SWITCHES.heavyTruckParts).optional(),
    thresholdDate: z.enum(INTERPRETATION_SWITCHES.thresholdDate).optional(),
    listedComponents: z.enum(INTERPRETATION_SWITCHES.listedComponents).optional(),
    lvcNetCost: z.enum(INTERPRETATION_SWITCHES.lvcNetCost).optional(),
    heavyTruckCredit: z.enum(INTERPRETATION_SWITCHES.heavyTruckCredit).optional(),
    coreAverageThreshold: z.enum(INTERPRETATION_SWITCHES.coreAverageThreshold).optional(),
    tariffItemPrecedence: z.enum(INTERPRETATION_SWITCHES.tariffItemPrecedence).optional(),
  })
    .strict()
    .optional(),
}).strict();
/**
 * The claim document as written and validated (`usmca-roo/claim@1`, docs/claim-format.md): amounts are decimal
 * strings in their currencies, unconverted; dates YYYY-MM-DD. loadClaimFile normalises it to a NormalizedClaim.
 */
export type ClaimInput = z.output<typeof claimSchema>;

/**
 * A party of a certification of origin (`usmca-roo/party@1`): certifier, exporter, producer or importer, with
 * name, address and contact (the USMCA minimum data elements, Art. 5.2 and Annex 5-A).
 */
export const partySchema = obj({
  format: z.literal('usmca-roo/party@1'),
  role: z.enum(['importer', 'exporter', 'producer']).optional(),
  name: z.string().min(1),
  title: z.string().optional(),
  company: z.string().optional(),
  address,
  email: z.string().optional(),
  phone: z.string().optional(),
  taxId: z.string().optional(),
}).strict();
/** A party document as read (see partySchema). */
export type PartyInput = z.output<typeof partySchema>;

export { decimal };
