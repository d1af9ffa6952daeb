/**
 * Canonical JSON (RFC 8785 for the values this engine writes: strings, booleans, null, safe integers,
 * arrays and objects): keys sorted by UTF-16 code units, no insignificant white space. The pretty form
 * uses the same key order with two-space indentation, for files people read and diff.
 */
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

const stable = configure({ deterministic: true, bigint: false, circularValue: Error, strict: true });

export function canonicalJson(value: unknown): string {
  const out = stable(value);
  if (out === undefined) throw new TypeError('internal: value has no JSON form');
  return out;
}

export function prettyJson(value: unknown): string {
  const out = stable(value, null, 2);
  if (out === undefined) throw new TypeError('internal: value has no JSON form');
  return `${out}\n`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
