/**
 * Sensitivity: each flip point computed exactly and proven by evaluating the claim on both sides of it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sensitivityOf } from '../../src/advise/sensitivity.js';
import { nearestFlip } from '../../src/advise/sensitivity.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { Dec } from '../../src/num/decimal.js';
import { loadRulePack } from '../../src/rules/load.js';
import { load } from '../helpers.js';
import { partShortBy850 } from './fixtures.js';

const pack = loadRulePack();
const EX = join(import.meta.dirname, '..', '..', 'examples');

describe('sensitivity of the Aurora sedan (passes: RVC 90.88 %, LVC 56.99 %)', () => {
  it('gives how far a contributor price can rise before RVC, then LVC, fails, proven on both sides', async () => {
    const s = await sensitivityOf(loadClaimFile(join(EX, 'aurora-sedan', 'claim.yaml')), { pack });
    const tires = s.flips.filter((f) => f.parameter === 'price of TIRES');
    // RVC: net cost 24,390.00, VNM 2,224.00, 5 tires a car. A rise d a tire adds 5d to both:
    // (24,390 + 5d - 2,224 - 5d) / (24,390 + 5d) >= 75 %  <=>  d <= (0.25 x 24,390 - 2,224) / 3.75 = 1,032.9333...
    expect(tires.find((f) => f.requirement === 'rvc')).toMatchObject({
      at: '1032.9333333333',
      from: 'pass',
      to: 'fail',
      proof: {
        inside: { value: '1032.93', status: 'pass', verdict: 'originating' },
        beyond: { value: '1032.94', status: 'fail', verdict: 'not-originating' },
      },
    });
    // The total cost can rise until the LVC's high-wage material points (10,241.12) fall under 25:
    // 10,241.12 / (24,390 + d) >= 25 %  <=>  d <= 16,574.48.
    expect(s.flips.find((f) => f.parameter === 'total cost' && f.requirement === 'lvc')).toMatchObject({
      at: '16574.48',
      proof: { inside: { value: '16574.48', status: 'pass' }, beyond: { value: '16574.49', status: 'fail' } },
    });
    // A higher total cost only raises the RVC: no flip.
    expect(s.flips.find((f) => f.parameter === 'total cost' && f.requirement === 'rvc')).toBeUndefined();
    // Peso and Canadian-dollar amounts here are regional (core parts' own costs, high-wage plants, purchases):
    // a higher rate only helps, and no requirement flips at any positive rate.
    expect([...s.steady].sort()).toEqual(['exchange rate CAD', 'exchange rate MXN']);
  });

  it('gives the exchange rate at which a requirement flips (Cascade, reported in MXN: RVC fails above 120.567375...)', async () => {
    const s = await sensitivityOf(loadClaimFile(join(EX, 'cascade-crossover', 'claim.yaml')), { pack });
    // RVC: 0.25 x 424,200 - 21,050 MXN of non-originating MXN lines = 85,000; 705 USD of non-originating US lines.
    // (424,200 - 21,050 - 705 r) / 424,200 >= 75 %  <=>  r <= 85,000 / 705 = 120.5673758865...
    expect(s.flips.find((f) => f.parameter === 'exchange rate USD' && f.requirement === 'rvc')).toMatchObject({
      now: '18.35',
      at: '120.5673758865',
      direction: 'up',
      proof: { inside: { value: '120.567375', status: 'pass' }, beyond: { value: '120.567376', status: 'fail' } },
    });
    // Where the figures interact (the technology credit moves with the rate too), the flip is not confirmed,
    // and says so.
    expect(s.unconfirmed.some((u) => u.requirement === 'lvc')).toBe(true);
  });

  it('a failing part: how much more total cost would make it pass (RVC 61.5 % on 100.00)', async () => {
    const s = await sensitivityOf(load(partShortBy850()), { pack });
    // (100 + d - 38.50) / (100 + d) >= 70 %  <=>  d >= 28.333...: fails at 28.33, passes at 28.34.
    expect(s.flips).toEqual([
      expect.objectContaining({
        requirement: 'rvc',
        parameter: 'total cost',
        from: 'fail',
        to: 'pass',
        proof: {
          inside: { value: '28.33', status: 'fail', verdict: 'not-originating' },
          beyond: { value: '28.34', status: 'pass', verdict: 'originating' },
        },
      }),
    ]);
  });
});

describe('nearestFlip', () => {
  it('finds the grid values on both sides of the exact point, boundary included on the passing side', () => {
    // 10 - 4t >= 0 passes up to t = 2.5 exactly.
    const f = { a: new Dec(10), b: new Dec(-4) };
    expect(nearestFlip(f, new Dec(1), 'up', 2)).toEqual({
      at: new Dec('2.5'),
      inside: new Dec('2.5'),
      beyond: new Dec('2.51'),
    });
    // -10 + 4t >= 0 passes from t = 2.5: coming down from 3, it still passes at 2.5 and fails at 2.49.
    const g = { a: new Dec(-10), b: new Dec(4) };
    expect(nearestFlip(g, new Dec(3), 'down', 2)).toEqual({
      at: new Dec('2.5'),
      inside: new Dec('2.5'),
      beyond: new Dec('2.49'),
    });
    expect(nearestFlip(g, new Dec(3), 'up', 2)).toBeUndefined();
  });
});
