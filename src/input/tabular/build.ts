/**
 * From a table read from a file and its mapping to the list the claim format expects: cells become field
 * values, rows become a tree (materials) or a list (purchases), and every problem is collected with its
 * file, sheet, row and column header. Linear in the number of rows: parents are indexed in a Map, the tree
 * is built with an explicit stack, and every regular expression is compiled once per import.
 */
import type { ReadLimits } from '../../documents/files.js';
import { basename } from 'node:path';
import type { z } from 'zod';
import { materialReferenceSchema, producerSchema } from '../documents.js';
import { hsSubheading } from '../hs.js';
import { sortProblems, type InputProblem, type ProblemCode } from '../problems.js';
import { formatPath, type Path, type Position } from '../../documents/source.js';
import { MAX_DEPTH, validateDocument } from '../validate.js';
import { parsePath, resolveTarget, type TableDocument } from './document.js';
import { BASE_PATH, fieldsOf, MATERIAL_ORDER, MONEY_FIELDS, PURCHASE_ORDER, type FieldSpec } from './fields.js';
import { mappingLine, type ResolvedMapping } from './mapping.js';
import { decimalProblem, decimalReader } from './numbers.js';
import { cellText, columnLetters, type Cell, type RawTable } from './table.js';

/**
 * The schemas of one material and one purchase. Each row is checked on its own, before its children are
 * attached (so a material's `materials` is never walked again): the same rules as the claim loader's, at
 * a fraction of the cost of re-walking a 100,000-line tree. The purchase schema is taken from the
 * producer schema, as documents.ts does not export it on its own.
 */
const materialItem = (materialReferenceSchema as unknown as z.ZodLazy<z.ZodType>).unwrap();
const purchaseItem = producerSchema.shape.steelAluminum.unwrap().shape.purchases.element;

const LEVEL = /^[1-9][0-9]*$/;
const SPACES = /\s+/g;

/** Parent markers, besides a row index. */
const TOP = -1;
const UNKNOWN_PARENT = -2;
const DETACHED = -3;

interface Column {
  field: string;
  spec: FieldSpec;
  /** 0-based index into a row's cells. */
  index: number;
  header: string;
  values: Map<string, string | boolean> | undefined;
}

/** What importing a table gives: the rows as a document, and every problem found in it (empty when none). */
export interface ImportResult {
  /** The rows as the claim format's list (`materials`, or steel and aluminum `purchases`), with positions. */
  document: TableDocument;
  /** Every problem of the table, each with its file, sheet, row and column header, in reading order. */
  problems: InputProblem[];
}

