/**
 * The interpretation switches: the claim format (src/input/terms.ts) and the rule pack (usmca.interpretation.*)
 * name the same switches and readings; each reading is described and cited in instruments the pack declares; the
 * default and each importing country's reading are readings of the switch.
 */
import { describe, expect, it } from 'vitest';
import { INTERPRETATION_SWITCHES, type SwitchId } from '../../src/input/terms.js';
import { SWITCH_RULES } from '../../src/requirements/interpretation.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { InterpretationSwitch } from '../../src/rules/values.js';

describe('interpretation switches in the rule pack', () => {
  const pack = loadRulePack();
  const ids = Object.keys(INTERPRETATION_SWITCHES) as SwitchId[];

  it('every switch of the claim format has its rule, and every interpretation rule is a switch', () => {
    expect(Object.keys(SWITCH_RULES).sort()).toEqual([...ids].sort());
    const inPack = [...pack.parameters.keys()].filter((k) => k.startsWith('usmca.interpretation.')).sort();
    expect(inPack).toEqual(Object.values(SWITCH_RULES).sort());
  });

  for (const id of ids) {
    it(`${id}: the pack describes exactly the claim format's readings, cited in declared instruments`, () => {
      const p = pack.parameters.get(SWITCH_RULES[id]);
      expect(p?.entries.length).toBeGreaterThan(0);
      for (const entry of p?.entries ?? []) {
        if (entry.value === null) continue;
        const v = entry.value as InterpretationSwitch;
        expect(v.switch).toBe(id);
        expect(Object.keys(v.readings).sort()).toEqual([...INTERPRETATION_SWITCHES[id]].sort());
        expect(INTERPRETATION_SWITCHES[id] as readonly string[]).toContain(v.default);
        const cites = [
          ...Object.values(v.readings).flatMap((r) => r.cites),
          ...Object.values(v.importingCountry ?? {}).flatMap((c) => c.cites),
        ];
        for (const c of cites) expect(Object.keys(pack.manifest.instruments)).toContain(c.instrument);
        for (const c of Object.keys(v.importingCountry ?? {})) expect(['US', 'CA', 'MX']).toContain(c);
      }
    });
  }
});
