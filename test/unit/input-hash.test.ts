/**
 * The input hash is sha256 of JSON.stringify of the validated input, which relies on every schema writing
 * its keys in sorted order: check that this is the canonical JSON for every example, every fixture that
 * loads, and claims with every optional part.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/canonical/json.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { claim, line, load, passingProducer } from '../helpers.js';
// @ts-expect-error: a plain ES module shared with the update script
import { exampleClaims } from '../../scripts/examples.mjs';

describe('input hash', () => {
  const files = [
    ...(exampleClaims() as Array<[string, string]>).map(([c]) => c),
    ...readdirSync(join(import.meta.dirname, '..', 'golden', 'official'))
      .filter((f) => f.startsWith('USMCA'))
      .map((f) => join(import.meta.dirname, '..', 'golden', 'official', f)),
  ];
  for (const file of files) {
    it(`is the sha256 of the canonical JSON: ${file.split('/').slice(-2).join('/')}`, () => {
      const loaded = loadClaimFile(file);
      expect(JSON.stringify(loaded.canonicalInput)).toBe(canonicalJson(loaded.canonicalInput));
      expect(loaded.inputSha256).toBe(sha256Hex(canonicalJson(loaded.canonicalInput)));
    });
  }

  it('holds with every optional field', () => {
    const doc = claim({
      producer: passingProducer({
        address: { street: 's', city: 'c', country: 'MX', region: 'r', postalCode: '1' },
        email: 'e',
        phone: 'p',
        taxId: 't',
        fiscalYear: { start: '2025-01-01', end: '2025-12-31' },
      }),
      exchangeRates: [{ currency: 'MXN', rate: '0.05', date: '2025-12-31', source: 's' }],
      period: { start: '2025-01-01', end: '2025-12-31' },
      good: {
        kind: 'vehicle',
        description: 'd',
        hs: '8703.23',
        plant: 'ASM',
        modelLine: 'M',
        hsEdition: 'HS2012',
        vehicleClass: 'passenger-vehicle',
        attributes: { electric: true, seats: '5' },
        alternativeStagingRegime: {
          reference: 'r',
          start: '2020-07-01',
          end: '2025-06-30',
          steelAluminumExempt: false,
        },
      },
      elections: { rvcMethod: 'net-cost', corePartsMethod: 'best', lvcFormula: 'net-cost' },
      interpretation: { coreRollUp: 'full' },
      materials: [
        line('A', '1.00', 'non-originating', {
          currency: 'MXN',
          country: 'MX',
          plant: 'ASM',
          partTable: 'B',
          supplierStatement: {
            netCost: { amount: '1.00', currency: 'MXN' },
            regionalContentAmount: '0.50',
            additionalCosts: '0.01',
            reference: 'S-1',
            period: { start: '2025-01-01', end: '2025-12-31' },
          },
          materials: [line('B', '0.20', 'originating', { selfProduced: true, intermediate: false })],
        }),
      ],
    });
    const loaded = load(doc);
    expect(JSON.stringify(loaded.canonicalInput)).toBe(canonicalJson(loaded.canonicalInput));
  });
});
