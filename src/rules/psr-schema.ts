/**
 * Shape of the product-specific rules of origin (PSR) as rule data: UR s. 13 for headings 87.06-87.08 and
 * Schedule 1 (USMCA Annex 4-B, printed in HTSUS General Note 11) for the other automotive parts. One file per
 * chapter holds every rule of that chapter that the pack carries; each rule names its subheading, the uses it
 * covers and its alternatives, in the order of the text. The words of the law map onto keys:
 *
 * - "no required change in tariff classification"          -> change: none
 * - "a change ... from any other heading"                   -> change: { from: any-other-heading }
 * - "... except from subheading 8482.10 through 8482.80"   -> change: { ..., except: ["8482.10..8482.80"] }
 * - "a change ... from subheading 8708.99, whether or not there is also a change from any other heading"
 *                                                            -> change: { from: ["8708.99"], orFrom: any-other-heading }
 * - "from any other good within that subheading or any other subheading"
 *                                                            -> change: { from: any-other-good }
 * - "except from battery cells of 8507.90"                  -> change: { ..., except: [{ hs: "8507.90", goods: "battery cells" }] }
 * - "except from ... assemblies incorporating more than one of the following: compressor, ..." (goods named only
 *   by description)                                          -> except: [{ goods: "assemblies incorporating ..." }]
 * - "except from tariff items 8503.00.35, 8503.00.45 or 8503.00.65" (a Party's own national numbers)
 *                                                            -> except: ["8503.00.aa"], the pack's generic label,
 *                                                               with each Party's numbers in usmca.hs.national_items
 * - "provided there is an RVC of not less than 50% under the net cost method"
 *                                                            -> rvc: { netCost: "50" }
 * - thresholds that step by date                             -> rvc: { netCost: { 2020-07-01: "62.5", 2021-07-01: "65" } }
 * - "the applicable RVC" of a parts table                    -> rvc: { table: usmca.auto.parts.pvlt_principal, ... }
 *
 * Semantic checks that zod cannot express (ranges in order, chapter of each rule, overlapping rules, a rule
 * marked unconfirmed carrying no alternatives) are in psr-checks.ts. The evaluator of these rules is not part of
 * this module.
 */
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../num/decimal.js';
import { DATE_PATTERN, HS_SELECTOR_PATTERN } from './values.js';

/** The uses a rule can cover: original equipment in a vehicle class, or an aftermarket part. */
export const psrUse = z.enum(['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle', 'aftermarket']);
export type PsrUse = z.infer<typeof psrUse>;
export const PSR_USES: readonly PsrUse[] = psrUse.options;

/** The parts tables of s. 14 and s. 15 (Tables A.1 to E). */
export const psrPartTable = z.enum(['A.1', 'B', 'C', 'D', 'E']);
export type PsrPartTable = z.infer<typeof psrPartTable>;

/**
 * "from any other chapter / heading / subheading / tariff item": a material qualifies if classified outside that level
 * of the good. A tariff item is the first eight digits of the national tariff number (s. 1(1) "tariff item", s.
 * 1(3)(d)): only the numbers as the claim wrote them can show that change within one subheading. "from any other
 * good within that subheading (or any other subheading)" (GN 11(o)/84.236, 85.53): a material of another subheading,
 * or one of the good's own subheading that is another good than the good (only the claim can say so, with the
 * material's `ruleGoods`).
 */
export const anyOther = z.enum([
  'any-other-chapter',
  'any-other-heading',
  'any-other-subheading',
  'any-other-tariff-item',
  'any-other-good',
]);
export type AnyOther = z.infer<typeof anyOther>;

/** A heading, subheading, national tariff item or range (see values.ts), as in the text. */
const hs = z
  .string()
  .regex(
    HS_SELECTOR_PATTERN,
    'an HS heading "87.08", subheading "8708.99", tariff item "8708.99.aa" or range "8482.10..8482.80"',
  );
/** The subheading (or heading, or range) a rule is for: national tariff items belong to alternatives, not to rules. */
const ruleHs = z
  .string()
  .regex(
    /^(?:\d{2}\.\d{2}|\d{4}\.\d{2})(?:\.\.(?:\d{2}\.\d{2}|\d{4}\.\d{2}))?$/,
    'an HS heading "87.06", subheading "8708.10" or range "8407.31..8407.34"',
  );

const percent = z.string().regex(DECIMAL_PATTERN, 'a percentage written as a quoted string, e.g. "62.5"');
/** One threshold for the whole life of the rule, or thresholds keyed by the date each step begins. */
export const dated = z.union([
  percent,
  z
    .record(z.string().regex(DATE_PATTERN, 'a date YYYY-MM-DD on which the step begins'), percent)
    .refine((v) => Object.keys(v).length > 0, 'at least one dated threshold'),
]);
export type DatedPercent = z.infer<typeof dated>;

/**
 * A source (or an exception) the text names: "from subheading 8708.99"; with a description, "from parts thereof of
 * 8708.80", "except from battery cells of 8507.90"; or goods named by description only, with no code: "except from
 * ... assemblies incorporating more than one of the following: compressor, condenser, evaporator, connecting tubing".
 */
export const listedSource = z.union([
  hs,
  z
    .object({ hs: hs.optional(), goods: z.string().min(1).describe('the goods (of that code) the text names') })
    .strict(),
]);
export type ListedSource = z.infer<typeof listedSource>;

export const tariffChange = z
  .object({
    /** "from any other heading", or the codes the text lists ("from subheading 8708.99"). */
    from: z.union([anyOther, z.array(listedSource).min(1)]),
    /** "whether or not there is also a change from any other heading" (or "... or any other subheading"). */
    orFrom: anyOther.optional(),
    /**
     * "except from ...": sources that do not qualify even though they are outside the level: codes, some goods of a
     * code ("battery cells of 8507.90") or goods named by description only.
     */
    except: z.array(listedSource).min(1).optional(),
  })
  .strict();
