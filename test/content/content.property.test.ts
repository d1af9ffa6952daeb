/**
 * Properties of the content roll-up on generated bills of materials: the values by country add up to the
 * materials; U.S. content never exceeds the customs value; --strict never counts more U.S. content nor less
 * duty; a line of unknown country is never U.S. content; the order of BOM lines changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimContent } from '../../src/content/claim.js';
import { contentInputs } from '../../src/content/inputs.js';
import { evaluate } from '../../src/evaluate.js';
import { canonicalJson } from '../../src/canonical/json.js';
import { loadTariffPack } from '../../src/tariffs/pack.js';
import { claim, declaredEngine, load, passingProducer, type Obj } from '../helpers.js';

const cents = fc.integer({ min: 0, max: 500000 }).map((c) => (c / 100).toFixed(2));
const country = fc.constantFrom('US', 'CA', 'MX', 'DE', 'JP', undefined);
const leaf = fc.record({
  unitValue: cents,
  quantity: fc.constantFrom('1', '2', '0.5'),
  country,
  origin: fc.constantFrom('originating', 'non-originating', 'unknown'),
  evidence: fc.boolean(),
});
const lineArb = fc.record({ leaf, children: fc.array(leaf, { maxLength: 3 }), self: fc.boolean() });

function bom(lines: Array<{ leaf: Obj; children: Obj[]; self: boolean }>): Obj[] {
  const mk = (l: Obj, id: string): Obj => ({
    id,
    hs: '8708.99',
    quantity: l.quantity,
    unitValue: l.unitValue,
    origin: l.origin,
    ...(l.country ? { country: l.country } : {}),
    ...(l.evidence ? { evidence: { ref: `E-${id}` } } : {}),
  });
  return lines.map((l, i) => {
    const top = mk(l.leaf, `L${i}`);
    if (l.self && l.children.length > 0) {
      top.selfProduced = true;
      top.materials = l.children.map((c, j) => mk(c, `C${j}`));
    }
    return top;
  });
}

async function figures(materials: Obj[], strict: boolean) {
  const loaded = load(
    claim({ producer: passingProducer(), customsValue: '30000.00', materials: [declaredEngine(), ...materials] }),
  );
  const inputs = contentInputs(loaded);
  if (!inputs.ok) throw new Error(JSON.stringify(inputs.problems));
  const decision = await evaluate(loaded);
  return claimContent(loaded, decision, inputs.inputs, loadTariffPack(), { strict }).content;
}

describe('content roll-up properties', () => {
  it('adds up, never overstates, and --strict is never kinder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 6 }), async (lines) => {
        const materials = bom(lines as never);
        const c = await figures(materials, false);
        const s = await figures(materials, true);
        const total = Object.values(c.byCountry).reduce((a, v) => a + Math.round(Number(v) * 1e6), 0);
        expect(total).toBe(Math.round(Number(c.materialsValue) * 1e6));
        expect(Number(c.usContent)).toBeLessThanOrEqual(Number(c.customsValue));
        expect(Number(s.usContent)).toBeLessThanOrEqual(Number(c.usContent));
        expect(Number(s.tariffs[0]?.duty)).toBeGreaterThanOrEqual(Number(c.tariffs[0]?.duty));
        for (const l of c.lines) if (l.country === null) expect(l.usContent).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('the order of BOM lines changes no figure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 2, maxLength: 5 }), async (lines) => {
        const materials = bom(lines as never);
        const a = await figures(materials, false);
        const b = await figures([...materials].reverse(), false);
        expect(canonicalJson({ ...b, usmca: null, claim: null })).toBe(
          canonicalJson({ ...a, usmca: null, claim: null }),
        );
      }),
      { numRuns: 25 },
    );
  });
});
