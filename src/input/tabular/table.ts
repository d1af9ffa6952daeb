/**
 * A table as read from a file, before the mapping gives its columns meaning: rows of cells, addressed as a
 * spreadsheet addresses them (row 1 is the first row, column 1 the first column).
 */
import type { InputProblem, ProblemCode } from '../problems.js';

/** A numeric spreadsheet cell, already turned into its decimal text (see numbers.ts). */
export interface NumberCell {
  readonly kind: 'number';
  readonly text: string;
}

/** A cell that holds no usable value (an uncached formula, an error value such as #N/A). */
export interface BadCell {
  readonly kind: 'bad';
  readonly text: string;
  readonly message: string;
  /** The problem reported when a mapped column reads the cell (default FIELD_TYPE). */
  readonly code?: ProblemCode | undefined;
}

/** Text (every CSV cell), a spreadsheet boolean, a number, or a cell that cannot be read. */
export type Cell = string | boolean | NumberCell | BadCell | undefined;

export interface RawTable {
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  /** The XLSX sheet read. */
  readonly sheet?: string | undefined;
  /** rows[r - 1][c - 1] is the cell at row r, column c; a missing row or cell is empty. */
  readonly rows: ReadonlyArray<ReadonlyArray<Cell> | undefined>;
}

export interface ReadResult {
  table?: RawTable | undefined;
  problems: InputProblem[];
}

/** The text a cell shows: booleans as a spreadsheet shows them (TRUE, FALSE). Not trimmed. */
export function cellText(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.text;
}

/** 1 -> A, 27 -> AA: for messages about spreadsheet columns. */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
