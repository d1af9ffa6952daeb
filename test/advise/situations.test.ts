/**
 * The situations advice was written for, with their figures: a part short by 8.50 USD that a 12.00 USD
 * certification settles; an SUV short on LVC by 2,287.50 USD whose lines could be made at a high-wage plant; a
 * declared non-originating core part and what it may hold; per-part core averaging that passes; and a claim no
 * allowed change can save, with why.
 */
import { describe, expect, it } from 'vitest';
import { advise, type Advice, type AdvicePlan } from '../../src/advise/advise.js';
import { loadRulePack } from '../../src/rules/load.js';
import { load, type Obj } from '../helpers.js';
import {
  partShortBy850,
  sedanWithAxles,
  sedanWithNonOriginatingTransmission,
  suvShortOnLvc,
  suvWithLowWageAssembly,
} from './fixtures.js';

const pack = loadRulePack();
const run = (doc: Obj, options: Parameters<typeof advise>[1] = {}): Promise<Advice> =>
  advise(load(doc), { pack, ...options });
const figure = (plan: AdvicePlan | undefined, id: string) => plan?.proof.requirements.find((r) => r.id === id);
const ids = (plan: AdvicePlan | undefined) => plan?.changes.map((c) => c.id);

describe('a part short of its RVC by 8.50 USD, with a line of unknown origin worth 12.00 USD', () => {
  it('is settled by the certification of that line first (evidence before re-sourcing), proven at 73.5 %', async () => {
    const a = await run(partShortBy850());
    expect(a.verdict).toBe('not-originating');
    expect(a.requirements.find((r) => r.id === 'rvc')).toMatchObject({ value: '61.5', marginAmount: '-8.50' });
    const [first, second] = a.plans;
    expect(ids(first)).toEqual(['origin:SEALS']);
    expect(first?.changes[0]).toMatchObject({
      kind: 'evidence',
      valueAtStake: '12.00',
      paths: ['/materials/2/origin'],
    });
    // What the change asserts: the fact the producer must be able to show before applying it.
    expect(first?.changes[0]?.asserts).toBe(
      "SEALS is an originating good of its supplier, as the supplier's certification of origin shows (s. 9)",
    );
    // VNM 38.50 - 12.00 = 26.50 on a net cost of 100.00: RVC 73.5 %, 3.50 USD to spare.
    expect(figure(first, 'rvc')).toMatchObject({ status: 'pass', value: '73.5', marginAmount: '3.50' });
    expect(first?.proof.verdict).toBe('originating');
    expect(first?.optimality).toBe('proved-optimal');
    // Re-sourcing the 26.50 line also settles it, and comes second.
    expect(ids(second)).toEqual(['origin:PISTON']);
    expect(figure(second, 'rvc')).toMatchObject({ value: '88', marginAmount: '18.00' });
  });

  it('gives the settling plan as a patch that changes only the listed path, after testing the line id', async () => {
    const a = await run(partShortBy850(), { maxPlans: 1 });
    expect(a.plans[0]?.patch).toEqual([
      { op: 'test', path: '/materials/2/id', value: 'SEALS' },
      { op: 'replace', path: '/materials/2/origin', value: 'originating' },
    ]);
  });
});

