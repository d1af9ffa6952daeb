/**
 * s. 3(8) for a vehicle's own change in tariff classification (s. 13, 87.03 "from any other heading", with de
 * minimis, s. 5(1)): the engine meets the change whenever any of the 2^n choices of self-produced materials
 * considered themselves does, each chosen on its own at any depth; checked against every choice, worked out here
 * from the claim's tree, on random trees of self-produced materials in a passenger vehicle (8703.23, total cost
 * 10,000.00, so the de minimis limit is 1,000.00).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/num/decimal.js';
import { claim, decide, declaredEngine, passingProducer, requirement, type Obj } from '../helpers.js';

type Tree = { hs: string; units: number; quantity: number; origin: string; children: Tree[] };

const tree = (depth: number): fc.Arbitrary<Tree> =>
  fc.record({
    // 87.03 fails the change of heading; 87.08 makes it.
    hs: fc.constantFrom('8703.24', '8703.90', '8708.99', '8708.29'),
    units: fc.integer({ min: 1, max: 1500 }),
    quantity: fc.integer({ min: 1, max: 2 }),
    origin: fc.constantFrom('originating', 'non-originating', 'unknown'),
    children: depth <= 0 ? fc.constant([]) : fc.array(tree(depth - 1), { maxLength: 2 }),
  });

const LIMIT = new Dec('1000.00'); // 10 % of the total cost of 10,000.00

function toMaterials(list: Tree[], prefix: string): Obj[] {
  return list.map((t, i) => ({
    id: `${prefix}${i}`,
    description: `line ${prefix}${i}`,
    hs: t.hs,
    quantity: String(t.quantity),
    unitValue: `${t.units}.00`,
    origin: t.origin,
    ...(t.children.length > 0 ? { selfProduced: true, materials: toMaterials(t.children, `${prefix}${i}-`) } : {}),
  }));
}

/** A self-produced material the producer may consider itself: one with a non-originating material below it. */
const hasCountedBelow = (t: Tree): boolean =>
  t.children.some((c) => (c.children.length === 0 ? c.origin !== 'originating' : hasCountedBelow(c)));

/** The candidates of s. 3(8), as paths of indexes from the top. */
function candidatesOf(list: Tree[], at: string[] = []): string[] {
  return list.flatMap((t, i) => {
    const key = [...at, String(i)];
    if (t.children.length === 0) return [];
    return [...(hasCountedBelow(t) ? [key.join('/')] : []), ...candidatesOf(t.children, key)];
  });
}

/** Whether the change is met when the materials of `chosen` are considered themselves (s. 3(8), s. 5(1)). */
function meets(list: Tree[], chosen: ReadonlySet<string>): boolean {
  let count = 0;
  let value = new Dec(0);
  const walk = (nodes: Tree[], at: string[], perGood: Dec): void =>
    nodes.forEach((t, i) => {
      const key = [...at, String(i)];
      const units = perGood.times(t.quantity);
      const asLine = t.children.length === 0 || chosen.has(key.join('/'));
      if (!asLine) return walk(t.children, key, units);
      if (t.origin !== 'originating' && t.hs.startsWith('8703')) {
        count += 1;
        value = value.plus(units.times(t.units));
      }
    });
  walk(list, [], new Dec(1));
  return count === 0 || value.lte(LIMIT);
}

describe("s. 3(8): the vehicle's own change in tariff classification, material by material", () => {
  it('is met whenever some choice of self-produced materials considered themselves meets it (every subset tried)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree(2), { minLength: 1, maxLength: 3 }), async (list) => {
        const candidates = candidatesOf(list);
        fc.pre(candidates.length <= 7);
        let any = false;
        for (let mask = 0; mask < 1 << candidates.length && !any; mask++)
          any = meets(list, new Set(candidates.filter((_, i) => (mask >> i) & 1)));
        const d = await decide(
          claim({ producer: passingProducer(), materials: [declaredEngine(), ...toMaterials(list, 'M')] }),
        );
        const shift = requirement(d, 'tariff-shift');
        expect(shift.status === 'pass').toBe(any);
        // The choice the decision names meets the change by itself.
        const choice = (shift.details as { selfProducedMaterials?: { route: string; chosen?: string[] } })
          .selfProducedMaterials;
        if (choice?.route === 'self-produced-as-materials') {
          // The line keyed "M0/M0-1" is the tree's path "0/1".
          const keys = (choice.chosen ?? []).map((k) => (k.split('/').pop() ?? '').slice(1).replaceAll('-', '/'));
          expect(meets(list, new Set(keys))).toBe(true);
        }
      }),
      { numRuns: 150, seed: 38 },
    );
  });
});
