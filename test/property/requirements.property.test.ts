/** Properties of core parts, LVC, steel and applicability. */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { claim, decide, limb, line, passingProducer, producer, requirement, type Obj } from '../helpers.js';
import { cents } from './arbitraries.js';

const GROUPS = ['engines', 'transmissions', 'axles', 'suspension-systems', 'steering-systems'] as const;
const HS: Record<string, string> = {
  engines: '8407.34',
  transmissions: '8708.40',
  axles: '8708.50',
  'suspension-systems': '8708.80',
  'steering-systems': '8708.94',
};

describe('core parts properties', () => {
  it('if every core group passes on its own, the super-core passes', async () => {
    const part = fc.record({
      netCost: fc.integer({ min: 1000, max: 1_000_000 }),
      share: fc.integer({ min: 0, max: 100 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...GROUPS), { minLength: 1, maxLength: 5 }),
        fc.array(part, { minLength: 5, maxLength: 5 }),
        async (groups, figures) => {
          const materials = groups.map((g, i) => {
            const f = figures[i]!;
            const vnm = Math.floor((f.netCost * f.share) / 100);
            return {
              id: `P${i}`,
              description: g,
              hs: HS[g],
              quantity: '1',
              unitValue: String(f.netCost),
              origin: 'originating',
              corePart: g,
              netCost: String(f.netCost),
              materials: [line(`P${i}-IN`, String(vnm), 'non-originating')],
            };
          });
          const r = requirement(await decide(claim({ producer: passingProducer(), materials })), 'core-parts');
          const allPass = groups.every((g) => limb(r, `core-parts.${g}.full`).status === 'pass');
          if (allPass) expect(limb(r, 'core-parts.super-core-full').status).toBe('pass');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('LVC properties', () => {
  const period = { start: '2025-01-01', end: '2025-12-31' };
  const lvcOf = async (wage: string, tech: string) => {
    const d = await decide(
      claim({
        producer: producer({
          plants: [
            { id: 'ASM', country: 'MX', operator: 'self', wages: { period, averageBaseHourlyWage: '300.00' } },
            { id: 'SUP', country: 'US', operator: 'Supplier', wages: { period, averageBaseHourlyWage: wage } },
          ],
          laborValueContent: {
            highWageLaborCosts: '1000.00',
            technology: {
              researchAndDevelopmentWages: tech,
              informationTechnologyWages: '0',
              directProductionWages: '1000000.00',
            },
          },
        }),
        materials: [line('A', '2000.00', 'non-originating', { plant: 'SUP' })],
      }),
    );
    return requirement(d, 'lvc');
  };

  it("raising a plant's wages never lowers LVC", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 4000 }), async (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = await lvcOf((lo / 100).toFixed(2), '0');
        const high = await lvcOf((hi / 100).toFixed(2), '0');
        expect(new Decimal(high.value!).greaterThanOrEqualTo(low.value!)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('the technology credit never exceeds its cap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000_000 }), async (rd) => {
        const tech = limb(await lvcOf('20.00', String(rd)), 'lvc.technology-credit');
        expect(new Decimal(tech.value!).lessThanOrEqualTo(tech.threshold!)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('steel properties', () => {
  it('moving a steel purchase from non-originating to originating never lowers the steel ratio', async () => {
    const purchase = fc.record({ value: cents, originating: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(purchase, { minLength: 1, maxLength: 6 }), fc.nat(), async (ps, pick) => {
        const mk = (list: typeof ps): Obj =>
          claim({
            producer: producer({
              steelAluminum: {
                period: { start: '2025-01-01', end: '2025-12-31', kind: 'previous-fiscal-year' },
                basis: 'all-vehicles-produced',
                purchases: list.map((p, i) => ({
                  id: `S${i}`,
                  metal: 'steel',
                  hs: '7208.25',
                  value: p.value,
                  origin: p.originating ? 'originating' : 'non-originating',
                })),
              },
            }),
          });
        const i = pick % ps.length;
        const before = requirement(await decide(mk(ps)), 'steel');
        const after = requirement(
          await decide(mk(ps.map((p, j) => (j === i ? { ...p, originating: true } : p)))),
          'steel',
        );
        expect(new Decimal(after.value!).greaterThanOrEqualTo(before.value!)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('applicability', () => {
  it('a requirement that does not apply to a class says not-applicable with the reason', async () => {
    const cases: Array<[Obj, string[]]> = [
      [
        { kind: 'vehicle', description: 'bus', hs: '8702.10', plant: 'ASM', attributes: { seats: '40' } },
        ['core-parts', 'heavy-truck-parts', 'steel', 'aluminum', 'lvc'],
      ],
      [
        {
          kind: 'vehicle',
          description: 'tractor',
          hs: '8701.20',
          plant: 'ASM',
          attributes: { compressionIgnition: true },
        },
        ['core-parts'],
      ],
      [{ kind: 'vehicle', description: 'sedan', hs: '8703.23', plant: 'ASM' }, ['heavy-truck-parts']],
    ];
    for (const [good, ids] of cases) {
      const d = await decide(claim({ good }));
      for (const id of ids) {
        const r = requirement(d, id);
        expect(r.status, `${good.hs as string} ${id}`).toBe('not-applicable');
        expect(r.reason?.length).toBeGreaterThan(10);
      }
      expect(d.requirements.map((r) => r.id)).toEqual([
        'tariff-shift',
        'rvc',
        'core-parts',
        'heavy-truck-parts',
        'steel',
        'aluminum',
        'lvc',
      ]);
    }
  });
});
