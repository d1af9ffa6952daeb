/** Core parts, UR s. 14(4)-(13): per group (full VNM or listed components) and the super-core. */
import { describe, expect, it } from 'vitest';
import { claim, decide, limb, line, passingProducer, requirement, type Obj } from '../helpers.js';

// Engine: net cost 4000; own materials: block (column-2 "blocks", non-originating 600), crankshaft
// (column-2, originating 300), wiring harness (not in column 2, non-originating 800).
// Full VNM = 600 + 800 = 1400 -> (4000 - 1400) / 4000 = 65%; listed VNM = 600 -> 85%.
const engine = (extra: Obj = {}): Obj => ({
  id: 'ENG',
  description: 'engine',
  hs: '8407.34',
  quantity: '1',
  unitValue: '4200.00',
  origin: 'originating',
  selfProduced: true,
  corePart: 'engines',
  netCost: '4000.00',
  materials: [
    line('BLK', '600.00', 'non-originating', { hs: '8409.91', coreComponent: 'blocks' }),
    line('CRK', '300.00', 'originating', { hs: '8483.10', coreComponent: 'crankshafts' }),
    line('HARN', '800.00', 'non-originating', { hs: '8544.30' }),
  ],
  ...extra,
});
// Transmission: net cost 2000; gear set (column-2 "gears-and-gear-blanks") non-originating 600 -> 70% either way.
const transmission = (): Obj => ({
  id: 'TRN',
  description: 'transmission',
  hs: '8708.40',
  quantity: '1',
  unitValue: '2100.00',
  origin: 'originating',
  selfProduced: true,
  corePart: 'transmissions',
  netCost: '2000.00',
  materials: [line('GEARS', '600.00', 'non-originating', { hs: '8708.40', coreComponent: 'gears-and-gear-blanks' })],
});

