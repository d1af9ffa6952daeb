/**
 * The actual figures of one actuals entry as patch operations on the stored claim (the input of the decision
 * made on estimates): `lines` (BOM lines by id, a sub-line's ids joined by "/"), `purchases` (steel and
 * aluminum purchases by id), `set` (field path -> value, as `evaluate --set`) and `patch` (RFC 6902, as
 * `evaluate --patch`), in that order. Lines and purchases are found by id because the stored claim keeps its
 * lists sorted by id, not in the order of the file it was read from. Problems are placed in the actuals file:
 * at the line, purchase, assignment or operation they concern.
 */
import type { Operation, PatchSource } from '../advise/patch.js';
import { readPatchDocument, setOperations } from '../advise/patch.js';
import type { SourceDocument } from '../documents/source.js';
import type { InputProblem } from '../input/problems.js';
import type { ActualsEntry, ActualsFile } from './actuals.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const token = (t: string | number) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

/** The entry's changes, and where each operation's problems go in the file. */
export interface EntryChanges {
  operations: Operation[];
  sources: PatchSource[];
  /** For each operation of the `plan` source (lines, purchases, set), the path of its field in the file. */
  placeOf: Array<(string | number)[]>;
}

const planName = (i: number) => `actuals[${i}]`;

/** JSON Pointer of the BOM line `ids` (top-down) in the claim, or undefined with the ids that were there. */
function lineAt(claim: Obj, ids: string[]): { pointer?: string; known: string[] } {
  let list = claim.materials;
  let pointer = '';
  for (const id of ids) {
    const lines = Array.isArray(list) ? (list as Obj[]) : [];
    const k = lines.findIndex((l) => l.id === id);
    if (k < 0) return { known: lines.map((l) => String(l.id)) };
    pointer += `/materials/${k}`;
    list = (lines[k] as Obj).materials;
  }
  return { pointer, known: [] };
}

function purchaseAt(claim: Obj, id: string): { pointer?: string; known: string[] } {
  const steelAluminum = isObj(claim.producer) ? (claim.producer as Obj).steelAluminum : undefined;
  const list = isObj(steelAluminum) && Array.isArray(steelAluminum.purchases) ? (steelAluminum.purchases as Obj[]) : [];
  const k = list.findIndex((p) => p.id === id);
  return k < 0
    ? { known: list.map((p) => String(p.id)) }
    : { pointer: `/producer/steelAluminum/purchases/${k}`, known: [] };
}

/**
 * The changes of entry `i` on `claim` (the stored input), and every problem found in them: a line or purchase
 * the claim does not have (its other changes are still returned, so that their own problems can be found too),
 * or a malformed assignment or operation (then `usable` is false: nothing should be applied).
 */
export function entryChanges(
  file: ActualsFile,
  i: number,
  entry: ActualsEntry,
  claim: Obj,
): { changes: EntryChanges; problems: InputProblem[]; usable: boolean } {
  const planned: Operation[] = [];
  const placeOf: Array<(string | number)[]> = [];
  const problems: InputProblem[] = [];
  const here = (path: (string | number)[], message: string): InputProblem => ({
    code: 'PATCH_NOT_APPLICABLE',
    path: formatted(['actuals', i, ...path]),
    message,
    file: file.doc.file,
    line: file.doc.locate(['actuals', i, ...path])?.line,
  });
  const byId = (
    kind: 'lines' | 'purchases',
    find: (key: string) => { pointer?: string; known: string[] },
    what: string,
  ) => {
    for (const [key, fields] of Object.entries(entry[kind] ?? {})) {
      const at = find(key);
      if (at.pointer === undefined) {
        problems.push(
          here([kind, key], `the stored claim has no ${what} ${key} (there: ${at.known.join(', ') || 'none'})`),
        );
        continue;
      }
      for (const [field, value] of Object.entries(fields)) {
        const path = `${at.pointer}/${token(field)}`;
        planned.push(value === null ? { op: 'remove', path } : { op: 'add', path, value });
        placeOf.push([kind, key, field]);
      }
    }
  };
  byId('lines', (key) => lineAt(claim, key.split('/')), 'BOM line');
  byId('purchases', (key) => purchaseAt(claim, key), 'steel or aluminum purchase');
  const set = entry.set ?? {};
  const keys = Object.keys(set);
  if (keys.length > 0) {
    // Each value is written as JSON, one YAML value: `evaluate --set` reads it back exactly as the file gave it.
    const made = setOperations(keys.map((k) => `${k}=${JSON.stringify(set[k])}`));
    for (const p of made.problems) {
      const k = keys[Number(/^\[(\d+)\]/.exec(p.path)?.[1] ?? 0)] ?? '';
      problems.push({ ...p, ...here(['set', k], p.message), code: p.code });
    }
    // Without problems, the operations are the assignments, one each, in order.
    planned.push(...made.operations);
    if (made.problems.length === 0) placeOf.push(...keys.map((k) => ['set', k]));
  }
  const operations = [...planned];
  const sources: PatchSource[] = planned.length ? [{ kind: 'plan', name: planName(i), count: planned.length }] : [];
  if (entry.patch !== undefined) {
    const sub: SourceDocument = {
      file: file.doc.file,
      format: file.doc.format,
      data: entry.patch,
      locate: (p) => file.doc.locate(['actuals', i, 'patch', ...p]),
    };
    const read = readPatchDocument(sub);
    operations.push(...read.operations);
    sources.push(read.source);
    problems.push(...read.problems.map((p) => ({ ...p, path: `actuals[${i}].patch${p.path}` })));
  }
  return {
    changes: { operations, sources, placeOf },
    problems,
    usable: !problems.some((p) => p.code === 'PATCH_INVALID'),
  };
}

/** `['actuals', 0, 'lines', 'CAM', 'unitValue']` as `actuals[0].lines.CAM.unitValue`. */
function formatted(path: (string | number)[]): string {
  return path.map((s, k) => (typeof s === 'number' ? `[${s}]` : k === 0 ? s : `.${s}`)).join('');
}

/**
 * A problem of applying entry `i`'s changes, placed in the actuals file: those of its lines, purchases and
 * assignments at their field, those of its patch under `actuals[i].patch`, and those of the claim on its actual
 * figures at the entry, naming the field of the claim.
 */
export function placed(file: ActualsFile, i: number, changes: EntryChanges, p: InputProblem): InputProblem {
  if (p.file === planName(i)) {
    const where = changes.placeOf[Number(/^\[(\d+)\]/.exec(p.path)?.[1] ?? 0)] ?? [];
    return {
      ...p,
      file: file.doc.file,
      path: formatted(['actuals', i, ...where]),
      line: file.doc.locate(['actuals', i, ...where])?.line,
    };
  }
  if (p.file === file.doc.file && p.path.startsWith('[')) return { ...p, path: `actuals[${i}].patch${p.path}` };
  return {
    ...p,
    file: file.doc.file,
    path: `actuals[${i}]`,
    line: file.doc.locate(['actuals', i])?.line,
    message: `the claim on its actual figures: ${p.path} ${p.message}`,
  };
}
