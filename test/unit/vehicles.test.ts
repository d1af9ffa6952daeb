/** Classification (s. 12, s. 20), tariff shift (s. 13, s. 5(1)), heavy trucks (s. 15, s. 18(22)), ASR (s. 19), s. 20(8). */
import { describe, expect, it } from 'vitest';
import {
  claim,
  decide,
  limb,
  line,
  passingProducer,
  problemsOfAsync,
  producer,
  requirement,
  type Obj,
} from '../helpers.js';

const good = (hs: string, attributes: Obj = {}, extra: Obj = {}): Obj => ({
  kind: 'vehicle',
  description: 'v',
  hs,
  plant: 'ASM',
  attributes,
  ...extra,
});

describe('vehicle class', () => {
  const classOf = async (hs: string, attributes: Obj = {}) =>
    (await decide(claim({ good: good(hs, attributes) }))).classification;

  it('derives the class from HS code and attributes, with the exclusions that make an "other vehicle"', async () => {
    expect(await classOf('8703.23')).toMatchObject({ vehicleClass: 'passenger-vehicle' });
    expect(await classOf('8704.21')).toMatchObject({ vehicleClass: 'light-truck' });
    expect(await classOf('8704.22')).toMatchObject({ vehicleClass: 'heavy-truck' });
    expect(await classOf('8703.32')).toMatchObject({ vehicleClass: 'other-vehicle', category: 's. 20(2)' });
    expect(await classOf('8703.23', { offRoad: true })).toMatchObject({
      vehicleClass: 'other-vehicle',
      category: 's. 20(2)',
    });
    expect(await classOf('8704.21', { offRoad: true })).toMatchObject({
      vehicleClass: 'other-vehicle',
      category: 's. 20(2)',
    });
    expect(await classOf('8704.22', { offRoad: true })).toMatchObject({
      vehicleClass: 'other-vehicle',
      category: 's. 20(3)',
    });
    expect(await classOf('8702.10', { seats: '15' })).toMatchObject({ category: 's. 20(2)' });
    expect(await classOf('8702.10', { seats: '16' })).toMatchObject({ category: 's. 20(3)' });
    expect(await classOf('8701.90')).toMatchObject({ category: 's. 20(3)' });
    expect(await classOf('8703.10')).toMatchObject({ vehicleClass: 'other-vehicle', category: '8703.10' });
  });

  it('rejects a declared class that contradicts the HS code, and a vehicle no class covers', async () => {
    expect(
      await problemsOfAsync(() => decide(claim({ good: good('8703.23', {}, { vehicleClass: 'light-truck' }) }))),
    ).toEqual([expect.objectContaining({ code: 'VEHICLE_CLASS_CONTRADICTS_HS', path: 'good.vehicleClass' })]);
    expect(await problemsOfAsync(() => decide(claim({ good: good('8702.10') })))).toEqual([
      expect.objectContaining({ code: 'VEHICLE_CLASS_UNDETERMINED', path: 'good.hs' }),
    ]);
  });

  it('says a chassis of 87.06 for a passenger vehicle or light truck is claimed as a part (s. 13, 87.06 (1))', async () => {
    expect(
      await problemsOfAsync(() => decide(claim({ good: good('8706.00', { chassisFor: 'light-truck' }) }))),
    ).toEqual([
      expect.objectContaining({
        code: 'VEHICLE_CLASS_UNDETERMINED',
        path: 'good.hs',
        message: expect.stringContaining('a chassis for a light-truck is a Table A.1 part, not a vehicle'),
      }),
    ]);
  });

  it('correlates a later HS edition to HS 2012 and says so', async () => {
    const d = await decide(claim({ good: good('8703.80', { electric: true }, { hsEdition: 'HS2022' }) }));
    expect(d.classification).toMatchObject({ vehicleClass: 'passenger-vehicle', hs2012: '8703.90' });
    expect(d.warnings.map((w) => w.code)).toContain('HS_CORRELATED');
    expect(await problemsOfAsync(() => decide(claim({ good: good('8703.23', {}, { hsEdition: 'HS1996' }) })))).toEqual([
      expect.objectContaining({ code: 'HS_EDITION_UNKNOWN' }),
    ]);
  });
});