describe('an SUV missing LVC by 2,287.50 USD, with lines at a low-wage plant', () => {
  it('moves the line that settles it to the high-wage plant: LVC 40.375 %, proven', async () => {
    const a = await run(suvShortOnLvc());
    expect(a.requirements.find((r) => r.id === 'lvc')).toMatchObject({
      status: 'fail',
      value: '32.375',
      marginAmount: '-2287.50',
    });
    const move = a.plans.find((p) => ids(p)?.join() === 'plant:M1');
    expect(move?.changes[0]?.description).toMatch(
      /M1 .* made at the qualifying high-wage plant HIGH \(US\) instead of LOW/,
    );
    expect(move?.changes[0]?.paths).toEqual(['/materials/2/country', '/materials/2/plant']);
    expect(move?.changes[0]?.asserts).toBe(
      'M1 will be made at plant HIGH, whose wage data qualify it as a high-wage plant, at its current price (s. 18(4), (7))',
    );
    // High-wage expenditure 6,712.50 + 2,400.00 = 9,112.50 on 30,000.00: 30.375 points, + 10 technology = 40.375.
    expect(figure(move, 'lvc')).toMatchObject({ status: 'pass', value: '40.375', marginAmount: '112.50' });
    // The annual-purchase-value formula (s. 18(6)(b)) is the other one-change plan: an election, proven too.
    const election = a.plans.find((p) => ids(p)?.join() === 'election:lvcFormula');
    expect(election?.variant).toBe('lvcFormula: annual-purchase-value');
    expect(figure(election, 'lvc')?.status).toBe('pass');
    // Two smaller lines together would do as well, but never a plan holding M1 and more (1-minimal).
    for (const p of a.plans) expect(p.minimal).toBe('proven');
  });

  it('says why no change can save it when the assembly plant pays less than the high-wage rate', async () => {
    const doc = suvWithLowWageAssembly();
    const a = await run(doc);
    expect(a.status).toBe('no-plan');
    expect(a.plans).toEqual([]);
    expect(a.noPlan?.reasons.join('\n')).toMatch(
      /as claimed: LVC: even with every line made at a qualifying high-wage plant .* the assembly plant ASM pays less than the high-wage rate \(294\.22 MXN an hour\), so its high-wage labor costs \(3000\.00 USD\) cannot count/,
    );
  });
});

describe('an SUV short on LVC whose lines name no plant (LVC_PLANT_MISSING)', () => {
  it('has no plan, and says the plants are evidence only the producer has, with the value at stake', async () => {
    // suvShortOnLvc without its high-wage plant HIGH, and no plant named on HW1, M1, M2, M3 (all produced in MX or
    // the US): 3,712.50 + 2,400.00 + 1,500.00 + 900.00 = 8,512.50 USD per SUV that no change advice may propose counts.
    const doc = suvShortOnLvc();
    const producer = doc.producer as { plants: Obj[] };
    producer.plants = producer.plants.filter((p) => p.id !== 'HIGH');
    doc.materials = (doc.materials as Obj[]).map((m) => {
      if (m.plant !== 'LOW' && m.plant !== 'HIGH') return m;
      const { plant: _plant, ...rest } = m;
      return rest;
    });
    const a = await run(doc);
    expect(a.status).toBe('no-plan');
    expect(a.noPlan?.reasons[0]).toContain(
      '4 lines produced in the region name no plant (HW1, M1, M2, M3: 8512.50 USD per good, LVC_PLANT_MISSING); naming the plant each was made at, with its wage data, is evidence only the producer has',
    );
  });
});

describe('a core part declared non-originating, without figures', () => {
  it('says what the part may hold to be originating: 450.00 of its 1,800.00 (75 % RVC)', async () => {
    const a = await run(sedanWithNonOriginatingTransmission());
    expect(a.requirements.find((r) => r.id === 'core-parts')?.status).toBe('fail');
    const plan = a.plans[0];
    expect(ids(plan)).toEqual(['origin:TRANS']);
    expect(plan?.changes[0]?.description).toContain(
      'as a core part (transmissions) it must itself be originating, at least 75% RVC: at most 450.00 USD of non-originating materials per good',
    );
    expect(figure(plan, 'core-parts')?.status).toBe('pass');
  });

  it('re-sources it at the quoted price: the total cost and every ratio move with it', async () => {
    const a = await run(sedanWithNonOriginatingTransmission(true), { objective: 'cost' });
    const plan = a.plans[0];
    expect(ids(plan)).toEqual(['quote:TRANS:0']);
    expect(plan?.objective).toEqual({ changes: 1, addedCost: '100.00' });
    expect(plan?.patch).toContainEqual({ op: 'replace', path: '/costs/totalCost', value: '10100.00' });
    expect(plan?.patch).toContainEqual({
      op: 'replace',
      path: '/materials/1/unitValue',
      value: { amount: '1900.00', currency: 'USD' },
    });
    // Net cost 10,100.00 (LVC 3,000 / 10,100 = 29.70 points + 15 credits); the transmission counts nothing now.
    expect(figure(plan, 'lvc')?.value).toBe('44.70297');
    expect(figure(plan, 'rvc')?.value).toBe('100');
  });
});

