/**
 * The parameters of each endpoint, as zod schemas: read from the query string and from a multipart body's text
 * fields alike, validated before any work, and written into the OpenAPI document (openapi.ts). Unknown
 * parameters are refused (FIELD_UNKNOWN), never ignored; a bad value is PARAMETER_INVALID.
 */
import { z } from 'zod';
import { LANGS } from '../index.js';
import { ADVISE_OUTPUTS, CERTIFICATE_FORMATS, CONTENT_OUTPUTS, EVALUATE_OUTPUTS } from './task.js';
import { HttpProblem, type ProblemObject } from './problems.js';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const evaluateParams = z
  .object({
    output: z
      .enum(EVALUATE_OUTPUTS)
      .default('decision')
      .describe(
        'decision: the decision JSON (as `evaluate --json`); worksheet: the worksheet text; record: the decision record (as `evaluate --record`); report: decision, non-originating value by country and supplier, and the record text (for the web page)',
      ),
    set: many.describe('PATH=VALUE: change one field of the claim as read first, as `evaluate --set` (repeatable)'),
    store: flag.describe(
      "keep the decision record in the server's store as the claim's next version, as `evaluate --store` (a server started with --store)",
    ),
  })
  .strict();

const count = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'a whole number from 1')
  .transform(Number)
  .optional();

export const adviseParams = z
  .object({
    output: z
      .enum(ADVISE_OUTPUTS)
      .default('advice')
      .describe(
        'advice: the advice JSON (as `advise --json`); text: the advice as printed; solicit-csv, solicit-xlsx: the lines and plants lacking evidence, by supplier (as `--solicit FILE.csv|xlsx`)',
      ),
    objective: z
      .enum(['lines', 'cost'])
      .default('lines')
      .describe('fewest changes (lines), or least added cost from the quotes in alternatives (cost)'),
    maxPlans: count.describe('how many plans to give (as `--max-plans`, default 3)'),
    minMargin: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,6})?$/, 'points such as 2 or 0.5')
      .optional()
      .describe('every ratio requirement must pass by at least this many points (as `--min-margin`)'),
    maxEvaluations: count.describe('most evaluations of changed claims to make (as `--max-evaluations`, default 60)'),
    sensitivity: flag.describe(
      'add, per requirement, the exchange rates and prices at which it flips (as `--sensitivity`)',
    ),
  })
  .strict();

export const contentParams = z
  .object({
    output: z
      .enum(CONTENT_OUTPUTS)
      .default('report')
      .describe(
        'report: JSON (as `content --json`); text: the report as printed; csv: the Commerce submission fields (as `--csv`)',
      ),
    strict: flag.describe('count as U.S. content only lines with an evidence reference (as `--strict`)'),
    scenario: z
      .string()
      .regex(/^[^/\\]+$/, 'a scenario name from the tariff pack, or the name of an uploaded scenario file')
      .optional()
      .describe('a scenario of the tariff pack by name, or an uploaded scenario file by name (as `--scenario`)'),
  })
  .strict();

export const replayParams = z
  .object({
    rules: z.enum(['recorded', 'current']).default('recorded').describe('the recorded rule pack, or the bundled one'),
    unreleasedRules: flag.describe('accept a record made under a rule pack that is not a released version'),
  })
  .strict();

export const certificateParams = z
  .object({
    signedOn: date.describe('date of the signature, not before any decision date'),
    exporter: z
      .enum(['same', 'unknown'])
      .optional()
      .describe('instead of an exporter file: "same" (the certifier) or "unknown"'),
    blanket: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/, 'START..END')
      .optional()
      .describe('blanket period START..END, at most 12 months'),
    lang: z.enum(LANGS).default('en'),
    format: z.enum(CERTIFICATE_FORMATS).default('pdf'),
    discloseFigures: flag.describe('show the RVC, LVC, steel and aluminum figures'),
    annex: flag.describe('add the annex: each requirement with its rule id and citation'),
    unreleasedRules: flag.describe(
      'accept records made under a rule pack that is not released (the certificate says so)',
    ),
  })
  .strict();

export const validateParams = z
  .object({
    unreleasedRules: flag.describe('accept records whose rule pack is not a released version'),
  })
  .strict();

/** Parses parameters (query and multipart text fields together) or throws the problems, every one at once. */
export function parseParams<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems: ProblemObject[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys)
        problems.push({
          code: 'FIELD_UNKNOWN',
          path: `query.${key}`,
          file: '(request)',
          message: `this endpoint has no parameter "${key}"`,
        });
    else
      problems.push({
        code: 'PARAMETER_INVALID',
        path: `query.${issue.path.join('.')}`,
        file: '(request)',
        message: issue.message,
      });
  }
  throw new HttpProblem(400, problems);
}
