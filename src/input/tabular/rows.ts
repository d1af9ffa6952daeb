/**
 * The data rows of a table, cell by cell, to field values: numbers read with the mapping's separators, true/false,
 * the mapping's `values` and `defaults`; each row an item in the claim format's field order, checked on its own
 * against the format (unless the caller validates the whole list itself). Blank rows are skipped.
 */
import type { z } from 'zod';
import { materialReferenceSchema, producerSchema } from '../documents.js';
import { hsSubheading } from '../hs.js';
import type { ProblemCode } from '../problems.js';
import { validateDocument } from '../validate.js';
import type { Column } from './columns.js';
import { parsePath } from './document.js';
import { alternativeField, fieldsOf, MATERIAL_ORDER, PURCHASE_ORDER } from './fields.js';
import { compactQuotes, isNested, place, quoteFields } from './nested-fields.js';
import type { ResolvedMapping } from './mapping.js';
import { decimalProblem, decimalReader } from './numbers.js';
import { cellText, type Cell, type RawTable } from './table.js';

/**
 * The schemas of one material and one purchase. Each row is checked on its own, before its children are
 * attached (so a material's `materials` is never walked again): the same rules as the claim loader's, at
 * a fraction of the cost of re-walking a 100,000-line tree. The purchase schema is taken from the
 * producer schema, as documents.ts does not export it on its own.
 */
const materialItem = (materialReferenceSchema as unknown as z.ZodLazy<z.ZodType>).unwrap();
const purchaseItem = producerSchema.shape.steelAluminum.unwrap().shape.purchases.element;

/** A problem the claim format finds in one row, at its path under the row (`segs`). */
export interface RowSchemaProblem {
  /** The row's index among the data rows. */
  item: number;
  segs: (string | number)[];
  code: ProblemCode;
  message: string;
}

/**
 * Checks the row `item` (index `index`, fields as read, without `materials`) of a `kind` table from `file` on its
 * own against the claim format, adding its problems to `out`.
 */
export function checkRow(
  kind: ResolvedMapping['kind'],
  file: string,
  index: number,
  item: Record<string, unknown>,
  out: RowSchemaProblem[],
): void {
  const itemSchema: z.ZodType = kind === 'purchases' ? purchaseItem : materialItem;
  if (itemSchema.safeParse(item).success) return;
  const checked = validateDocument({ file, format: 'json', data: item, locate: () => undefined }, itemSchema);
  if (!checked.ok)
    for (const p of checked.problems)
      out.push({ item: index, segs: parsePath(p.path), code: p.code, message: p.message });
}

/** A problem in a row's cell (or the row, without a column), before the row has its path. */
export interface CellProblem {
  /** The row's index among the data rows. */
  item: number;
  /** The column, where the problem is in one. */
  column: Column | undefined;
  /** What kind of problem. */
  code: ProblemCode;
  /** What is wrong. */
  message: string;
}

/** The data rows read: one entry per non-blank row in each list. */
export interface Rows {
  /** Each row's number as the spreadsheet numbers it. */
  rowNumbers: number[];
  /** Each row's fields, in the claim format's order. */
  items: Record<string, unknown>[];
  /** Each row's parentId or level text. */
  structure: (string | undefined)[];
  /** Each row's id. */
  ids: (string | undefined)[];
  /** Problems in cells the rows could not be read from. */
  cellProblems: CellProblem[];
  /** The claim format's problems with a row, at their path under it (`segs`). */
  schemaProblems: RowSchemaProblem[];
}