describe('tariff shift (change from any other heading, de minimis)', () => {
  it("fails on non-originating materials of the vehicle's own heading above 10% of total cost", async () => {
    // A non-originating 87.03 "glider" worth 1000.01 on total cost 10000: more than 10%.
    const over = await decide(claim({ materials: [line('GLIDER', '1000.01', 'non-originating', { hs: '8703.23' })] }));
    expect(requirement(over, 'tariff-shift')).toMatchObject({
      status: 'fail',
      value: '1',
      margin: { amount: '-0.01' },
    });
    // Exactly 10% ("not more than"): de minimis saves it.
    const at = await decide(claim({ materials: [line('GLIDER', '1000.00', 'non-originating', { hs: '8703.23' })] }));
    expect(requirement(at, 'tariff-shift')).toMatchObject({ status: 'pass', value: '1', margin: { amount: '0.00' } });
    // Materials of other headings never fail it.
    const other = await decide(claim({ materials: [line('PARTS', '9000.00', 'non-originating', { hs: '8708.99' })] }));
    expect(requirement(other, 'tariff-shift')).toMatchObject({ status: 'pass', value: '0' });
  });
});

describe('heavy trucks', () => {
  const tractor = (extra: Obj = {}): Obj => claim({ good: good('8701.20', { compressionIgnition: true }), ...extra });
  const ht = (id: string, hs: string, netCost: string, nonOriginating: string, extra: Obj = {}): Obj => ({
    id,
    description: id,
    hs,
    quantity: '1',
    unitValue: netCost,
    origin: 'originating',
    netCost,
    materials: [line(`${id}-IN`, nonOriginating, 'non-originating')],
    ...extra,
  });

  it('decides the origin of the engine, gear box and chassis by Table D (s. 15(4)), not the truck', async () => {
    // Engine 8408.20: (20000 - 6000) / 20000 = 70% >= 64 (2026). Chassis frame: (5000 - 2000) / 5000 = 60% < 64.
    const d = await decide(
      tractor({
        materials: [
          ht('ENGINE', '8408.20', '20000.00', '6000.00'),
          ht('FRAME', '8708.99', '5000.00', '2000.00', { corePart: 'body-and-chassis' }),
          line('GBX', '8000.00', 'originating', { hs: '8708.40' }),
        ],
      }),
    );
    const r = requirement(d, 'heavy-truck-parts');
    expect(limb(r, 'heavy-truck-parts.ENGINE')).toMatchObject({ status: 'pass', value: '70', threshold: '64' });
    expect(limb(r, 'heavy-truck-parts.FRAME')).toMatchObject({ status: 'fail', value: '60' });
    expect(limb(r, 'heavy-truck-parts.GBX')).toMatchObject({ status: 'pass' });
    // An origin rule for the parts (interpretation.heavyTruckParts: origin-rule), not a requirement of the truck.
    expect(r.status).toBe('not-applicable');
    // Bought in: the originating engine rolls up to nothing; the failing frame counts its full value, 5000.
    expect(d.bom.counted).toEqual([
      expect.objectContaining({ material: 'FRAME', value: '5000.00', reason: 'core-part-non-originating' }),
    ]);
    // Made in-house and not designated, each counts its own non-originating inputs instead (s. 7(5)(a)).
    const own = await decide(
      tractor({
        materials: [
          ht('ENGINE', '8408.20', '20000.00', '6000.00', { selfProduced: true }),
          ht('FRAME', '8708.99', '5000.00', '2000.00', { corePart: 'body-and-chassis', selfProduced: true }),
        ],
      }),
    );
    expect(own.bom.valueOfNonOriginatingMaterials).toBe('8000.00');
  });

  it('read as a gate, a truck with a frame failing Table D fails heavy-truck-parts; the default reading says so', async () => {
    const materials = [ht('FRAME', '8708.99', '5000.00', '2000.00', { corePart: 'body-and-chassis' })];
    const gate = await decide(tractor({ materials, interpretation: { heavyTruckParts: 'gate' } }));
    expect(requirement(gate, 'heavy-truck-parts').status).toBe('fail');
    expect(gate.verdict).toBe('not-originating');
    const origin = await decide(tractor({ materials }));
    expect(requirement(origin, 'heavy-truck-parts').status).toBe('not-applicable');
    expect(origin.interpretation.switches).toMatchObject({
      heavyTruckParts: {
        value: 'origin-rule',
        source: 'default',
        otherReading: { value: 'gate', verdict: 'not-originating' },
      },
    });
  });

  it('uses the Table D threshold in force: 60 before 2024-07-01, 64 from it', async () => {
    const m = [ht('ENGINE', '8408.20', '10000.00', '3800.00')]; // 62%
    expect(
      limb(
        requirement(await decide(tractor({ decisionDate: '2024-06-30', materials: m })), 'heavy-truck-parts'),
        'heavy-truck-parts.ENGINE',
      ).status,
    ).toBe('pass');
    expect(
      limb(
        requirement(await decide(tractor({ decisionDate: '2024-07-01', materials: m })), 'heavy-truck-parts'),
        'heavy-truck-parts.ENGINE',
      ).status,
    ).toBe('fail');
  });

  it('counts LVC points above 30 toward the RVC until 2027-07-01 (s. 18(22))', async () => {
    // NC 10000; VNM 3800 -> RVC 62% < 64%. LVC: HWLC 3300 at a high-wage plant -> 33 points (> 30), total
    // 33 + 10 (technology, capped) + 5 = 48 >= 45. Credit 3 points -> 65% >= 64%, and 62% >= the 60% floor.
    const prod = passingProducer({
      laborValueContent: {
        highWageLaborCosts: '3300.00',
        technology: {
          researchAndDevelopmentWages: '1000000.00',
          informationTechnologyWages: '0.00',
          directProductionWages: '5000000.00',
        },
      },
    });
    const m = [ht('ENGINE', '8408.20', '2000.00', '100.00'), line('IMPORTS', '3800.00', 'non-originating')];
    const d = await decide(tractor({ producer: prod, materials: m }));
    const rvc = requirement(d, 'rvc');
    expect(requirement(d, 'lvc')).toMatchObject({ status: 'pass', value: '48' });
    expect(limb(rvc, 'rvc.value')).toMatchObject({ status: 'fail', value: '62' });
    expect(limb(rvc, 'rvc.heavy-truck-lvc-credit')).toMatchObject({
      status: 'pass',
      value: '65',
      details: { credit: '3' },
    });
    expect(rvc.status).toBe('pass');
    // From 2027-07-01 the credit is gone (and the threshold is 70).
    const late = await decide(tractor({ decisionDate: '2027-07-01', producer: prod, materials: m }));
    expect(requirement(late, 'rvc').status).toBe('fail');
    expect(requirement(late, 'rvc').limbs?.map((l) => l.id)).not.toContain('rvc.heavy-truck-lvc-credit');
  });

  it('gives the s. 18(22) credit only for an LVC above 45, not at exactly 45', async () => {
    // NC 10000; VNM 3800 -> RVC 62%. HWLC 3300 -> 33 points; technology 7 (350000 / 5000000); assembly 5:
    // LVC exactly 45 passes s. 18 but is not "above 45 %": no credit, RVC fails. One more unit of R&D wages
    // (7.00002 points) puts the LVC above 45: the 3-point credit applies and the RVC passes at 65%.
    const producerWith = (rd: string) =>
      passingProducer({
        laborValueContent: {
          highWageLaborCosts: '3300.00',
          technology: {
            researchAndDevelopmentWages: rd,
            informationTechnologyWages: '0.00',
            directProductionWages: '5000000.00',
          },
        },
      });
    const m = [ht('ENGINE', '8408.20', '2000.00', '100.00'), line('IMPORTS', '3800.00', 'non-originating')];
    const exact = await decide(tractor({ producer: producerWith('350000.00'), materials: m }));
    expect(requirement(exact, 'lvc')).toMatchObject({ status: 'pass', value: '45' });
    expect(requirement(exact, 'rvc').limbs?.map((l) => l.id)).not.toContain('rvc.heavy-truck-lvc-credit');
    expect(requirement(exact, 'rvc').status).toBe('fail');
    const above = await decide(tractor({ producer: producerWith('350001.00'), materials: m }));
    expect(requirement(above, 'lvc')).toMatchObject({ status: 'pass', value: '45.00002' });
    expect(limb(requirement(above, 'rvc'), 'rvc.heavy-truck-lvc-credit')).toMatchObject({
      status: 'pass',
      value: '65',
      details: { credit: '3', lvcAbove: '45' },
    });
    expect(requirement(above, 'rvc').status).toBe('pass');
    // The worksheet says the RVC is met through the credit, under the main figure that alone falls short.
    const { renderWorksheet } = await import('../../src/render/worksheet.js');
    expect(renderWorksheet(above)).toMatch(
      /\[PASS\] rvc .*\n.*value 62%, threshold >= 64%.*\n\s+met through: RVC with the s\. 18\(22\) credit.*\(value 65%, threshold >= 64%\)/,
    );
    expect(renderWorksheet(exact)).not.toMatch(/met through/);
  });
});

