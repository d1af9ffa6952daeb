/**
 * Order independence on realistic claims: shuffling the BOM at every level, the plants, the steel and
 * aluminum purchases and the exchange rates of every example changes no byte of its decision.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical/json.js';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { load, type Obj } from '../helpers.js';
import { shuffleDeep } from './arbitraries.js';
// @ts-expect-error: a plain ES module shared with the update script
import { exampleClaims } from '../../scripts/examples.mjs';

function shuffled<T>(xs: T[], seed: number): T[] {
  return shuffleDeep(xs.map((x) => ({ ...(x as object) })) as Array<T & { materials?: never }>, seed) as T[];
}

describe('order independence on the examples', () => {
  for (const [claimFile] of exampleClaims() as Array<[string, string]>) {
    it(claimFile.split('/examples/')[1] ?? claimFile, async () => {
      const expected = canonicalJson(await evaluate(loadClaimFile(claimFile)));
      const doc = parse(readFileSync(claimFile, 'utf8'), { schema: 'failsafe' }) as Obj;
      const producer = parse(readFileSync(join(dirname(claimFile), doc.producer as string), 'utf8'), {
        schema: 'failsafe',
      }) as Obj;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1 }), async (seed) => {
          const p: Obj = { ...producer, plants: shuffled(producer.plants as Obj[], seed) };
          const sa = producer.steelAluminum as Obj | undefined;
          if (sa) p.steelAluminum = { ...sa, purchases: shuffled(sa.purchases as Obj[], seed + 1) };
          const c: Obj = {
            ...doc,
            producer: p,
            materials: shuffleDeep(doc.materials as Obj[], seed),
            ...(doc.exchangeRates ? { exchangeRates: shuffled(doc.exchangeRates as Obj[], seed + 2) } : {}),
          };
          expect(canonicalJson(await evaluate(load(coerce(c) as Obj)))).toBe(expected);
        }),
        { numRuns: 8 },
      );
    });
  }
});

/** The failsafe schema reads every scalar as text; restore booleans as the claim wrote them. */
function coerce(v: unknown): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (Array.isArray(v)) return v.map(coerce);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, coerce(x)]));
  return v;
}
