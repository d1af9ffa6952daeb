/**
 * A vehicle claim must account for every Table A.2 group (UR s. 14(4)): a line marked with the group's corePart, or
 * the group declared absent. Where one is not, advice proposes the declaration that accounts for it, says what it
 * asserts, and finds the rest of the plan with it: marking a line that is a candidate (its HS subheading among the
 * group's), with what the marked part's own RVC then needs; or, where no line can be the part, the producer's
 * declaration that the vehicle has none. Every plan's patch, applied, makes the claim pass (check-plans.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Advice, AdvicePlan } from '../../src/advise/advise.js';
import { loadRulePack } from '../../src/rules/load.js';
import {
  CORE_GROUPS,
  claim,
  declaredEngine,
  decide,
  limb,
  line,
  load,
  passingProducer,
  requirement,
  runCli,
  type Obj,
} from '../helpers.js';
import { checkAdvice } from './check-plans.js';
import {
  sedanWithoutBatteryDeclared,
  sedanWithUnmarkedTransmission,
  sedanWithUnmarkedTransmissionShort,
} from './fixtures.js';

const pack = loadRulePack();
const run = (doc: Obj, options: { maxPlans?: number } = {}): Promise<Advice> => checkAdvice(load(doc), pack, options);
const figure = (plan: AdvicePlan | undefined, id: string) => plan?.proof.requirements.find((r) => r.id === id);
const ids = (plan: AdvicePlan | undefined) => plan?.changes.map((c) => c.id);

describe('a Table A.2 group unaccounted for, with a line that can be its part', () => {
  it('marks the transmission line corePart: transmissions, says what that asserts, and proves the claim passes', async () => {
    const before = await decide(sedanWithUnmarkedTransmission());
    expect(before.evidenceGaps.map((g) => g.code)).toContain('CORE_PART_GROUP_UNACCOUNTED');
    expect(requirement(before, 'core-parts').status).toBe('fail');
    const a = await run(sedanWithUnmarkedTransmission());
    expect(a.status).toBe('plans');
    const plan = a.plans[0];
    expect(ids(plan)).toEqual(['corePart:transmissions:TRANS']);
    expect(plan?.variant).toBe('corePart: transmissions on TRANS');
    expect(plan?.changes[0]).toMatchObject({ kind: 'declaration', subject: 'TRANS', paths: ['/materials/1/corePart'] });
    expect(plan?.changes[0]?.description).toContain('its HS subheading is among the group');
    expect(plan?.changes[0]?.asserts).toMatch(
      /^TRANS is a Table A\.2 column-1 part of the group Transmissions used in the production of the vehicle \(s\. 14\(4\)\): the producer must confirm it/,
    );
    expect(plan?.patch).toEqual([
      { op: 'test', path: '/materials/1/id', value: 'TRANS' },
      { op: 'add', path: '/materials/1/corePart', value: 'transmissions' },
    ]);
    // Declared originating, without figures: the marked transmission passes, and so does the vehicle.
    expect(figure(plan, 'core-parts')?.status).toBe('pass');
    expect(plan?.proof.verdict).toBe('originating');
    // SEATS (9401.20) is no Table A.2 subheading: never proposed; nor is declaring transmissions absent.
    for (const p of a.plans)
      for (const c of p.changes) expect(c.id).not.toMatch(/SEATS|absentCoreParts:.*transmissions/);
  });

  it('where marking makes the part fail its own RVC (40 % < 75 %), finds the further change with it', async () => {
    // Marked alone, TRANS holds 600.00 of unknown origin in a net cost of 1,000.00: 40 % by either VNM method.
    const marked = sedanWithUnmarkedTransmissionShort();
    ((marked.materials as Obj[])[1] as Obj).corePart = 'transmissions';
    const alone = await decide(marked);
    expect(requirement(alone, 'core-parts').status).toBe('fail');
    expect(limb(requirement(alone, 'core-parts'), 'core-parts.transmissions.full')).toMatchObject({
      value: '40',
      status: 'fail',
    });
    expect(limb(requirement(alone, 'core-parts'), 'core-parts.transmissions.listed-components').value).toBe('40');

    const a = await run(sedanWithUnmarkedTransmissionShort());
    const plan = a.plans[0];
    // Two changes, found together: the declaration and the certification of the gears; each needed (1-minimal).
    expect(ids(plan)).toEqual(['corePart:transmissions:TRANS', 'origin:TRANS/GEARS']);
    expect(plan?.minimal).toBe('proven');
    expect(plan?.changes[0]?.description).toContain('its RVC computed from its net cost and materials (s. 14(7))');
    expect(plan?.changes[1]).toMatchObject({ kind: 'evidence', valueAtStake: '600.00' });
    expect(plan?.changes[1]?.asserts).toContain('TRANS/GEARS is an originating good of its supplier');
    // With the gears certified the transmission is 100 % regional: 250.00 USD to spare at 75 %.
    expect(figure(plan, 'core-parts')).toMatchObject({ status: 'pass', value: '100', marginAmount: '250.00' });
    expect(plan?.settles).toEqual([
      expect.objectContaining({ requirement: 'core-parts', after: expect.objectContaining({ value: '100' }) }),
    ]);
  });

  it('lists the other candidate lines of the group, and says they must be marked too if they are its parts', async () => {
    const doc = claim({
      producer: passingProducer(),
      good: {
        kind: 'vehicle',
        description: 'test sedan',
        hs: '8703.23',
        plant: 'ASM',
        absentCoreParts: [
          'transmissions',
          'body-and-chassis',
          'suspension-systems',
          'steering-systems',
          'advanced-batteries',
        ],
      },
      materials: [
        {
          id: 'ENGINE',
          description: 'engine',
          hs: '8407.34',
          quantity: '1',
          unitValue: '2000.00',
          origin: 'originating',
          corePart: 'engines',
        },
        line('AXF', '700.00', 'originating', { hs: '8708.50' }),
        line('AXR', '600.00', 'originating', { hs: '8708.50' }),
      ],
    });
    const a = await run(doc, { maxPlans: 2 });
    // The larger line first; each plan proven.
    expect(a.plans.map(ids)).toEqual([['corePart:axles:AXF'], ['corePart:axles:AXR']]);
    expect(a.plans[0]?.changes[0]?.description).toContain('(other candidate lines: AXR)');
    expect(a.plans[0]?.changes[0]?.asserts).toContain(
      'any other line that is also a part of this group (AXR?) must be marked too',
    );
  });
});

describe('a Table A.2 group unaccounted for, with no line that can be its part', () => {
  it("declares it absent, worded as the producer's statement that the vehicle has none, and proves the claim passes", async () => {
    const a = await run(sedanWithoutBatteryDeclared());
    const plan = a.plans[0];
    expect(ids(plan)).toEqual(['absentCoreParts:advanced-batteries']);
    expect(plan?.changes[0]).toMatchObject({ kind: 'declaration', paths: ['/good/absentCoreParts'] });
    expect(plan?.changes[0]?.asserts).toBe(
      'the vehicle has no advanced batteries at all: only the producer can confirm it, and it is not a way around the core parts requirement (s. 14(4)): if the vehicle has such a part, its line must be marked corePart: advanced-batteries instead, and it is then tested',
    );
    expect(plan?.patch).toEqual([
      {
        op: 'replace',
        path: '/good/absentCoreParts',
        value: [
          'transmissions',
          'body-and-chassis',
          'axles',
          'suspension-systems',
          'steering-systems',
          'advanced-batteries',
        ],
      },
    ]);
    expect(figure(plan, 'core-parts')?.status).toBe('pass');
  });

  it('says which lines could not be checked for lack of an HS code', async () => {
    const doc = sedanWithoutBatteryDeclared();
    const { hs: _hs, ...noHs } = line('PACK', '3000.00', 'originating');
    (doc.materials as Obj[]).push(noHs);
    const a = await run(doc);
    expect(a.plans[0]?.changes[0]?.description).toContain('1 line without an HS code could not be checked (PACK)');
  });

  it('never declares every group absent: a claim marking no line, with none that can be a core part, has no plan', async () => {
    const doc = claim({
      producer: passingProducer(),
      materials: [line('SEATS', '900.00', 'originating', { hs: '9401.20' })],
    });
    const a = await run(doc);
    expect(a.status).toBe('no-plan');
    expect(a.noPlan?.reasons).toContain(
      "core parts: no line of the bill of materials is marked corePart, and none has an HS subheading among Table A.2's (engines, transmissions, body-and-chassis, axles, suspension-systems, steering-systems, advanced-batteries): mark the vehicle's core parts (declaring every group absent is not proposed: a vehicle has core parts, s. 14(4))",
    );
  });
});

describe('a claim marking no line at all (CORE_PARTS_NOT_IDENTIFIED)', () => {
  it('marks the candidate lines of each group, certifies what they then need, and declares the rest absent', async () => {
    const doc = claim({
      producer: passingProducer(),
      materials: [
        line('ENG', '2000.00', 'unknown', { hs: '8407.34' }),
        line('AXLE', '700.00', 'originating', { hs: '8708.50' }),
        line('SEATS', '900.00', 'originating', { hs: '9401.20' }),
      ],
    });
    expect((await decide(doc)).evidenceGaps.map((g) => g.code)).toContain('CORE_PARTS_NOT_IDENTIFIED');
    const a = await run(doc, { maxPlans: 1 });
    // The engine of unknown origin, once marked, must be originating (s. 14(4)): its certification comes with it.
    expect(ids(a.plans[0])).toEqual([
      'absentCoreParts:transmissions+body-and-chassis+suspension-systems+steering-systems+advanced-batteries',
      'corePart:axles:AXLE',
      'corePart:engines:ENG',
      'origin:ENG',
    ]);
    expect(a.plans[0]?.proof.verdict).toBe('originating');
  });
});

describe('usmca-roo advise --patch-out, then evaluate --patch', () => {
  it('the declaration is a patch that evaluate applies: the claim as changed is originating', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'advise-accounting-'));
    const file = join(dir, 'claim.json');
    writeFileSync(file, JSON.stringify(sedanWithUnmarkedTransmissionShort()));
    const before = await runCli('evaluate', file);
    expect(before.out).toMatch(/VERDICT: {3}NOT ORIGINATING/);
    const r = await runCli('advise', file, '--patch-out', join(dir, 'plans'), '--max-plans', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ {2}1\. \(declaration\) mark TRANS /m);
    expect(r.out).toMatch(/^ {5}asserts: TRANS is a Table A\.2 column-1 part of the group Transmissions/m);
    const e = await runCli('evaluate', file, '--patch', join(dir, 'plans', 'plan-1.json'));
    expect(e.code, e.err).toBe(0);
    expect(e.out).toMatch(/VERDICT: {3}ORIGINATING/);
  });
});

/** A Table A.2 subheading of each group's part (rules/usmca/tables/table-a2-core-parts-components.yaml). */
const PART_HS: Record<(typeof CORE_GROUPS)[number], string> = {
  engines: '8407.34',
  transmissions: '8708.40',
  'body-and-chassis': '8707.10',
  axles: '8708.50',
  'suspension-systems': '8708.80',
  'steering-systems': '8708.94',
  'advanced-batteries': '8507.60',
};

