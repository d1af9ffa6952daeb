/** RVC and the roll-up, UR s. 7, s. 8, s. 9, s. 14(1); every expectation worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  claim,
  declaredEngine,
  decide,
  limb,
  line,
  load,
  passingProducer,
  problemsOfAsync,
  requirement,
} from '../helpers.js';
import { evaluate } from '../../src/evaluate.js';

const costs = (totalCost: string, excluded = '0') => ({
  totalCost,
  excludedCosts: {
    salesPromotionMarketingAfterSalesService: excluded,
    royalties: '0',
    shippingAndPacking: '0',
    nonAllowableInterest: '0',
  },
});

describe('RVC, net cost method', () => {
  it('counts non-originating and unknown materials in full and originating ones not at all', async () => {
    // NC 10000; VNM = 1000 (non-originating) + 500 (unknown) = 1500; RVC = 8500/10000 = 85%.
    const d = await decide(
      claim({
        materials: [
          line('A', '1000.00', 'non-originating'),
          line('B', '2000.00', 'originating'),
          line('C', '500.00', 'unknown'),
        ],
      }),
    );
    const rvc = requirement(d, 'rvc');
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('1500.00');
    expect(rvc.value).toBe('85');
    expect(rvc.threshold).toBe('75');
    expect(rvc.status).toBe('pass');
    // Margin: 10 points; in money, 8500 - 75% x 10000 = 1000 of non-originating value could be added.
    expect(rvc.margin).toMatchObject({ points: '10', amount: '1000.00', currency: 'USD' });
    expect(rvc.rule).toEqual({ id: 'usmca.auto.rvc.passenger_vehicle', effectiveFrom: '2023-07-01', value: '75' });
    expect(rvc.citation).toMatch(/s\. 13/);
    expect(d.evidenceGaps.filter((g) => g.code === 'ORIGIN_UNKNOWN')).toEqual([
      expect.objectContaining({ subject: 'C', valueAtStake: '500.00' }),
    ]);
  });

  it('subtracts the four excluded-cost categories from total cost', async () => {
    const d = await decide(
      claim({
        costs: {
          totalCost: '24850.00',
          excludedCosts: {
            salesPromotionMarketingAfterSalesService: '610.00',
            royalties: '240.00',
            shippingAndPacking: '385.00',
            nonAllowableInterest: '15.00',
          },
        },
      }),
    );
    // 24850 - (610 + 240 + 385 + 15) = 23600
    expect(d.netCost).toMatchObject({ totalCost: '24850.00', excludedCosts: '1250.00', netCost: '23600.00' });
  });

  it('passes exactly at the "not less than" threshold and fails one cent below', async () => {
    // NC 10000: VNM 2500.00 gives exactly 75%; 2500.01 gives 74.9999%.
    const at = await decide(claim({ materials: [line('A', '2500.00', 'non-originating')] }));
    expect(requirement(at, 'rvc')).toMatchObject({
      status: 'pass',
      value: '75',
      margin: { points: '0', amount: '0.00' },
    });
    const below = await decide(claim({ materials: [line('A', '2500.01', 'non-originating')] }));
    expect(requirement(below, 'rvc')).toMatchObject({
      status: 'fail',
      value: '74.9999',
      margin: { points: '-0.0001', amount: '-0.01' },
    });
  });

  it('applies the threshold in force on the decision date: the day before and the day of a phase-in step', async () => {
    const before = await decide(claim({ decisionDate: '2023-06-30' }));
    const on = await decide(claim({ decisionDate: '2023-07-01' }));
    expect(requirement(before, 'rvc').rule).toEqual({
      id: 'usmca.auto.rvc.passenger_vehicle',
      effectiveFrom: '2022-07-01',
      value: '72',
    });
    expect(requirement(on, 'rvc').rule).toEqual({
      id: 'usmca.auto.rvc.passenger_vehicle',
      effectiveFrom: '2023-07-01',
      value: '75',
    });
    // 73% passes on 2023-06-30 and fails on 2023-07-01.
    const m = [line('A', '2700.00', 'non-originating')];
    expect(requirement(await decide(claim({ decisionDate: '2023-06-30', materials: m })), 'rvc').status).toBe('pass');
    expect(requirement(await decide(claim({ decisionDate: '2023-07-01', materials: m })), 'rvc').status).toBe('fail');
  });

  it('refuses a decision date before the USMCA', async () => {
    const problems = await problemsOfAsync(() => decide(claim({ decisionDate: '2020-06-30' })));
    expect(problems).toEqual([expect.objectContaining({ code: 'RULE_NOT_IN_FORCE', path: 'decisionDate' })]);
  });

  it('multiplies quantities down the tree', async () => {
    // 4 wheels x (1 tyre non-originating 80 + 1 rim originating 60) bought as one non-originating assembly at 150 each -> 600.
    const d = await decide(
      claim({
        materials: [
          line('WHEEL', '150.00', 'non-originating', {
            quantity: '4',
            materials: [line('TYRE', '80.00', 'non-originating'), line('RIM', '60.00', 'originating')],
          }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('600.00');
    expect(d.bom.counted).toEqual([
      expect.objectContaining({ material: 'WHEEL', quantityPerGood: '4', value: '600.00' }),
    ]);
  });

  it('counts only the non-originating inputs of a self-produced material that is not designated (s. 7(5)(a))', async () => {
    // S is self-produced, 2 per vehicle; each S uses 2 x X (non-originating, 100) and Y (originating, 500) -> 2 x 200 = 400.
    const d = await decide(
      claim({
        materials: [
          line('S', '3000.00', 'originating', {
            quantity: '2',
            selfProduced: true,
            materials: [line('X', '100.00', 'non-originating', { quantity: '2' }), line('Y', '500.00', 'originating')],
          }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('400.00');
    expect(d.bom.counted).toEqual([
      expect.objectContaining({ material: 'S/X', quantityPerGood: '4', value: '400.00', reason: 'non-originating' }),
    ]);
  });

  it('rolls up an originating material: its own non-originating inputs do not count (s. 14(1))', async () => {
    const d = await decide(
      claim({
        producer: passingProducer(),
        materials: [
          declaredEngine(),
          line('P', '900.00', 'originating', { materials: [line('Q', '700.00', 'non-originating')] }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('0.00');
    expect(d.verdict).toBe('originating');
    // Produced exclusively from originating materials: criterion C (Art. 4.2(c)).
    expect(d.originCriterion).toBe('C');
    const b = await decide(
      claim({ producer: passingProducer(), materials: [declaredEngine(), line('Q', '700.00', 'non-originating')] }),
    );
    expect(b.originCriterion).toBe('B');
  });

  it('computes a designated intermediate material under its table RVC (s. 8(6)-(8)): originating counts nothing', async () => {
    // Brake assembly, Table B (70% NC from 2023-07-01), rule s. 13, 8708.30 (1): NC 1000, own non-originating
    // brake parts (8708.30, no change of heading, above the 10% de minimis) 200 -> RVC 80% >= 70%: originating by
    // (1)(b), the RVC alternative read at the Table B threshold.
    const brakes = (inner: string, hs = '8708.30') =>
      line('BRK', '1100.00', 'non-originating', {
        hs: '8708.30',
        selfProduced: true,
        intermediate: true,
        netCost: '1000.00',
        materials: [line('PAD', inner, 'non-originating', { hs })],
      });
    const ok = await decide(claim({ materials: [brakes('200.00')] }));
    expect(ok.bom.valueOfNonOriginatingMaterials).toBe('0.00');
    expect(ok.bom.intermediateMaterials).toEqual([
      expect.objectContaining({
        material: 'BRK',
        table: 'B',
        rvc: '80',
        threshold: '70',
        origin: 'originating',
        productSpecificRule: expect.objectContaining({ qualifiedBy: '(1)(b)' }),
      }),
    ]);
    // Own VNM 400 -> 60% < 70%: non-originating, counted at its value (s. 8(8)).
    const ko = await decide(claim({ materials: [brakes('400.00')] }));
    expect(ko.bom.valueOfNonOriginatingMaterials).toBe('1100.00');
    expect(ko.bom.counted[0]).toMatchObject({ material: 'BRK', reason: 'intermediate-non-originating' });
    // The same 60% with pads of 68.13, which change heading: originating by (1)(a), whatever the RVC.
    const shift = await decide(claim({ materials: [brakes('400.00', '6813.81')] }));
    expect(shift.bom.valueOfNonOriginatingMaterials).toBe('0.00');
    expect(shift.bom.intermediateMaterials).toEqual([
      expect.objectContaining({
        rvc: '60',
        origin: 'originating',
        productSpecificRule: expect.objectContaining({ qualifiedBy: '(1)(a)' }),
      }),
    ]);
  });

  it('replaces a material by its supplier statement, s. 9(2)(a): supplier VNM counts, net cost restated', async () => {
    // Material 1000 with statement NC 900 / VNM 300: VNM 300; NC = 10000 - 1000 + 900 = 9900; RVC = 9600/9900.
    const d = await decide(
      claim({
        materials: [
          line('M', '1000.00', 'non-originating', {
            supplierStatement: { netCost: '900.00', valueOfNonOriginatingMaterials: '300.00' },
          }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('300.00');
    expect(d.netCost).toMatchObject({ accumulationAdjustment: '-100.00', netCost: '9900.00' });
    expect(requirement(d, 'rvc').value).toBe('96.969696');
    expect(d.bom.counted[0]).toMatchObject({ reason: 'accumulation-9-2-a' });
  });

  it('s. 9(2)(b): VNM is the value less the stated regional content, net cost unchanged', async () => {
    const d = await decide(
      claim({
        materials: [
          line('M', '1000.00', 'non-originating', {
            supplierStatement: { netCost: '950.00', regionalContentAmount: '600.00' },
          }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('400.00');
    expect(d.netCost.netCost).toBe('10000.00');
  });

  it('applies a supplier statement to a material of unknown origin: the statement settles it (s. 9(2))', async () => {
    // As the s. 9(2)(a) case above, but the material's origin is declared unknown: same figures, no gap.
    const d = await decide(
      claim({
        materials: [
          line('M', '1000.00', 'unknown', {
            supplierStatement: { netCost: '900.00', valueOfNonOriginatingMaterials: '300.00' },
          }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('300.00');
    expect(d.netCost.netCost).toBe('9900.00');
    expect(d.evidenceGaps.map((g) => g.code)).not.toContain('ORIGIN_UNKNOWN');
  });

  it('restates the net cost of a designated intermediate material with a statement among its materials (s. 9(2)(a)(i))', async () => {
    // Intermediate CAL (Table B 8708.30, 70% in 2026): net cost 40, materials: housing 10 with a statement NC 6 /
    // VNM 1, non-originating brake parts 10.20 (8708.30). Restated NC = 40 - 10 + 6 = 36; VNM = 1 + 10.20 = 11.20;
    // no change of heading and 11.20 > 10% of 36; RVC = 24.80 / 36 = 68.888...% < 70: non-originating, so CAL
    // counts its value, 40.
    const cal = line('CAL', '40.00', 'unknown', {
      hs: '8708.30',
      selfProduced: true,
      intermediate: true,
      netCost: '40.00',
      materials: [
        line('HSG', '10.00', 'non-originating', {
          hs: '8708.30',
          supplierStatement: { netCost: '6.00', valueOfNonOriginatingMaterials: '1.00' },
        }),
        line('PADS', '10.20', 'non-originating', { hs: '8708.30' }),
      ],
    });
    const d = await decide(claim({ materials: [cal] }));
    expect(d.bom.intermediateMaterials).toEqual([
      expect.objectContaining({
        material: 'CAL',
        netCost: '36',
        valueOfNonOriginatingMaterials: '11.2',
        rvc: '68.888888',
        origin: 'non-originating',
      }),
    ]);
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('40.00');
  });

  it('converts another currency at the declared rate and records the rate', async () => {
    // 2 x 6200 MXN at 0.0545 = 675.80 USD.
    const d = await decide(
      claim({
        exchangeRates: [{ currency: 'MXN', rate: '0.0545', date: '2025-12-31', source: 'Banco de Mexico FIX' }],
        materials: [
          line('SEAT', '0', 'non-originating', { quantity: '2', unitValue: { amount: '6200.00', currency: 'MXN' } }),
        ],
      }),
    );
    expect(d.bom.valueOfNonOriginatingMaterials).toBe('675.80');
    expect(d.exchangeRates).toEqual([
      { currency: 'MXN', rate: '0.0545', date: '2025-12-31', source: 'Banco de Mexico FIX' },
    ]);
  });

  it('passes through de minimis when all non-originating materials are not more than 10% of total cost (s. 5(4))', async () => {
    // TC 10000, excluded 7000 -> NC 3000; VNM 900 -> RVC 70% fails 75%; 900 / 10000 = 9% <= 10%: passes.
    const d = await decide(
      claim({ costs: costs('10000.00', '7000.00'), materials: [line('A', '900.00', 'non-originating')] }),
    );
    const rvc = requirement(d, 'rvc');
    expect(rvc.status).toBe('pass');
    expect(limb(rvc, 'rvc.value')).toMatchObject({ status: 'fail', value: '70' });
    expect(limb(rvc, 'rvc.de-minimis')).toMatchObject({
      status: 'pass',
      value: '9',
      threshold: '10',
      comparator: '<=',
    });
  });

  it('measures de minimis against the transaction value or the total cost, whichever is met (s. 5(4))', async () => {
    // NC 3000, VNM 1100: RVC 63.3% fails; 1100 / 10000 total cost = 11% > 10%; with a transaction value of
    // 12000 declared (net cost method still used), 1100 / 12000 = 9.1666...% <= 10%: passes (shown rounded up,
    // toward failing, as for every maximum).
    const m = [line('A', '1100.00', 'non-originating')];
    const tc = await decide(claim({ costs: costs('10000.00', '7000.00'), materials: m }));
    expect(limb(requirement(tc, 'rvc'), 'rvc.de-minimis')).toMatchObject({ status: 'fail', value: '11' });
    const tv = await decide(
      claim({ costs: { ...costs('10000.00', '7000.00'), transactionValue: '12000.00' }, materials: m }),
    );
    expect(limb(requirement(tv, 'rvc'), 'rvc.de-minimis')).toMatchObject({
      status: 'pass',
      value: '9.166667',
      title: expect.stringMatching(/of transaction value$/),
    });
    expect(requirement(tv, 'rvc').status).toBe('pass');
  });

  it('uses the class threshold: light truck 75, heavy truck 64 in 2026', async () => {
    const lt = await decide(claim({ good: { kind: 'vehicle', description: 'pickup', hs: '8704.31', plant: 'ASM' } }));
    expect(requirement(lt, 'rvc').rule?.id).toBe('usmca.auto.rvc.light_truck');
    const ht = await decide(
      claim({
        good: {
          kind: 'vehicle',
          description: 'tractor',
          hs: '8701.20',
          plant: 'ASM',
          attributes: { compressionIgnition: true },
        },
      }),
    );
    expect(requirement(ht, 'rvc').rule).toEqual({
      id: 'usmca.auto.rvc.heavy_truck',
      effectiveFrom: '2024-07-01',
      value: '64',
    });
  });

  it('allows the transaction value method only where the rule has one', async () => {
    const problems = await problemsOfAsync(() =>
      decide(
        claim({
          elections: { rvcMethod: 'transaction-value' },
          costs: { ...costs('10000.00'), transactionValue: '12000.00' },
        }),
      ),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'VALUE_NOT_ALLOWED', path: 'elections.rvcMethod' })]);
    // 8703.10 (golf carts): 60% TV. TV 12000, VNM 4800 -> 60% exactly.
    const d = await decide(
      claim({
        good: { kind: 'vehicle', description: 'golf cart', hs: '8703.10', plant: 'ASM' },
        elections: { rvcMethod: 'transaction-value' },
        costs: { ...costs('10000.00'), transactionValue: '12000.00' },
        materials: [line('A', '4800.00', 'non-originating')],
      }),
    );
    expect(requirement(d, 'rvc')).toMatchObject({ status: 'pass', value: '60', threshold: '60' });
  });

  it('does not apply a statement of an amount of net cost (s. 9(2)(b)) under the transaction value method (s. 9(3))', async () => {
    // 8703.10, TV 12000: the material 1000 with a regional-content statement of 600 counts in full under TV
    // (VNM 4800 + 1000 = 5800 -> 51.666...%); a statement of VNM (s. 9(3)) still counts: 4800 + 300 -> 57.5%.
    const base = {
      good: { kind: 'vehicle', description: 'golf cart', hs: '8703.10', plant: 'ASM' },
      elections: { rvcMethod: 'transaction-value' },
      costs: { ...costs('10000.00'), transactionValue: '12000.00' },
    };
    const b = await decide(
      claim({
        ...base,
        materials: [
          line('A', '4800.00', 'non-originating'),
          line('M', '1000.00', 'non-originating', {
            supplierStatement: { netCost: '950.00', regionalContentAmount: '600.00' },
          }),
        ],
      }),
    );
    expect(requirement(b, 'rvc').value).toBe('51.666666');
    expect(b.warnings.map((w) => w.code)).toContain('STATEMENT_NOT_FOR_TRANSACTION_VALUE');
    const a = await decide(
      claim({
        ...base,
        materials: [
          line('A', '4800.00', 'non-originating'),
          line('M', '1000.00', 'non-originating', {
            supplierStatement: { netCost: '900.00', valueOfNonOriginatingMaterials: '300.00' },
          }),
        ],
      }),
    );
    expect(requirement(a, 'rvc').value).toBe('57.5');
    // Under the net cost method the same (b) statement applies.
    const nc = await decide(
      claim({
        ...base,
        elections: {},
        materials: [
          line('A', '4800.00', 'non-originating'),
          line('M', '1000.00', 'non-originating', {
            supplierStatement: { netCost: '950.00', regionalContentAmount: '600.00' },
          }),
        ],
      }),
    );
    expect(nc.bom.valueOfNonOriginatingMaterials).toBe('5200.00');
  });

  it('gives the same decision for JSON and YAML input of the same claim', async () => {
    const doc = claim({ materials: [line('A', '1000.00', 'non-originating')] });
    const a = await evaluate(load(doc, 'claim.yaml'));
    const b = await evaluate(load(doc, 'claim.json'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('exactness at the limits', () => {
  it('refuses amounts with more than 30 digits, and stays exact with 30-digit quantities down a deep tree', async () => {
    const { problemsOfAsync: problems } = await import('../helpers.js');
    const tooLong = await problems(() =>
      decide(claim({ materials: [line('A', '1234567890123456789012345678901', 'non-originating')] })),
    );
    expect(tooLong).toEqual([expect.objectContaining({ code: 'DECIMAL_INVALID', path: 'materials[0].unitValue' })]);
    // 20 self-produced levels, each of quantity 999999999999999999999999999999 (30 digits), ending in one
    // non-originating line of 1.23: VNM = 1.23 x q^20, checked with BigInt arithmetic.
    const q = '9'.repeat(30);
    let node: Record<string, unknown> = line('LEAF', '1.23', 'non-originating', { quantity: q });
    for (let i = 0; i < 19; i++)
      node = line(`L${i}`, '1.00', 'originating', { quantity: q, selfProduced: true, materials: [node] });
    const expected = (BigInt(q) ** 20n * 123n).toString();
    const d = await decide(
      claim({
        costs: {
          totalCost: `1${'0'.repeat(700)}`.slice(0, 30),
          excludedCosts: {
            salesPromotionMarketingAfterSalesService: '0',
            royalties: '0',
            shippingAndPacking: '0',
            nonAllowableInterest: '0',
          },
        },
        materials: [node],
      }),
    );
    const vnm = d.bom.valueOfNonOriginatingMaterials;
    expect(vnm).toBe(`${expected.slice(0, -2)}.${expected.slice(-2)}`);
  });
});
