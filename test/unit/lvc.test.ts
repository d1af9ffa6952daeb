/** Labor value content, UR s. 18; high-wage plants, s. 12. Hand-computed. */
import { describe, expect, it } from 'vitest';
import {
  claim,
  declaredEngine,
  decide,
  limb,
  line,
  load,
  problemsOf,
  producer,
  requirement,
  type Obj,
} from '../helpers.js';

const period = { start: '2025-01-01', end: '2025-12-31' };
// HWP: US, 1,700,000 USD / 100,000 h = 17.00 >= 16 (qualifies). LWP: MX, 1,000,000 MXN / 5,000 h = 200 < 294.22.
// ASM: MX assembly plant, 300.00 MXN/h >= 294.22. ENG: US engine plant, self, 200,000 engines, 30 USD/h.
const plants = (asmWage = '300.00'): Obj[] => [
  {
    id: 'ASM',
    country: 'MX',
    operator: 'self',
    role: 'vehicle-assembly',
    wages: { period, averageBaseHourlyWage: asmWage },
  },
  {
    id: 'HWP',
    country: 'US',
    operator: 'Supplier A',
    role: 'parts',
    wages: { period, baseWages: '1700000.00', directProductionHours: '100000' },
  },
  {
    id: 'LWP',
    country: 'MX',
    operator: 'Supplier B',
    role: 'parts',
    wages: { period, baseWages: '1000000.00', directProductionHours: '5000' },
  },
  {
    id: 'ENG',
    country: 'US',
    operator: 'self',
    role: 'engine',
    wages: { period, averageBaseHourlyWage: '30.00' },
    capacity: { engines: '200000' },
  },
];
// HWM: A at HWP 1500 (whole value, though non-originating); B at LWP does not qualify but its sub-tier C at
// HWP counts 300; D has no plant. HWM = 1800. HWLC 700 at a qualifying plant. HWMME = 2500 -> 25 points on NC 10000.
const materials = (): Obj[] => [
  declaredEngine(),
  line('A', '1500.00', 'non-originating', { plant: 'HWP' }),
  line('B', '1000.00', 'originating', {
    plant: 'LWP',
    materials: [line('C', '300.00', 'originating', { plant: 'HWP' })],
  }),
  line('D', '500.00', 'originating'),
];
const lvcData = (rd: string): Obj => ({
  highWageLaborCosts: '700.00',
  highWageTransportCosts: '0.00',
  technology: {
    researchAndDevelopmentWages: rd,
    informationTechnologyWages: '100000.00',
    directProductionWages: '5000000.00',
  },
});

