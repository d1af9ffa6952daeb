/**
 * The claim, producer and party documents, version 1 (spec: claim-format.md). Field names are a contract
 * with users' files. Objects are strict: an unknown field is reported (it is usually a misspelling), never
 * silently dropped.
 */
import { z } from 'zod';
import { fastMaterial } from './material-fast.js';
import { walkableAs } from './schema-keys.js';
import {
  CORE_PART_GROUPS,
  IMPORTING_COUNTRIES,
  INTERPRETATION_SWITCHES,
  ORIGINS,
  PART_TABLES,
  VEHICLE_CLASSES,
} from './terms.js';
import {
  amount,
  country,
  currency,
  date,
  decimal,
  hs,
  identifier,
  money,
  nonNegativeDecimal,
  positiveDecimal,
  purchaseHs,
} from './fields.js';

/**
 * z.object with its keys in sorted (UTF-16) order: zod writes its output in shape order, so every validated
 * document comes out with sorted keys, and its canonical JSON is a plain JSON.stringify (see canonical/json.ts).
 */
function obj<T extends z.ZodRawShape>(shape: T): z.ZodObject<T, z.core.$strip> {
  const sorted = Object.fromEntries(Object.entries(shape).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return z.object(sorted as T);
}

const flag = z.boolean();
const period = obj({ start: date, end: date }).strict();

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

const supplierStatementSchema = obj({
  netCost: money,
  valueOfNonOriginatingMaterials: money.optional(),
  regionalContentAmount: money.optional(),
  additionalCosts: money.optional(),
  period: period.optional(),
  reference: z.string().optional(),
}).strict();

/**
 * Where a line's declared country of production is documented (a supplier's certificate, a purchase record):
 * the content command counts U.S. content (and Canadian or Mexican originating content) it can point to.
 */
export const evidenceSchema = obj({ ref: z.string().min(1, 'name the document, e.g. a certificate number') }).strict();

/**
 * A quote for a BOM line from another supplier, which `advise` may re-source the line at: the quoted price per
 * unit (`unitValue`, in its own currency, or `currency`, or the line's), the supplier, the origin the supplier
 * would certify, where it would be made (`country`, and `plant`, a producer plant id, for the LVC), and the quote's
 * reference. `evaluate` evaluates the line as it is.
 */
export const alternativeSchema = obj({
  supplier: z.string().min(1, 'name the supplier'),
  unitValue: money,
  currency: currency.optional(),
  origin: z.enum(ORIGINS),
  country: country.optional(),
  plant: identifier.optional(),
  reference: z.string().optional(),
}).strict();
export type AlternativeInput = z.output<typeof alternativeSchema>;

export interface MaterialInput {
  id: string;
  description?: string | undefined;
  hs?: string | undefined;
  quantity: string;
  unitValue: { amount: string; currency?: string | undefined };
  currency?: string | undefined;
  /** Required unless the engine computes the line's origin (see load-claim.ts, `originComputable`). */
  origin?: (typeof ORIGINS)[number] | undefined;
  country?: string | undefined;
  plant?: string | undefined;
  selfProduced?: boolean | undefined;
  intermediate?: boolean | undefined;
  supplierStatement?: z.output<typeof supplierStatementSchema> | undefined;
  corePart?: (typeof CORE_PART_GROUPS)[number] | undefined;
  coreComponent?: string | undefined;
  netCost?: { amount: string; currency?: string | undefined } | undefined;
  allocatedTotalCost?: { amount: string; currency?: string | undefined } | undefined;
  partTable?: 'A.1' | 'B' | 'C' | 'D' | 'E' | undefined;
  evidence?: { ref: string } | undefined;
  alternatives?: AlternativeInput[] | undefined;
  materials?: MaterialInput[] | undefined;
}

/**
 * A BOM line, declared: the reference for what a line may be. Claims are checked with `materialSchema`
 * (material-fast.ts), which accepts exactly what this accepts, much faster, and falls back to this schema to
 * report any problem; a differential property test holds the two together.
 */
export const materialReferenceSchema: z.ZodType<MaterialInput> = z.lazy(() =>
  obj({
    id: identifier,
    description: z.string().optional(),
    hs: hs.optional(),
    quantity: nonNegativeDecimal,
    unitValue: money,
    currency: currency.optional(),
    origin: z.enum(ORIGINS).optional(),
    country: country.optional(),
    plant: identifier.optional(),
    selfProduced: flag.optional(),
    intermediate: flag.optional(),
    supplierStatement: supplierStatementSchema.optional(),
    corePart: z.enum(CORE_PART_GROUPS).optional(),
    coreComponent: z.string().min(1).optional(),
    netCost: money.optional(),
    allocatedTotalCost: money.optional(),
    partTable: z.enum(PART_TABLES).optional(),
    evidence: evidenceSchema.optional(),
    alternatives: z.array(alternativeSchema).optional(),
    materials: z.array(materialReferenceSchema).optional(),
  }).strict(),
) as z.ZodType<MaterialInput>;

export const materialSchema: z.ZodType<MaterialInput> = z.unknown().transform((value, ctx): MaterialInput => {
  const fast = fastMaterial(value, supplierStatementSchema);
  if (fast !== undefined) return fast;
  const checked = materialReferenceSchema.safeParse(value);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues)
    ctx.addIssue({ ...(issue as unknown as z.core.$ZodRawIssue), path: [...issue.path] });
  return z.NEVER;
}) as unknown as z.ZodType<MaterialInput>;
walkableAs(materialSchema, () => materialReferenceSchema);

const address = obj({
  street: z.string(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country,
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
export type ProducerInput = z.output<typeof producerSchema>;

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
  })
    .strict()
    .optional(),
}).strict();
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