describe('core parts that pass only averaged as a parts category', () => {
  it('elects parts-category averaging (s. 14(12)): the axles at 80 %', async () => {
    const a = await run(sedanWithAxles());
    // The front axle fails on its own: 600 of 1,000 regional, 60 %.
    expect(a.requirements.find((r) => r.id === 'core-parts')).toMatchObject({ status: 'fail', value: '60' });
    const plan = a.plans[0];
    expect(ids(plan)).toEqual(['election:coreAveraging']);
    expect(plan?.changes[0]?.asserts).toBe('no fact: an election the law offers the producer (s. 14(12))');
    expect(plan?.patch).toEqual([{ op: 'add', path: '/elections', value: { coreAveraging: 'parts-category' } }]);
    expect(figure(plan, 'core-parts')).toMatchObject({ status: 'pass', value: '80' });
  });
});

describe('a claim that passes', () => {
  it('gets no plan, unless a margin is asked for that it lacks', async () => {
    const doc = partShortBy850();
    (doc.materials as Obj[])[2] = { ...(doc.materials as Obj[])[2], origin: 'originating' };
    const passes = await run(doc);
    expect(passes.status).toBe('passes');
    expect(passes.plans).toEqual([]);
    // RVC 73.5 %: 3.5 points of margin. Asking for 3.5 is met; asking for 4 needs a plan.
    expect((await run(doc, { minMargin: '3.5' })).status).toBe('passes');
    const more = await run(doc, { minMargin: '4' });
    expect(more.status).toBe('plans');
    expect(ids(more.plans[0])).toEqual(['origin:PISTON']);
    expect(Number(figure(more.plans[0], 'rvc')?.marginPoints)).toBeGreaterThanOrEqual(4);
  });
});

describe('elections the law offers', () => {
  it('the transaction value method, for a part whose rule has one (a lock of 8301.20, Table C: 65 % NC, 75 % TV)', async () => {
    const doc = partShortBy850();
    doc.good = { ...(doc.good as Obj), hs: '8301.20', partTable: 'C' };
    // Its non-originating part is a lock part of 8301.60, so GN 11(o)/83.1 (A) (a change of chapter) fails and (B)
    // (from 8301.60, with the RVC) decides it.
    (doc.materials as Obj[])[1] = { ...((doc.materials as Obj[])[1] as Obj), hs: '8301.60' };
    (doc.costs as Obj).transactionValue = '160.00';
    const a = await run(doc);
    // Net cost method: (100 - 38.50) / 100 = 61.5 %, 3.50 short of 65 %.
    expect(a.requirements.find((r) => r.id === 'rvc')).toMatchObject({ value: '61.5', marginAmount: '-3.50' });
    const tv = a.plans.find((p) => ids(p)?.join() === 'election:rvcMethod');
    expect(tv?.variant).toBe('rvcMethod: transaction-value');
    expect(tv?.patch).toEqual([{ op: 'add', path: '/elections', value: { rvcMethod: 'transaction-value' } }]);
    // (160 - 38.50) / 160 = 75.9375 %.
    expect(figure(tv, 'rvc')).toMatchObject({ status: 'pass', value: '75.9375', marginAmount: '1.50' });
  });

  it('every core-parts method, where the claim elected one that fails (full VNM) and another passes', async () => {
    const doc = sedanWithAxles();
    doc.elections = { corePartsMethod: 'full' };
    const front = (doc.materials as Obj[])[1] as { materials: Obj[] };
    front.materials = [
      { ...(front.materials[0] as Obj), origin: 'originating' },
      front.materials[1] as Obj,
      { id: 'BRKT', hs: '7326.90', quantity: '1', unitValue: '300.00', origin: 'non-originating' },
    ];
    const a = await run(doc);
    // By full VNM the front axle holds 300 of 1,000 non-originating (70 %); its listed components are all regional.
    expect(a.requirements.find((r) => r.id === 'core-parts')).toMatchObject({ status: 'fail', value: '70' });
    const best = a.plans.find((p) => ids(p)?.join() === 'election:corePartsMethod');
    expect(best?.patch).toEqual([{ op: 'replace', path: '/elections/corePartsMethod', value: 'best' }]);
    expect(figure(best, 'core-parts')).toMatchObject({ status: 'pass', value: '100' });
  });
});