function normalizeHeader(text: string): string {
  return text.replace(SPACES, ' ').trim();
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

export function buildDocument(
  table: RawTable,
  mapping: ResolvedMapping,
  mappingFile: string,
  options: ImportOptions = {},
): ImportResult {
  const kind = mapping.kind;
  const fields = fieldsOf(kind);
  const base = BASE_PATH[kind];
  const problems: InputProblem[] = [];
  const { file, sheet } = table;
  const headerRow = mapping.header;
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
  const empty = (): ImportResult => ({
    document: tableDocument([], [], [], new Map(), undefined),
    problems: sortProblems(problems),
  });

  // ---- the header row and the mapped columns
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
    return empty();
  }
  const columns: Column[] = [];
  const byField = new Map<string, Column>();
  // The file's headers are listed once, with the missing column whose problem comes first (problems sort by field).
  const missing: { field: string; problem: InputProblem }[] = [];
  for (const [field, wanted] of Object.entries(mapping.columns)) {
    const spec = fields[field];
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
  if (problems.length > 0) return empty();

  // ---- rows: cells to field values
  const readDecimal = decimalReader(mapping.numbers);
  // Field values of the current row live in `slots`, one per field of the kind (no per-row objects).
  const fieldNames = Object.keys(fields);
  const slotOf = new Map(fieldNames.map((f, i) => [f, i]));
  const slot = (field: string) => slotOf.get(field) ?? -1;
  const slots: unknown[] = new Array<unknown>(fieldNames.length);
  const defaults = Object.entries(mapping.defaults).map(([field, value]) => [slot(field), value] as const);
  const order = (kind === 'materials' ? MATERIAL_ORDER : PURCHASE_ORDER).map((field) => [field, slot(field)] as const);
  const columnSlots = columns.map((c) => slot(c.field));
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
  const itemSchema: z.ZodType = isPurchases ? purchaseItem : materialItem;
  const validate = options.validate !== false;
  const schemaProblems: { item: number; segs: (string | number)[]; code: ProblemCode; message: string }[] = [];

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
    const out: Record<string, unknown> = {};
    for (const [field, i] of order) {
      const v = slots[i];
      if (v !== undefined) out[field] = v;
    }
    if (isPurchases && typeof out.value === 'string' && typeof slots[currencySlot] === 'string') {
      out.value = { amount: out.value, currency: slots[currencySlot] };
    }
    if (validate && !itemSchema.safeParse(out).success) {
      const checked = validateDocument({ file, format: 'json', data: out, locate: () => undefined }, itemSchema);
      if (!checked.ok)
        for (const p of checked.problems)
          schemaProblems.push({ item, segs: parsePath(p.path), code: p.code, message: p.message });
    }
    rowNumbers.push(r + 1);
    items.push(out);
    const s = structuralSlot < 0 ? undefined : slots[structuralSlot];
    structure.push(typeof s === 'string' ? s : undefined);
    const id = slots[idSlot];
    ids.push(typeof id === 'string' ? id : undefined);
  }

  // ---- hierarchy
  const n = items.length;
  const parent = new Int32Array(n).fill(TOP);
  const idColumn = byField.get('id');
  const rowProblem = (item: number, column: Column | undefined, code: ProblemCode, message: string) =>
    cellProblems.push({ item, column, code, message });

  if (kind === 'purchases') {
    const seen = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, k);
      else
        rowProblem(
          k,
          idColumn,
          'PURCHASE_DUPLICATE_ID',
          `purchase id "${id}" is also used in row ${rowNumbers[first]}`,
        );
    }
  } else if (structural?.field === 'parentId') {
    const index = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id === undefined) continue;
      const first = index.get(id);
      if (first === undefined) index.set(id, k);
      else
        rowProblem(
          k,
          idColumn,
          'BOM_DUPLICATE_ID',
          `id "${id}" is also used in row ${rowNumbers[first]}; with a parent-id column every id must be unique in the whole file`,
        );
    }
    for (let k = 0; k < n; k++) {
      const p = structure[k];
      if (p === undefined || p === '') continue;
      const found = index.get(p);
      if (found === undefined) {
        parent[k] = UNKNOWN_PARENT;
        rowProblem(k, structural, 'TABLE_PARENT_UNKNOWN', `parent "${p}" is not the id of any row`);
      } else parent[k] = found;
    }
  } else if (structural) {
    const stack: number[] = []; // stack[l - 1]: the last row at level l
    for (let k = 0; k < n; k++) {
      const text = structure[k];
      if (text === undefined || !LEVEL.test(text)) {
        parent[k] = DETACHED;
        rowProblem(
          k,
          structural,
          'TABLE_STRUCTURE',
          text === undefined
            ? 'no level: every row needs one (1 for the top level)'
            : `a level is a whole number, 1 for the top level, got "${text}"`,
        );
        continue;
      }
      const level = Number(text);
      if (level === 1) parent[k] = TOP;
      else {
        const above = stack.length >= level - 1 ? stack[level - 2] : undefined;
        if (above === undefined) {
          parent[k] = DETACHED;
          const previous = k > 0 ? ` (the row before is at level ${structure[k - 1] ?? '?'})` : '';
          rowProblem(
            k,
            structural,
            'TABLE_STRUCTURE',
            `level ${level} skips a level: a row at level ${level} must follow a row at level ${level - 1}${previous}`,
          );
        } else parent[k] = above;
      }
      stack.length = level - 1;
      stack[level - 1] = k;
    }
    const siblings = new Set<string>();
    const firstRow = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id === undefined || parent[k] === DETACHED) continue;
      const key = `${parent[k]}\u0000${id}`;
      if (siblings.has(key))
        rowProblem(
          k,
          idColumn,
          'BOM_DUPLICATE_ID',
          `id "${id}" is used twice in one material list (also in row ${rowNumbers[firstRow.get(key) ?? 0]})`,
        );
      else {
        siblings.add(key);
        firstRow.set(key, k);
      }
    }
  }

  // Children in row order, as linked lists (first child, next sibling).
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const roots: number[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const p = parent[k] ?? TOP;
    if (p >= 0) {
      nextSibling[k] = firstChild[p] ?? -1;
      firstChild[p] = k;
    }
  }
  for (let k = 0; k < n; k++) if (parent[k] === TOP) roots.push(k);

  // Place the tree from the top-level rows down (explicit stack: no recursion, any depth).
  const placed = new Uint8Array(n);
  const depth = new Int32Array(n).fill(1);
  const indexInList = new Int32Array(n);
  const data: Record<string, unknown>[] = roots.map((k, i) => {
    indexInList[k] = i;
    return items[k] as Record<string, unknown>;
  });
  const work: number[] = [...roots];
  while (work.length > 0) {
    const k = work.pop() as number;
    placed[k] = 1;
    let c = firstChild[k] ?? -1;
    if (c < 0) continue;
    const list: unknown[] = [];
    const below = (depth[k] ?? 0) + 1;
    if (below === MAX_DEPTH + 1) rowProblem(c, structural, 'BOM_TOO_DEEP', `nested more than ${MAX_DEPTH} levels deep`);
    for (; c >= 0; c = nextSibling[c] ?? -1) {
      depth[c] = below;
      indexInList[c] = list.length;
      list.push(items[c]);
      work.push(c);
    }
    (items[k] as Record<string, unknown>).materials = list;
  }

  // Rows with a known parent that were not placed: either under a cycle, or in one.
  if (structural?.field === 'parentId') {
    const walk = new Int32Array(n); // 0 = not visited; else the walk that visited the row
    let walkId = 0;
    for (let k = 0; k < n; k++) {
      if (placed[k] || walk[k] || (parent[k] ?? TOP) < 0) continue;
      walkId++;
      const seen: number[] = [];
      let cur = k;
      while (cur >= 0 && !placed[cur] && walk[cur] === 0) {
        walk[cur] = walkId;
        seen.push(cur);
        cur = parent[cur] ?? TOP;
      }
      if (cur < 0 || placed[cur] || walk[cur] !== walkId) continue;
      const cycle = seen.slice(seen.indexOf(cur));
      let firstAt = 0;
      cycle.forEach((m, i) => {
        if ((rowNumbers[m] ?? 0) < (rowNumbers[cycle[firstAt] ?? 0] ?? 0)) firstAt = i;
      });
      const ordered = [...cycle.slice(firstAt), ...cycle.slice(0, firstAt)];
      const name = (m: number) => `"${ids[m] ?? '?'}" (row ${rowNumbers[m]})`;
      const shown =
        ordered.slice(0, 10).map(name).join(' is in ') + (ordered.length > 10 ? ` ... (${ordered.length} rows)` : '');
      rowProblem(
        ordered[0] ?? k,
        structural,
        'BOM_CYCLE',
        `parent links form a cycle: ${shown} is in ${name(ordered[0] ?? k)}; none of these rows reaches a top-level row`,
      );
    }
  }

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
    report(c.item, c.column, c.column ? [c.column.field] : [], c.code, c.message);
  }
  // The claim format's own checks (codes, countries, HS codes, allowed values), at their cells; a cell
  // already reported (a number the mapping's format cannot read) is not reported twice.
  for (const p of schemaProblems) {
    const first = p.segs[0];
    const field =
      typeof first === 'string'
        ? MONEY_FIELDS.has(first) && p.segs[1] === 'currency'
          ? 'currency'
          : first
        : undefined;
    const column = field === undefined ? undefined : byField.get(field);
    const key = `${p.item}\u0000${column?.field ?? ''}`;
    if (column && taken.has(key)) continue;
    report(p.item, column, p.segs, p.code, p.message);
  }
  const document = tableDocument(data, items, rowNumbers, byField, idColumn);
  // In reading order: by row, then by column as the file has them.
  const columnIndex = new Map(columns.map((c) => [c.header, c.index]));
  const position = (p: InputProblem) => (p.column === undefined ? -1 : (columnIndex.get(p.column) ?? -1));
  const sorted = sortProblems(problems).sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || position(x) - position(y));
  return { document, problems: sorted };

  function tableDocument(
    data: unknown[],
    all: object[],
    rows: number[],
    columnsByField: Map<string, Column>,
    id: Column | undefined,
  ): TableDocument {
    let itemIndex: Map<object, number> | undefined;
    const itemOf = (obj: object) => {
      if (!itemIndex) {
        itemIndex = new Map();
        all.forEach((o, i) => itemIndex?.set(o, i));
      }
      return itemIndex.get(obj);
    };
    const target = (path: Path) => resolveTarget(data, path, itemOf);
    return {
      file,
      format: 'json',
      data,
      locate(path: Path): Position | undefined {
        const t = target(path);
        if (!t) return undefined;
        const column = (t.field === undefined ? undefined : columnsByField.get(t.field)) ?? id;
        return { line: rows[t.item] ?? 0, column: (column?.index ?? 0) + 1 };
      },
      table: {
        format: table.format,
        kind,
        sheet,
        mappingFile,
        columnHeader(path: Path): string | undefined {
          const t = target(path);
          return t?.field === undefined ? undefined : columnsByField.get(t.field)?.header;
        },
      },
    };
  }
}
