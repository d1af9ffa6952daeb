/**
 * Tabular import: a bill of materials or a list of steel and aluminum purchases from a CSV or XLSX file,
 * through a column mapping (mapping.ts), into the list the claim format expects, as a SourceDocument whose
 * `locate` points at spreadsheet rows and columns. See docs/import.md.
 *
 *   const { mapping, problems } = loadMapping('bom.mapping.yaml');
 *   const { document, problems } = importTable('bom.csv', mapping, 'bom.mapping.yaml');
 *   document.data        // MaterialInput-shaped objects, children in `materials`
 *   document.locate([12, 'materials', 3, 'unitValue'])   // { line: <row>, column: <1-based column> }
 *   columnHeader(document, [12, 'materials', 3, 'unitValue'])  // "Unit price"
 */
import { extname } from 'node:path';
import { buildDocument, type ImportOptions, type ImportResult } from './build.js';
import { readCsv } from './csv.js';
import { emptyTableDocument } from './document.js';
import { ensureResolved, type Mapping } from './mapping.js';
import type { ReadResult } from './table.js';
import { readXlsx, readXlsxSync } from './xlsx.js';

export type TableFormat = 'csv' | 'xlsx';

/** The kind of file, from its extension: .csv, .tsv, .txt are CSV; .xlsx, .xlsm are XLSX. */
export function tableFormat(file: string): TableFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  return undefined;
}

/**
 * Import a table. Synchronous: an XLSX workbook is read in a worker thread while this thread waits.
 * Every problem in the mapping or the file is returned together; `document.data` is the imported list
 * (empty when the file or the mapping could not be read).
 */
export function importTable(
  file: string,
  mapping: Mapping,
  mappingFile: string,
  options: ImportOptions = {},
): ImportResult {
  return run(file, mapping, mappingFile, options, (format, resolved) =>
    format === 'csv' ? readCsv(file, resolved, options) : readXlsxSync(file, resolved, options),
  );
}

/** The same, reading an XLSX workbook in this thread (asynchronously). */
export async function importTableAsync(
  file: string,
  mapping: Mapping,
  mappingFile: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const format = tableFormat(file);
  const resolved = ensureResolved(mapping, mappingFile).mapping;
  if (format === 'xlsx' && resolved) {
    const read = await readXlsx(file, resolved, options);
    return run(file, mapping, mappingFile, options, () => read);
  }
  return importTable(file, mapping, mappingFile, options);
}

function run(
  file: string,
  mapping: Mapping,
  mappingFile: string,
  options: ImportOptions,
  read: (format: TableFormat, resolved: NonNullable<ReturnType<typeof ensureResolved>['mapping']>) => ReadResult,
): ImportResult {
  const format = tableFormat(file);
  const kind = mapping.kind === 'purchases' ? 'purchases' : 'materials';
  const resolved = ensureResolved(mapping, mappingFile);
  const problems = [...resolved.problems];
  if (!format) {
    problems.push({
      code: 'FILE_FORMAT_UNKNOWN',
      path: '(document)',
      file,
      message: `${file}: expected a .csv or .xlsx file (save an .xls workbook as .xlsx)`,
    });
  }
  if (!format || !resolved.mapping)
    return { document: emptyTableDocument(file, format ?? 'csv', kind, mappingFile, mapping.sheet), problems };
  const result = read(format, resolved.mapping);
  if (!result.table) {
    return {
      document: emptyTableDocument(file, format, kind, mappingFile, mapping.sheet),
      problems: [...problems, ...result.problems],
    };
  }
  return buildDocument(result.table, resolved.mapping, mappingFile, options);
}

export type { ImportOptions, ImportResult } from './build.js';
export {
  columnHeader,
  isTableDocument,
  parsePath,
  tableProblemAt,
  withTableLocation,
  type TableDocument,
  type TableInfo,
} from './document.js';
export { BASE_PATH, MATERIAL_FIELDS, PURCHASE_FIELDS, type TableKind } from './fields.js';
export {
  loadMapping,
  MAPPING_FORMAT,
  mappingSchema,
  resolveMapping,
  type Mapping,
  type ResolvedMapping,
} from './mapping.js';
export { decimalReader, spreadsheetNumberText } from './numbers.js';
