/**
 * Text written to a CSV that a spreadsheet will open. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (or their full-width forms) is read by Excel, LibreOffice and Google Sheets as a formula, so a name taken
 * from a claim (a supplier, a plant, a description) could run one when a broker opens the file (CSV injection,
 * CWE-1236). Such a cell is written with a leading apostrophe, which spreadsheets show as text; a plain decimal
 * (`-12.50`) is no formula and is written as it is.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** `text` as a spreadsheet cell shows it: `'=SUM(A1)` for `=SUM(A1)`; a decimal, or other text, unchanged. */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) && !DECIMAL.test(text) ? `'${text}` : text;
}

/** A CSV row's cells through spreadsheetText (other values as they are). */
export function spreadsheetRow(cells: readonly unknown[]): unknown[] {
  return cells.map((c) => (typeof c === 'string' ? spreadsheetText(c) : c));
}