/**
 * A sedan with one group unaccounted for, and for it no line, a line declared without figures, or a line with its net
 * cost and one material (of any origin, at most its whole net cost); the other lines are of no Table A.2 subheading.
 */
const unaccounted = fc
  .record({
    group: fc.constantFrom(...CORE_GROUPS),
    candidate: fc.constantFrom('none', 'declared', 'figures'),
    origin: fc.constantFrom('originating', 'non-originating', 'unknown'),
    inner: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ group, candidate, origin, inner }): Obj => {
    const marked = group === 'engines' ? 'transmissions' : 'engines';
    const part: Obj = {
      id: 'CAND',
      description: 'candidate part',
      hs: PART_HS[group],
      quantity: '1',
      unitValue: '1500.00',
      origin: candidate === 'figures' ? 'originating' : origin,
      ...(candidate === 'figures'
        ? {
            netCost: '1000.00',
            selfProduced: true,
            materials: [line('IN', `${inner}.00`, origin, { hs: '7326.90' })],
          }
        : {}),
    };
    return claim({
      producer: passingProducer(),
      good: {
        kind: 'vehicle',
        description: 'test sedan',
        hs: '8703.23',
        plant: 'ASM',
        absentCoreParts: CORE_GROUPS.filter((g) => g !== group && g !== marked),
      },
      materials: [
        { ...declaredEngine(), hs: PART_HS[marked], corePart: marked },
        ...(candidate === 'none' ? [] : [part]),
        line('SEATS', '900.00', 'originating', { hs: '9401.20' }),
      ],
    });
  });

describe('property: every group unaccounted for is accounted for by every plan, each proven', () => {
  it('a candidate line is marked in every plan; without one, the group is declared absent', async () => {
    await fc.assert(
      fc.asyncProperty(unaccounted, async (doc) => {
        const absent = (doc.good as { absentCoreParts: string[] }).absentCoreParts;
        const marked = ((doc.materials as Obj[])[0] as Obj).corePart;
        const missing = CORE_GROUPS.find((g) => !absent.includes(g) && g !== marked);
        const a = await run(doc, { maxPlans: 2 });
        expect(a.status).toBe('plans');
        const hasCandidate = (doc.materials as Obj[]).some((m) => m.id === 'CAND');
        for (const p of a.plans) {
          const declarations = p.changes.filter((c) => c.kind === 'declaration').map((c) => c.id);
          if (hasCandidate) expect(declarations).toEqual([expect.stringMatching(/^corePart:[a-z-]+:CAND$/)]);
          else expect(declarations).toEqual([`absentCoreParts:${missing ?? ''}`]);
        }
      }),
      { numRuns: 30, seed: 15 },
    );
  });
});
