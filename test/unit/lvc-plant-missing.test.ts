/**
 * A line produced in the USMCA countries without a plant is an LVC evidence gap naming the points and the money
 * it could add (s. 12, s. 18(4), (7)): net cost 10,000.00 per unit in these claims (test/helpers.ts).
 */
import { describe, expect, it } from 'vitest';
import { claim, decide, declaredEngine, line, passingProducer } from '../helpers.js';

const gapsOf = (d: Awaited<ReturnType<typeof decide>>) => d.evidenceGaps.filter((g) => g.code === 'LVC_PLANT_MISSING');

describe('LVC_PLANT_MISSING', () => {
  it('net cost formula: the value over the net cost, in points, and the money per unit of the vehicle', async () => {
    // 2 units of 333.33 under a 3-unit module: 1,999.98 per vehicle, 19.9998 points of 10,000.
    const module = line('MOD', '3000.00', 'non-originating', {
      quantity: '3',
      selfProduced: true,
      materials: [line('BRKT', '333.33', 'originating', { quantity: '2', country: 'CA', description: 'bracket' })],
    });
    const d = await decide(claim({ producer: passingProducer(), materials: [declaredEngine(), module] }));
    const gaps = gapsOf(d);
    expect(gaps.map((g) => `${g.subject} ${g.valueAtStake}`)).toEqual(['MOD/BRKT 1999.98']);
    expect(gaps[0]?.message).toBe(
      "MOD/BRKT (bracket): produced in CA but no plant is named, so it cannot count as a high-wage material; produced in a qualifying wage-rate plant it would add up to 19.9998 points (1999.98 USD per unit) to the high-wage material and manufacturing expenditures (s. 12, s. 18(4), (7)): name its plant, with the plant's wages in the producer document",
    );
  });

  it('annual purchase value formula from the bill of materials: over the total purchase value plus HWLC', async () => {
    // TAPV = 2,000.00 (engine) + 1,000.00 = 3,000.00; HWLC 3,000.00: 1,000 / 6,000 = 16.666666 points (rounded down).
    const d = await decide(
      claim({
        producer: passingProducer(),
        elections: { lvcFormula: 'annual-purchase-value' },
        materials: [declaredEngine(), line('A', '1000.00', 'non-originating', { country: 'MX' })],
      }),
    );
    expect(gapsOf(d)[0]?.message).toContain('it would add up to 16.666666 points (1000.00 USD per unit)');
  });

  it('annual figures declared: only the money is named', async () => {
    const d = await decide(
      claim({
        producer: passingProducer({
          laborValueContent: {
            highWageLaborCosts: '3000.00',
            highWageTransportCosts: '0.00',
            annualPurchaseValue: '50000000.00',
            totalAnnualPurchaseValue: '100000000.00',
          },
        }),
        elections: { lvcFormula: 'annual-purchase-value' },
        materials: [declaredEngine(), line('A', '1000.00', 'non-originating', { country: 'MX' })],
      }),
    );
    expect(gapsOf(d)[0]?.message).toContain('it would add its value (1000.00 USD per unit)');
  });
});
