/**
 * CSV reader (csv-parse, synchronous). The text is decoded strictly in the declared encoding (an invalid
 * byte is a problem, never a replacement character); a byte-order mark is skipped. Rows are numbered as a
 * spreadsheet numbers them: by record, so row n is the n-th record (the same as the line number unless a
 * quoted cell spans lines). A quote inside an unquoted cell (`17" wheel`) is kept as written, as
 * spreadsheet programs do.
 */
import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import type { ResolvedMapping } from './mapping.js';
import type { ReadResult } from './table.js';

export function readCsv(file: string, mapping: ResolvedMapping): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { problems: [unreadable(file, err)] };
  }
  let content: string;
  const encoding = mapping.csv.encoding;
  try {
    content = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const hint =
      encoding === 'utf-8'
        ? '; a file saved by Excel as plain "CSV" (not "CSV UTF-8") is usually windows-1252: declare csv.encoding in the mapping'
        : '';
    return {
      problems: [
        { code: 'FILE_NOT_READABLE', path: '(document)', file, message: `${file}: not valid ${encoding} text${hint}` },
      ],
    };
  }
  let rows: string[][];
  try {
    rows = parse(content, {
      delimiter: mapping.csv.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      return {
        problems: [
          {
            code: 'TABLE_STRUCTURE',
            path: '(document)',
            file,
            line,
            message: `the file cannot be read as CSV: ${err.message}`,
          },
        ],
      };
    }
    throw err;
  }
  return { table: { file, format: 'csv', rows }, problems: [] };
}

export function unreadable(file: string, err: unknown): ReadResult['problems'][number] {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : `cannot be read (${code ?? (err as Error).message})`;
  return { code: 'FILE_NOT_READABLE', path: '(document)', file, message: `${file}: ${why}` };
}
