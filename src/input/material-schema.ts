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
/** A quote as the claim writes it (alternativeSchema): amounts are decimal strings, unconverted. */
export type AlternativeInput = z.output<typeof alternativeSchema>;

/**
 * A BOM line as the claim document writes it (docs/claim-format.md "A material"), before normalisation: amounts are
 * decimal strings in the line's currency (`currency`, else the claim's), per unit of the line's parent. Problems are
 * reported by the schema (materialSchema) with the line's path, e.g. `materials[3].unitValue`.
 */
export interface MaterialInput {
  /** The line's id (a part number), unique among its siblings. */
  id: string;
  /** What the material is. */
  description?: string | undefined;
  /** Its HS code: a 6-digit subheading "8708.80", or a national tariff number of 8 or 10 digits. */
  hs?: string | undefined;
  /**
   * The goods named in the product-specific rule of the good it goes into that it is ([] for none of them); one
   * name alone may be written as a string (a table's column gives one).
   */
  ruleGoods?: string[] | string | undefined;
  /** Units per unit of its parent, a decimal string. */
  quantity: string;
  /** Price per unit: the amount, and its currency where it is not the line's. */
  unitValue: { amount: string; currency?: string | undefined };
  /** The line's currency (ISO 4217), where it is not the claim's: needs a declared exchange rate. */
  currency?: string | undefined;
  /** Required unless the engine computes the line's origin (see normalize-materials.ts, `originComputable`). */
  origin?: (typeof ORIGINS)[number] | undefined;
  /** Country of production (ISO 3166 alpha-2). */
  country?: string | undefined;
  /** The producer document's plant that made it, by id (for the LVC, s. 18). */
  plant?: string | undefined;
  /** Made by the claimant itself (s. 1 "self-produced material"). */
  selfProduced?: boolean | undefined;
  /** Designated an intermediate material (s. 8(6)); its `materials` decide its origin. */
  intermediate?: boolean | undefined;
  /** The supplier's statement for accumulation (s. 9(2)-(5)), per unit of the material. */
  supplierStatement?: z.output<typeof supplierStatementSchema> | undefined;
  /** The Table A.2 core-part group it belongs to (s. 14). */
  corePart?: (typeof CORE_PART_GROUPS)[number] | undefined;
  /** The component of that group it is (Table A.2 column 2). */
  coreComponent?: string | undefined;
  /** The part's own net cost per unit (for a core part's RVC, s. 14), in the line's currency unless written. */
  netCost?: { amount: string; currency?: string | undefined } | undefined;
  /** An intermediate material's total cost allocated to one unit, without profit (s. 8(8)). */
  allocatedTotalCost?: { amount: string; currency?: string | undefined } | undefined;
  /** The parts table, where an "ex" HS code appears in more than one (Tables A.1-E of Part 6). */
  partTable?: 'A.1' | 'B' | 'C' | 'D' | 'E' | undefined;
  /** The document behind its declared country of production (a certificate number), for the content command. */
  evidence?: { ref: string } | undefined;
  /** Quotes from other suppliers, read by `advise` only. */
  alternatives?: AlternativeInput[] | undefined;
  /** The bill of materials of one unit of this line. */
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
    ruleGoods: z.union([z.array(z.string().min(1)), z.string().min(1)]).optional(),
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
