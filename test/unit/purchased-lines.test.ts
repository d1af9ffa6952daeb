/**
 * The lines under a purchased material (s. 8(1), s. 9(2)-(3)): not used for the RVC, and said so by name, with
 * what would make them count. A core part's own materials, used by the core parts test, draw no warning.
 */
import { describe, expect, it } from 'vitest';
import { claim, decide, declaredEngine, line, passingProducer } from '../helpers.js';

const pump = (extra: Record<string, unknown> = {}) =>
  line('PUMP', '1500.00', 'non-originating', {
    description: 'water pump',
    hs: '8413.30',
    materials: [
      line('IMP', '300.00', 'non-originating', { hs: '8413.91' }),
      line('HOUS', '1000.00', 'originating', {
        hs: '8413.91',
        supplierStatement: { netCost: '900.00', valueOfNonOriginatingMaterials: '100.00' },
        materials: [line('BOLT', '10.00', 'non-originating', { hs: '7318.15' })],
      }),
    ],
    ...extra,
  });

describe('lines under a purchased material', () => {
  it('names every line and statement under it, and says what would make them count', async () => {
    const d = await decide(claim({ producer: passingProducer(), materials: [declaredEngine(), pump()] }));
    const w = d.warnings.filter((x) => x.code === 'PURCHASED_MATERIAL_LINES_NOT_USED');
    expect(w).toHaveLength(1);
    expect(w[0]?.subject).toBe('PUMP');
    expect(w[0]?.message).toContain('the 3 lines under it (PUMP/HOUS, PUMP/HOUS/BOLT, PUMP/IMP)');
    expect(w[0]?.message).toContain('with the supplier statement on PUMP/HOUS');
    expect(w[0]?.message).toContain('counts at its own value and declared origin (non-originating) (s. 8(1))');
    expect(w[0]?.message).toContain('s. 9(2)(a)');
    expect(w[0]?.message).toContain('selfProduced: true');
    // It counts at its full value: none of the lines under it is counted.
    expect(d.bom.counted.map((l) => `${l.material} ${l.value}`)).toContain('PUMP 1500.00');
    expect(d.bom.counted.some((l) => l.material.startsWith('PUMP/'))).toBe(false);
  });

  it('a purchased line inside a self-produced module is found at its depth', async () => {
    const module = line('MOD', '2000.00', 'non-originating', { selfProduced: true, materials: [pump()] });
    const d = await decide(claim({ producer: passingProducer(), materials: [declaredEngine(), module] }));
    expect(d.warnings.filter((x) => x.code === 'PURCHASED_MATERIAL_LINES_NOT_USED').map((x) => x.subject)).toEqual([
      'MOD/PUMP',
    ]);
  });

  it('a self-produced material is looked through: only the purchased line with lines of its own inside it is named', async () => {
    const d = await decide(
      claim({
        producer: passingProducer(),
        materials: [declaredEngine(), pump({ selfProduced: true }), line('BULK', '100.00', 'non-originating')],
      }),
    );
    expect(d.warnings.filter((x) => x.code === 'PURCHASED_MATERIAL_LINES_NOT_USED').map((x) => x.subject)).toEqual([
      'PUMP/HOUS',
    ]);
    expect(d.warnings.find((x) => x.subject === 'PUMP/HOUS')?.message).toContain(
      'so the line under it (PUMP/HOUS/BOLT) is not used',
    );
  });
});
