/**
 * Reading an XLSX workbook into cells, defensively. Before exceljs parses anything, the archive is checked:
 * every part is unpacked under a budget (a zip bomb, or a part lying about its size, stops at the cap), the
 * workbook and the chosen sheet must be present, the sheet's cells are counted against `maxCells`, and a
 * sheet whose text cells point into the shared-strings part needs that part with enough strings in it (a
 * workbook without it would otherwise read its text cells as their index numbers: "600.00" as 7). Used
 * in-process (`import`) and in the worker thread that lets claims read workbooks synchronously.
 */
import { constants as bufferConstants } from 'node:buffer';
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type { ReadLimits } from '../../documents/files.js';

/** [row, column, exceljs value type, value]; for a formula the value is { result }. */
export type DumpedCell = [number, number, number, unknown];

export interface Dump {
  names: string[];
  name?: string;
  cells?: DumpedCell[];
  /** exceljs could not read the workbook. */
  error?: string;
  /** The workbook was refused before exceljs read it. */
  problem?: { code: 'XLSX_INVALID' | 'TABLE_TOO_LARGE' | 'FILE_TOO_LARGE'; message: string };
}

const FORMULA = 6;
/** Unpacked parts may take this many times the file-size cap (XLSX compresses text about tenfold). */
const UNPACKED_FACTOR = 4;

/**
 * The most one unpacked part may hold, in bytes: its text must fit in one JavaScript string (about 512 MiB on
 * Node 20), whatever the budget allows. A sheet of a million rows by sixteen columns is beyond it.
 */
export const MAX_PART_BYTES = bufferConstants.MAX_STRING_LENGTH;

class Refused extends Error {
  constructor(readonly problem: NonNullable<Dump['problem']>) {
    super(problem.message);
  }
}

function unpack(file: JSZip.JSZipObject, budget: { left: number; cap: number }, partCap: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const stream = (file as unknown as { internalStream(t: 'uint8array'): JSZipStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        budget.left -= chunk.length;
        size += chunk.length;
        if (budget.left < 0 || size > partCap) {
          stream.pause();
          reject(
            new Refused({
              code: 'FILE_TOO_LARGE',
              message:
                budget.left < 0
                  ? `the workbook unpacks to more than ${Math.round(budget.cap / 1048576)} MiB, the most this tool unpacks (raise --max-file-size)`
                  : `the part ${file.name} unpacks to more than ${Math.floor(partCap / 1048576)} MiB, the most this tool reads from one part of a workbook: split the table into smaller workbooks`,
            }),
          );
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) =>
        reject(new Refused({ code: 'XLSX_INVALID', message: `the part ${file.name} is damaged (${e.message})` })),
      )
      .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .resume();
  });
}

interface JSZipStream {
  on(event: string, fn: (arg: never) => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

const decodeXml = (s: string): string =>
  s.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '',
  );

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1] as string) : undefined;
}

function partPath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Checks the archive; returns nothing when exceljs may read it, else the refusal. */
async function check(bytes: Uint8Array, sheet: string | undefined, limits: ReadLimits, partCap: number): Promise<void> {
  const { default: Zip } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await Zip.loadAsync(bytes);
  } catch (e) {
    throw new Refused({
      code: 'XLSX_INVALID',
      message: `not an XLSX workbook: the file is not a readable zip archive (${(e as Error).message})`,
    });
  }
  const cap = limits.maxFileBytes * UNPACKED_FACTOR;
  const budget = { left: cap, cap };
  const texts = new Map<string, string>();
  const wanted = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const text = await unpack(file, budget, partCap);
    if (wanted(file.name)) texts.set(file.name.replace(/^\//, ''), text);
  }
  const rootRels = texts.get('_rels/.rels') ?? '';
  const officeTarget = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rootRels);
  const workbookPath = officeTarget ? partPath('', attr(officeTarget[0], 'Target') ?? '') : 'xl/workbook.xml';
  const workbook = texts.get(workbookPath);
  if (workbook === undefined)
    throw new Refused({
      code: 'XLSX_INVALID',
      message: `the workbook part (${workbookPath}) is missing: re-save the file as .xlsx in a spreadsheet program`,
    });
  const relsPath = partPath(workbookPath, `_rels/${workbookPath.split('/').pop() as string}.rels`);
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of (texts.get(relsPath) ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    if (id)
      rels.set(id, { type: attr(m[0], 'Type') ?? '', target: partPath(workbookPath, attr(m[0], 'Target') ?? '') });
  }
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
    name: attr(m[0], 'name') ?? '',
    rel: attr(m[0], 'r:id') ?? '',
  }));
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!chosen) return; // exceljs reports a missing sheet with the names it has
  const sheetPath = rels.get(chosen.rel)?.target;
  const xml = sheetPath === undefined ? undefined : texts.get(sheetPath);
  if (xml === undefined)
    throw new Refused({
      code: 'XLSX_INVALID',
      message: `the sheet "${chosen.name}" has no part in the archive: re-save the file as .xlsx in a spreadsheet program`,
    });
  let cells = 0;
  const cellTag = /<(?:\w+:)?c[\s>/]/g;
  while (cellTag.exec(xml) !== null) {
    if (++cells > limits.maxCells)
      throw new Refused({
        code: 'TABLE_TOO_LARGE',
        message: `the sheet "${chosen.name}" holds more than ${limits.maxCells} cells, the most this tool reads from one table (raise it with --max-cells)`,
      });
  }
  let maxIndex = -1;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?v>\s*(\d+)\s*</g)) {
    if (/\st="s"/.test(m[1] as string)) maxIndex = Math.max(maxIndex, Number(m[2]));
  }
  if (maxIndex < 0) return;
  const shared = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  const sharedXml = shared ? texts.get(shared.target) : texts.get('xl/sharedStrings.xml');
  if (sharedXml === undefined)
    throw new Refused({
      code: 'XLSX_INVALID',
      message: `the workbook lacks its shared-strings part (xl/sharedStrings.xml), which its text cells refer to, so they cannot be read (they would read as numbers): re-save the file as .xlsx in a spreadsheet program`,
    });
  const count = (sharedXml.match(/<(?:\w+:)?si[\s>/]/g) ?? []).length;
  if (maxIndex >= count)
    throw new Refused({
      code: 'XLSX_INVALID',
      message: `a text cell of sheet "${chosen.name}" refers to shared string ${maxIndex}, but the shared-strings part holds ${count}: re-save the file as .xlsx in a spreadsheet program`,
    });
}

export function dumpWorkbook(wb: ExcelJS.Workbook, sheet: string | undefined): Dump {
  const names = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) return { names };
  const cells: DumpedCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cell.type as number;
      cells.push([r, c, t, t === FORMULA ? { result: (cell.model as { result?: unknown }).result } : cell.value]);
    });
  });
  return { names, name: ws.name, cells };
}

/** Checks and reads a workbook's bytes; never throws. `partCap` bounds each unpacked part (tests lower it). */
export async function dumpXlsx(
  bytes: Uint8Array,
  sheet: string | undefined,
  limits: ReadLimits,
  partCap: number = MAX_PART_BYTES,
): Promise<Dump> {
  try {
    await check(bytes, sheet, limits, partCap);
  } catch (e) {
    if (e instanceof Refused) return { names: [], problem: e.problem };
    return {
      names: [],
      problem: { code: 'XLSX_INVALID', message: `the workbook cannot be read (${(e as Error).message})` },
    };
  }
  try {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
    return dumpWorkbook(wb, sheet);
  } catch (err) {
    return { names: [], error: (err as Error).message };
  }
}
