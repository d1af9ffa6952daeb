/**
 * The header row of a table and the columns its mapping names: each mapped header found exactly once, or a
 * problem (no header row, a header missing, with the file's headers listed once, or a header in two columns).
 */
import { basename } from 'node:path';
import type { InputProblem, ProblemCode } from '../problems.js';
import { fieldSpec, type FieldSpec } from './fields.js';
import { mappingLine, type ResolvedMapping } from './mapping.js';
import { cellText, columnLetters, type RawTable } from './table.js';

const SPACES = /\s+/g;

/** A mapped column: the field it fills, how its cells are read, where it is and its header as written. */
export interface Column {
  /** The claim-format field the column fills. */
  field: string;
  /** How the field's cells are read. */
  spec: FieldSpec;
  /** 0-based index into a row's cells. */
  index: number;
  /** The header, white space collapsed. */
  header: string;
  /** The mapping's `values` for the field: text in the file -> value. */
  values: Map<string, string | boolean> | undefined;
}

/** A problem at a row (`line`) and column header of the table. */
export type ProblemAt = (
  line: number | undefined,
  column: string | undefined,
  path: string,
  code: ProblemCode,
  message: string,
) => InputProblem;

/** A header as matched: runs of white space as one space, trimmed. */
export function normalizeHeader(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/** The columns `mapping` names, found in the header row of `table`; no columns where there are problems. */
export function mappedColumns(
  table: RawTable,
  mapping: ResolvedMapping,
  mappingFile: string,
  at: ProblemAt,
): { columns: Column[]; byField: Map<string, Column>; problems: InputProblem[] } {
  const headerRow = mapping.header;
  const problems: InputProblem[] = [];
  const headerCells = table.rows[headerRow - 1];
  const headers = new Map<string, number[]>();
  if (headerCells) {
    headerCells.forEach((cell, i) => {
      const text = normalizeHeader(cellText(cell));
      if (text === '') return;
      const list = headers.get(text);
      if (list) list.push(i);
      else headers.set(text, [i]);
    });
  }
  if (headers.size === 0) {
    const where =
      table.rows.length < headerRow
        ? `the ${table.format === 'xlsx' ? 'sheet' : 'file'} has only ${table.rows.length} rows`
        : 'it is empty';
    problems.push(
      at(
        headerRow,
        undefined,
        '(document)',
        'TABLE_STRUCTURE',
        `expected the column headers in row ${headerRow} (the mapping's header row), but ${where}`,
      ),
    );
    return { columns: [], byField: new Map(), problems };
  }
  const columns: Column[] = [];
  const byField = new Map<string, Column>();
  // The file's headers are listed once, with the missing column whose problem comes first (problems sort by field).
  const missing: { field: string; problem: InputProblem }[] = [];
  for (const [field, wanted] of Object.entries(mapping.columns)) {
    const spec = fieldSpec(mapping.kind, field);
    if (!spec) continue;
    const text = normalizeHeader(wanted);
    const found = headers.get(text);
    if (!found) {
      const folded = text.toLowerCase();
      const near = [...headers.keys()].find((h) => h.toLowerCase() === folded);
      const line = mappingLine(mapping, ['columns', field]);
      const problem = at(
        headerRow,
        wanted,
        field,
        'TABLE_COLUMN_MISSING',
        `no column "${wanted}" (the mapping's column for ${field}, ${basename(mappingFile)}${line === undefined ? '' : ` line ${line}`}) in header row ${headerRow}${near ? `; did you mean "${near}"?` : ''}`,
      );
      missing.push({ field, problem });
      problems.push(problem);
      continue;
    }
    if (found.length > 1) {
      problems.push(
        at(
          headerRow,
          wanted,
          field,
          'TABLE_STRUCTURE',
          `the header "${wanted}" (the mapping's column for ${field}) appears in more than one column (${found.map((i) => columnLetters(i + 1)).join(', ')}); the column to read is ambiguous`,
        ),
      );
      continue;
    }
    const values = mapping.values[field];
    const column: Column = {
      field,
      spec,
      index: found[0] ?? 0,
      header: text,
      values: values ? new Map(Object.entries(values)) : undefined,
    };
    columns.push(column);
    byField.set(field, column);
  }
  if (missing.length > 0) {
    const all = [...headers.keys()];
    const list =
      all
        .slice(0, 30)
        .map((h) => `"${h}"`)
        .join(', ') + (all.length > 30 ? ', ...' : '');
    const first = missing.reduce((a, b) => (b.field < a.field ? b : a));
    first.problem.message += `; the headers are: ${list}`;
    if (missing.length > 1) first.problem.message += ` (${missing.length} mapped columns are missing)`;
  }
  return problems.length > 0 ? { columns: [], byField: new Map(), problems } : { columns, byField, problems };
}
