/**
 * The one place json-rules-engine is used. Conditions written as data in rules/ are evaluated here, with
 * operators that compare decimals exactly (the engine's own numeric operators compare JavaScript numbers,
 * where 0.7 + 0.1 >= 0.8 is false) and match HS codes. Facts are plain values computed by pure modules;
 * no arithmetic happens here.
 */
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { Dec, isDecimalString } from '../num/decimal.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { ConditionTree } from '../rules/values.js';

export type Facts = Record<string, unknown>;

/** One evaluated leaf of a condition, for explanations. */
export interface ConditionOutcome {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

export interface ConditionResult {
  passed: boolean;
  /** Leaves in the order they appear in the rule; short-circuited leaves are omitted. */
  outcomes: ConditionOutcome[];
}

function decimalCompare(test: (c: number) => boolean) {
  return (factValue: unknown, jsonValue: unknown): boolean => {
    if (typeof factValue !== 'string' || typeof jsonValue !== 'string') return false;
    if (!isDecimalString(factValue) || !isDecimalString(jsonValue)) return false;
    return test(new Dec(factValue).comparedTo(new Dec(jsonValue)));
  };
}

const OPERATORS: Record<string, (factValue: unknown, jsonValue: unknown) => boolean> = {
  decimalEqual: decimalCompare((c) => c === 0),
  decimalGreaterThan: decimalCompare((c) => c > 0),
  decimalGreaterThanInclusive: decimalCompare((c) => c >= 0),
  decimalLessThan: decimalCompare((c) => c < 0),
  decimalLessThanInclusive: decimalCompare((c) => c <= 0),
  hsIn: (factValue, jsonValue) =>
    typeof factValue === 'string' && Array.isArray(jsonValue) && hsMatchesAny(factValue, jsonValue as string[]),
  hsNotIn: (factValue, jsonValue) =>
    typeof factValue === 'string' && Array.isArray(jsonValue) && !hsMatchesAny(factValue, jsonValue as string[]),
};

/** json-rules-engine's own operators that are safe here (no numeric comparison). */
const SAFE_BUILTINS = new Set(['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain']);

export const OPERATOR_NAMES = [...Object.keys(OPERATORS), ...SAFE_BUILTINS].sort();

function newEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, fn] of Object.entries(OPERATORS)) engine.addOperator(name, fn);
  for (const builtin of ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']) {
    engine.removeOperator(builtin);
  }
  return engine;
}

/** Operators a condition tree uses that the adapter does not provide (checked when a pack is used). */
export function unknownOperators(tree: ConditionTree): string[] {
  const found = new Set<string>();
  const walk = (t: ConditionTree): void => {
    if ('all' in t) t.all.forEach(walk);
    else if ('any' in t) t.any.forEach(walk);
    else if ('not' in t) walk(t.not);
    else if (!OPERATORS[t.operator] && !SAFE_BUILTINS.has(t.operator)) found.add(t.operator);
  };
  walk(tree);
  return [...found].sort();
}

/** Evaluates named condition trees against one set of facts, in one engine run. */
export async function evaluateConditions(
  trees: ReadonlyArray<{ name: string; conditions: ConditionTree }>,
  facts: Facts,
): Promise<Map<string, ConditionResult>> {
  const engine = newEngine();
  trees.forEach((t, i) => {
    engine.addRule({
      name: t.name,
      priority: trees.length - i,
      conditions: t.conditions as unknown as TopLevelCondition,
      event: { type: t.name },
    });
  });
  const run = await engine.run(facts);
  const out = new Map<string, ConditionResult>();
  for (const r of [...run.results, ...run.failureResults]) {
    const outcomes: ConditionOutcome[] = [];
    collect(r.conditions as unknown as ResultNode, facts, outcomes);
    out.set(r.name, { passed: r.result === true, outcomes });
  }
  return out;
}

interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

function collect(node: ResultNode, facts: Facts, out: ConditionOutcome[]): void {
  if (node.all) node.all.forEach((n) => collect(n, facts, out));
  else if (node.any) node.any.forEach((n) => collect(n, facts, out));
  else if (node.not) collect(node.not, facts, out);
  else if (node.fact !== undefined && node.result !== undefined) {
    const outcome: ConditionOutcome = {
      fact: node.fact,
      operator: node.operator ?? '',
      value: node.valueResult !== undefined ? node.valueResult : node.value,
      factValue: node.factResult,
      result: node.result,
    };
    if (node.path !== undefined) outcome.path = node.path;
    out.push(outcome);
  }
}
