/**
 * The condition adapter evaluates synchronously (src/conditions/adapter.ts); json-rules-engine's own Engine,
 * asynchronous, is the reference. On the rule pack's own condition trees (the vehicle classes, the vehicles'
 * tariff shift) and generated facts, both give the same result and the same evaluated leaves, in order.
 */
import fc from 'fast-check';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { DECIMAL_AND_HS, evaluateConditions, type Facts } from '../../src/conditions/adapter.js';
import { loadRulePack } from '../../src/rules/load.js';
import type { ConditionTree } from '../../src/rules/values.js';

/** The library's Engine as the adapter used it before it evaluated synchronously. */
async function reference(trees: ReadonlyArray<{ name: string; conditions: ConditionTree }>, facts: Facts) {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, fn] of Object.entries(DECIMAL_AND_HS)) engine.addOperator(name, fn);
  for (const builtin of ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])
    engine.removeOperator(builtin);
  trees.forEach((t, i) =>
    engine.addRule({
      name: t.name,
      priority: trees.length - i,
      conditions: t.conditions as unknown as TopLevelCondition,
      event: { type: t.name },
    }),
  );
  const run = await engine.run(facts);
  const out = new Map<string, { passed: boolean; outcomes: unknown[] }>();
  type Node = Record<string, unknown> & { all?: Node[]; any?: Node[]; not?: Node };
  const leaves = (n: Node, acc: unknown[]): unknown[] => {
    if (n.all) n.all.forEach((c) => leaves(c, acc));
    else if (n.any) n.any.forEach((c) => leaves(c, acc));
    else if (n.not) leaves(n.not, acc);
    else if (n.result !== undefined)
      acc.push({
        fact: n.fact,
        operator: n.operator,
        value: n.valueResult !== undefined ? n.valueResult : n.value,
        factValue: n.factResult,
        result: n.result,
        ...(n.path !== undefined ? { path: n.path } : {}),
      });
    return acc;
  };
  for (const r of [...run.results, ...run.failureResults])
    out.set(r.name, { passed: r.result === true, outcomes: leaves(r.conditions as unknown as Node, []) });
  return out;
}

const pack = loadRulePack();
const date = '2026-06-15';
const classTrees = pack
  .at('usmca.auto.vehicle_classes', date)
  .value.classes.map((c, i) => ({ name: String(i), conditions: c.conditions }));
const shiftTree = [
  { name: 'tariff-shift', conditions: pack.at('usmca.auto.tariff_shift.vehicles', date).value.passes },
];

const hs = fc.constantFrom(
  '8701.20',
  '8701.91',
  '8702.10',
  '8703.10',
  '8703.23',
  '8703.32',
  '8703.80',
  '8704.10',
  '8704.21',
  '8704.22',
  '8704.31',
  '8704.90',
  '8705.10',
  '8706.00',
  '8708.29',
);
const flag = fc.option(fc.boolean(), { nil: undefined });
const attributes = fc.record(
  {
    offRoad: flag,
    compressionIgnition: flag,
    motorcycle: flag,
    motorhome: flag,
    ambulanceHearsePrisonVan: flag,
    seats: fc.option(fc.constantFrom('1', '9', '15', '15.0', '16', '40'), { nil: undefined }),
    chassisFor: fc.option(fc.constantFrom('passenger-vehicle', 'light-truck', 'heavy-truck', 'other'), {
      nil: undefined,
    }),
  },
  { requiredKeys: [] },
);
const amount = fc.integer({ min: 0, max: 2_000_000 }).map((c) => (c / 100).toFixed(2));

const same = async (trees: typeof classTrees, facts: Facts) => {
  const expected = await reference(trees, facts);
  const actual = evaluateConditions(trees, facts);
  for (const t of trees) expect(JSON.parse(JSON.stringify(actual.get(t.name)))).toEqual(expected.get(t.name));
};

describe('condition adapter, synchronous, against json-rules-engine', () => {
  it('the vehicle classes: same class, same leaves', async () => {
    await fc.assert(
      fc.asyncProperty(hs, attributes, async (code, attrs) => same(classTrees, { hs: code, attributes: attrs })),
      { numRuns: 300 },
    );
  });

  it('the tariff shift with de minimis: same result, same leaves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), amount, amount, async (failingCount, failingValue, limit) =>
        same(shiftTree, { failingCount, failingValue, deMinimisLimit: limit }),
      ),
      { numRuns: 300 },
    );
  });
});
