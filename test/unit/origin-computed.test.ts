/**
 * `origin` may be left out of a line whose origin the engine computes (docs/claim-format.md): a core part with
 * netCost and its own materials (s. 14(4)-(5)), a self-produced material that is not an intermediate material
 * (looked through, s. 7(5)(a)), a designated intermediate material with netCost and its own materials (s. 8).
 * Anywhere else it is required. A declared origin the computation contradicts is still reported.
 */
import { describe, expect, it } from 'vitest';
import { claim, decide, limb, line, load, passingProducer, problemsOf, requirement, type Obj } from '../helpers.js';

// Engine: net cost 4000; non-originating block 600 (column 2) -> full VNM 600, RVC 85 %: originating.
const engine = (extra: Obj = {}): Obj => ({
  id: 'ENG',
  description: 'engine',
  hs: '8407.34',
  quantity: '1',
  unitValue: '4200.00',
  corePart: 'engines',
  netCost: '4000.00',
  materials: [
    line('BLK', '600.00', 'non-originating', { hs: '8409.91', coreComponent: 'blocks' }),
    line('CRK', '300.00', 'originating', { hs: '8483.10', coreComponent: 'crankshafts' }),
  ],
  ...extra,
});

describe('origin left out where the engine computes it', () => {
  it('a bought-in core part with netCost and materials: its origin is computed by the core parts test', async () => {
    const d = await decide(claim({ producer: passingProducer(), materials: [engine()] }));
    expect(limb(requirement(d, 'core-parts'), 'core-parts.engines.full')).toMatchObject({
      status: 'pass',
      value: '85',
    });
    // Computed originating, it rolls up to nothing in the vehicle (the `full` reading).
    expect(d.bom.counted.map((l) => l.material)).toEqual([]);
    expect(d.warnings.some((w) => w.code === 'ORIGIN_CONTRADICTED')).toBe(false);
  });

  it('a declared origin the computation contradicts is still reported', async () => {
    const d = await decide(claim({ producer: passingProducer(), materials: [engine({ origin: 'non-originating' })] }));
    expect(d.warnings.find((w) => w.code === 'ORIGIN_CONTRADICTED')?.message).toBe(
      'ENG: declared non-originating, but the core parts test makes it originating; the computed origin is used',
    );
  });

  it('a self-produced material that is not an intermediate material: its own materials count (s. 7(5)(a))', async () => {
    const seat = line('SEAT', '900.00', 'originating', {
      selfProduced: true,
      materials: [line('FOAM', '120.00', 'non-originating', { hs: '3909.50' }), line('FRAME', '200.00', 'originating')],
    });
    delete seat.origin;
    const d = await decide(claim({ producer: passingProducer(), materials: [engine(), seat] }));
    expect(d.bom.counted.map((l) => `${l.material} ${l.value} ${l.reason}`)).toEqual([
      'SEAT/FOAM 120.00 non-originating',
    ]);
  });

  it('a designated intermediate material with netCost and materials: its origin is computed under its table', async () => {
    // A Table B brake (8708.30) self-produced and designated intermediate: net cost 1000, non-originating 300:
    // RVC 70 %, exactly the Table B threshold from 2023-07-01 ("not less than"): originating.
    const brake = line('BRAKE', '1100.00', 'originating', {
      hs: '8708.30',
      selfProduced: true,
      intermediate: true,
      netCost: '1000.00',
      materials: [line('PAD', '300.00', 'non-originating', { hs: '6813.81' })],
    });
    delete brake.origin;
    const d = await decide(claim({ producer: passingProducer(), materials: [engine(), brake] }));
    const im = (d.bom.intermediateMaterials as { material: string; origin: string; basis: string }[]).find(
      (x) => x.material === 'BRAKE',
    );
    expect(im?.basis.startsWith('computed')).toBe(true);
    expect(im?.origin).toBe('originating');
    expect(d.bom.counted.map((l) => l.material)).toEqual([]);
  });

  it('where the engine cannot compute it after all, the line counts as of unknown origin, an evidence gap', async () => {
    // An advanced battery of 8507.60 is originating under its own Schedule 1 rule (s. 14(6)), which the pack
    // does not hold: the engine uses the declared origin, and there is none.
    const battery = {
      ...engine({ id: 'BATT', hs: '8507.60', corePart: 'advanced-batteries', description: 'battery pack' }),
      materials: [line('CELLS', '3000.00', 'non-originating', { hs: '8507.60', coreComponent: 'cells' })],
    };
    const d = await decide(claim({ producer: passingProducer(), materials: [engine(), battery] }));
    const gap = d.evidenceGaps.find((g) => g.code === 'CORE_PART_ORIGIN_UNKNOWN');
    expect(gap?.subject).toBe('BATT');
    expect(limb(requirement(d, 'core-parts'), 'core-parts.advanced-batteries.BATT').title).toContain(
      'no origin declared (it counts as unknown)',
    );
  });
});

describe('origin required everywhere else', () => {
  it('names the line and says where it may be left out', () => {
    const bolt = line('BOLT', '1.00', 'originating');
    delete bolt.origin;
    const problems = problemsOf(() => load(claim({ materials: [bolt] })));
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual(['FIELD_REQUIRED@materials[0].origin']);
    expect(problems[0]?.message).toMatch(
      /^required: one of "originating", "non-originating", "unknown"\. It may be left out only where/,
    );
  });

  it('a core part needs both netCost and materials to leave it out', () => {
    const part = engine();
    delete part.netCost;
    const problems = problemsOf(() => load(claim({ materials: [part] })));
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'CORE_PART_INCOMPLETE@materials[0].netCost',
      'FIELD_REQUIRED@materials[0].origin',
    ]);
  });
});
