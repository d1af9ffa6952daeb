/**
 * A BOM line of the claim document (`materials[]`, docs/claim-format.md "A material"): the declared schema, the
 * fast checker that stands in for it, and the parts a line may carry (a supplier statement under s. 9, the
 * evidence of its country of production, quotes from other suppliers).
 */
import { z } from 'zod';
import { fastMaterial } from './material-fast.js';
import { walkableAs } from './schema-keys.js';
import { CORE_PART_GROUPS, ORIGINS, PART_TABLES } from './terms.js';
import { country, currency, flag, hs, identifier, money, nonNegativeDecimal, obj, period } from './fields.js';

/**
 * A supplier statement for accumulation (s. 9(2)-(5)): amounts per unit of the material. `netCost` is needed only
 * where the calculation uses it (a statement of the value of non-originating materials under the net cost method,
 * s. 9(2)(a), (4)(a)); normalisation says so where it is missing (FIELD_REQUIRED).
 */
export const supplierStatementSchema = obj({
  netCost: money.optional(),
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
  /** Required unless the engine computes the line's origin (see normalize-materials.ts, `originComputable`). */
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
