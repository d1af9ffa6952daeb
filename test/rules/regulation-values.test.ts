/**
 * The rule pack against an independent transcription of the Uniform Regulations (regulation-values.yaml, read
 * in SOR/2020-155, not copied from rules/): on every date a value changes in either, and the day before, the
 * pack's value in force must be the regulation's. Decimals compare by value ("16" = "16.00").
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/num/dates.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { ParameterId } from '../../src/rules/catalog.js';
import { at, REGULATION, valueOn } from './regulation-values.js';

const pack = loadRulePack();
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Deep equality in which two decimal strings are equal when their values are. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && DECIMAL.test(a) && DECIMAL.test(b))
    return new Decimal(a).equals(new Decimal(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      sameValue(ka, kb) &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

describe('the rule pack against the transcribed regulation', () => {
  it('transcribes every rule of the pack, or says why not', () => {
    const transcribed = new Set(REGULATION.values.map((v) => v.rule));
    const skipped = new Set(Object.keys(REGULATION['not-transcribed']));
    for (const id of pack.parameters.keys()) {
      expect(transcribed.has(id) || skipped.has(id), `${id} is neither transcribed nor listed as not transcribed`).toBe(
        true,
      );
      expect(transcribed.has(id) && skipped.has(id), `${id} is both transcribed and listed as not transcribed`).toBe(
        false,
      );
    }
    for (const id of [...transcribed, ...skipped])
      expect(pack.parameters.has(id), `${id} is not in the pack`).toBe(true);
  });

  for (const t of REGULATION.values) {
    const label = `${t.rule}${t.path ? ` ${JSON.stringify(t.path)}` : ''}`;
    it(`${label}: the pack holds the regulation's value on every step date and the day before`, () => {
      const steps = new Set<string>(['2020-06-30', '2030-01-01']);
      for (const p of t.periods) {
        steps.add(p.from);
        if (p.to) steps.add(addDays(p.to, 1));
      }
      for (const e of pack.parameters.get(t.rule)?.entries ?? []) steps.add(e.from);
      const dates = [...steps].flatMap((d) => [addDays(d, -1), d]).filter((d) => !t.unsettled?.includes(d));
      for (const d of dates.sort()) {
        const expected = valueOn(t, d);
        const actual = at(pack.optional(t.rule as ParameterId, d)?.value, t.path);
        expect(
          sameValue(actual, expected),
          `${label} on ${d}: pack ${JSON.stringify(actual)}, regulation ${JSON.stringify(expected)} (${t.read})`,
        ).toBe(true);
      }
    });
  }
});
