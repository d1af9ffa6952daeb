/**
 * Every phase-in step of every dated value: on the day before the step the previous value is in force, on
 * the day of the step the new one. Then, through the whole engine, the RVC and LVC thresholds that apply to
 * a vehicle on those days, as the regulation states them (regulation-values.yaml, transcribed from the text).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/num/dates.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { ParameterId } from '../../src/rules/catalog.js';
import { claim, decide, requirement } from '../helpers.js';
import { regulationValue } from './regulation-values.js';

const pack = loadRulePack();

describe('every phase-in step in the rule pack', () => {
  for (const p of [...pack.parameters.values()].filter((x) => x.entries.length > 1)) {
    it(`${p.id}: the value changes on each effective date, not the day before`, () => {
      for (let i = 1; i < p.entries.length; i++) {
        const step = p.entries[i]!;
        const before = p.entries[i - 1]!;
        const dayBefore = addDays(step.from, -1);
        const valueOn = (date: string) => pack.optional(p.id as ParameterId, date)?.value ?? null;
        expect(valueOn(dayBefore), `${p.id} on ${dayBefore}`).toEqual(before.value);
        expect(valueOn(step.from), `${p.id} on ${step.from}`).toEqual(step.value);
      }
    });
  }
});

describe('thresholds applied by the engine on the day before and the day of each step', () => {
  const cases: Array<{ hs: string; attributes?: Record<string, unknown>; rvc: string; lvc?: string }> = [
    { hs: '8703.23', rvc: 'usmca.auto.rvc.passenger_vehicle', lvc: 'usmca.auto.lvc.passenger_vehicle' },
    { hs: '8704.31', rvc: 'usmca.auto.rvc.light_truck', lvc: 'usmca.auto.lvc.light_truck' },
    {
      hs: '8701.20',
      attributes: { compressionIgnition: true },
      rvc: 'usmca.auto.rvc.heavy_truck',
      lvc: 'usmca.auto.lvc.heavy_truck',
    },
  ];
  for (const c of cases) {
    const rvcParam = pack.parameters.get(c.rvc)!;
    const lvcParam = c.lvc ? pack.parameters.get(c.lvc)! : undefined;
    const dates = [...new Set([...rvcParam.entries, ...(lvcParam?.entries ?? [])].map((e) => e.from))].sort().slice(1);
    for (const date of dates) {
      it(`${c.hs}: ${addDays(date, -1)} and ${date}`, async () => {
        for (const d of [addDays(date, -1), date]) {
          const decision = await decide(
            claim({
              decisionDate: d,
              good: { kind: 'vehicle', description: 'v', hs: c.hs, plant: 'ASM', attributes: c.attributes ?? {} },
            }),
          );
          const rvc = requirement(decision, 'rvc');
          const expectedRvc = pack.at(c.rvc as ParameterId, d);
          expect(rvc.rule).toEqual({ id: c.rvc, effectiveFrom: expectedRvc.effectiveFrom, value: expectedRvc.value });
          expect(rvc.threshold).toBe(regulationValue(c.rvc, d));
          if (c.lvc) {
            const lvc = requirement(decision, 'lvc');
            const expectedLvc = regulationValue(c.lvc, d) as { total: string; materialMinimum: string };
            expect(lvc.threshold).toBe(expectedLvc.total);
            expect(lvc.limbs?.find((l) => l.id === 'lvc.material-and-manufacturing')?.threshold).toBe(
              expectedLvc.materialMinimum,
            );
          }
        }
      });
    }
  }
});
