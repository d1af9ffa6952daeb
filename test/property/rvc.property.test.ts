/** Properties of the RVC and the decision: order independence, monotonicity, scale and currency invariance. */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical/json.js';
import { decide, requirement, type Obj } from '../helpers.js';
import { bom, claimFor, shuffleDeep, toMaterials, type Node } from './arbitraries.js';

const RUNS = { numRuns: 40 };

function scaleAmounts(doc: Obj, k: string, currency?: string): Obj {
  const scale = (v: string) => new Decimal(v).times(k).toFixed();
  const materials = (list: Obj[]): Obj[] =>
    list.map((m) => ({
      ...m,
      unitValue: currency ? { amount: scale(m.unitValue as string), currency } : scale(m.unitValue as string),
      ...(m.materials ? { materials: materials(m.materials as Obj[]) } : {}),
    }));
  const costs = doc.costs as { totalCost: string; excludedCosts: Record<string, string> };
  if (currency) return { ...doc, materials: materials(doc.materials as Obj[]) };
  return {
    ...doc,
    costs: {
      totalCost: scale(costs.totalCost),
      excludedCosts: Object.fromEntries(Object.entries(costs.excludedCosts).map(([key, v]) => [key, scale(v)])),
    },
    materials: materials(doc.materials as Obj[]),
  };
}

const percentFigures = (d: Awaited<ReturnType<typeof decide>>) =>
  d.requirements
    .filter((r) => r.unit === 'percent' && r.id !== 'lvc')
    .map((r) => [r.id, r.status, r.value, r.threshold, r.margin?.points]);

describe('decision properties', () => {
  it('permuting BOM lines at any level changes no byte of the decision', async () => {
    await fc.assert(
      fc.asyncProperty(bom, fc.integer(), async (nodes, seed) => {
        const a = await decide(claimFor(nodes));
        const b = await decide(claimFor(shuffleDeep(nodes, seed)));
        expect(canonicalJson(b)).toBe(canonicalJson(a));
      }),
      RUNS,
    );
  });

  it('turning a material originating never lowers RVC', async () => {
    await fc.assert(
      fc.asyncProperty(bom, fc.nat(), async (nodes, pick) => {
        const i = pick % nodes.length;
        const flipped: Node[] = nodes.map((n, j) => (j === i ? { ...n, origin: 'originating' } : n));
        const before = requirement(await decide(claimFor(nodes)), 'rvc');
        const after = requirement(await decide(claimFor(flipped)), 'rvc');
        expect(new Decimal(after.value!).greaterThanOrEqualTo(before.value!)).toBe(true);
      }),
      RUNS,
    );
  });

  it('scaling every amount by a constant changes no percentage or status', async () => {
    await fc.assert(
      fc.asyncProperty(bom, fc.constantFrom('2', '10', '0.25', '1000', '3'), async (nodes, k) => {
        const doc = claimFor(nodes);
        const a = await decide(doc);
        const b = await decide(scaleAmounts(doc, k));
        expect(percentFigures(b)).toEqual(percentFigures(a));
        expect(b.verdict).toBe(a.verdict);
      }),
      RUNS,
    );
  });

  it('restating the BOM in another currency at a fixed rate changes no percentage, status or amount', async () => {
    await fc.assert(
      fc.asyncProperty(bom, async (nodes) => {
        const doc = claimFor(nodes);
        const a = await decide(doc);
        // 1 MXN = 0.05 USD, so a USD amount is 20 times as many pesos.
        const inMxn = {
          ...scaleAmounts(doc, '20', 'MXN'),
          exchangeRates: [{ currency: 'MXN', rate: '0.05', date: '2025-12-31', source: 'fixed test rate' }],
        };
        const b = await decide(inMxn);
        expect(percentFigures(b)).toEqual(percentFigures(a));
        expect(b.bom.valueOfNonOriginatingMaterials).toBe(a.bom.valueOfNonOriginatingMaterials);
        expect(b.netCost).toEqual(a.netCost);
      }),
      RUNS,
    );
  });

  it('a value exactly at the threshold passes and one cent more of non-originating value fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000_000 }), async (quarters) => {
        // Net cost 4q cents; 75% threshold -> VNM of exactly q cents passes, q + 1 cents fails.
        const nc = ((4 * quarters) / 100).toFixed(2);
        const at = (quarters / 100).toFixed(2);
        const over = ((quarters + 1) / 100).toFixed(2);
        const mk = (vnm: string) => ({
          ...claimFor([]),
          costs: {
            totalCost: nc,
            excludedCosts: {
              salesPromotionMarketingAfterSalesService: '0',
              royalties: '0',
              shippingAndPacking: '0',
              nonAllowableInterest: '0',
            },
          },
          materials: [{ id: 'X', hs: '8708.99', quantity: '1', unitValue: vnm, origin: 'non-originating' }],
        });
        expect(requirement(await decide(mk(at)), 'rvc').status).toBe('pass');
        expect(requirement(await decide(mk(over)), 'rvc').status).toBe('fail');
      }),
      { numRuns: 25 },
    );
  });

  it('agrees with a deliberately naive reference RVC', async () => {
    // Naive reference: walk the tree with an explicit stack; originating lines count 0 (their inputs are
    // ignored), self-produced lines count their inputs, all others count quantity x value.
    const naiveVnm = (nodes: Node[]): Decimal => {
      let total = new Decimal(0);
      const stack: Array<[Node, Decimal]> = nodes.map((n) => [n, new Decimal(1)]);
      while (stack.length) {
        const [n, mult] = stack.pop()!;
        const q = mult.times(n.quantity);
        if (n.selfProduced && n.materials.length > 0) {
          for (const c of n.materials) stack.push([c, q]);
        } else if (n.origin !== 'originating') {
          total = total.plus(q.times(n.unitValue));
        }
      }
      return total;
    };
    await fc.assert(
      fc.asyncProperty(bom, async (nodes) => {
        const doc = claimFor(nodes);
        const d = await decide(doc);
        const vnm = naiveVnm(nodes);
        expect(new Decimal(d.bom.valueOfNonOriginatingMaterials).equals(vnm)).toBe(true);
        const nc = new Decimal((doc.costs as { totalCost: string }).totalCost).minus('100.00');
        const naive = nc.minus(vnm).times(100).div(nc).toDecimalPlaces(6, Decimal.ROUND_FLOOR);
        expect(requirement(d, 'rvc').value).toBe(naive.toFixed());
      }),
      RUNS,
    );
  });

  it('gives identical bytes for identical input', async () => {
    await fc.assert(
      fc.asyncProperty(bom, async (nodes) => {
        expect(canonicalJson(await decide(claimFor(nodes)))).toBe(canonicalJson(await decide(claimFor(nodes))));
      }),
      { numRuns: 10 },
    );
  });
});

export { toMaterials };
