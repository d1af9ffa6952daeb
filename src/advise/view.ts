/**
 * The claim as read: the one JSON document a patch (RFC 6902) applies to. It is the claim document's data with
 * its producer document in `producer` (where the claim names a file) and the rows of its CSV/XLSX tables in
 * `materials` and `producer.steelAluminum.purchases` (where the claim names tables), every list in the order of
 * its file. `/materials/0/materials/3/origin` is the `origin` of the fourth line under the first line of the bill
 * of materials, the line a problem calls `materials[0].materials[3]`.
 *
 * Paths are written two ways, both accepted wherever a user writes one: a JSON Pointer (RFC 6901,
 * `/materials/3/origin`), or the field path of the engine's problems (`materials[3].origin`).
 */
import type { ClaimSources, LoadedClaim } from '../input/load-claim.js';
import type { Material } from '../input/model.js';

/** A JSON document: the claim as read (see above). */
export type ClaimView = Record<string, unknown>;

/** One step of a path into the claim as read: an object key, or a list index (from 0). */
export type PathSegment = string | number;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The claim as read, from the documents it was loaded from. Shares its values with them (nothing is copied but
 * the two objects on the way to an inlined document): apply patches with `applyPatch`, never in place.
 */
export function claimView(loaded: Pick<LoadedClaim, 'sources'>): ClaimView {
  return viewOf(loaded.sources);
}

function viewOf(s: ClaimSources): ClaimView {
  const claim: ClaimView = isRecord(s.claim.data) ? { ...s.claim.data } : {};
  let producer: unknown = s.producerInline ? claim.producer : s.producer.data;
  if (s.purchases && isRecord(producer) && isRecord(producer.steelAluminum)) {
    producer = { ...producer, steelAluminum: { ...producer.steelAluminum, purchases: s.purchases.data } };
  }
  if (s.materials) claim.materials = s.materials.data;
  claim.producer = producer;
  return claim;
}

/** RFC 6901: `~` is written `~0` and `/` is written `~1` in a token. */
export function pointerOf(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The tokens of a JSON Pointer, or undefined when it is not one (it must be empty or start with "/"). */
export function pointerTokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  for (const t of tokens) if (/~(?![01])/.test(t)) return undefined;
  return tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])*$/;

/**
 * A field path as the engine's problems write it (`materials[0].materials[3].origin`, `producer.plants[2].wages`)
 * as segments; undefined when it is not one.
 */
export function fieldPathSegments(path: string): PathSegment[] | undefined {
  if (!FIELD_PATH.test(path)) return undefined;
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(Number(m[2]));
  }
  return out;
}

/** A path written either way (a JSON Pointer starts with "/"), as a JSON Pointer; undefined when it is neither. */
export function toPointer(path: string): string | undefined {
  if (path.startsWith('/')) return pointerTokens(path) === undefined ? undefined : path;
  const segments = fieldPathSegments(path);
  return segments === undefined ? undefined : pointerOf(segments);
}

/** A JSON Pointer as the engine's field path (`/materials/0/origin` -> `materials[0].origin`). */
export function fieldPathOf(pointer: string): string {
  const tokens = pointerTokens(pointer) ?? [];
  let out = '';
  for (const t of tokens) {
    if (/^(0|[1-9]\d*)$/.test(t)) out += `[${t}]`;
    else out += out === '' ? t : `.${t}`;
  }
  return out === '' ? '(document)' : out;
}

/** Where a BOM line is in the view: `['materials', 0, 'materials', 3]`. */
export function materialSegments(m: Material): PathSegment[] {
  const out: PathSegment[] = [];
  for (let cur: Material | undefined = m; cur; cur = cur.parent) out.unshift('materials', cur.index);
  return out;
}

/** The value at a path of a JSON document, or undefined. */
export function valueAt(doc: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = doc;
  for (const s of path) {
    if (Array.isArray(cur) && typeof s === 'number') cur = cur[s];
    else if (isRecord(cur) && typeof s === 'string' && Object.prototype.hasOwnProperty.call(cur, s)) cur = cur[s];
    else return undefined;
  }
  return cur;
}
