/**
 * Input problems: every problem found in a claim and its producer document is collected and reported
 * together, each with a code from this registry, the path of the field, the file and the line. A claim
 * with any input problem is not evaluated (exit code 2).
 */
import { refusalToSyntax } from '../documents/read.js';
import { DocumentSyntaxError } from '../documents/source.js';

/**
 * The registry of input problem codes: code -> what it means. Every InputProblem carries one of these codes;
 * docs/claim-format.md lists them with examples and test/invalid holds one broken input per code.
 */
export const PROBLEM_CODES = {
  FILE_NOT_READABLE: 'a file named by the command line or by the claim cannot be read',
  FILE_FORMAT_UNKNOWN: 'a file is not .yaml, .yml or .json',
  FILE_OUTSIDE_ROOT:
    "a file named by the claim (producer, table, mapping) is outside the claim's folder (or the --root folder), directly or through a symbolic link",
  FILE_NOT_REGULAR:
    'a file named is not a regular file: a folder, a named pipe, a device, a socket or a /proc, /sys or /dev file',
  FILE_TOO_LARGE: 'a file is larger than the most the tool reads from one file (--max-file-size)',
  TEXT_ENCODING: 'a file is not UTF-8 text (or UTF-16 with its byte-order mark): save it as UTF-8',
  YAML_SYNTAX: 'the YAML text cannot be parsed',
  JSON_SYNTAX: 'the JSON text cannot be parsed',
  DUPLICATE_KEY: 'a key appears twice in one mapping or object',
  YAML_ALIAS: 'a YAML alias is circular or used excessively',
  TEXT_CHARACTER_NOT_ALLOWED:
    'a text holds a control character, a line break, a tab, a bidirectional override, a zero-width or a replacement character',
  DOCUMENT_FORMAT: 'the `format` field is missing or names another kind of document',
  FIELD_REQUIRED: 'a required field is missing',
  FIELD_UNKNOWN: 'a field is not part of the document format (often a misspelling)',
  FIELD_TYPE: 'a field has the wrong kind of value (text, list, mapping, true/false)',
  VALUE_NOT_ALLOWED: 'a field has a value outside its allowed set',
  DECIMAL_INVALID: 'an amount or quantity is not a plain decimal such as "3150.00"',
  BARE_JSON_NUMBER: 'a JSON number with a fraction, which JSON cannot promise to keep exactly: quote it',
  AMOUNT_NEGATIVE: 'an amount, quantity or rate that must not be negative (or zero) is',
  DATE_INVALID: 'a date is not a real calendar date written YYYY-MM-DD',
  HS_INVALID:
    'an HS code is not a 6-digit subheading written like "8703.23" (or an 8- or 10-digit national tariff number)',
  HS_UNKNOWN: 'an HS code is well formed but is not a subheading of the HS edition used',
  HS_EDITION_UNKNOWN: 'hsEdition names an edition the rule pack cannot correlate to HS 2012',
  COUNTRY_INVALID: 'a country is not an ISO 3166 alpha-2 code',
  CURRENCY_INVALID: 'a currency is not an ISO 4217 code',
  EXCHANGE_RATE_MISSING: 'an amount is in a currency for which the claim declares no exchange rate',
  EXCHANGE_RATE_DUPLICATE: 'two exchange rates are declared for one currency',
  PERIOD_INVALID: 'a period ends before it starts',
  BOM_DUPLICATE_ID: 'two lines of one material list share an id',
  BOM_CYCLE: 'a bill of materials contains itself',
  BOM_TOO_DEEP: 'a bill of materials is nested deeper than the engine accepts',
  PLANT_UNKNOWN: 'a plant id is not declared in the producer document',
  PLANT_DUPLICATE_ID: 'two plants of the producer document share an id',
  PLANT_OUTSIDE_TERRITORY:
    'the plant the good is produced at is outside the territory of the CUSMA countries, so the good cannot be originating (s. 3)',
  PURCHASE_DUPLICATE_ID: 'two steel or aluminum purchases share an id',
  VEHICLE_CLASS_UNDETERMINED: 'no vehicle class of the rules fits the HS code and attributes',
  VEHICLE_CLASS_CONTRADICTS_HS: 'the declared vehicleClass differs from the class the HS code and attributes give',
  NET_COST_NOT_POSITIVE: 'excluded costs leave no positive net cost',
  INTERMEDIATE_NOT_SELF_PRODUCED: 'a material is designated intermediate but not self-produced (s. 8(6))',
  INTERMEDIATE_NESTED:
    'an intermediate material subject to an RVC requirement is designated inside another designated one that is also subject to an RVC requirement (s. 8(6))',
  ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL:
    "the producer's annual purchase value of high-wage materials exceeds the total annual purchase value it is part of (s. 12, s. 18(6)(b))",
  SUPPLIER_STATEMENT_INCONSISTENT: 'a supplier statement states more regional content than the material is worth',
  CORE_PART_INCOMPLETE: 'a core part or its component cannot be evaluated from what is given',
  PART_CLAIM_INCOMPLETE: 'a part claim lacks its parts table or use',
  CSV_QUOTE_UNCLOSED: 'a quote in a CSV file is not closed where its cell should end, so it swallows the rows after it',
  XLSX_INVALID: 'an XLSX workbook is damaged or lacks a part it needs (e.g. its shared strings)',
  TABLE_TOO_LARGE: 'a CSV or XLSX table holds more cells than the most the tool reads (--max-cells)',
  TABLE_COLUMN_MISSING: 'a column the mapping names is not in the CSV or XLSX header',
  TABLE_PARENT_UNKNOWN: 'a row names a parent that no row has',
  TABLE_STRUCTURE: 'a level column skips a level, or parent links form a cycle',
  MAPPING_INVALID: 'a column-mapping file is malformed',
  RULE_NOT_HELD: 'the rule pack holds no rule for this good (e.g. an aftermarket part outside chapter 87)',
  RULE_NOT_IN_FORCE: 'no rule value is in force on the decision date (e.g. a date before the USMCA)',
  CUSTOMS_VALUE_REQUIRED: 'the content command needs the vehicle customs value (customsValue), which evaluate does not',
  MODEL_LINE_MEASURES_DIFFER:
    'claims of one model line are entered under different tariff measures or values, so they cannot be averaged',
  PATCH_INVALID:
    'a patch is not an RFC 6902 JSON Patch, or a --set is not PATH=VALUE with a field path or JSON Pointer',
  PATCH_NOT_APPLICABLE:
    'a patch operation cannot be applied to the claim as read (no value at its path, a failed test, or a file named)',
  EVIDENCE_DUPLICATE_ID: 'two items of one supplier evidence file share an id',
  ACTUALS_DUPLICATE_CLAIM: 'two entries of one actuals file name the same claim',
  ACTUALS_BEFORE_YEAR_END: 'the reconciliation is dated before the fiscal year it reconciles ends',
  ACTUALS_NOTHING_TO_RECONCILE:
    'the store holds no decision on that claim made on estimated figures within the fiscal year',
} as const;

