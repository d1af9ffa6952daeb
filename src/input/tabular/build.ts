/**
 * From a table read from a file and its mapping to the list the claim format expects: cells become field
 * values, rows become a tree (materials) or a list (purchases), and every problem is collected with its
 * file, sheet, row and column header. Linear in the number of rows: parents are indexed in a Map, the tree
 * is built with an explicit stack, and every regular expression is compiled once per import.
 */
import type { ReadLimits } from '../../documents/files.js';
import { sortProblems, type InputProblem, type ProblemCode } from '../problems.js';
import { formatPath } from '../../documents/source.js';
import type { TableDocument } from './document.js';
import { BASE_PATH } from './fields.js';
import { columnField, fieldPath } from './nested-fields.js';
import type { ResolvedMapping } from './mapping.js';
import type { RawTable } from './table.js';
import { mappedColumns, type Column } from './columns.js';
import { checkRow, readRows } from './rows.js';
import { buildTree, TOP } from './hierarchy.js';
import { tableDocument } from './table-document.js';

/** What importing a table gives: the rows as a document, and every problem found in it (empty when none). */
export interface ImportResult {
  /** The rows as the claim format's list (`materials`, or steel and aluminum `purchases`), with positions. */
  document: TableDocument;
  /** Every problem of the table, each with its file, sheet, row and column header, in reading order. */
  problems: InputProblem[];
}

/** Options of `importTable` and `importTableAsync`. */
export interface ImportOptions {
  /**
   * Also check every imported value against the claim format (codes, countries, HS codes, allowed
   * values), reporting at the cells; default true. A caller that validates the whole claim itself can
   * turn it off and add sheet and column to its problems with `withTableLocation`.
   */
  validate?: boolean;
  /** Caps on the file's size and cells (default DEFAULT_LIMITS, see files.ts). */
  limits?: Partial<ReadLimits> | undefined;
  /** The file's bytes, when the caller has already read them (through its own checks). */
  bytes?: Buffer | undefined;
}

/**
 * The rows of `table`, read through `mapping` (from `mappingFile`), as the claim format's list: a tree of materials or a
 * list of purchases, with every problem of the table at its file, sheet, row and column. Never throws for bad input.
 */
export function buildDocument(
  table: RawTable,
  mapping: ResolvedMapping,
  mappingFile: string,
  options: ImportOptions = {},
): ImportResult {
  const kind = mapping.kind;
  const base = BASE_PATH[kind];
  const problems: InputProblem[] = [];
  const { file, sheet } = table;
  const at = (
    line: number | undefined,
    column: string | undefined,
    path: string,
    code: ProblemCode,
    message: string,
  ): InputProblem => {
    const p: InputProblem = { code, path, message, file, line };
    if (sheet !== undefined) p.sheet = sheet;
    if (column !== undefined) p.column = column;
    return p;
  };

  // ---- the header row and the mapped columns
  const found = mappedColumns(table, mapping, mappingFile, at);
  if (found.problems.length > 0) {
    problems.push(...found.problems);
    return {
      document: tableDocument(table, kind, mappingFile, [], [], [], new Map(), undefined),
      problems: sortProblems(problems),
    };
  }
  const { columns, byField } = found;

  // ---- rows: cells to field values
  const rows = readRows(table, mapping, columns, byField, options.validate !== false);
  const { items, rowNumbers, cellProblems, schemaProblems } = rows;

  // ---- hierarchy
  const structural = byField.get('parentId') ?? byField.get('level');
  const idColumn = byField.get('id');
  const { data, parent, placed, indexInList } = buildTree(kind, rows, structural, idColumn);
  // A row left out of the tree (unknown parent, skipped level, cycle) is not in the list the caller validates:
  // check it here on its own, so its other problems are reported with its hierarchy problem, not after it.
  if (options.validate === false)
    for (let k = 0; k < items.length; k++) if (!placed[k]) checkRow(kind, file, k, items[k] ?? {}, schemaProblems);

  // ---- the document, and the problems found in cells, now that rows have paths
  const pathOf = (item: number): (string | number)[] => {
    const segs: (string | number)[] = [];
    for (let k = item; k >= 0; k = parent[k] ?? TOP) {
      segs.push(indexInList[k] ?? 0);
      if ((parent[k] ?? TOP) >= 0) segs.push('materials');
    }
    return [...base, ...segs.reverse()];
  };
  const report = (
    item: number,
    column: Column | undefined,
    rel: (string | number)[],
    code: ProblemCode,
    message: string,
  ) => {
    const path = placed[item]
      ? formatPath([...pathOf(item), ...rel])
      : rel.length > 0
        ? formatPath(rel)
        : `row ${rowNumbers[item]}`;
    problems.push(at(rowNumbers[item], column?.header, path, code, message));
  };
  const taken = new Set<string>();
  for (const c of cellProblems) {
    taken.add(`${c.item}\u0000${c.column?.field ?? ''}`);
    report(c.item, c.column, c.column ? fieldPath(items[c.item], c.column.field) : [], c.code, c.message);
  }
  // The claim format's own checks (codes, countries, HS codes, allowed values), at their cells; a cell
  // already reported (a number the mapping's format cannot read) is not reported twice.
  for (const p of schemaProblems) {
    const field = columnField(items[p.item], p.segs, (f) => byField.has(f));
    const column = field === undefined ? undefined : byField.get(field);
    const key = `${p.item}\u0000${column?.field ?? ''}`;
    if (column && taken.has(key)) continue;
    report(p.item, column, p.segs, p.code, p.message);
  }
  const document = tableDocument(table, kind, mappingFile, data, items, rowNumbers, byField, idColumn);
  // In reading order: by row, then by column as the file has them.
  const columnIndex = new Map(columns.map((c) => [c.header, c.index]));
  const position = (p: InputProblem) => (p.column === undefined ? -1 : (columnIndex.get(p.column) ?? -1));
  const sorted = sortProblems(problems).sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || position(x) - position(y));
  return { document, problems: sorted };
}
