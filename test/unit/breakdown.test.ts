/**
 * The non-originating value by country and by supplier (src/render/breakdown.ts): each counted line under its own
 * country, else its plant's; under its plant's operator (the producer's name for `self`), else "not stated";
 * sums exact, largest first; the groups add up to the decision's VNM.
 */
import { describe, expect, it } from 'vitest';
import { nonOriginatingBreakdown } from '../../src/render/breakdown.js';
import { evaluate } from '../../src/evaluate.js';
import { loadRulePack } from '../../src/rules/load.js';
import { claim, line, load, producer } from '../helpers.js';

describe('non-originating value by country and by supplier', () => {
  it('groups the counted lines of a claim, exactly, largest first', async () => {
    const doc = claim({
      producer: producer({
        plants: [
          { id: 'ASM', country: 'MX', operator: 'self', role: 'vehicle-assembly' },
          { id: 'MX-SUP', country: 'MX', operator: 'Acme Forja', role: 'parts' },
          { id: 'DE-OWN', country: 'DE', operator: 'self', role: 'parts' },
        ],
      }),
      materials: [
        line('A', '100.00', 'non-originating', { country: 'DE' }),
        line('B', '50.50', 'non-originating', { plant: 'MX-SUP', quantity: '2' }),
        line('C', '10.00', 'unknown'),
        line('D', '0.25', 'non-originating', { plant: 'DE-OWN' }),
        line('E', '999.00', 'originating', { country: 'US' }),
      ],
    });
    const loaded = load(doc);
    const decision = await evaluate(loaded, { pack: loadRulePack() });
    const b = nonOriginatingBreakdown(decision, loaded.claim);
    // 100.00 + 2 x 50.50 + 10.00 + 0.25 = 211.25; the originating line counts nothing.
    expect(b.total).toBe('211.25');
    expect(decision.bom.valueOfNonOriginatingMaterials).toBe('211.25');
    expect(b.byCountry).toEqual([
      { name: 'MX', value: '101.00', lines: 1 },
      { name: 'DE', value: '100.25', lines: 2 },
      { name: 'unknown', value: '10.00', lines: 1 },
    ]);
    expect(b.bySupplier).toEqual([
      { name: 'not stated', value: '110.00', lines: 2 },
      { name: 'Acme Forja', value: '101.00', lines: 1 },
      { name: 'Test Motors', value: '0.25', lines: 1 },
    ]);
  });
});
