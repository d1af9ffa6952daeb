/**
 * The rows of a table as a bill of materials: parents by parent-id column (ids unique in the file, unknown parents
 * and cycles found) or by level column (a level may not skip one; ids unique among siblings), children in row
 * order, placed from the top down with an explicit stack (no recursion, any depth; deeper than MAX_DEPTH is a
 * problem). Purchases are a flat list whose ids must be unique.
 */
import type { ProblemCode } from '../problems.js';
import { MAX_DEPTH } from '../validate.js';
import type { Column } from './columns.js';
import type { TableKind } from './fields.js';
import type { Rows } from './rows.js';

const LEVEL = /^[1-9][0-9]*$/;

/** Parent markers, besides a row index. */
export const TOP = -1;
const UNKNOWN_PARENT = -2;
const DETACHED = -3;

/** The rows placed: the top-level list, and for each row its parent (a row index, or TOP) and place. */
export interface Tree {
  /** The top-level rows' items (each row's children are in its item's `materials`). */
  data: Record<string, unknown>[];
  /** Each row's parent row, or TOP (or a negative marker for a row not placed). */
  parent: Int32Array;
  /** 1 where the row was placed under a top-level row. */
  placed: Uint8Array;
  /** Each row's index in its parent's list. */
  indexInList: Int32Array;
}

/**
 * Links the rows of `rows` (their items get their `materials`); problems with ids and the hierarchy are added to
 * `rows.cellProblems`. `structural` is the parentId or level column, `idColumn` the id column.
 */
export function buildTree(
  kind: TableKind,
  rows: Rows,
  structural: Column | undefined,
  idColumn: Column | undefined,
): Tree {
  const { items, rowNumbers, structure, ids, cellProblems } = rows;
  const n = items.length;
  const parent = new Int32Array(n).fill(TOP);
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
  return { data, parent, placed, indexInList };
}
