/**
 * XLSX reader (exceljs). exceljs only reads asynchronously; `readXlsx` runs it in-process, `readXlsxSync`
 * runs the same dump in a worker thread and blocks on it (Atomics.wait), so `importTable` and the claim
 * loader stay synchronous. Both produce the same cells (`cellsToTable`).
 *
 * How cells are read:
 *  - text, rich text and hyperlinks: their text;
 *  - numbers: see `spreadsheetNumberText` (as Excel shows the value at full precision, not through the
 *    cell's display format);
 *  - booleans: true/false (a text field gets TRUE/FALSE);
 *  - dates: YYYY-MM-DD (or an ISO timestamp when the cell has a time);
 *  - formulas: their cached result, read like a value; a formula with no cached result (the file was
 *    written by a program that does not calculate) or with an error result (#N/A, #DIV/0!) is a problem;
 *  - the covered cells of a merged range are empty (only the top-left cell holds the value).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../../paths.js';
import { DEFAULT_LIMITS, readBytes, type ReadLimits } from '../../documents/files.js';
import type { ResolvedMapping } from './mapping.js';
import { spreadsheetNumberText } from './numbers.js';
import { unreadable } from './csv.js';
import type { Cell, ReadResult } from './table.js';
import { dumpXlsx, type Dump, type DumpedCell } from './xlsx-dump.js';

/** exceljs ValueType */
const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

/** A last resort: the cell and size caps make a worker finish long before this. */
const WORKER_TIMEOUT_MS = 120_000;

export interface XlsxOptions {
  bytes?: Buffer | undefined;
  limits?: Partial<ReadLimits> | undefined;
}

function load(file: string, options: XlsxOptions): { bytes: Buffer; limits: ReadLimits } | ReadResult {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  try {
    return { bytes: options.bytes ?? readBytes(file, limits.maxFileBytes), limits };
  } catch (err) {
    return { problems: [unreadable(file, err)] };
  }
}

/** Read in-process (asynchronously). */
export async function readXlsx(file: string, mapping: ResolvedMapping, options: XlsxOptions = {}): Promise<ReadResult> {
  const loaded = load(file, options);
  if ('problems' in loaded) return loaded;
  return fromDump(file, mapping, await dumpXlsx(loaded.bytes, mapping.sheet, loaded.limits));
}

/** The worker's module (compiled; the command-line bundle loads it from dist/). */
function workerModule(): string {
  const compiled = join(PACKAGE_ROOT, 'dist', 'input', 'tabular', 'xlsx-worker.js');
  if (!existsSync(compiled)) throw new Error(`internal: ${compiled} is missing; run npm run build`);
  return compiled;
}

/** Read synchronously: exceljs runs in a worker thread, on a copy of the bytes, while this thread waits. */
export function readXlsxSync(file: string, mapping: ResolvedMapping, options: XlsxOptions = {}): ReadResult {
  const loaded = load(file, options);
  if ('problems' in loaded) return loaded;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const bytes = new Uint8Array(loaded.bytes); // a copy of its own, to transfer
  const worker = new Worker(workerModule(), {
    workerData: { bytes, sheet: mapping.sheet, limits: loaded.limits, port: port2, signal },
    transferList: [port2, bytes.buffer],
    stdout: true,
    stderr: true,
  });
  worker.on('error', () => undefined); // a worker that dies has signalled (xlsx-worker.ts); its error is not ours to throw
  try {
    const waited = Atomics.wait(signal, 0, 0, WORKER_TIMEOUT_MS);
    const received = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || !received) {
      return fromDump(file, mapping, {
        names: [],
        problem: {
          code: 'TABLE_TOO_LARGE',
          message: `reading the workbook did not finish within ${WORKER_TIMEOUT_MS / 1000} s`,
        },
      });
    }
    return fromDump(file, mapping, received.message as Dump);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function fromDump(file: string, mapping: ResolvedMapping, dump: Dump): ReadResult {
  if (dump.problem !== undefined) {
    return {
      problems: [{ code: dump.problem.code, path: '(document)', file, message: `${file}: ${dump.problem.message}` }],
    };
  }
  if (dump.error !== undefined) {
    return {
      problems: [
        {
          code: 'XLSX_INVALID',
          path: '(document)',
          file,
          message: `${file}: cannot be read as an XLSX workbook (${dump.error}): re-save it as .xlsx in a spreadsheet program`,
        },
      ],
    };
  }
  if (dump.cells === undefined || dump.name === undefined) {
    const message =
      mapping.sheet === undefined
        ? `${file}: the workbook has no sheet`
        : `${file}: the workbook has no sheet named "${mapping.sheet}" (the mapping's sheet); its sheets are ${dump.names.map((n) => `"${n}"`).join(', ') || 'none'}`;
    return { problems: [{ code: 'TABLE_STRUCTURE', path: '(document)', file, sheet: mapping.sheet, message }] };
  }
  return { table: { file, format: 'xlsx', sheet: dump.name, rows: cellsToTable(dump.cells) }, problems: [] };
}

export function cellsToTable(cells: DumpedCell[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const [r, c, type, value] of cells) {
    const cell = toCell(type, value);
    if (cell === undefined) continue;
    let row = rows[r - 1];
    if (!row) {
      row = [];
      rows[r - 1] = row;
    }
    row[c - 1] = cell;
  }
  return rows;
}

function toCell(type: number, value: unknown): Cell {
  switch (type) {
    case T.Null:
    case T.Merge:
      return undefined;
    case T.Formula: {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        return {
          kind: 'bad',
          text: '',
          message:
            'the cell holds a formula with no saved result (the file was written by a program that does not calculate): open and save it in a spreadsheet program, or paste the values',
        };
      }
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
        return errorCell(String((result as { error: unknown }).error));
      }
      return plainValue(result);
    }
    case T.Error:
      return errorCell(String((value as { error?: unknown })?.error ?? '#ERROR'));
    default:
      return plainValue(value);
  }
}

function errorCell(error: string): Cell {
  return { kind: 'bad', text: error, message: `the cell shows the error ${error}, not a value` };
}

function plainValue(value: unknown): Cell {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    const text = spreadsheetNumberText(value);
    return text === undefined
      ? { kind: 'bad', text: String(value), message: `the cell holds ${String(value)}, not a number` }
      : { kind: 'number', text };
  }
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((run) => run.text).join('');
    if (v.text !== undefined) return plainValue(v.text);
  }
  return { kind: 'bad', text: '', message: 'the cell holds a value of a kind that cannot be read' };
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
