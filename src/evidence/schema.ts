/**
 * Supplier evidence (format `usmca-roo/evidence@1`): a supplier's certification of origin for the parts it
 * sells (USMCA Art. 5.2; 19 CFR 182.12), or its statement of the content of a material for accumulation
 * (Uniform Regulations s. 9(2)(a) or (b)). Each item names the supplier, the BOM lines or part numbers it
 * covers, the period it covers and, for a statement, its figures. Documented in docs/evidence-format.md.
 */
import { z } from 'zod';
import { country, currency, date, identifier, nonNegativeDecimal, positiveDecimal } from '../input/fields.js';

export const EVIDENCE_FORMAT = 'usmca-roo/evidence@1';
export const EVIDENCE_KINDS = ['certification', 'statement'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * A statement's figures, per unit, in `currency`. `netCost` is needed only where the calculation uses it, as for a
 * claim's own `supplierStatement`: a statement of the value of non-originating materials (s. 9(2)(a), (4)(a)) used
 * under the net cost method. The evidence file does not know the method of the claims it will cover, so a missing
 * `netCost` is reported when the statement is applied to a claim, at the item's `statement.netCost` (problems.ts).
 */
const statement = z
  .object({
    currency,
    netCost: positiveDecimal.optional(),
    valueOfNonOriginatingMaterials: nonNegativeDecimal.optional(),
    regionalContentAmount: nonNegativeDecimal.optional(),
    additionalCosts: nonNegativeDecimal.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const given = [s.valueOfNonOriginatingMaterials, s.regionalContentAmount].filter((v) => v !== undefined).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [given === 0 ? 'valueOfNonOriginatingMaterials' : 'regionalContentAmount'],
        params: { code: given === 0 ? 'FIELD_REQUIRED' : 'VALUE_NOT_ALLOWED' },
        message:
          'a statement gives either valueOfNonOriginatingMaterials (s. 9(2)(a)) or regionalContentAmount (s. 9(2)(b)), exactly one',
      });
  });

export const evidenceItemSchema = z
  .object({
    id: identifier,
    kind: z.enum(EVIDENCE_KINDS),
    supplier: z.object({ name: z.string().min(1), country: country.optional(), taxId: z.string().optional() }).strict(),
    period: z.object({ start: date, end: date }).strict(),
    covers: z.object({ partNumbers: z.array(identifier).optional(), lines: z.array(identifier).optional() }).strict(),
    reference: z.string().optional(),
    originCriterion: z.enum(['A', 'B', 'C', 'D']).optional(),
    statement: statement.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.period.end < e.period.start)
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'end'],
        params: { code: 'PERIOD_INVALID' },
        message: `the period ends (${e.period.end}) before it starts (${e.period.start})`,
      });
    if ((e.covers.partNumbers?.length ?? 0) + (e.covers.lines?.length ?? 0) === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['covers'],
        params: { code: 'FIELD_REQUIRED' },
        message: 'name at least one part number (covers.partNumbers) or BOM line (covers.lines, ids joined by "/")',
      });
    if (e.kind === 'statement' && !e.statement)
      ctx.addIssue({
        code: 'custom',
        path: ['statement'],
        params: { code: 'FIELD_REQUIRED' },
        message: 'a statement (kind: statement) gives its figures under `statement`',
      });
    if (e.kind === 'certification' && e.statement)
      ctx.addIssue({
        code: 'custom',
        path: ['statement'],
        params: { code: 'FIELD_UNKNOWN' },
        message: 'a certification of origin carries no statement figures; use kind: statement for those',
      });
  });

export type EvidenceItem = z.output<typeof evidenceItemSchema>;

export const evidenceDocumentSchema = z
  .object({
    format: z.literal(EVIDENCE_FORMAT),
    evidence: z.array(evidenceItemSchema).min(1),
  })
  .strict();
