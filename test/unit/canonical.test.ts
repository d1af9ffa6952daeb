/** Canonical JSON against an independent library (safe-stable-stringify, deterministic mode). */
import fc from 'fast-check';
import { configure } from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';
import { canonicalJson, prettyJson } from '../../src/canonical/json.js';

const oracle = configure({ deterministic: true, strict: true });
const key = fc.string({ unit: 'binary', maxLength: 6 }).filter((k) => !/^(?:0|[1-9]\d*)$/.test(k));
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string({ unit: 'binary' }), fc.boolean(), fc.constant(null), fc.integer()),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('canonical JSON', () => {
  it('matches a deterministic stringifier on arbitrary JSON values (including non-ASCII and surrogates)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(oracle(v));
      }),
      { numRuns: 500 },
    );
  });

  it('pretty-prints with the same key order', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(prettyJson(v)).toBe(`${oracle(v, null, 2)}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('sorts keys by UTF-16 code units and refuses numbers without an exact form', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, '\u00e9': true, Z: false })).toBe(
      '{"Z":false,"a":{"c":null,"d":[1,"x"]},"b":1,"é":true}',
    );
    expect(() => canonicalJson({ a: 0.1 })).toThrow();
    // Integer-like keys cannot be ordered canonically in JavaScript: refused, never written wrongly.
    expect(() => canonicalJson({ a: { '10': 1, '9': 2 } })).toThrow(/canonical order/);
  });
});
