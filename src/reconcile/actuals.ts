/**
 * The actual figures of a fiscal year (format `usmca-roo/actuals@1`), for the year-end reconciliation of
 * decisions made on estimated costs or purchases (19 CFR 182.102; UR s. 7(20), 16(9), 17(11)). Each entry names
 * a stored claim and gives its actual figures as changes of the stored claim: `lines` and `purchases` (by id),
 * `set` (field path -> value, as `evaluate --set` takes them) and `patch` (RFC 6902, as `evaluate --patch`). Documented in
 * docs/actuals-format.md. Read like a claim: every problem at once, with file, line and field (exit 2).
 */
import { z } from 'zod';
import { readDocument } from '../documents/read.js';
import type { SourceDocument } from '../documents/source.js';
import { date, identifier } from '../input/fields.js';
import { InputError, sortProblems, syntaxToInputError, type InputProblem } from '../input/problems.js';
import { problemAt, validateDocument } from '../input/validate.js';

export const ACTUALS_FORMAT = 'usmca-roo/actuals@1';

const entrySchema = z
  .object({
    claim: identifier,
    lines: z.record(z.string().min(1), z.record(z.string().min(1), z.unknown())).optional(),
    purchases: z.record(z.string().min(1), z.record(z.string().min(1), z.unknown())).optional(),
    set: z.record(z.string().min(1), z.unknown()).optional(),
    patch: z.array(z.unknown()).optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const given = [e.lines, e.purchases, e.set].reduce((n, m) => n + Object.keys(m ?? {}).length, 0);
    if (given + (e.patch?.length ?? 0) === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        params: { code: 'FIELD_REQUIRED' },
        message:
          'give the actual figures: `lines` (BOM line id: fields), `purchases` (purchase id: fields), `set` (field path: value) or `patch` (RFC 6902 operations)',
      });
  });

export const actualsDocumentSchema = z
  .object({
    format: z.literal(ACTUALS_FORMAT),
    fiscalYear: z.object({ start: date, end: date }).strict(),
    determinedOn: date,
    actuals: z.array(entrySchema).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.fiscalYear.end < d.fiscalYear.start)
      ctx.addIssue({
        code: 'custom',
        path: ['fiscalYear', 'end'],
        params: { code: 'PERIOD_INVALID' },
        message: `the fiscal year ends (${d.fiscalYear.end}) before it starts (${d.fiscalYear.start})`,
      });
    else if (d.determinedOn < d.fiscalYear.end)
      ctx.addIssue({
        code: 'custom',
        path: ['determinedOn'],
        params: { code: 'ACTUALS_BEFORE_YEAR_END' },
        message: `the reconciliation is made at the end of the fiscal year on its actual figures (19 CFR 182.102(a)): ${d.determinedOn} is before the year ends (${d.fiscalYear.end})`,
      });
  });

export type ActualsDocument = z.output<typeof actualsDocumentSchema>;
export type ActualsEntry = ActualsDocument['actuals'][number];

/** An actuals file, validated: the document (for locating problems later) and its content. */
export interface ActualsFile {
  doc: SourceDocument;
  actuals: ActualsDocument;
}

/** Reads and checks an actuals file; throws InputError listing every problem. */
export function readActualsFile(file: string): ActualsFile {
  let doc: SourceDocument;
  try {
    doc = readDocument(file);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const checked = validateDocument(doc, actualsDocumentSchema);
  const problems: InputProblem[] = checked.ok ? [] : [...checked.problems];
  const entries = (doc.data as { actuals?: unknown })?.actuals;
  const seen = new Map<string, number>();
  (Array.isArray(entries) ? entries : []).forEach((entry: { claim?: unknown }, i) => {
    if (typeof entry?.claim !== 'string') return;
    const first = seen.get(entry.claim);
    if (first !== undefined)
      problems.push(
        problemAt(
          doc,
          ['actuals', i, 'claim'],
          'ACTUALS_DUPLICATE_CLAIM',
          `claim ${entry.claim} is also entry ${first}: give its actual figures once`,
        ),
      );
    else seen.set(entry.claim, i);
  });
  if (problems.length > 0 || !checked.ok) throw new InputError(sortProblems(problems));
  return { doc, actuals: checked.value };
}

/**
 * The entries naming a claim the store holds no decision on estimated figures for, within the fiscal year:
 * one ACTUALS_NOTHING_TO_RECONCILE problem each. `estimated` maps each claim id to the decision dates of its
 * stored versions made on estimates.
 */
export function unmatchedEntries(file: ActualsFile, estimated: ReadonlyMap<string, readonly string[]>): InputProblem[] {
  const { start, end } = file.actuals.fiscalYear;
  const problems: InputProblem[] = [];
  file.actuals.actuals.forEach((e, i) => {
    const dates = estimated.get(e.claim) ?? [];
    if (dates.some((d) => d >= start && d <= end)) return;
    problems.push(
      problemAt(
        file.doc,
        ['actuals', i, 'claim'],
        'ACTUALS_NOTHING_TO_RECONCILE',
        dates.length === 0
          ? `the store holds no decision on claim ${e.claim} made on estimated figures (evaluate --store --estimated)`
          : `the decisions on claim ${e.claim} made on estimated figures are dated ${dates.join(', ')}, outside the fiscal year ${start} to ${end}`,
      ),
    );
  });
  return problems;
}
