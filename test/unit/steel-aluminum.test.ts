/** Steel and aluminum purchases, UR s. 17 and Table S. */
import { describe, expect, it } from 'vitest';
import { claim, decide, producer, requirement, type Obj } from '../helpers.js';

const sa = (
  purchases: Obj[],
  period: Obj = { start: '2025-01-01', end: '2025-12-31', kind: 'previous-fiscal-year' },
): Obj => ({
  steelAluminum: {
    period,
    basis: 'all-vehicles-produced',
    purchases,
  },
});
const p = (id: string, metal: string, hs: string, value: string, origin: string, extra: Obj = {}): Obj => ({
  id,
  metal,
  hs,
  value,
  origin,
  channel: 'direct',
  ...extra,
});

describe('steel and aluminum', () => {
  it('computes two separate ratios over Table S purchases and ignores the rest', async () => {
    // Steel: 700 originating of 1000 in Table S -> 70% exactly ("at least"): passes. The bolts (7318.15) are
    // not in Table S and are ignored. Aluminum: 800 of 1000 -> 80%.
    const d = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '700.00', 'originating', { meltedAndPouredInRegion: true }),
            p('S2', 'steel', '7209.15', '300.00', 'non-originating'),
            p('S3', 'steel', '7318.15', '5000.00', 'non-originating'),
            p('A1', 'aluminum', '7601.10', '800.00', 'originating'),
            p('A2', 'aluminum', '7606.12', '200.00', 'non-originating'),
          ]),
        ),
      }),
    );
    const steel = requirement(d, 'steel');
    expect(steel).toMatchObject({
      status: 'pass',
      value: '70',
      threshold: '70',
      margin: { points: '0', amount: '0.00' },
    });
    expect(steel.details).toMatchObject({ ignored: [{ id: 'S3', hs: '7318.15', value: '5000.00' }] });
    expect(requirement(d, 'aluminum')).toMatchObject({ status: 'pass', value: '80' });
  });

  it('counts a Table S part (8708.29 / 8708.99 "ex" entries) and reminds that only its metal value counts (s. 17(2))', async () => {
    const d = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '700.00', 'originating'),
            p('S2', 'steel', 'ex 8708.99', '300.00', 'originating'),
            p('S3', 'steel', '8708.29', '100.00', 'non-originating'),
            p('A1', 'aluminum', '7601.10', '800.00', 'originating'),
          ]),
        ),
      }),
    );
    expect(requirement(d, 'steel')).toMatchObject({ status: 'pass', value: '90.90909' }); // 1000 / 1100, shown rounded down
    const w = d.warnings.filter((x) => x.code === 'PURCHASE_PART_METAL_VALUE');
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(
      /^steel purchases of parts \(S2, S3\): for a part of 8708\.29 or 8708\.99 only the value of the Table S steel/,
    );
    // Plain Table S steel: no reminder.
    const plain = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '700.00', 'originating'),
            p('A1', 'aluminum', '7601.10', '800.00', 'originating'),
          ]),
        ),
      }),
    );
    expect(plain.warnings.map((x) => x.code)).not.toContain('PURCHASE_PART_METAL_VALUE');
    // A part whose value is declared to be its metal content: no reminder.
    const declared = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '700.00', 'originating'),
            p('S2', 'steel', '8708.29', '300.00', 'originating', { metalContent: true }),
            p('A1', 'aluminum', '7601.10', '800.00', 'originating'),
          ]),
        ),
      }),
    );
    expect(declared.warnings.map((x) => x.code)).not.toContain('PURCHASE_PART_METAL_VALUE');
  });

  it('fails one cent under 70%', async () => {
    const d = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '699.99', 'originating'),
            p('S2', 'steel', '7209.15', '300.01', 'non-originating'),
          ]),
        ),
      }),
    );
    expect(requirement(d, 'steel')).toMatchObject({ status: 'fail', value: '69.999', margin: { amount: '-0.01' } });
  });

  it('requires steel melted and poured in the region for purchases of a period ending from 2027-07-01, not the day before', async () => {
    const purchases = [
      p('S1', 'steel', '7208.25', '800.00', 'originating'),
      p('S2', 'steel', '7209.15', '200.00', 'originating', { meltedAndPouredInRegion: true }),
    ];
    const month = (end: string) => ({ start: end.slice(0, 8) + '01', end, kind: 'month-to-date' });
    const before = await decide(
      claim({ decisionDate: '2027-06-30', producer: producer(sa(purchases, month('2027-06-30'))) }),
    );
    expect(requirement(before, 'steel')).toMatchObject({ status: 'pass', value: '100' });
    // The same purchases of 2026, decided on 2027-07-01: judged under the rule of their period, 100 %.
    const earlier = await decide(
      claim({
        decisionDate: '2027-07-01',
        producer: producer(sa(purchases, { start: '2026-01-01', end: '2026-12-31', kind: 'previous-calendar-year' })),
      }),
    );
    expect(requirement(earlier, 'steel')).toMatchObject({ status: 'pass', value: '100' });
    const on = await decide(
      claim({ decisionDate: '2027-07-01', producer: producer(sa(purchases, month('2027-07-01'))) }),
    );
    // S1 does not say it was melted and poured in the region: counted non-originating -> 200 / 1000 = 20%.
    expect(requirement(on, 'steel')).toMatchObject({ status: 'fail', value: '20' });
    expect(on.evidenceGaps).toContainEqual(
      expect.objectContaining({ code: 'MELTED_AND_POURED_NOT_SHOWN', valueAtStake: '800.00' }),
    );
    // Aluminum has no melted-and-poured requirement.
    const alu = await decide(
      claim({
        decisionDate: '2027-07-01',
        producer: producer(sa([p('A1', 'aluminum', '7601.10', '10.00', 'originating')])),
      }),
    );
    expect(requirement(alu, 'aluminum')).toMatchObject({ status: 'pass', value: '100' });
  });

  it('never lowers the ratio when a purchase becomes originating', async () => {
    const low = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '500.00', 'originating'),
            p('S2', 'steel', '7209.15', '500.00', 'non-originating'),
          ]),
        ),
      }),
    );
    const high = await decide(
      claim({
        producer: producer(
          sa([
            p('S1', 'steel', '7208.25', '500.00', 'originating'),
            p('S2', 'steel', '7209.15', '500.00', 'originating'),
          ]),
        ),
      }),
    );
    expect(Number(requirement(high, 'steel').value)).toBeGreaterThan(Number(requirement(low, 'steel').value));
  });

  it('fails with an evidence gap when the producer gives no purchases, and does not apply to other vehicles', async () => {
    const d = await decide(claim());
    expect(requirement(d, 'steel').status).toBe('fail');
    expect(d.evidenceGaps).toContainEqual(expect.objectContaining({ code: 'STEEL_ALUMINUM_DATA_MISSING' }));
    const ov = await decide(
      claim({
        good: { kind: 'vehicle', description: 'bus', hs: '8702.10', plant: 'ASM', attributes: { seats: '40' } },
      }),
    );
    expect(requirement(ov, 'steel')).toMatchObject({ status: 'not-applicable' });
    expect(requirement(ov, 'rvc').rule).toEqual({
      id: 'usmca.auto.rvc.other_vehicle_s20_3',
      effectiveFrom: '2020-07-01',
      value: '60',
    });
  });

  it('reports the melted-and-poured step of 2027-07-01 inside the period once, for steel only (s. 17(5), (7))', async () => {
    // Fiscal year to date 2027-01-01 to 2027-07-31 straddles the step of s. 17(5)(b); the step concerns steel
    // alone, so the one warning on the period is steel's, and aluminum adds none.
    const d = await decide(
      claim({
        decisionDate: '2027-07-31',
        producer: producer(
          sa(
            [
              p('S1', 'steel', '7208.25', '1000.00', 'originating', { meltedAndPouredInRegion: true }),
              p('A1', 'aluminum', '7601.10', '100.00', 'originating'),
            ],
            { start: '2027-01-01', end: '2027-07-31', kind: 'fiscal-year-to-date' },
          ),
        ),
      }),
    );
    const steps = d.warnings.filter(
      (w) => w.code === 'RULE_STEP_IN_PERIOD' && w.subject === 'producer.steelAluminum.period',
    );
    expect(steps).toHaveLength(1);
    // The period ends 2027-07-31, after the step: steel is judged with melted and poured required.
    expect(steps[0]?.message).toContain('steel purchases');
    expect(steps[0]?.message).toContain('(melted and poured required)');
  });
});
