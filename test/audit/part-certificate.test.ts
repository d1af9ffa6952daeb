/**
 * The certificate of a part decided on its own product-specific rule: a bumper of 8708.10 qualified by the change
 * of heading of s. 13, 8708.10 (1)(a) is certified under origin criterion B; the same bumper from an 8708.10 blank
 * worth 15 % of its total cost fails its rule and no certificate can be made for it.
 */
import { describe, expect, it } from 'vitest';
import { buildCertificate } from '../../src/certificate/build.js';
import { CertificateRefused, type Certificate } from '../../src/certificate/model.js';
import { rulePackFromContent } from '../../src/rules/load.js';
import { claim, line } from '../helpers.js';
import { certifier, importer, recordFor } from './fixtures.js';

const bumper = (material: ReturnType<typeof line>) =>
  claim({
    id: 'BUMPER-1',
    good: {
      kind: 'part',
      description: 'bumper beam',
      hs: '8708.10',
      partTable: 'B',
      use: 'original-equipment',
      plant: 'ASM',
    },
    costs: {
      totalCost: '1000.00',
      excludedCosts: {
        salesPromotionMarketingAfterSalesService: '0',
        royalties: '0',
        shippingAndPacking: '0',
        nonAllowableInterest: '0',
      },
    },
    materials: [material],
  });

const options = { certifier, exporter: 'same' as const, importer, signedOn: '2026-03-20' };

describe("a part's certificate", () => {
  it('certifies a bumper qualified by 8708.10 (1)(a) under criterion B', async () => {
    const record = await recordFor(bumper(line('PROFILE', '600.00', 'non-originating', { hs: '7604.29' })));
    const decision = record.hashed.decision as { verdict: string; originCriterion: string };
    expect([decision.verdict, decision.originCriterion]).toEqual(['originating', 'B']);
    const built = buildCertificate([{ record, pack: rulePackFromContent(record.hashed.rulePack) }], options);
    expect(built.problems).toEqual([]);
    const c = built.certificate as Certificate;
    expect(JSON.stringify(c)).toContain('8708.10');
    expect(c.goods.map((g) => g.originCriterion)).toEqual(['B']);
  });

  it('refuses the bumper made from an 8708.10 blank beyond de minimis', async () => {
    const record = await recordFor(bumper(line('BLANK', '150.00', 'non-originating', { hs: '8708.10' })));
    expect(() => buildCertificate([{ record, pack: rulePackFromContent(record.hashed.rulePack) }], options)).toThrow(
      CertificateRefused,
    );
  });
});
