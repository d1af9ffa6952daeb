/**
 * s. 8(6) proviso inside a part claim: whether a designated material is "subject to a regional value content
 * requirement" is read from the parts tables for original equipment (s. 14(2), (13)), and from the material's own
 * rule for an aftermarket part, to which the tables' thresholds do not apply (s. 14(18)).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { InputError } from '../../src/input/problems.js';
import { line, load, producer, type Obj } from '../helpers.js';

// Y (8708.80) designated, with X (8708.30) designated inside it: both subject to an RVC requirement either way.
const nested = (good: Obj): Obj => ({
  format: 'usmca-roo/claim@1',
  id: 'NESTED',
  decisionDate: '2026-03-15',
  currency: 'USD',
  good: { kind: 'part', description: 'module', hs: '8708.99', plant: 'P1', ...good },
  costs: {
    totalCost: '100.00',
    excludedCosts: {
      salesPromotionMarketingAfterSalesService: '0',
      royalties: '0',
      shippingAndPacking: '0',
      nonAllowableInterest: '0',
    },
  },
  materials: [
    line('Y', '60.00', 'originating', {
      hs: '8708.80',
      selfProduced: true,
      intermediate: true,
      netCost: '60.00',
      materials: [
        line('X', '20.00', 'originating', {
          hs: '8708.30',
          selfProduced: true,
          intermediate: true,
          netCost: '20.00',
          materials: [line('XN', '5.00', 'non-originating', { hs: '7326.90' })],
        }),
      ],
    }),
  ],
  producer: producer({ plants: [{ id: 'P1', country: 'MX', operator: 'self', role: 'parts' }] }),
});

async function nestingMessage(good: Obj): Promise<string> {
  try {
    await evaluate(load(nested(good)));
  } catch (e) {
    if (e instanceof InputError) {
      const p = e.problems.find((x) => x.code === 'INTERMEDIATE_NESTED');
      if (p) return p.message;
    }
    throw e;
  }
  throw new Error('expected INTERMEDIATE_NESTED');
}

describe('s. 8(6) proviso: what makes a designated material inside a part subject to an RVC requirement', () => {
  it('original equipment for a passenger vehicle: Table A.1 sets the RVC of a suspension system (s. 14(2), (13))', async () => {
    const message = await nestingMessage({ use: 'original-equipment', hs: '8708.10', partTable: 'B' });
    expect(message).toContain('Table A.1 sets its RVC');
  });

  it("an aftermarket part: the material's own rule for that use, not Table A.1 (s. 14(18))", async () => {
    const message = await nestingMessage({ use: 'aftermarket' });
    expect(message).not.toContain('Table A.1');
    expect(message).toContain(
      'its product-specific rule for an aftermarket part (s. 14(18)) (s. 13, 8708.80 (3)) has an RVC',
    );
  });
});