/** Reads the rows below the header row of `table` through the mapped `columns`. */
export function readRows(
  table: RawTable,
  mapping: ResolvedMapping,
  columns: Column[],
  byField: Map<string, Column>,
  validate: boolean,
): Rows {
  const kind = mapping.kind;
  const fields = fieldsOf(kind);
  const { file } = table;
  const headerRow = mapping.header;
  const readDecimal = decimalReader(mapping.numbers);
  // Field values of the current row live in `slots`, one per field of the kind (no per-row objects).
  const quotes = quoteFields([...columns.map((c) => c.field), ...Object.keys(mapping.defaults)]);
  const fieldNames = [...Object.keys(fields), ...quotes];
  const slotOf = new Map(fieldNames.map((f, i) => [f, i]));
  const slot = (field: string) => slotOf.get(field) ?? -1;
  const slots: unknown[] = new Array<unknown>(fieldNames.length);
  // A quote's defaults fill only a quote the row gives (one of its cells not empty).
  const defaults = Object.entries(mapping.defaults)
    .filter(([field]) => !alternativeField(field))
    .map(([field, value]) => [slot(field), value] as const);
  const quoteDefaults = Object.entries(mapping.defaults).flatMap(([field, value]) => {
    const q = alternativeField(field);
    return q ? [[slot(field), value, q.index] as const] : [];
  });
  const columnSlots = columns.map((c) => slot(c.field));
  const quoteSlots = quotes.map((f) => [slot(f), alternativeField(f)?.index ?? 0] as const);
  const order = [...(kind === 'materials' ? MATERIAL_ORDER : PURCHASE_ORDER), ...quotes].map(
    (field) => [field, slot(field), isNested(field)] as const,
  );
  const nested = order.some(([, i, inside]) => inside && (columnSlots.includes(i) || defaults.some(([d]) => d === i)));
  const idSlot = slot('id');
  const currencySlot = slot('currency');
  const rowNumbers: number[] = [];
  const items: Record<string, unknown>[] = [];
  const structure: (string | undefined)[] = []; // parentId or level text
  const ids: (string | undefined)[] = [];
  const cellProblems: { item: number; column: Column | undefined; code: ProblemCode; message: string }[] = [];
  const structural = byField.get('parentId') ?? byField.get('level');
  const structuralSlot = structural ? slot(structural.field) : -1;
  const isPurchases = kind === 'purchases';
  const schemaProblems: RowSchemaProblem[] = [];

  for (let r = headerRow; r < table.rows.length; r++) {
    const cells = table.rows[r];
    if (!cells) continue;
    const item = items.length;
    let content = false;
    slots.fill(undefined);
    for (let ci = 0; ci < columns.length; ci++) {
      const column = columns[ci] as Column;
      const cell: Cell = cells[column.index];
      if (cell === undefined) continue;
      if (typeof cell === 'object' && cell.kind === 'bad') {
        content = true;
        cellProblems.push({ item, column, code: cell.code ?? 'FIELD_TYPE', message: cell.message });
        continue;
      }
      const text = typeof cell === 'string' ? cell.trim() : cellText(cell);
      const mapped = column.values?.get(text);
      let value: unknown;
      if (text !== '') content = true;
      if (mapped !== undefined) value = mapped;
      else if (typeof cell === 'boolean' && column.spec.type === 'boolean') value = cell;
      else if (text === '') value = undefined;
      else {
        switch (column.spec.type) {
          case 'decimal': {
            const d = typeof cell === 'object' ? cell.text : readDecimal(text);
            if (d === undefined)
              cellProblems.push({
                item,
                column,
                code: 'DECIMAL_INVALID',
                message: decimalProblem(text, mapping.numbers),
              });
            value = d ?? text;
            break;
          }
          case 'boolean': {
            const lower = text.toLowerCase();
            value = lower === 'true' ? true : lower === 'false' ? false : text;
            if (typeof value !== 'boolean') {
              cellProblems.push({
                item,
                column,
                code: 'FIELD_TYPE',
                message: `expected true or false, got "${text}"; declare what the file writes in the mapping, e.g. values: { ${column.field}: { "X": true, "": false } }`,
              });
            }
            break;
          }
          default:
            value = text;
            if (column.field === 'hs' && typeof cell === 'object' && hsSubheading(text) === undefined) {
              cellProblems.push({
                item,
                column,
                code: 'HS_INVALID',
                message: `the cell holds the number ${text}, not an HS subheading written like "8708.10": format the column as text and type the code with its dot`,
              });
            }
        }
      }
      slots[columnSlots[ci] ?? -1] = value;
    }
    if (!content) continue; // a blank row
    for (const [i, value] of defaults) if (slots[i] === undefined) slots[i] = value;
    if (quoteDefaults.length > 0) {
      for (const [i, value, n] of quoteDefaults)
        if (slots[i] === undefined && quoteSlots.some(([j, m]) => m === n && j !== i && slots[j] !== undefined))
          slots[i] = value;
    }
    const out: Record<string, unknown> = {};
    for (const [field, i, inside] of order) {
      const v = slots[i];
      if (v === undefined) continue;
      if (inside) place(out, field, v);
      else out[field] = v;
    }
    if (nested) compactQuotes(out);
    if (isPurchases && typeof out.value === 'string' && typeof slots[currencySlot] === 'string') {
      out.value = { amount: out.value, currency: slots[currencySlot] };
    }
    if (validate) checkRow(kind, file, item, out, schemaProblems);
    rowNumbers.push(r + 1);
    items.push(out);
    const s = structuralSlot < 0 ? undefined : slots[structuralSlot];
    structure.push(typeof s === 'string' ? s : undefined);
    const id = slots[idSlot];
    ids.push(typeof id === 'string' ? id : undefined);
  }
  return { rowNumbers, items, structure, ids, cellProblems, schemaProblems };
}
