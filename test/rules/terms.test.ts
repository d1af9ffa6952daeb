/**
 * The claim format's closed vocabularies (src/input/terms.ts) and the rule pack name the same things: the
 * Table A.2 groups a BOM line's corePart may take are the groups of usmca.auto.table.a2 on every date it has a
 * value; the parts tables a claim may name are the tables usmca.auto.parts.tables ties to thresholds, on every
 * date it has a value.
 */
import { describe, expect, it } from 'vitest';
import { CORE_PART_GROUPS, PART_TABLES } from '../../src/input/terms.js';
import { loadRulePack } from '../../src/rules/load.js';

describe('claim vocabularies and the rule pack', () => {
  const pack = loadRulePack();

  it('corePart takes exactly the Table A.2 group ids of the pack, on every dated value', () => {
    const a2 = pack.parameters.get('usmca.auto.table.a2');
    expect(a2?.entries.length).toBeGreaterThan(0);
    for (const entry of a2?.entries ?? []) {
      if (entry.value === null) continue;
      const groups = (entry.value as { groups: Array<{ id: string }> }).groups.map((g) => g.id);
      expect([...groups].sort(), entry.from).toEqual([...CORE_PART_GROUPS].sort());
    }
  });

  it('partTable takes exactly the tables tied to a threshold, on every dated value', () => {
    const map = pack.parameters.get('usmca.auto.parts.tables');
    expect(map?.entries.length).toBeGreaterThan(0);
    for (const entry of map?.entries ?? []) {
      if (entry.value === null) continue;
      const tables = (entry.value as { tables: Array<{ table: string }> }).tables.map((t) => t.table);
      expect([...tables].sort(), entry.from).toEqual([...PART_TABLES].sort());
    }
  });
});
