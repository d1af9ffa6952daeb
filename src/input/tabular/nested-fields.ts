/**
 * The fields of a table row that sit inside a line rather than on it: a supplier statement's
 * (`supplierStatement.netCost`, `supplierStatement.period.start`), the evidence's (`evidence.ref`) and the quotes
 * from other suppliers (`alternatives[N].supplier`). A row's values are put in place in the claim format's shape;
 * the quotes a row leaves empty are left out, and which column index each quote kept came from is remembered, so
 * that a problem with a quote is reported at its own columns.
 */
import { formatPath } from '../../documents/source.js';
import { parsePath } from './document.js';
import { ALTERNATIVE_FIELDS, alternativeField, MONEY_FIELDS } from './fields.js';

/** For each quote kept, the N of the `alternatives[N].*` columns it was read from. */
const quoteColumns = new WeakMap<object, number>();

/** Whether a field name is of a field inside a line (`a.b`, `alternatives[0].c`). */
export function isNested(field: string): boolean {
  return field.includes('.') || field.includes('[');
}

/** The quote fields among `fields`, in quote order then in the order of ALTERNATIVE_FIELDS. */
export function quoteFields(fields: Iterable<string>): string[] {
  const rank = Object.keys(ALTERNATIVE_FIELDS);
  const found = [...new Set(fields)].flatMap((f) => {
    const q = alternativeField(f);
    return q ? [{ f, q }] : [];
  });
  return found
    .sort((a, b) => a.q.index - b.q.index || rank.indexOf(a.q.field) - rank.indexOf(b.q.field))
    .map((x) => x.f);
}

/** Sets `value` at the field's place in `item`, making the mappings and lists on the way. */
export function place(item: Record<string, unknown>, field: string, value: unknown): void {
  const path = parsePath(field);
  let cur: Record<string | number, unknown> = item;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string | number;
    const next = path[i + 1];
    if (cur[seg] === undefined) cur[seg] = typeof next === 'number' ? [] : {};
    cur = cur[seg] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1] as string | number] = value;
}

/** Drops the quotes a row left empty (holes in `alternatives`), remembering each kept quote's column index. */
export function compactQuotes(item: Record<string, unknown>): void {
  const list = item.alternatives;
  if (!Array.isArray(list)) return;
  const kept: unknown[] = [];
  list.forEach((quote: unknown, n) => {
    if (quote === undefined || quote === null) return;
    quoteColumns.set(quote as object, n);
    kept.push(quote);
  });
  item.alternatives = kept;
}

/**
 * The name of the field `segs` points at in `item` (a path relative to the item, e.g. `['alternatives', 0,
 * 'unitValue']`), as the mapping names its column: the longest such name `has` knows, with a quote's index read
 * back to its columns' N, and a money field's `currency` read as the line's currency column; undefined if none.
 */
export function columnField(
  item: unknown,
  segs: readonly (string | number)[],
  has: (field: string) => boolean,
): string | undefined {
  if (typeof segs[0] === 'string' && segs[1] === 'currency' && MONEY_FIELDS.has(segs[0])) return 'currency';
  const names: (string | number)[] = [];
  let cur: unknown = item;
  for (const seg of segs) {
    const next: unknown =
      cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
    const n =
      typeof seg === 'number' && names[names.length - 1] === 'alternatives' && next !== null && typeof next === 'object'
        ? quoteColumns.get(next)
        : undefined;
    names.push(n ?? seg);
    cur = next;
  }
  for (let k = names.length; k > 0; k--) {
    const field = formatPath(names.slice(0, k));
    if (has(field)) return field;
  }
  return undefined;
}

/**
 * The path, inside `item`, of the field a column fills (`['supplierStatement', 'netCost']`), a quote's index being
 * its place among the quotes the row kept (its column's N when the row kept no quote from that column).
 */
export function fieldPath(item: unknown, field: string): (string | number)[] {
  const path = parsePath(field);
  const q = alternativeField(field);
  const quotes = (item as { alternatives?: unknown } | undefined)?.alternatives;
  if (q && Array.isArray(quotes)) {
    const at = quotes.findIndex((x: unknown) => x !== null && typeof x === 'object' && quoteColumns.get(x) === q.index);
    if (at >= 0) path[1] = at;
  }
  return path;
}
