/**
 * The imported list as a SourceDocument, so the rest of the input pipeline (validation, problem reports)
 * treats a table like a YAML or JSON file: `data` is the plain list the claim format expects, and
 * `locate(path)` gives the spreadsheet row (as `line`) and 1-based column of the cell a path points into.
 *
 * Paths are relative to the list (`[12, 'materials', 3, 'unitValue']`); leading text segments are
 * ignored, so the same document also answers paths as the claim writes them
 * (`['materials', 12, 'materials', 3, 'unitValue']`, `['steelAluminum', 'purchases', 4, 'value']`).
 * A path to a field with no column (filled from `defaults`) points at the row's id cell.
 *
 * `format` is 'json' because SourceDocument allows only 'yaml' | 'json' today: the data is plain,
 * acyclic JSON-shaped data (no YAML aliases to check). `table.format` says what the file really is.
 */
import type { InputProblem, ProblemCode } from '../problems.js';
import { formatPath, type Path, type Position, type SourceDocument } from '../../documents/source.js';
import { MONEY_FIELDS, type TableKind } from './fields.js';

/** What a table document was read from, for problems that name its row, column and sheet. */
export interface TableInfo {
  /** The file's format. */
  readonly format: 'csv' | 'xlsx';
  /** What its rows are: BOM lines (`materials`) or steel and aluminum purchases (`purchases`). */
  readonly kind: TableKind;
  /** The sheet read (XLSX). */
  readonly sheet?: string | undefined;
  /** The column mapping it was read with (its path as the claim names it). */
  readonly mappingFile: string;
  /** The header text of the column a path points into; undefined when the field has no column. */
  columnHeader(path: Path): string | undefined;
}

/**
 * A CSV or XLSX table read as a document: `data` is the list the claim format expects, and `locate(path)` gives
 * the row (`line`) and the 1-based column of a value.
 */
export interface TableDocument extends SourceDocument {
  /** The table's format, kind, sheet and mapping file, and the column header of a path. */
  readonly table: TableInfo;
}

export function isTableDocument(doc: SourceDocument): doc is TableDocument {
  return typeof (doc as Partial<TableDocument>).table === 'object';
}

/** The header text of the column a path points into (undefined for YAML/JSON documents). */
export function columnHeader(doc: SourceDocument, path: Path): string | undefined {
  return isTableDocument(doc) ? doc.table.columnHeader(path) : undefined;
}

/**
 * An input problem at a path of any document: for a table, with its sheet and column header as well as
 * its row (`line`). A drop-in replacement for validate.ts `problemAt`.
 */
export function tableProblemAt(doc: SourceDocument, path: Path, code: ProblemCode, message: string): InputProblem {
  const problem: InputProblem = { code, path: formatPath(path), message, file: doc.file, line: doc.locate(path)?.line };
  if (isTableDocument(doc)) {
    if (doc.table.sheet !== undefined) problem.sheet = doc.table.sheet;
    const column = doc.table.columnHeader(path);
    if (column !== undefined) problem.column = column;
  }
  return problem;
}

/** Add sheet and column to problems reported against a table document (e.g. by validateDocument). */
export function withTableLocation(doc: SourceDocument, problems: InputProblem[]): InputProblem[] {
  if (!isTableDocument(doc)) return problems;
  return problems.map((p) => {
    if (p.file !== doc.file) return p;
    const out = { ...p };
    if (doc.table.sheet !== undefined) out.sheet = doc.table.sheet;
    const column = doc.table.columnHeader(parsePath(p.path));
    if (column !== undefined) out.column = column;
    return out;
  });
}

const PATH_SEGMENT = /([^.[\]]+)|\[([0-9]+)\]/g;

/** The inverse of formatPath: `materials[3].unitValue` -> ['materials', 3, 'unitValue']. */
export function parsePath(text: string): (string | number)[] {
  if (text === '(document)') return [];
  const out: (string | number)[] = [];
  for (const m of text.matchAll(PATH_SEGMENT)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

/** What a path points at: the item (by its index among all imported rows) and the field, if any. */
export interface Target {
  item: number;
  field?: string | undefined;
}

/**
 * Walk a path through the imported data. `itemOf` maps an imported object to its row index; `fieldOf` names the
 * mapped field a path inside an item points at (see nested-fields.ts, columnField), where the path goes into a
 * field (a supplier statement's amount, a quote's price) rather than ending at it.
 * Leading text segments (the list's place in a claim or producer document) are skipped.
 */
export function resolveTarget(
  data: unknown,
  path: Path,
  itemOf: (obj: object) => number | undefined,
  fieldOf?: (item: unknown, segs: readonly (string | number)[]) => string | undefined,
): Target | undefined {
  let i = 0;
  while (i < path.length && typeof path[i] === 'string') i++;
  let cur: unknown = data;
  let item: number | undefined;
  let field: string | undefined;
  for (; i < path.length; i++) {
    const seg = path[i];
    if (seg === undefined) break;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) break;
      const next: unknown = cur[seg];
      if (next === null || typeof next !== 'object') break;
      const found = itemOf(next);
      if (found === undefined) break;
      item = found;
      cur = next;
      continue;
    }
    if (seg === 'materials' && i + 1 < path.length && typeof path[i + 1] === 'number') {
      cur = (cur as { materials?: unknown }).materials;
      continue;
    }
    if (seg === 'materials') break; // the item's list of materials as a whole: the item's row
    field = seg;
    if (MONEY_FIELDS.has(seg) && path[i + 1] === 'currency') field = 'currency';
    else if (fieldOf && i + 1 < path.length) field = fieldOf(cur, path.slice(i) as (string | number)[]) ?? seg;
    break;
  }
  return item === undefined ? undefined : { item, field };
}

/** A document with nothing imported (the file or the mapping could not be read). */
export function emptyTableDocument(
  file: string,
  format: 'csv' | 'xlsx',
  kind: TableKind,
  mappingFile: string,
  sheet?: string,
): TableDocument {
  return {
    file,
    format: 'json',
    data: [],
    locate: () => undefined,
    table: { format, kind, sheet, mappingFile, columnHeader: () => undefined },
  };
}