/** An input problem code (SCREAMING_SNAKE, e.g. `DECIMAL_INVALID`): a key of PROBLEM_CODES. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/**
 * One problem found in a claim, its producer document or a table they name: `{ code, path, message, file, line }`
 * (zod-style), in the order sortProblems gives. Printed by the command line and returned by the HTTP API as is.
 */
export interface InputProblem {
  /** What kind of problem (see PROBLEM_CODES). */
  code: ProblemCode;
  /** Path of the field, e.g. `materials[3].unitValue`. */
  path: string;
  /** What is wrong and what was expected, in English, naming the value found. */
  message: string;
  /** The file the problem is in, as the claim or the command line named it. */
  file: string;
  /** Line of a YAML/JSON file, or row of a CSV/XLSX sheet (1-based, as spreadsheets number them). */
  line?: number | undefined;
  /** For tabular files: the sheet the problem is in. */
  sheet?: string | undefined;
  /** For tabular files: the column header the problem is in. */
  column?: string | undefined;
}

/**
 * Thrown when a claim cannot be read or decided as given: carries every problem found at once (`problems`,
 * sorted), never only the first. The command line prints them and exits with code 2; "not originating" is a
 * verdict, never an InputError.
 */
export class InputError extends Error {
  constructor(
    /** Every problem found, sorted (sortProblems) where the thrower sorted them. */
    readonly problems: InputProblem[],
  ) {
    super(`${problems.length} input problem${problems.length === 1 ? '' : 's'}`);
  }
}

/**
 * Problems in reading order: by file, line, field path (its list indices compared as numbers: materials[2] before
 * materials[10]), code, then message (a new array).
 */
export function sortProblems(problems: InputProblem[]): InputProblem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      cmpPath(a.path, b.path) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Field paths compared run by run: runs of digits (list indices) as whole numbers, other text as text. */
function cmpPath(a: string, b: string): number {
  const runs = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const [x, y] = [runs(a), runs(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const c = numeric ? p.length - q.length || cmp(p, q) : cmp(p, q);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * A document's syntax error (from documents/read) as input problems, at path "(document)" unless another is
 * given; any other error is returned unchanged, for the caller to rethrow.
 */
export function syntaxToInputError(err: unknown, path = '(document)'): unknown {
  err = refusalToSyntax(err);
  if (err instanceof DocumentSyntaxError) {
    return new InputError(
      err.problems.map((p) => ({
        code: p.code as ProblemCode,
        path: p.path ?? path,
        message: p.message,
        file: err.file,
        line: p.position?.line,
      })),
    );
  }
  return err;
}

/**
 * `problems` without those at or under the path of a value refused as written (`refused`: the BARE_JSON_NUMBER
 * problems of a document read anyway, see DocumentSyntaxError.readable), in the same file; the refused ones
 * themselves (the same objects) are kept. A bare number is reported once, quoted as written, not again by the
 * field's own check as the value a double made of it (`8703.1` for `8703.10`).
 */
export function withoutProblemsUnder(refused: readonly InputProblem[], problems: InputProblem[]): InputProblem[] {
  const numbers = refused.filter((p) => p.code === 'BARE_JSON_NUMBER');
  if (numbers.length === 0) return problems;
  const keep = new Set<InputProblem>(refused);
  const at = new Set(numbers.map((p) => `${p.file}\u0000${p.path}`));
  const under = (p: InputProblem): boolean => {
    const { path } = p;
    for (let i = path.length; i > 0; i = Math.max(path.lastIndexOf('.', i - 1), path.lastIndexOf('[', i - 1)))
      if (at.has(`${p.file}\u0000${path.slice(0, i)}`)) return true;
    return false;
  };
  return problems.filter((p) => keep.has(p) || !under(p));
}