describe('alternative staging regime and other vehicles', () => {
  it("applies the regime's thresholds only within its dates", async () => {
    const asr = { reference: 'USTR-ASR-0042', start: '2020-07-01', end: '2025-06-30' };
    const m = [line('IMP', '3500.00', 'non-originating')]; // RVC 65%
    const inside = await decide(
      claim({ decisionDate: '2025-06-30', good: good('8703.23', {}, { alternativeStagingRegime: asr }), materials: m }),
    );
    expect(requirement(inside, 'rvc')).toMatchObject({
      status: 'pass',
      threshold: '62.5',
      rule: { id: 'usmca.auto.rvc.asr_vehicle' },
    });
    expect(requirement(inside, 'lvc').rule).toMatchObject({ id: 'usmca.auto.lvc.asr_vehicle', value: '25' });
    const after = await decide(
      claim({ decisionDate: '2025-07-01', good: good('8703.23', {}, { alternativeStagingRegime: asr }), materials: m }),
    );
    expect(requirement(after, 'rvc')).toMatchObject({ status: 'fail', threshold: '75' });
    expect(after.warnings.map((w) => w.code)).toContain('ASR_NOT_IN_EFFECT');
  });

  it("uses 50% for five years after a new plant's first prototype (s. 20(8))", async () => {
    const m = [line('IMP', '4500.00', 'non-originating')]; // RVC 55%
    const np = { kind: 'new-plant', firstPrototypeDate: '2022-05-01' };
    const on = (decisionDate: string, newPlant: Obj = np) =>
      decide(claim({ decisionDate, good: good('8703.23', { motorhome: true }, { newPlant }), materials: m }));
    // "For five years after the date": from the day after the prototype to its fifth anniversary, included.
    expect(requirement(await on('2022-05-01'), 'rvc')).toMatchObject({ status: 'fail', threshold: '62.5' });
    expect(requirement(await on('2022-05-02'), 'rvc')).toMatchObject({ status: 'pass', threshold: '50' });
    expect(requirement(await on('2027-05-01'), 'rvc')).toMatchObject({ status: 'pass', threshold: '50' });
    expect(requirement(await on('2027-05-02'), 'rvc')).toMatchObject({ status: 'fail', threshold: '62.5' });
    // A refit: two years; from a 29 February the anniversary is the last day of February.
    // Not for a passenger vehicle: said, not silently dropped.
    const pv = await decide(
      claim({ decisionDate: '2023-01-01', good: good('8703.23', {}, { newPlant: np }), materials: m }),
    );
    expect(pv.warnings.map((w) => w.code)).toContain('NEW_PLANT_NOT_APPLICABLE');
    const refit = { kind: 'refit', firstPrototypeDate: '2024-02-29' };
    expect(requirement(await on('2026-02-28', refit), 'rvc')).toMatchObject({ status: 'pass', threshold: '50' });
    expect(requirement(await on('2026-03-01', refit), 'rvc')).toMatchObject({ status: 'fail', threshold: '62.5' });
  });
});

