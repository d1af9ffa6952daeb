/**
 * Evaluation is a pure function of the loaded claim and the rules: every requirement reads the claim, the
 * rule values and the results of earlier requirements, and none writes to anything it was given. Each example
 * is evaluated with its loaded claim deeply frozen (a write to a plain object or list throws), and its maps,
 * which freezing cannot guard, compared entry by entry before and after; evaluating it again gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical/json.js';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
// @ts-expect-error: a plain ES module shared with the update script
import { exampleClaims } from '../../scripts/examples.mjs';

/** Every object reachable from `value`, maps and sets included, frozen; returns `value`. */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
  } else if (value instanceof Set) {
    for (const v of value) deepFreeze(v, seen);
  }
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return Object.freeze(value);
}

/** A text of everything reachable from `value`, maps and sets as their entries, objects by their own keys. */
function snapshot(value: unknown, path = new Set<unknown>()): string {
  if (typeof value === 'function') return '(function)';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  if (path.has(value)) return '(cycle)';
  path.add(value);
  let out: string;
  if (value instanceof Map)
    out = `Map{${[...value].map(([k, v]) => `${snapshot(k, path)}=>${snapshot(v, path)}`).join(',')}}`;
  else if (value instanceof Set) out = `Set{${[...value].map((v) => snapshot(v, path)).join(',')}}`;
  else if (Array.isArray(value)) out = `[${value.map((v) => snapshot(v, path)).join(',')}]`;
  else
    out = `{${Object.keys(value)
      .map((k) => `${k}:${snapshot((value as Record<string, unknown>)[k], path)}`)
      .join(',')}}`;
  path.delete(value);
  return out;
}

describe('evaluation writes to nothing it is given', () => {
  for (const [claimFile] of exampleClaims() as Array<[string, string]>) {
    it(claimFile.split('/examples/')[1] ?? claimFile, () => {
      const loaded = loadClaimFile(claimFile);
      const expected = canonicalJson(evaluate(loadClaimFile(claimFile)));
      const before = snapshot(loaded.claim);
      deepFreeze(loaded.claim);
      expect(canonicalJson(evaluate(loaded))).toBe(expected);
      expect(snapshot(loaded.claim)).toBe(before);
      expect(canonicalJson(evaluate(loaded))).toBe(expected);
    });
  }
});
