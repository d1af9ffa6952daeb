/**
 * The column-mapping document (`format: usmca-roo/mapping@1`): which column of a CSV or XLSX file holds
 * which field of a material or a steel/aluminum purchase, how the file writes its values and numbers, and
 * what to assume where a field has no column. Validated strictly: every mistake in a mapping is reported
 * with code MAPPING_INVALID (DOCUMENT_FORMAT when the file is not a mapping at all), at its line.
 */
import { z } from 'zod';
import { InputError, sortProblems, syntaxToInputError, withoutProblemsUnder, type InputProblem } from '../problems.js';
import { readDocument } from '../../documents/read.js';
import { DocumentSyntaxError, type Path, type SourceDocument } from '../../documents/source.js';
import { validateDocument } from '../validate.js';
import type { TableKind } from './fields.js';
import { checkMappingFields, DECIMAL_SEPARATORS } from './mapping-fields.js';

export const MAPPING_FORMAT = 'usmca-roo/mapping@1';
export const ENCODINGS = ['utf-8', 'utf-16le', 'windows-1252'] as const;
export { DECIMAL_SEPARATORS };
export const THOUSANDS_SEPARATORS = ['', ',', '.', ' '] as const;

const mappingIssue = { code: 'MAPPING_INVALID' } as const;
const headerText = z.string().trim().min(1, 'a column header must not be empty');
const scalar = z.union([z.string(), z.boolean()]);
const positiveWhole = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9][0-9]*$/, 'expected a row number such as 1')
    .transform(Number),
]);

export const mappingSchema = z
  .object({
    format: z.literal(MAPPING_FORMAT),
    kind: z.enum(['materials', 'purchases']),
    description: z.string().optional(),
    sheet: z.string().min(1).optional(),
    header: positiveWhole.default(1),
    csv: z
      .object({
        delimiter: z.string().length(1, 'the delimiter is one character, e.g. ";" or "\\t" for a tab').default(','),
        encoding: z.enum(ENCODINGS).default('utf-8'),
      })
      .strict()
      .default({ delimiter: ',', encoding: 'utf-8' }),
    /**
     * Field -> header text. The fields are the claim format's (fields.ts): a material's or a purchase's, a field
     * inside a line by its path (`supplierStatement.netCost`, `evidence.ref`, `alternatives[0].unitValue`).
     */
    columns: z.record(z.string(), headerText),
    values: z.record(z.string(), z.record(z.string(), scalar)).default({}),
    numbers: z
      .object({
        decimalSeparator: z.enum(DECIMAL_SEPARATORS).default('.'),
        thousandsSeparator: z.enum(THOUSANDS_SEPARATORS).default(''),
      })
      .strict()
      .default({ decimalSeparator: '.', thousandsSeparator: '' }),
    defaults: z.record(z.string(), scalar).default({}),
  })
  .strict()
  .superRefine(
    (m, ctx) =>
      checkMappingFields(m, (path, message) => ctx.addIssue({ code: 'custom', path, message, params: mappingIssue })),
    // Also when the shape has problems: an unknown field must not wait until the decimal separator is fixed.
    { when: () => true },
  );

/** A mapping as written (what `loadMapping` reads, or what a program passes to `importTable`). */
export type Mapping = z.input<typeof mappingSchema>;
/** A validated mapping, every default filled in. */
export type ResolvedMapping = z.output<typeof mappingSchema> & { kind: TableKind };

/** Mappings read by loadMapping remember their document, so later problems can point at their lines. */
const sources = new WeakMap<object, { doc: SourceDocument; basePath: Path }>();

/** The line of a mapping's field (e.g. ['columns', 'unitValue']), when the mapping was read from a file. */
export function mappingLine(mapping: Mapping, path: Path): number | undefined {
  const source = sources.get(mapping);
  return source?.doc.locate([...source.basePath, ...path])?.line;
}

/**
 * Read and validate a mapping file (YAML or JSON): the mapping, or every problem of the file at once. A file
 * refused for a value it holds (a bare JSON number) is still checked through, so its other problems come with
 * that one. Throws only what is not an input problem (an internal error).
 */
export function loadMapping(file: string): { mapping: ResolvedMapping | undefined; problems: InputProblem[] } {
  let doc: SourceDocument;
  try {
    doc = readDocument(file);
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (!(converted instanceof InputError)) throw err;
    if (!(err instanceof DocumentSyntaxError) || !err.readable)
      return { mapping: undefined, problems: converted.problems };
    const refused = converted.problems;
    const rest = resolveMapping(err.readable).problems;
    return { mapping: undefined, problems: sortProblems(withoutProblemsUnder(refused, [...refused, ...rest])) };
  }
  return resolveMapping(doc);
}

/**
 * Validate a mapping held in a document: the whole document, or (inline in a claim) the value at
 * `basePath`, given as `data`. For a mapping built in a program, pass
 * `{ file, format: 'json', data, locate: () => undefined }` (problems then carry the file but no line).
 */
export function resolveMapping(
  doc: SourceDocument,
  basePath: Path = [],
  data: unknown = doc.data,
): { mapping: ResolvedMapping | undefined; problems: InputProblem[] } {
  const checked = validateDocument(doc, mappingSchema, basePath, data);
  if (!checked.ok) {
    return {
      mapping: undefined,
      problems: sortProblems(
        checked.problems.map((p) => (p.code === 'DOCUMENT_FORMAT' ? p : { ...p, code: 'MAPPING_INVALID' })),
      ),
    };
  }
  const mapping = checked.value as ResolvedMapping;
  sources.set(mapping, { doc, basePath });
  return { mapping, problems: [] };
}

/** The resolved form of a mapping: as is when it came from loadMapping/resolveMapping, else validated now. */
export function ensureResolved(
  mapping: Mapping,
  mappingFile: string,
): { mapping: ResolvedMapping | undefined; problems: InputProblem[] } {
  if (sources.has(mapping)) return { mapping: mapping as ResolvedMapping, problems: [] };
  return resolveMapping({ file: mappingFile, format: 'json', data: mapping, locate: () => undefined });
}