describe('part claims', () => {
  const part = (extra: Obj, materials: Obj[] = [line('X', '250.00', 'non-originating', { hs: '6813.81' })]): Obj =>
    claim({
      good: {
        kind: 'part',
        description: 'brake assembly',
        hs: '8708.30',
        partTable: 'B',
        use: 'original-equipment',
        ...extra,
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
      materials,
    });

  it('decides an original-equipment Table B part on its table RVC', async () => {
    // (1000 - 250) / 1000 = 75% >= 70%.
    const d = await decide(part({}));
    expect(d.verdict).toBe('originating');
    expect(requirement(d, 'rvc')).toMatchObject({
      value: '75',
      threshold: '70',
      rule: { id: 'usmca.auto.parts.pvlt_principal' },
    });
    expect(requirement(d, 'lvc').status).toBe('not-applicable');
    // Its own rule (s. 13, 8708.30 (1)) also qualifies it: the pads of 68.13 change heading, (1)(a).
    expect(requirement(d, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(1)(a)' } });
  });

  it('uses the "for any other good" rule for an aftermarket part, and refuses what the pack does not hold', async () => {
    const d = await decide(
      part({ use: 'aftermarket', partTable: undefined }, [line('X', '450.00', 'non-originating')]),
    );
    expect(requirement(d, 'rvc')).toMatchObject({ status: 'pass', value: '55', threshold: '50' });
    // 8714.10 (motorcycle frame parts): no rule in the pack, so the part is refused, never passed.
    expect(
      await problemsOfAsync(() => decide(part({ use: 'aftermarket', partTable: undefined, hs: '8714.10' }))),
    ).toEqual([expect.objectContaining({ code: 'RULE_NOT_HELD' })]);
    // A piston of 8409.91 is decided by GN 11(o)/84.29, "for any other good": (A) a change of heading.
    const piston = await decide(
      part({ description: 'piston', hs: '8409.91', use: 'aftermarket', partTable: undefined }, [
        line('X', '450.00', 'non-originating', { hs: '7616.99' }),
      ]),
    );
    expect(piston.verdict).toBe('originating');
    expect(requirement(piston, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(A)' } });
  });

  it('allows the transaction value method for a part only where its rule has one', async () => {
    // 8708.30 is in 87.08, whose s. 13 rules are net cost only.
    const tv = { elections: { rvcMethod: 'transaction-value' } };
    const c = {
      ...part({}),
      ...tv,
      costs: {
        totalCost: '1000.00',
        transactionValue: '1200.00',
        excludedCosts: {
          salesPromotionMarketingAfterSalesService: '0',
          royalties: '0',
          shippingAndPacking: '0',
          nonAllowableInterest: '0',
        },
      },
    };
    expect(await problemsOfAsync(() => decide(c))).toEqual([
      expect.objectContaining({ code: 'VALUE_NOT_ALLOWED', path: 'elections.rvcMethod' }),
    ]);
    // A Table B motor (8501.33) may use it: (1200 - 240) / 1200 = 80%, exactly the TV threshold.
    const motor = {
      ...c,
      good: { kind: 'part', description: 'electric motor', hs: '8501.33', partTable: 'B', use: 'original-equipment' },
      materials: [line('X', '240.00', 'non-originating', { hs: '8503.00' })],
    };
    const m = await decide(motor);
    expect(requirement(m, 'rvc')).toMatchObject({
      status: 'pass',
      value: '80',
      threshold: '80',
      details: { method: 'transaction-value' },
    });
    // GN 11(o)/85.1 (B) has a transaction value method, so nothing is flagged; the stator of 8503.00 makes (B)'s
    // change whether or not it is an excepted U.S. item (from those items, or from any other heading).
    expect(m.warnings.map((w) => w.code)).not.toContain('TRANSACTION_VALUE_RULE_UNCHECKED');
    expect(requirement(m, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(B)' } });
    // A Table B bearing (8482.10): GN 11(o)/84.246 (B) has a transaction value method, so nothing is flagged. Its rings
    // of 8482.99 fail (A) (excepted) and qualify under (B) with the Table B RVC: (1200 - 240) / 1200 = 80%.
    const b = await decide({
      ...c,
      good: { kind: 'part', description: 'ball bearing', hs: '8482.10', partTable: 'B', use: 'original-equipment' },
      materials: [line('X', '240.00', 'non-originating', { hs: '8482.99' })],
    });
    expect(requirement(b, 'rvc')).toMatchObject({ status: 'pass', value: '80', threshold: '80' });
    expect(b.warnings.map((w) => w.code)).not.toContain('TRANSACTION_VALUE_RULE_UNCHECKED');
  });

  it('decides a Table B part failing its RVC on its tariff shift where the pack holds the rule (s. 14(14))', async () => {
    // (1000 - 400) / 1000 = 60% < 70%, but the 73.26 material changes heading: originating by 8708.30 (1)(a).
    const d = await decide(part({}, [line('X', '400.00', 'non-originating', { hs: '7326.90' })]));
    expect(d.verdict).toBe('originating');
    expect(requirement(d, 'rvc')).toMatchObject({ status: 'not-applicable', value: '60' });
    expect(requirement(d, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(1)(a)' } });
    expect(d.evidenceGaps.map((g) => g.code)).not.toContain('TARIFF_SHIFT_NOT_EVALUATED');
    // A motor (8501.33) at the same 60 %: GN 11(o)/85.1 (A), the steel of 72.28 is from another heading.
    const motor = await decide(
      part({ description: 'electric motor', hs: '8501.33' }, [
        line('X', '400.00', 'non-originating', { hs: '7228.30' }),
      ]),
    );
    expect(motor.verdict).toBe('originating');
    expect(requirement(motor, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(A)' } });
    expect(motor.evidenceGaps.map((g) => g.code)).not.toContain('TARIFF_SHIFT_NOT_EVALUATED');
    // A bearing (8482.10) at the same 60 %: GN 11(o)/84.246 (A), the steel of 72.28 is from outside the group 8482.10-80.
    const bearing = await decide(
      part({ description: 'ball bearing', hs: '8482.10' }, [line('X', '400.00', 'non-originating', { hs: '7228.30' })]),
    );
    expect(bearing.verdict).toBe('originating');
    expect(requirement(bearing, 'tariff-shift')).toMatchObject({ status: 'pass', details: { qualifiedBy: '(A)' } });
  });

  it('asks for the use of a part, and for the vehicle class or table of original equipment', async () => {
    expect(await problemsOfAsync(() => decide(part({ partTable: undefined })))).toEqual([
      expect.objectContaining({ code: 'PART_CLAIM_INCOMPLETE', path: 'good.forVehicleClass' }),
    ]);
    expect(await problemsOfAsync(() => decide(part({ use: undefined })))).toEqual([
      expect.objectContaining({ code: 'PART_CLAIM_INCOMPLETE', path: 'good.use' }),
    ]);
  });
});

describe('producer document', () => {
  it('can be inline', async () => {
    const d = await decide(claim({ producer: producer({ name: 'Inline Motors' }) }));
    expect(d.verdict).toBe('not-originating');
  });
});
