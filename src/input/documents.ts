/**
 * The claim, producer and party documents, version 1 (spec: claim-format.md). Field names are a contract
 * with users' files. Objects are strict: an unknown field is reported (it is usually a misspelling), never
 * silently dropped.
 */
import { z } from 'zod';
import { country, currency, date, decimal, hs, identifier, money, nonNegativeDecimal, positiveDecimal } from './fields.js';

const flag = z.boolean();
const period = z.object({ start: date, end: date }).strict();

export const VEHICLE_CLASSES = ['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle'] as const;
export const ORIGINS = ['originating', 'non-originating', 'unknown'] as const;
export const CORE_PART_GROUPS = [
  'engines', 'transmissions', 'body-and-chassis', 'axles', 'suspension-systems', 'steering-systems', 'advanced-batteries',
] as const;

export const exchangeRateSchema = z
  .object({ currency, rate: positiveDecimal, date, source: z.string().min(1, 'name the source of the rate') })
  .strict();

const attributesSchema = z
  .object({
    offRoad: flag.optional(),
    compressionIgnition: flag.optional(),
    electric: flag.optional(),
    motorcycle: flag.optional(),
    motorhome: flag.optional(),
    ambulanceHearsePrisonVan: flag.optional(),
    seats: positiveDecimal.optional(),
    chassisFor: z.enum(['passenger-vehicle', 'light-truck', 'heavy-truck', 'other']).optional(),
  })
  .strict();

