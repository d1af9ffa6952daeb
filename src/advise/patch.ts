/**
 * Patches of the claim as read (view.ts): RFC 6902 JSON Patch documents, applied by the `rfc6902` library, and
 * `--set PATH=VALUE` assignments for a quick what-if. A patch that cannot be read or applied is an input problem
 * (exit 2) naming the operation's index and path: PATCH_INVALID (not a JSON Patch; a --set that is not
 * PATH=VALUE) or PATCH_NOT_APPLICABLE (no value at the path, a failed `test`, an operation that would make the
 * claim name another file).
 *
 * --set: PATH is a JSON Pointer (`/materials/3/origin`) or a field path as problems write it
 * (`materials[3].origin`, `producer.plants[0].wages`); VALUE is read as one YAML value with the engine's own
 * reader, so numbers stay the text they are written in (`1250.00` is the string "1250.00", never a floating-point
 * number), `true`/`false` are booleans, `{ amount: "12.00", currency: MXN }` is a mapping, and `null` removes the
 * field. An assignment to an object member adds or replaces it; to a list index, it replaces that item.
 */
import { applyPatch as rfc6902Apply, type Operation } from 'rfc6902';
import { parseText } from '../documents/read.js';
import { DocumentSyntaxError, formatPath, type Path, type SourceDocument } from '../documents/source.js';
import type { InputProblem, ProblemCode } from '../input/problems.js';
import { fieldPathOf, pointerTokens, toPointer, valueAt, type ClaimView } from './view.js';

export type { Operation };

/**
 * Where the operations of a patch came from, for problems: a file (with positions), --set assignments, or a
 * plan of `advise`; `count` operations each, in order.
 */
export type PatchSource =
  | { kind: 'file'; doc: SourceDocument; count: number }
  | { kind: 'set'; assignments: readonly string[]; count: number }
  | { kind: 'plan'; name: string; count: number };

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
/** Tokens no path may hold: they would reach an object's prototype. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function problemIn(source: PatchSource, path: Path, code: ProblemCode, message: string): InputProblem {
  if (source.kind === 'file')
    return { code, path: formatPath(path), message, file: source.doc.file, line: source.doc.locate(path)?.line };
  return { code, path: formatPath(path), message, file: source.kind === 'set' ? '--set' : source.name };
}

function pointerProblem(pointer: unknown): string | undefined {
  if (typeof pointer !== 'string') return 'expected a JSON Pointer (a string such as "/materials/0/origin")';
  const tokens = pointerTokens(pointer);
  if (tokens === undefined)
    return `"${pointer}" is not a JSON Pointer (RFC 6901): it must be empty or start with "/", and "~" is written "~0"`;
  if (tokens.some((t) => FORBIDDEN.has(t))) return `"${pointer}" names an object's prototype, which no claim has`;
  return undefined;
}

/**
 * The operations of a patch document (a JSON or YAML list of RFC 6902 operations), checked for their form:
 * `op` one of the six, `path` (and `from` for move and copy) a JSON Pointer, `value` present for add, replace
 * and test. Members the RFC does not define for an operation are ignored, as it requires.
 */
export function readPatchDocument(doc: SourceDocument): {
  operations: Operation[];
  problems: InputProblem[];
  source: PatchSource;
} {
  const source: PatchSource = { kind: 'file', doc, count: Array.isArray(doc.data) ? doc.data.length : 0 };
  const problems: InputProblem[] = [];
  if (!Array.isArray(doc.data)) {
    problems.push(
      problemIn(source, [], 'PATCH_INVALID', 'a JSON Patch is a list of operations such as { op, path, value }'),
    );
    return { operations: [], problems, source };
  }
  const operations: Operation[] = [];
  doc.data.forEach((raw, i) => {
    if (!isRecord(raw)) {
      problems.push(problemIn(source, [i], 'PATCH_INVALID', `operation ${i}: expected a mapping { op, path, ... }`));
      return;
    }
    const op = raw.op;
    if (typeof op !== 'string' || !OPS.has(op)) {
      problems.push(
        problemIn(
          source,
          [i, 'op'],
          'PATCH_INVALID',
          `operation ${i}: op must be add, remove, replace, move, copy or test`,
        ),
      );
      return;
    }
    const bad = pointerProblem(raw.path);
    if (bad) problems.push(problemIn(source, [i, 'path'], 'PATCH_INVALID', `operation ${i} (${op}): ${bad}`));
    if (op === 'move' || op === 'copy') {
      const badFrom = pointerProblem(raw.from);
      if (badFrom)
        problems.push(problemIn(source, [i, 'from'], 'PATCH_INVALID', `operation ${i} (${op}): from: ${badFrom}`));
    }
    const needsValue = op === 'add' || op === 'replace' || op === 'test';
    if (needsValue && !Object.prototype.hasOwnProperty.call(raw, 'value'))
      problems.push(problemIn(source, [i], 'PATCH_INVALID', `operation ${i} (${op} ${String(raw.path)}): no value`));
    const { op: _op, path, from, value } = raw;
    operations.push({
      op,
      path,
      ...(op === 'move' || op === 'copy' ? { from } : {}),
      ...(needsValue ? { value } : {}),
    } as Operation);
  });
  return { operations, problems, source };
}

/**
 * Each `--set PATH=VALUE` as an operation on the claim as read (see the file comment): `replace` where the path
 * ends in a list index, `add` (which adds or replaces a member) otherwise, `remove` for the value null.
 */
