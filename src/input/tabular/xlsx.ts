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
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import type { ResolvedMapping } from './mapping.js';
import { spreadsheetNumberText } from './numbers.js';
import { unreadable } from './csv.js';
import type { Cell, ReadResult } from './table.js';

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

/** [row, column, exceljs value type, value]; for a formula the value is { result }. */
type DumpedCell = [number, number, number, unknown];
interface Dump {
  names: string[];
  name?: string;
  cells?: DumpedCell[];
  error?: string;
}

const WORKER_TIMEOUT_MS = 300_000;

/**
 * The worker: loads the workbook and posts the chosen sheet's cells. Kept in step with `dumpWorkbook`
 * below (the tests compare the two paths on the same file).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { file, sheet, exceljs, port, signal } = workerData;
const finish = (message) => {
  try { port.postMessage(message); } finally { Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); }
};
(async () => {
  const ExcelJS = require(exceljs);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const names = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) return finish({ names });
  const cells = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cell.type;
      cells.push([r, c, t, t === ${T.Formula} ? { result: cell.model.result } : cell.value]);
    });
  });
  finish({ names, name: ws.name, cells });
})().catch((e) => finish({ names: [], error: String((e && e.message) || e) }));
`;

function dumpWorkbook(wb: ExcelJS.Workbook, sheet: string | undefined): Dump {
  const names = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) return { names };
  const cells: DumpedCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cell.type as number;
      cells.push([r, c, t, t === T.Formula ? { result: (cell.model as { result?: unknown }).result } : cell.value]);
    });
  });
  return { names, name: ws.name, cells };
}

/** Read in-process (asynchronously). */
export async function readXlsx(file: string, mapping: ResolvedMapping): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { problems: [unreadable(file, err)] };
  }
  let dump: Dump;
  try {
    const { default: Excel } = await import('exceljs'); // loaded only when a workbook is read
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    dump = dumpWorkbook(wb, mapping.sheet);
  } catch (err) {
    dump = { names: [], error: (err as Error).message };
  }
  return fromDump(file, mapping, dump);
}

/** Read synchronously: exceljs runs in a worker thread while this thread waits for its answer. */
export function readXlsxSync(file: string, mapping: ResolvedMapping): ReadResult {
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    closeSync(openSync(file, 'r'));
  } catch (err) {
    return { problems: [unreadable(file, err)] };
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const exceljs = createRequire(import.meta.url).resolve('exceljs');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, sheet: mapping.sheet, exceljs, port: port2, signal },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  try {
    const waited = Atomics.wait(signal, 0, 0, WORKER_TIMEOUT_MS);
    const received = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || !received) {
      return fromDump(file, mapping, { names: [], error: 'reading the workbook did not finish' });
    }
    return fromDump(file, mapping, received.message as Dump);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function fromDump(file: string, mapping: ResolvedMapping, dump: Dump): ReadResult {
  if (dump.error !== undefined) {
    return {
      problems: [
        {
          code: 'FILE_NOT_READABLE',
          path: '(document)',
          file,
          message: `${file}: cannot be read as an XLSX workbook (${dump.error})`,
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
