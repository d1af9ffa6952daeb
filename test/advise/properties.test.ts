/**
 * Every plan of every example, and of generated claims, checked by evaluation (check-plans.ts): it gives the
 * verdict it promises, it is 1-minimal, and its patch changes only what it lists.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { loadRulePack } from '../../src/rules/load.js';
import { claim, load, passingProducer, type Obj } from '../helpers.js';
import { checkAdvice } from './check-plans.js';

const pack = loadRulePack();
const EX = join(import.meta.dirname, '..', '..', 'examples');
const examples = readdirSync(EX)
  .filter((d) => d !== 'parties' && !d.endsWith('.md'))
  .flatMap((d) =>
    readdirSync(join(EX, d))
      .filter((f) => /^claim.*\.yaml$/.test(f))
      .map((f) => join(d, f)),
  )
  .sort();

describe('every plan of every example', () => {
  for (const file of examples)
    it(file, async () => {
      const advice = await checkAdvice(loadClaimFile(join(EX, file)), pack, { maxPlans: 2 });
      if (advice.verdict === 'not-originating') expect(advice.status).not.toBe('passes');
    });

  it('aurora-sedan with 20 points of margin asked: every plan keeps them', async () => {
    const advice = await checkAdvice(loadClaimFile(join(EX, 'aurora-sedan', 'claim.yaml')), pack, {
      maxPlans: 2,
      minMargin: '20',
    });
    expect(advice.status).not.toBe('passes');
  });
});

const wages = (avg: string) => ({ period: { start: '2025-01-01', end: '2025-12-31' }, averageBaseHourlyWage: avg });

/** A vehicle of a few lines near its thresholds: plants that qualify, do not, or lack wages; axles with figures. */
const generated = fc
  .record({
    lines: fc.array(
      fc.record({
        value: fc.integer({ min: 100, max: 4000 }),
        origin: fc.constantFrom('originating', 'non-originating', 'unknown'),
        plant: fc.constantFrom('HIGH', 'LOW', 'NOWAGE', undefined),
        quote: fc.option(fc.integer({ min: 80, max: 140 }), { nil: undefined }),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    engineOrigin: fc.constantFrom('originating', 'non-originating', 'unknown'),
    frontAxleForeign: fc.integer({ min: 0, max: 700 }),
    markup: fc.integer({ min: 105, max: 160 }),
    hwlc: fc.integer({ min: 0, max: 4000 }),
    steelForeign: fc.boolean(),
  })
  .map((g): Obj => {
    const materials: Obj[] = g.lines.map((l, i) => ({
      id: `L${i}`,
      description: `line ${i}`,
      hs: '8708.99',
      quantity: '1',
      unitValue: `${l.value}.00`,
      origin: l.origin,
      ...(l.plant ? { plant: l.plant } : {}),
      ...(l.quote && l.origin !== 'originating'
        ? {
            alternatives: [
              {
                supplier: `regional ${i}`,
                unitValue: `${Math.round((l.value * l.quote) / 100)}.00`,
                origin: 'originating',
              },
            ],
          }
        : {}),
    }));
    materials.push({
      id: 'ENGINE',
      description: 'engine',
      hs: '8407.34',
      quantity: '1',
      unitValue: '2000.00',
      origin: g.engineOrigin,
      corePart: 'engines',
    });
    for (const [id, foreign] of [
      ['FRONT', g.frontAxleForeign],
      ['REAR', 0],
    ] as const)
      materials.push({
        id,
        description: `${id} axle`,
        hs: '8708.50',
        quantity: '1',
        unitValue: '1000.00',
        netCost: '1000.00',
        origin: 'originating',
        selfProduced: true,
        corePart: 'axles',
        materials: [
          {
            id: 'DA',
            hs: '8708.50',
            quantity: '1',
            unitValue: `${foreign}.00`,
            origin: 'non-originating',
            coreComponent: 'drive-axles',
          },
          {
            id: 'HUB',
            hs: '8708.50',
            quantity: '1',
            unitValue: '300.00',
            origin: 'originating',
            coreComponent: 'axle-hubs',
          },
        ],
      });
    const total = g.lines.reduce((s, l) => s + l.value, 0) + 4000;
    return claim({
      producer: passingProducer({
        plants: [
          { id: 'ASM', country: 'MX', operator: 'self', role: 'vehicle-assembly', wages: wages('300.00') },
          { id: 'HIGH', country: 'US', operator: 'High Parts', role: 'parts', wages: wages('25.00') },
          { id: 'LOW', country: 'MX', operator: 'Low Parts', role: 'parts', wages: wages('150.00') },
          { id: 'NOWAGE', country: 'CA', operator: 'North Parts', role: 'parts' },
        ],
        laborValueContent: {
          highWageLaborCosts: `${g.hwlc}.00`,
          highWageTransportCosts: '0.00',
          technology: {
            researchAndDevelopmentWages: '100000.00',
            informationTechnologyWages: '0.00',
            directProductionWages: '5000000.00',
          },
        },
        steelAluminum: {
          period: { start: '2025-01-01', end: '2025-12-31', kind: 'previous-fiscal-year' },
          basis: 'all-vehicles-produced',
          purchases: [
            {
              id: 'ST1',
              metal: 'steel',
              hs: '7208.25',
              value: '1000.00',
              origin: 'originating',
              meltedAndPouredInRegion: true,
            },
            {
              id: 'ST2',
              metal: 'steel',
              hs: '7208.25',
              value: '600.00',
              origin: g.steelForeign ? 'non-originating' : 'originating',
              meltedAndPouredInRegion: true,
            },
            { id: 'AL1', metal: 'aluminum', hs: '7601.10', value: '100.00', origin: 'originating' },
          ],
        },
      }),
      costs: {
        totalCost: `${Math.round((total * g.markup) / 100)}.00`,
        excludedCosts: {
          salesPromotionMarketingAfterSalesService: '0',
          royalties: '0',
          shippingAndPacking: '0',
          nonAllowableInterest: '0',
        },
      },
      materials,
    });
  });

describe('every plan of generated claims', () => {
  it('gives the verdict it promises, is 1-minimal and changes only what it lists', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(generated, async (doc) => {
        const advice = await checkAdvice(load(doc), pack, { maxPlans: 2, maxEvaluations: 30 });
        const kinds = advice.plans.flatMap((p) => p.changes.map((c) => c.kind));
        for (const k of [advice.status, ...kinds]) seen.set(k, (seen.get(k) ?? 0) + 1);
      }),
      { numRuns: 16, seed: 1504 },
    );
    // The generator reaches plans with every kind of change (with seed 1504: 15 claims with plans, one without).
    for (const k of ['plans', 'evidence', 'resourcing', 'election']) expect(seen.get(k), k).toBeGreaterThan(0);
  }, 600_000);
});