export function setOperations(assignments: readonly string[]): {
  operations: Operation[];
  problems: InputProblem[];
  source: PatchSource;
} {
  const source: PatchSource = { kind: 'set', assignments, count: assignments.length };
  const operations: Operation[] = [];
  const problems: InputProblem[] = [];
  assignments.forEach((text, i) => {
    const eq = text.indexOf('=');
    const pointer = eq > 0 ? toPointer(text.slice(0, eq)) : undefined;
    if (pointer === undefined || pointer === '') {
      problems.push(
        problemIn(
          source,
          [i],
          'PATCH_INVALID',
          `--set ${text}: expected PATH=VALUE, PATH a field path such as materials[3].origin or a JSON Pointer such as /materials/3/origin`,
        ),
      );
      return;
    }
    const bad = pointerProblem(pointer);
    if (bad) {
      problems.push(problemIn(source, [i], 'PATCH_INVALID', `--set ${text}: ${bad}`));
      return;
    }
    let value: unknown;
    try {
      value = parseText('value.yaml', text.slice(eq + 1)).data;
    } catch (err) {
      if (!(err instanceof DocumentSyntaxError)) throw err;
      problems.push(
        problemIn(
          source,
          [i],
          'PATCH_INVALID',
          `--set ${text}: the value is not one YAML value (${err.problems[0]?.message ?? 'syntax'}); quote it`,
        ),
      );
      return;
    }
    const tokens = pointerTokens(pointer) as string[];
    const last = tokens[tokens.length - 1] as string;
    if (value === null || value === undefined) operations.push({ op: 'remove', path: pointer });
    else if (/^(0|[1-9]\d*)$/.test(last)) operations.push({ op: 'replace', path: pointer, value });
    else operations.push({ op: 'add', path: pointer, value });
  });
  return { operations, problems, source };
}

/**
 * The claim as read, changed by `operations` (in order): a new document; `view` is left as it was. With `copy:
 * 'path'` only the objects on the way to each changed path are copied (for patches that only add, replace, remove
 * or test; fast on a large bill of materials); with `copy: 'deep'` the whole view is copied first (any patch).
 * Every operation that cannot be applied is a PATCH_NOT_APPLICABLE problem naming its index and path.
 */
export function applyPatch(
  view: ClaimView,
  operations: readonly Operation[],
  sources: readonly PatchSource[],
  copy: 'deep' | 'path' = 'deep',
): { document: ClaimView; problems: InputProblem[] } {
  let document: ClaimView;
  if (copy === 'deep' || operations.some((o) => o.op === 'move' || o.op === 'copy')) document = structuredClone(view);
  else {
    document = { ...view };
    for (const o of operations) copyAlong(document, pointerTokens(o.path) ?? []);
  }
  const results = rfc6902Apply(document, operations as Operation[]);
  const problems: InputProblem[] = [];
  results.forEach((err, index) => {
    if (err === null) return;
    const o = operations[index] as Operation;
    const { source, i } = sourceOf(sources, index);
    const where = source.kind === 'file' ? [i, 'path'] : [i];
    const what = `${o.op} ${o.path}${o.op === 'move' || o.op === 'copy' ? ` from ${o.from}` : ''}`;
    const why =
      err.name === 'TestError'
        ? `the value at ${fieldPathOf(o.path)} is not the one the test expects`
        : err.name === 'MissingError'
          ? `the claim as read has no ${o.op === 'add' ? 'parent for' : 'value at'} ${fieldPathOf(o.path)}`
          : err.message;
    problems.push(problemIn(source, where, 'PATCH_NOT_APPLICABLE', `operation ${i} (${what}): ${why}`));
  });
  if (problems.length === 0)
    problems.push(...selfContained(document, sources[0] ?? { kind: 'plan', name: 'patch', count: 0 }));
  return { document, problems };
}

/** The source of the operation at `index` of the whole patch, and its index there. */
function sourceOf(sources: readonly PatchSource[], index: number): { source: PatchSource; i: number } {
  let start = 0;
  for (const source of sources) {
    if (index < start + source.count) return { source, i: index - start };
    start += source.count;
  }
  return { source: { kind: 'plan', name: 'patch', count: 0 }, i: index };
}

/** Copies, in place, the containers of `doc` on the way to `tokens`, so that changing there leaves others alone. */
function copyAlong(doc: ClaimView, tokens: readonly string[]): void {
  let cur: unknown = doc;
  for (let k = 0; k < tokens.length - 1; k++) {
    const key = tokens[k] as string;
    const container = cur as Record<string, unknown> | unknown[];
    const child = Array.isArray(container) ? container[Number(key)] : isRecord(container) ? container[key] : undefined;
    if (child === undefined || child === null || typeof child !== 'object') return;
    const copied = Array.isArray(child) ? [...child] : { ...(child as Record<string, unknown>) };
    if (Array.isArray(container)) container[Number(key)] = copied;
    else (container as Record<string, unknown>)[key] = copied;
    cur = copied;
  }
}

/** A patched claim holds all it needs: it may not name a producer document or a table in place of its data. */
function selfContained(document: ClaimView, source: PatchSource): InputProblem[] {
  const named: Array<[string, unknown]> = [
    ['producer', document.producer],
    ['materials', document.materials],
    ['producer.steelAluminum.purchases', valueAt(document, ['producer', 'steelAluminum', 'purchases'])],
  ];
  return named
    .filter(([field, v]) => (field === 'producer' ? typeof v === 'string' : isRecord(v) && 'file' in v))
    .map(([field]) =>
      problemIn(
        source,
        [],
        'PATCH_NOT_APPLICABLE',
        `the patched claim names a file for ${field}: a patch changes the claim as read, with its producer document and tables in it, and may not point elsewhere`,
      ),
    );
}
