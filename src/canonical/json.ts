/**
 * Canonical JSON, RFC 8785 (JCS) for the values this engine writes: strings, booleans, null, safe integers,
 * arrays and plain objects. JCS serialises primitives exactly as ECMAScript's JSON.stringify does and sorts
 * object keys by UTF-16 code units, so the canonical form is JSON.stringify (native, fast on a 100,000-line
 * decision) over a copy whose keys are inserted in sorted order. The pretty form
 * uses the same key order with two-space indentation, for files people read and diff. (A property test checks
 * this against the safe-stable-stringify library.)
 */
import { createHash } from 'node:crypto';

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value))
      throw new TypeError(`internal: ${value} has no canonical form here`);
    return value;
  }
  if (Array.isArray(value)) {
    let same = true;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const w = v === undefined ? null : sorted(v);
      if (w !== v) same = false;
      out[i] = w;
    }
    return same ? value : out;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // JavaScript lists integer-like keys ("10") first and in numeric order, whatever order they were written in,
  // so no object with such a key can be written canonically: refuse rather than write a wrong hash.
  if (keys.length > 0 && INTEGER_KEY.test(keys[0] as string))
    throw new TypeError(`internal: the key "${keys[0]}" cannot be written in canonical order`);
  // A leaf already in canonical order (all values plain, keys sorted) is used as it is: no copy.
  let leafInOrder = true;
  for (let i = 0; i < keys.length && leafInOrder; i++) {
    const v = obj[keys[i] as string];
    if (
      (i > 0 && (keys[i - 1] as string) > (keys[i] as string)) ||
      v === undefined ||
      typeof v === 'function' ||
      (v !== null && typeof v === 'object')
    )
      leafInOrder = false;
    else if (typeof v === 'number' && !Number.isSafeInteger(v))
      throw new TypeError(`internal: ${v} has no canonical form here`);
  }
  if (leafInOrder) return obj;
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) if ((keys[i - 1] as string) > (keys[i] as string)) inOrder = false;
  if (!inOrder) sortKeys(keys);
  // Each value is made canonical once; an object in key order whose values all come back unchanged (and
  // none is left out) is used as it is.
  const values = new Array<unknown>(keys.length);
  let same = inOrder;
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i] as string];
    if (v === undefined || typeof v === 'function') {
      same = false;
      continue;
    }
    const w = sorted(v);
    if (w !== v) same = false;
    values[i] = w;
  }
  if (same) return obj;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i] as string];
    if (v !== undefined && typeof v !== 'function') out[keys[i] as string] = values[i];
  }
  return out;
}

/**
 * Keys in UTF-16 code-unit order, as Array.prototype.sort orders strings. An object has a few keys: an insertion
 * sort, in place, spares the work space the built-in sort allocates on every call.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 32) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
}

/**
 * The canonical JSON text of `value` (RFC 8785: object keys sorted by UTF-16 code units, no whitespace): the
 * bytes every hash is taken over. Throws TypeError for a number that is not a safe integer (amounts are decimal
 * strings) or a value with no JSON form.
 */
export function canonicalJson(value: unknown): string {
  const out = JSON.stringify(sorted(value));
  if (out === undefined) throw new TypeError('internal: value has no JSON form');
  return out;
}

/**
 * `value` as JSON for people: keys in canonical order, two-space indentation, a final newline (the form of
 * decision files). Throws TypeError as canonicalJson does.
 */
export function prettyJson(value: unknown): string {
  const out = JSON.stringify(sorted(value), null, 2);
  if (out === undefined) throw new TypeError('internal: value has no JSON form');
  return `${out}\n`;
}

/** SHA-256 of `text` as UTF-8, in lower-case hex (64 characters). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (lower-case hex) of the canonical JSON of `value`: how inputs, decisions and records are named. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
