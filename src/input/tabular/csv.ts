/**
 * CSV reader (csv-parse, synchronous). The text is decoded strictly in the declared encoding (an invalid
 * byte is a problem naming its line, never a replacement character); a UTF-8 or UTF-16 byte-order mark is
 * honoured. Rows are numbered as a spreadsheet numbers them: by record, so row n is the n-th record (the
 * same as the line number unless a quoted cell spans lines). A quote inside an unquoted cell (`17" wheel`)
 * is kept as written, as spreadsheet programs do.
 *
 * A cell that runs over several lines is almost always a quote left open: it swallows the rows after it.
 * Such a cell is kept as a bad cell (CSV_QUOTE_UNCLOSED, naming the lines it spans), reported if a mapped
 * column reads it; a quote still open at the end of the file is reported at the row where it opened. At
 * most `maxCells` cells are read (TABLE_TOO_LARGE).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { DEFAULT_LIMITS, FileRefusal, readBytes, type ReadLimits } from '../../documents/files.js';
import type { InputProblem } from '../problems.js';
import { decodeText } from '../../documents/text.js';
import type { ResolvedMapping } from './mapping.js';
import type { Cell, ReadResult } from './table.js';

class TooManyCells extends Error {}

export function readCsv(
  file: string,
  mapping: ResolvedMapping,
  options: { bytes?: Buffer | undefined; limits?: Partial<ReadLimits> | undefined } = {},
): ReadResult {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  let bytes: Buffer;
  try {
    bytes = options.bytes ?? readBytes(file, limits.maxFileBytes);
  } catch (err) {
    return { problems: [unreadable(file, err)] };
  }
  let content: string;
  const encoding = mapping.csv.encoding;
  try {
    content = encoding === 'utf-8' ? decodeText(file, bytes) : new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof FileRefusal) {
      const problem = unreadable(file, err);
      if (err.code === 'TEXT_ENCODING')
        problem.message += '; or, if it is meant to be Windows-1252, declare csv.encoding: windows-1252 in the mapping';
      return { problems: [problem] };
    }
    return {
      problems: [
        {
          code: 'TEXT_ENCODING',
          path: '(document)',
          file,
          message: `${file}: not valid ${encoding} text (the mapping's csv.encoding); save it as UTF-8 and declare csv.encoding: utf-8`,
        },
      ],
    };
  }
  const csvOptions = {
    delimiter: mapping.csv.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  };
  // First the usual table: read whole, every record one line and the cells within the limit. csv-parse builds an
  // object of figures for every record given to on_record (a fifth of the reading time), which only a record that
  // spans lines, a table too large or a broken one needs: those are read again below, record by record.
  try {
    const records = parse(content, csvOptions) as string[][];
    if (oneLineRecordsWithin(records, limits.maxCells))
      return { table: { file, format: 'csv', rows: records }, problems: [] };
  } catch {
    // read again below, to say where
  }
  const rows: Cell[][] = [];
  let cells = 0;
  let lastLine = 0;
  try {
    parse(content, {
      ...csvOptions,
      on_record: (record: string[], info: { lines: number }) => {
        cells += record.length;
        if (cells > limits.maxCells) throw new TooManyCells();
        const first = lastLine + 1;
        lastLine = info.lines;
        const row: Cell[] = record;
        if (info.lines > first) {
          for (let c = 0; c < record.length; c++) {
            const text = record[c] as string;
            if (/[\r\n]/.test(text)) row[c] = spanningCell(first, info.lines);
          }
        }
        rows.push(row);
        return null;
      },
    });
  } catch (err) {
    if (err instanceof TooManyCells) {
      return {
        problems: [
          {
            code: 'TABLE_TOO_LARGE',
            path: '(document)',
            file,
            line: rows.length + 1,
            message: `${file}: more than ${limits.maxCells} cells (reached at row ${rows.length + 1}), the most this tool reads from one table (raise it with --max-cells)`,
          },
        ],
      };
    }
    if (err instanceof CsvError) {
      const row = rows.length + 1;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        return {
          problems: [
            {
              code: 'CSV_QUOTE_UNCLOSED',
              path: '(document)',
              file,
              line: row,
              message: `a quote opened in row ${row} (line ${lastLine + 1} of the file) is never closed, so everything after it would be one cell: close the quote, or double a quote that belongs to the text ("")`,
            },
          ],
        };
      }
      return {
        problems: [
          {
            code: 'TABLE_STRUCTURE',
            path: '(document)',
            file,
            line: row,
            message: `the file cannot be read as CSV at row ${row}: ${err.message}`,
          },
        ],
      };
    }
    throw err;
  }
  return { table: { file, format: 'csv', rows }, problems: [] };
}

/** Whether no cell of `records` holds a line break (each record is one line) and they hold at most `maxCells` cells. */
function oneLineRecordsWithin(records: readonly string[][], maxCells: number): boolean {
  let cells = 0;
  for (const record of records) {
    cells += record.length;
    if (cells > maxCells) return false;
    for (const text of record) if (text.includes('\n') || text.includes('\r')) return false;
  }
  return true;
}

function spanningCell(first: number, last: number): Cell {
  return {
    kind: 'bad',
    code: 'CSV_QUOTE_UNCLOSED',
    text: '',
    message: `the cell runs over lines ${first} to ${last} of the file: a quote opened in it is not closed where the cell should end, and it swallows the rows after it (or the cell holds line breaks, which this field cannot take); close the quote, or double a quote that belongs to the text ("")`,
  };
}

export function unreadable(file: string, err: unknown): InputProblem {
  if (err instanceof FileRefusal)
    return { code: err.code, path: '(document)', file, line: err.line, message: `${file}: ${err.reason}` };
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : `cannot be read (${code ?? (err as Error).message})`;
  return { code: 'FILE_NOT_READABLE', path: '(document)', file, message: `${file}: ${why}` };
}