const goodSchema = z
  .object({
    kind: z.enum(['vehicle', 'part']),
    description: z.string().min(1),
    hs,
    hsEdition: z.string().min(1).optional(),
    vehicleClass: z.enum(VEHICLE_CLASSES).optional(),
    attributes: attributesSchema.optional(),
    modelLine: z.string().optional(),
    plant: identifier.optional(),
    partTable: z.enum(['A.1', 'B', 'C', 'D', 'E']).optional(),
    use: z.enum(['original-equipment', 'aftermarket']).optional(),
    forVehicleClass: z.enum(VEHICLE_CLASSES).optional(),
    alternativeStagingRegime: z
      .object({ reference: z.string().min(1), start: date, end: date, steelAluminumExempt: flag.optional() })
      .strict()
      .optional(),
    newPlant: z
      .object({ kind: z.enum(['new-plant', 'refit']), firstPrototypeDate: date, reference: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();

const supplierStatementSchema = z
  .object({
    netCost: money,
    valueOfNonOriginatingMaterials: money.optional(),
    regionalContentAmount: money.optional(),
    additionalCosts: money.optional(),
    period: period.optional(),
    reference: z.string().optional(),
  })
  .strict();

export interface MaterialInput {
  id: string;
  description?: string | undefined;
  hs?: string | undefined;
  quantity: string;
  unitValue: { amount: string; currency?: string | undefined };
  currency?: string | undefined;
  origin: (typeof ORIGINS)[number];
  country?: string | undefined;
  plant?: string | undefined;
  selfProduced?: boolean | undefined;
  intermediate?: boolean | undefined;
  supplierStatement?: z.output<typeof supplierStatementSchema> | undefined;
  corePart?: (typeof CORE_PART_GROUPS)[number] | undefined;
  coreComponent?: string | undefined;
  netCost?: { amount: string; currency?: string | undefined } | undefined;
  partTable?: 'A.1' | 'B' | 'C' | 'D' | 'E' | undefined;
  materials?: MaterialInput[] | undefined;
}

export const materialSchema: z.ZodType<MaterialInput> = z.lazy(() =>
  z
    .object({
      id: identifier,
      description: z.string().optional(),
      hs: hs.optional(),
      quantity: nonNegativeDecimal,
      unitValue: money,
      currency: currency.optional(),
      origin: z.enum(ORIGINS),
      country: country.optional(),
      plant: identifier.optional(),
      selfProduced: flag.optional(),
      intermediate: flag.optional(),
      supplierStatement: supplierStatementSchema.optional(),
      corePart: z.enum(CORE_PART_GROUPS).optional(),
      coreComponent: z.string().min(1).optional(),
      netCost: money.optional(),
      partTable: z.enum(['A.1', 'B', 'C', 'D', 'E']).optional(),
      materials: z.array(materialSchema).optional(),
    })
    .strict(),
) as z.ZodType<MaterialInput>;

const address = z
  .object({ street: z.string(), city: z.string(), region: z.string().optional(), postalCode: z.string().optional(), country })
  .strict();

const wagesSchema = z
  .object({
    period,
    baseWages: nonNegativeDecimal.optional(),
    directProductionHours: positiveDecimal.optional(),
    averageBaseHourlyWage: nonNegativeDecimal.optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    const totals = w.baseWages !== undefined || w.directProductionHours !== undefined;
    if (w.averageBaseHourlyWage !== undefined && totals) {
      ctx.addIssue({ code: 'custom', message: 'give either baseWages with directProductionHours, or averageBaseHourlyWage, not both', params: { code: 'FIELD_UNKNOWN' } });
    } else if (w.averageBaseHourlyWage === undefined) {
      if (w.baseWages === undefined) ctx.addIssue({ code: 'custom', path: ['baseWages'], message: 'required: total base wages for direct production work (or give averageBaseHourlyWage)', params: { code: 'FIELD_REQUIRED' } });
      if (w.directProductionHours === undefined) ctx.addIssue({ code: 'custom', path: ['directProductionHours'], message: 'required: total hours of direct production work (or give averageBaseHourlyWage)', params: { code: 'FIELD_REQUIRED' } });
    }
  });

export const plantSchema = z
  .object({
    id: identifier,
    name: z.string().optional(),
    country,
    operator: z.string().min(1).optional(),
    role: z.enum(['vehicle-assembly', 'parts', 'engine', 'transmission', 'advanced-battery', 'transport']).optional(),
    wages: wagesSchema.optional(),
    capacity: z
      .object({ engines: nonNegativeDecimal.optional(), transmissions: nonNegativeDecimal.optional(), advancedBatteryPacks: nonNegativeDecimal.optional() })
      .strict()
      .optional(),
    supplyContractYears: nonNegativeDecimal.optional(),
  })
  .strict();

export const purchaseSchema = z
  .object({
    id: identifier,
    metal: z.enum(['steel', 'aluminum']),
    hs: z.string().min(1),
    description: z.string().optional(),
    value: money,
    origin: z.enum(ORIGINS),
    meltedAndPouredInRegion: flag.optional(),
    channel: z.enum(['direct', 'directed-buy', 'body-in-white']).optional(),
    country: country.optional(),
  })
  .strict();

export const producerSchema = z
  .object({
    format: z.literal('usmca-roo/producer@1'),
    name: z.string().min(1),
    address: address.optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    taxId: z.string().optional(),
    currency,
    fiscalYear: period.optional(),
    plants: z.array(plantSchema).default([]),
    laborValueContent: z
      .object({
        highWageLaborCosts: money.optional(),
        highWageTransportCosts: money.optional(),
        annualPurchaseValue: money.optional(),
        totalAnnualPurchaseValue: money.optional(),
        technology: z
          .object({ researchAndDevelopmentWages: money, informationTechnologyWages: money, directProductionWages: money })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    steelAluminum: z
      .object({
        period: z
          .object({
            start: date,
            end: date,
            kind: z.enum([
              'previous-fiscal-year', 'previous-calendar-year', 'quarter-to-date', 'month-to-date',
              'fiscal-year-to-date', 'calendar-year-to-date',
            ]),
          })
          .strict(),
        basis: z.enum(['all-vehicles-produced', 'all-vehicles-exported', 'category-produced', 'category-exported']),
        estimated: flag.optional(),
        purchases: z.array(purchaseSchema),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ProducerInput = z.output<typeof producerSchema>;

export const claimSchema = z
  .object({
    format: z.literal('usmca-roo/claim@1'),
    id: identifier,
    decisionDate: date,
    currency,
    exchangeRates: z.array(exchangeRateSchema).default([]),
    producer: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    good: goodSchema,
    period: period.optional(),
    costs: z
      .object({
        totalCost: nonNegativeDecimal,
        excludedCosts: z
          .object({
            salesPromotionMarketingAfterSalesService: nonNegativeDecimal,
            royalties: nonNegativeDecimal,
            shippingAndPacking: nonNegativeDecimal,
            nonAllowableInterest: nonNegativeDecimal,
          })
          .strict(),
        transactionValue: nonNegativeDecimal.optional(),
      })
      .strict(),
    materials: z.array(materialSchema),
    elections: z
      .object({
        rvcMethod: z.enum(['net-cost', 'transaction-value']).optional(),
        corePartsMethod: z.enum(['best', 'full', 'listed-components', 'super-core-full', 'super-core-listed']).optional(),
        lvcFormula: z.enum(['net-cost', 'annual-purchase-value']).optional(),
      })
      .strict()
      .optional(),
    interpretation: z.object({ coreRollUp: z.enum(['full', 'rvc-only']).optional() }).strict().optional(),
  })
  .strict();
export type ClaimInput = z.output<typeof claimSchema>;

export const partySchema = z
  .object({
    format: z.literal('usmca-roo/party@1'),
    role: z.enum(['importer', 'exporter', 'producer']).optional(),
    name: z.string().min(1),
    title: z.string().optional(),
    company: z.string().optional(),
    address,
    email: z.string().optional(),
    phone: z.string().optional(),
    taxId: z.string().optional(),
  })
  .strict();
export type PartyInput = z.output<typeof partySchema>;

export { decimal };
