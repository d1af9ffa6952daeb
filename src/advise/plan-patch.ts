/**
 * A plan as an RFC 6902 JSON Patch of the claim as read: first a `test` of the id of every line, plant and
 * purchase it changes (so that the patch refuses a claim whose lists were reordered since), then its changes,
 * sorted by path. Amounts several changes raise (the total cost, the cost of a line above two re-sourced lines)
 * are raised once by the sum, and written exactly in the reporting currency. Fields under an object the claim
 * lacks (`elections`) are added with that object.
 */
import { Dec, moneyText } from '../num/decimal.js';
import type { Change, Edit } from './change.js';
import type { Operation } from './patch.js';
import { pointerOf, valueAt, type ClaimView, type PathSegment } from './view.js';

/** The JSON Patch of a set of changes; the paths each change writes, by change id. */
export function planPatch(view: ClaimView, changes: readonly Change[], currency: string): Operation[] {
  const tests = new Map<string, Operation>();
  const sets = new Map<string, { path: PathSegment[]; edit: Edit }>();
  const amounts = new Map<string, { path: PathSegment[]; current: Dec; delta: Dec; bare: boolean }>();
  for (const c of changes) {
    for (const t of c.checks) tests.set(pointerOf(t.path), { op: 'test', path: pointerOf(t.path), value: t.value });
    for (const e of c.edits) {
      const key = pointerOf(e.path);
      if (e.op === 'add-amount') {
        const a = amounts.get(key);
        if (a) a.delta = a.delta.plus(e.delta);
        else amounts.set(key, { path: e.path, current: e.current, delta: e.delta, bare: e.bare });
        continue;
      }
      const before = sets.get(key);
      if (before && JSON.stringify(before.edit) !== JSON.stringify(e))
        throw new Error(`internal: two changes of one plan write ${key} differently`);
      sets.set(key, { path: e.path, edit: e });
    }
  }
  const ops: Operation[] = [];
  const created = new Map<string, Record<string, unknown>>();
  for (const [key, { path, edit }] of [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const exists = valueAt(view, path) !== undefined;
    if (edit.op === 'remove') {
      if (exists) ops.push({ op: 'remove', path: key });
      continue;
    }
    if (edit.op !== 'set') continue;
    if (exists) ops.push({ op: 'replace', path: key, value: edit.value });
    else if (valueAt(view, path.slice(0, -1)) !== undefined) ops.push({ op: 'add', path: key, value: edit.value });
    else {
      const parent = pointerOf(path.slice(0, -1));
      const obj = created.get(parent) ?? {};
      obj[String(path[path.length - 1])] = edit.value;
      created.set(parent, obj);
    }
  }
  for (const [parent, value] of created) ops.push({ op: 'add', path: parent, value });
  for (const [key, a] of amounts) {
    const amount = moneyText(a.current.plus(a.delta));
    ops.push({ op: 'replace', path: key, value: a.bare ? amount : { amount, currency } });
  }
  ops.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...[...tests.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), ...ops];
}

/** The paths a change writes, as JSON Pointers (a plan's patch writes nothing else). */
export function pathsOf(change: Change): string[] {
  return [...new Set(change.edits.map((e) => pointerOf(e.path)))].sort();
}