export type TariffChange = z.infer<typeof tariffChange>;

export const rvcRequirement = z
  .object({
    /** Net cost method threshold(s), "not less than". */
    netCost: dated.optional(),
    /** Transaction value method threshold(s); absent when the rule has no transaction value method (s. 7(6)). */
    transactionValue: dated.optional(),
    /**
     * "the applicable RVC": the threshold rule of a parts table (s. 14(13), (15), (17); s. 15(2)-(3); s. 20), one
     * that usmca.auto.parts.tables names as a table's `rvc` (checked when the pack is loaded, references.ts).
     */
    table: z
      .string()
      .regex(
        /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/,
        "the dotted id of a parts table's RVC rule (usmca.auto.parts.tables, rvc)",
      )
      .optional(),
    /** With `table`: whether the rule includes a transaction value method, so the table's TV figure may be used. */
    transactionValueMethod: z.boolean().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.table === undefined && r.netCost === undefined && r.transactionValue === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an RVC needs netCost, transactionValue or table' });
    }
    if (r.table !== undefined && (r.netCost !== undefined || r.transactionValue !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an RVC read from a table carries no thresholds of its own' });
    }
    if (r.table !== undefined && r.transactionValueMethod === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['transactionValueMethod'],
        message: 'say whether the rule has a transaction value method',
      });
    }
    if (r.table === undefined && r.transactionValueMethod !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['transactionValueMethod'],
        message: 'only with table: the thresholds say it otherwise',
      });
    }
  });
export type RvcRequirement = z.infer<typeof rvcRequirement>;

export const alternative = z
  .object({
    /** Paragraph of the rule in the text, e.g. "(1)(b)" or "(B)". */
    paragraph: z.string().min(1),
    /** The goods the alternative is for when the text narrows it ("radiators", "any other good"). */
    goods: z.string().min(1).optional(),
    /** The national eight-digit item the alternative is for ("a change to tariff item 8708.99.aa"). */
    tariffItem: z
      .string()
      .regex(/^\d{4}\.\d{2}\.[a-z]{2}$/, 'a national tariff item such as "8708.99.aa"')
      .optional(),
    change: z.union([z.literal('none'), tariffChange]),
    rvc: rvcRequirement.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.change === 'none' && a.rvc === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rvc'],
        message: 'no required change in tariff classification needs an RVC',
      });
    }
  });
export type PsrAlternative = z.infer<typeof alternative>;

export const productSpecificRule = z
  .object({
    /** HS 2012 heading, subheading or range the rule is for. */
    hs: ruleHs,
    /** Only the goods of that code the text describes ("ex" scope), e.g. "body stampings". */
    ex: z.string().min(1).optional(),
    /**
     * With `ex`: the parts tables whose entry for the subheading lists exactly these goods (Table A.1 "ex 8708.29
     * body stampings"; Table B "8708.29 ... excluding body stampings"), so that a material the bill of materials
     * places in that table is decided by this rule (s. 8(7)(a), s. 14(2), (14)).
     */
    partTables: z.array(psrPartTable).min(1).optional(),
    uses: z.array(psrUse).min(1),
    /** Where the rule is printed: section and paragraph of the instrument. */
    provision: z.string().min(1),
    /** confirmed: read in the cited text; unconfirmed: not read, so the pack holds no alternative for it. */
    status: z.enum(['confirmed', 'unconfirmed']),
    alternatives: z.array(alternative).default([]),
    note: z.string().min(1).optional(),
  })
  .strict();
export type ProductSpecificRule = z.infer<typeof productSpecificRule>;

/** The value of a PSR parameter: the source read and the rules. */
export const productSpecificRules = z
  .object({
    chapter: z.string().regex(/^\d{2}$/, 'a two-digit chapter'),
    source: z
      .object({
        instrument: z.string().min(1),
        read: z.string().min(1).describe('which text, page or paragraph was read'),
        url: z.string().optional(),
      })
      .strict(),
    rules: z.array(productSpecificRule).min(1),
  })
  .strict();
export type ProductSpecificRules = z.infer<typeof productSpecificRules>;

/**
 * The national tariff items behind a generic item of the rules ("8708.99.aa", s. 1(3)(e)), country by country:
 * `codes` are the national numbers (8 or 10 digits, written with dots) that are the item, read in `source`; an
 * unconfirmed country holds no codes. Read by src/requirements/psr/national-items.ts.
 */
export const nationalItems = z
  .object({
    items: z
      .array(
        z
          .object({
            item: z.string().regex(/^\d{4}\.\d{2}\.[a-z]{2}$/, 'a generic tariff item such as "8708.99.aa"'),
            countries: z
              .array(
                z
                  .object({
                    country: z.enum(['US', 'CA', 'MX']),
                    status: z.enum(['confirmed', 'unconfirmed']),
                    codes: z
                      .array(
                        z
                          .string()
                          .regex(/^\d{4}\.\d{2}\.\d{2}(?:\.?\d{2})?$/, 'a national number such as "8708.99.81"'),
                      )
                      .min(1)
                      .optional(),
                    source: z.string().min(1).optional(),
                  })
                  .strict()
                  .refine((c) => (c.status === 'confirmed') === (c.codes !== undefined && c.source !== undefined), {
                    message:
                      'a confirmed country names its codes and the source they were read in; an unconfirmed one neither',
                  }),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type NationalItems = z.infer<typeof nationalItems>;