describe('core parts', () => {
  it('evaluates each group with full VNM and with listed components, and "best" uses a passing one', async () => {
    const d = await decide(claim({ producer: passingProducer(), materials: [engine()] }));
    const r = requirement(d, 'core-parts');
    expect(limb(r, 'core-parts.engines.full')).toMatchObject({
      status: 'fail',
      value: '65',
      threshold: '75',
      margin: { points: '-10', amount: '-400.00' },
    });
    expect(limb(r, 'core-parts.engines.listed-components')).toMatchObject({
      status: 'pass',
      value: '85',
      margin: { points: '10', amount: '400.00' },
    });
    expect(r.status).toBe('pass');
    expect(r.details).toMatchObject({ election: 'best' });
    expect(r.rule).toEqual({ id: 'usmca.auto.parts.pvlt_core', effectiveFrom: '2023-07-01', value: '75' });
  });

  it('holds to an explicit election', async () => {
    const d = await decide(
      claim({ producer: passingProducer(), elections: { corePartsMethod: 'full' }, materials: [engine()] }),
    );
    expect(requirement(d, 'core-parts').status).toBe('fail');
    expect(d.verdict).toBe('not-originating');
  });

  it('takes all column-1 parts together as the super-core (s. 14(10))', async () => {
    // Per group: engine full 65% fails / listed 85% passes; transmission 70% fails both ways -> per-group fails.
    // Super-core full: (6000 - 2000) / 6000 = 66.67% fails; listed: (6000 - 1200) / 6000 = 80% passes.
    const d = await decide(claim({ producer: passingProducer(), materials: [engine(), transmission()] }));
    const r = requirement(d, 'core-parts');
    expect(limb(r, 'core-parts.transmissions').status).toBe('fail');
    expect(limb(r, 'core-parts.super-core-full')).toMatchObject({ status: 'fail', value: '66.666666' });
    expect(limb(r, 'core-parts.super-core-listed')).toMatchObject({ status: 'pass', value: '80' });
    expect(r).toMatchObject({ status: 'pass', value: '80', details: { methodUsed: 'super-core-listed' } });
  });

  it('tests each part of a group on its own, and averages them only when the producer elects it (s. 14(12))', async () => {
    // Front axle: net cost 1000, non-originating shafts 340 (listed) -> 66%; rear axle: net cost 1000,
    // non-originating housing 100 -> 90%. On their own the front axle fails (66 < 75); averaged as a parts
    // category: (2000 - 440) / 2000 = 78% passes. The super-core (these two parts only) is the same 78%.
    const axle = (id: string, nonOriginating: string): Obj => ({
      id,
      description: `${id} axle`,
      hs: '8708.50',
      quantity: '1',
      unitValue: '1100.00',
      origin: 'originating',
      selfProduced: true,
      corePart: 'axles',
      netCost: '1000.00',
      materials: [
        line(`${id}-SHAFT`, nonOriginating, 'non-originating', { hs: '8708.50', coreComponent: 'axle-shafts' }),
        line(`${id}-STEEL`, '200.00', 'originating', { hs: '7326.90' }),
      ],
    });
    const materials = [axle('FRONT', '340.00'), axle('REAR', '100.00')];
    const own = await decide(
      claim({ producer: passingProducer(), elections: { corePartsMethod: 'listed-components' }, materials }),
    );
    const g = limb(requirement(own, 'core-parts'), 'core-parts.axles');
    expect(g).toMatchObject({ status: 'fail', title: 'Axles (2 parts, each on its own)' });
    expect(limb(g, 'core-parts.axles.listed-components')).toMatchObject({
      status: 'fail',
      value: '66',
      margin: { points: '-9', amount: '-90.00' },
    });
    expect(
      limb(limb(g, 'core-parts.axles.listed-components'), 'core-parts.axles.listed-components.REAR'),
    ).toMatchObject({ status: 'pass', value: '90' });
    expect(requirement(own, 'core-parts').status).toBe('fail');
    // The rear axle is originating on its own (nothing of it counts in the vehicle); the front one is not, and,
    // made in-house, counts its non-originating materials (s. 7(5)(a)).
    expect(own.bom.counted.map((c) => c.material)).toEqual(['FRONT/FRONT-SHAFT']);

    const averaged = await decide(
      claim({
        producer: passingProducer(),
        elections: { corePartsMethod: 'listed-components', coreAveraging: 'parts-category' },
        materials,
      }),
    );
    const a = limb(requirement(averaged, 'core-parts'), 'core-parts.axles');
    expect(a).toMatchObject({ status: 'pass', title: 'Axles (2 parts, averaged as a parts category, s. 14(12))' });
    expect(limb(a, 'core-parts.axles.listed-components')).toMatchObject({ status: 'pass', value: '78' });
    expect(requirement(averaged, 'core-parts').status).toBe('pass');
  });

  it('fails a group whose core part is of unknown origin, and lists the gap', async () => {
    const d = await decide(
      claim({
        producer: passingProducer(),
        materials: [
          {
            id: 'AXL',
            description: 'rear axle',
            hs: '8708.50',
            quantity: '1',
            unitValue: '900.00',
            origin: 'unknown',
            corePart: 'axles',
          },
        ],
      }),
    );
    const r = requirement(d, 'core-parts');
    expect(r.status).toBe('fail');
    expect(d.evidenceGaps.map((g) => g.code)).toContain('CORE_PART_ORIGIN_UNKNOWN');
  });

  it('uses the declared origin of an 8507.60 advanced battery (s. 14(6), Schedule 1 rule not held)', async () => {
    const d = await decide(
      claim({
        producer: passingProducer(),
        good: { kind: 'vehicle', description: 'EV', hs: '8703.90', plant: 'ASM', attributes: { electric: true } },
        materials: [
          {
            id: 'PACK',
            description: 'traction battery',
            hs: '8507.60',
            quantity: '1',
            unitValue: '9000.00',
            origin: 'originating',
            corePart: 'advanced-batteries',
          },
        ],
      }),
    );
    expect(requirement(d, 'core-parts').status).toBe('pass');
  });

  it('does not apply to heavy trucks, other vehicles, or under an alternative staging regime', async () => {
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
    expect(requirement(ht, 'core-parts')).toMatchObject({
      status: 'not-applicable',
      reason: expect.stringMatching(/heavy-truck/),
    });
    const asr = await decide(
      claim({
        decisionDate: '2024-03-01',
        good: {
          kind: 'vehicle',
          description: 'sedan',
          hs: '8703.23',
          plant: 'ASM',
          alternativeStagingRegime: { reference: 'ASR-1', start: '2020-07-01', end: '2025-06-30' },
        },
      }),
    );
    expect(requirement(asr, 'core-parts')).toMatchObject({
      status: 'not-applicable',
      reason: expect.stringMatching(/alternative staging regime/),
    });
  });

  it('rolls an originating core part up into the vehicle under "full", and counts its content under "rvc-only"', async () => {
    // Engine passes (listed components 85%). Under full it counts 0 in the vehicle; under rvc-only its own
    // non-originating materials count: 600 + 800 = 1400.
    const full = await decide(claim({ producer: passingProducer(), materials: [engine()] }));
    expect(full.bom.valueOfNonOriginatingMaterials).toBe('0.00');
    expect(full.interpretation).toMatchObject({
      coreRollUp: 'full',
      defaulted: true,
      alternative: {
        coreRollUp: 'rvc-only',
        valueOfNonOriginatingMaterials: '1400.00',
        rvc: '86',
        verdictDiffers: false,
      },
    });
    const rvcOnly = await decide(
      claim({ producer: passingProducer(), interpretation: { coreRollUp: 'rvc-only' }, materials: [engine()] }),
    );
    expect(rvcOnly.bom.valueOfNonOriginatingMaterials).toBe('1400.00');
    expect(requirement(rvcOnly, 'rvc').value).toBe('86');
  });

  it('reports when the verdict depends on the reading', async () => {
    // Vehicle NC 10000 with the engine (VNM content 1400) and a non-originating trim kit of 1200:
    // full: VNM 1200 -> 88%; rvc-only: VNM 2600 -> 74% < 75%: the verdict differs.
    const d = await decide(
      claim({ producer: passingProducer(), materials: [engine(), line('TRIM', '1200.00', 'non-originating')] }),
    );
    expect(d.verdict).toBe('originating');
    expect(d.interpretation).toMatchObject({
      alternative: { rvc: '74', rvcStatus: 'fail', verdict: 'not-originating', verdictDiffers: true },
    });
  });
});