describe('labor value content (net cost formula)', () => {
  it('does not count a plant whose wage certification has lapsed on the decision date (s. 18(5))', async () => {
    // Wages for calendar 2025 support a certification for calendar 2026: the last day is 2026-12-31.
    const decided = async (decisionDate: string, wagePeriod = period) => {
      const ps = plants().map((p) => ({ ...p, wages: { ...(p.wages as Obj), period: wagePeriod } }));
      const d = await decide(
        claim({
          decisionDate,
          producer: producer({ plants: ps, laborValueContent: lvcData('300000.00') }),
          materials: materials(),
        }),
      );
      const lapsed = d.evidenceGaps.filter((g) => g.code === 'WAGE_PERIOD_NOT_CURRENT');
      return {
        lapsed: lapsed.map((g) => `${g.subject} ${g.valueAtStake}`),
        hwlc: d.evidenceGaps.some((g) => g.code === 'ASSEMBLY_PLANT_NOT_QUALIFYING'),
        material: limb(requirement(d, 'lvc'), 'lvc.material-and-manufacturing').value,
        assembly: limb(requirement(d, 'lvc'), 'lvc.assembly-credit').value,
      };
    };
    // Inside the following period, and inside the wage period itself: HWM 1800 + HWLC 700 = 25 points, credit 5.
    for (const date of ['2026-12-31', '2025-06-30'])
      expect(await decided(date)).toEqual({ lapsed: [], hwlc: false, material: '25', assembly: '5' });
    // The day after: HWP's materials (A 1500 + C 300) no longer count, nor ASM's labor (700), nor ENG's credit.
    expect(await decided('2027-01-01')).toEqual({
      lapsed: ['producer.plants[1].wages.period 1800.00'],
      hwlc: true,
      material: '0',
      assembly: '0',
    });
    // Wages of a later period support nothing before it.
    expect((await decided('2024-12-31')).material).toBe('0');
    // A six-month period supports the following six months only.
    expect((await decided('2026-06-30', { start: '2025-07-01', end: '2025-12-31' })).material).toBe('25');
    expect((await decided('2026-07-01', { start: '2025-07-01', end: '2025-12-31' })).material).toBe('0');
  });

  it('builds the material points from high-wage materials, sub-tier materials and high-wage labor', async () => {
    // Technology (300,000 + 100,000) / 5,000,000 = 8 points; assembly credit 5 (plant ENG).
    // Total = 25 + 8 + 5 = 38 < 40: fails by 2 points = 200.00 of high-wage spending on NC 10000.
    const d = await decide(
      claim({
        producer: producer({ plants: plants(), laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    const r = requirement(d, 'lvc');
    expect(limb(r, 'lvc.material-and-manufacturing')).toMatchObject({
      status: 'pass',
      value: '25',
      threshold: '25',
      margin: { points: '0', amount: '0.00' },
    });
    expect(limb(r, 'lvc.technology-credit')).toMatchObject({ value: '8', threshold: '10' });
    expect(limb(r, 'lvc.assembly-credit')).toMatchObject({ value: '5' });
    expect(limb(r, 'lvc.total')).toMatchObject({
      status: 'fail',
      value: '38',
      threshold: '40',
      margin: { points: '-2', amount: '-200.00' },
    });
    expect(r.status).toBe('fail');
    expect(r.rule).toEqual({ id: 'usmca.auto.lvc.passenger_vehicle', effectiveFrom: '2023-07-01', value: '40' });
    expect(r.details).toMatchObject({
      highWageMaterials: [
        { material: 'A', plant: 'HWP', value: '1500.00' },
        { material: 'B/C', plant: 'HWP', value: '300.00' },
      ],
    });
  });

  it('uses the annual-purchase-value formula of s. 18(6)(b), from annual figures or per unit from the BOM', async () => {
    // Annual figures: APV 6,000,000 / TAPV 20,000,000 = 30 points (HWLC left out of both terms); + 8 + 5 = 43.
    const annual = {
      ...lvcData('300000.00'),
      annualPurchaseValue: '6000000.00',
      totalAnnualPurchaseValue: '20000000.00',
    };
    const d = await decide(
      claim({
        elections: { lvcFormula: 'annual-purchase-value' },
        producer: producer({ plants: plants(), laborValueContent: annual }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(d, 'lvc'), 'lvc.material-and-manufacturing')).toMatchObject({
      status: 'pass',
      value: '30',
    });
    expect(limb(requirement(d, 'lvc'), 'lvc.total')).toMatchObject({ status: 'pass', value: '43' });
    // Per unit from the BOM: APV = HWM 1800, TAPV = all materials 5000, HWLC 700 in both terms:
    // 2500 / 5700 = 43.859649...% (shown rounded down); total 56.859649...
    const bom = await decide(
      claim({
        elections: { lvcFormula: 'annual-purchase-value' },
        producer: producer({ plants: plants(), laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(bom, 'lvc'), 'lvc.material-and-manufacturing')).toMatchObject({
      status: 'pass',
      value: '43.859649',
    });
    expect(limb(requirement(bom, 'lvc'), 'lvc.total')).toMatchObject({ status: 'pass', value: '56.859649' });
    expect(bom.warnings.map((w) => w.code)).not.toContain('LVC_TRANSPORT_NOT_COUNTED');
    // High-wage transport costs have no term in that formula: they are left out, with a warning.
    const withTransport = await decide(
      claim({
        elections: { lvcFormula: 'annual-purchase-value' },
        producer: producer({ plants: plants(), laborValueContent: { ...annual, highWageTransportCosts: '100.00' } }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(withTransport, 'lvc'), 'lvc.material-and-manufacturing').value).toBe('30');
    expect(withTransport.warnings.map((w) => w.code)).toContain('LVC_TRANSPORT_NOT_COUNTED');
  });

  it('refuses annual figures it cannot divide by, or whose high-wage part exceeds the whole (s. 12, s. 18(6)(b))', () => {
    const withAnnual = (annualPurchaseValue: string, totalAnnualPurchaseValue: string, lvcFormula: string) =>
      problemsOf(() =>
        load(
          claim({
            elections: { lvcFormula },
            producer: producer({
              plants: plants(),
              laborValueContent: { ...lvcData('300000.00'), annualPurchaseValue, totalAnnualPurchaseValue },
            }),
            materials: materials(),
          }),
        ),
      ).map((p) => `${p.code} ${p.path}`);
    const at = 'producer.laborValueContent';
    expect(withAnnual('100.00', '0', 'annual-purchase-value')).toEqual([
      `AMOUNT_NEGATIVE ${at}.totalAnnualPurchaseValue`,
    ]);
    expect(withAnnual('0', '0.00', 'annual-purchase-value')).toEqual([
      `AMOUNT_NEGATIVE ${at}.totalAnnualPurchaseValue`,
    ]);
    // APV is part of TAPV: one cent more is refused, equal is accepted, under either formula.
    expect(withAnnual('100.01', '100.00', 'net-cost')).toEqual([
      `ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL ${at}.annualPurchaseValue`,
    ]);
    expect(withAnnual('100.01', '100.00', 'annual-purchase-value')).toEqual([
      `ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL ${at}.annualPurchaseValue`,
    ]);
    expect(() =>
      load(
        claim({
          elections: { lvcFormula: 'annual-purchase-value' },
          producer: producer({
            plants: plants(),
            laborValueContent: {
              ...lvcData('300000.00'),
              annualPurchaseValue: '100.00',
              totalAnnualPurchaseValue: '100.00',
            },
          }),
          materials: materials(),
        }),
      ),
    ).not.toThrow();
  });

  it('from the BOM with nothing to divide by (no materials, no high-wage labor): 0 points, the LVC fails, no crash', async () => {
    const d = await decide(
      claim({
        elections: { lvcFormula: 'annual-purchase-value' },
        producer: producer({
          plants: plants(),
          laborValueContent: { ...lvcData('300000.00'), highWageLaborCosts: '0' },
        }),
        materials: [],
      }),
    );
    const r = requirement(d, 'lvc');
    expect(r.status).toBe('fail');
    expect(limb(r, 'lvc.material-and-manufacturing')).toMatchObject({ status: 'fail', value: '0' });
    expect(limb(r, 'lvc.material-and-manufacturing').margin).not.toHaveProperty('amount');
    expect(d.warnings.filter((w) => w.code === 'LVC_NOTHING_TO_DIVIDE').map((w) => w.subject)).toEqual([
      'elections.lvcFormula',
    ]);
  });

  it('caps the technology credit at 10 points', async () => {
    // (700,000 + 100,000) / 5,000,000 = 16 points, capped at 10: total 25 + 10 + 5 = 40, exactly the threshold.
    const d = await decide(
      claim({
        producer: producer({ plants: plants(), laborValueContent: lvcData('700000.00') }),
        materials: materials(),
      }),
    );
    const r = requirement(d, 'lvc');
    expect(limb(r, 'lvc.technology-credit')).toMatchObject({ value: '10', details: { uncapped: '16' } });
    expect(limb(r, 'lvc.total')).toMatchObject({ status: 'pass', value: '40' });
    expect(r.status).toBe('pass');
  });

  it('does not count labor costs at an assembly plant below the wage rate', async () => {
    // ASM at 294.21 MXN/h < 294.22: HWLC 700 drops out -> 18 points < 25.
    const d = await decide(
      claim({
        producer: producer({ plants: plants('294.21'), laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(d, 'lvc'), 'lvc.material-and-manufacturing')).toMatchObject({
      status: 'fail',
      value: '18',
    });
    expect(d.evidenceGaps.map((g) => g.code)).toContain('ASSEMBLY_PLANT_NOT_QUALIFYING');
    // Exactly at the rate ("at least"): 294.22 qualifies.
    const at = await decide(
      claim({
        producer: producer({ plants: plants('294.22'), laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(at, 'lvc'), 'lvc.material-and-manufacturing').value).toBe('25');
  });

  it('uses the light-truck thresholds (45 / 30)', async () => {
    const d = await decide(
      claim({
        good: { kind: 'vehicle', description: 'pickup', hs: '8704.31', plant: 'ASM' },
        producer: producer({ plants: plants(), laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    const r = requirement(d, 'lvc');
    expect(r.rule).toEqual({ id: 'usmca.auto.lvc.light_truck', effectiveFrom: '2020-07-01', value: '45' });
    expect(limb(r, 'lvc.material-and-manufacturing')).toMatchObject({ status: 'fail', threshold: '30' });
  });

  it('gives the assembly credit for a supplier plant only under a contract of at least 3 years', async () => {
    const supplier = (years: string): Obj => ({
      id: 'ENG',
      country: 'US',
      operator: 'Engine Co',
      role: 'engine',
      wages: { period, averageBaseHourlyWage: '30.00' },
      capacity: { engines: '100000' },
      supplyContractYears: years,
    });
    const base = plants().filter((p) => p.id !== 'ENG');
    const three = await decide(
      claim({
        producer: producer({ plants: [...base, supplier('3')], laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(three, 'lvc'), 'lvc.assembly-credit').value).toBe('5');
    const two = await decide(
      claim({
        producer: producer({ plants: [...base, supplier('2.9')], laborValueContent: lvcData('300000.00') }),
        materials: materials(),
      }),
    );
    expect(limb(requirement(two, 'lvc'), 'lvc.assembly-credit').value).toBe('0');
  });

  it('is not a requirement for other vehicles', async () => {
    const d = await decide(
      claim({
        good: {
          kind: 'vehicle',
          description: 'motorhome',
          hs: '8703.24',
          plant: 'ASM',
          attributes: { motorhome: true },
        },
      }),
    );
    expect(requirement(d, 'lvc').status).toBe('not-applicable');
    expect(requirement(d, 'rvc').rule?.id).toBe('usmca.auto.rvc.other_vehicle_s20_2');
  });
});
