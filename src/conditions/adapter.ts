/**
 * The one place json-rules-engine is used. Conditions written as data in rules/ are evaluated here, with
 * operators that compare decimals exactly (the engine's own numeric operators compare JavaScript numbers,
 * where 0.7 + 0.1 >= 0.8 is false) and match HS codes. Facts are plain values computed by pure modules;
 * no arithmetic happens here.
 *
 * Synchronously: the library parses each tree (its Rule and Condition classes, which reject a malformed tree)
 * and every comparison is an operator as the library defines one (it passes when its fact-value check and its
 * comparison both do); what its Engine adds is asynchronous fact lookup (facts computed on demand, possibly
 * from a service), which facts known in advance do not need. The pack's trees have no priorities
 * (rules/values.ts), so, as in the library, every condition of an all/any is evaluated; a fact path is "$.name"
 * (the library's JSONPath, on a plain object, is that property). test/property/conditions checks this against
 * the library's Engine on the pack's own trees.
 */
import { Rule, type TopLevelCondition } from 'json-rules-engine';
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

/** The operators the adapter adds: decimal comparisons by value, HS selectors (the reference test gives them to the library). */
export const DECIMAL_AND_HS: Record<string, (factValue: unknown, jsonValue: unknown) => boolean> = {
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

/**
 * json-rules-engine's own operators that are safe here (no numeric comparison), as the library defines them
 * (engine-default-operators: a fact that is not an array fails contains and doesNotContain).
 */
const SAFE_BUILTINS: Record<string, [(a: any, b: any) => boolean, ((factValue: unknown) => boolean)?]> = {
  equal: [(a, b) => a === b],
  notEqual: [(a, b) => a !== b],
  in: [(a, b) => b.indexOf(a) > -1],
  notIn: [(a, b) => b.indexOf(a) === -1],
  contains: [(a, b) => a.indexOf(b) > -1, Array.isArray],
  doesNotContain: [(a, b) => a.indexOf(b) === -1, Array.isArray],
};

/** An operator as json-rules-engine's Operator evaluates one: the fact-value check, then the comparison. */
interface ConditionOperator {
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

function operator(
  compare: (factValue: any, jsonValue: any) => boolean,
  factValueValid: (factValue: unknown) => boolean = () => true,
): ConditionOperator {
  return { evaluate: (factValue, jsonValue) => factValueValid(factValue) && compare(factValue, jsonValue) };
}

/** Every operator a pack's condition may use. */
const OPERATORS = new Map<string, ConditionOperator>([
  ...Object.entries(DECIMAL_AND_HS).map(([name, fn]) => [name, operator(fn)] as const),
  ...Object.entries(SAFE_BUILTINS).map(([name, [fn, valid]]) => [name, operator(fn, valid)] as const),
]);

/** The names of the operators a condition may use. */
export const OPERATOR_NAMES = [...OPERATORS.keys()].sort();

/** Operators a condition tree uses that the adapter does not provide (checked when a pack is used). */
export function unknownOperators(tree: ConditionTree): string[] {
  const found = new Set<string>();
  const walk = (t: ConditionTree): void => {
    if ('all' in t) t.all.forEach(walk);
    else if ('any' in t) t.any.forEach(walk);
    else if ('not' in t) walk(t.not);
    else if (!OPERATORS.has(t.operator)) found.add(t.operator);
  };
  walk(tree);
  return [...found].sort();
}

/**
 * Evaluates named condition trees against one set of facts. Throws on a malformed tree or an unknown operator
 * (a rule-pack error: packs are checked at load).
 */
export function evaluateConditions(
  trees: ReadonlyArray<{ name: string; conditions: ConditionTree }>,
  facts: Facts,
): Map<string, ConditionResult> {
  const out = new Map<string, ConditionResult>();
  for (const t of trees) {
    const rule = new Rule({
      name: t.name,
      conditions: t.conditions as unknown as TopLevelCondition,
      event: { type: t.name },
    });
    const outcomes: ConditionOutcome[] = [];
    const passed = evaluate(rule.conditions as unknown as ConditionNode, facts, outcomes);
    out.set(t.name, { passed, outcomes });
  }
  return out;
}

/** A node of the library's parsed condition tree (Condition). */
interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
}

/** Evaluates a node, recording each leaf in tree order. */
function evaluate(node: ConditionNode, facts: Facts, out: ConditionOutcome[]): boolean {
  if (node.all) return node.all.map((n) => evaluate(n, facts, out)).every((r) => r);
  if (node.any) return node.any.map((n) => evaluate(n, facts, out)).some((r) => r);
  if (node.not) return !evaluate(node.not, facts, out);
  const op = OPERATORS.get(node.operator ?? '');
  if (!op) throw new Error(`Unknown operator: ${node.operator}`);
  const factValue = factOf(facts, node.fact as string, node.path);
  const v = node.value;
  const isReference = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact');
  const reference = v as { fact: string; path?: string };
  const valueResult = isReference ? factOf(facts, reference.fact, reference.path) : v;
  const result = op.evaluate(factValue, valueResult);
  const outcome: ConditionOutcome = {
    fact: node.fact as string,
    operator: node.operator as string,
    value: valueResult !== undefined ? valueResult : v,
    factValue,
    result,
  };
  if (node.path !== undefined) outcome.path = node.path;
  out.push(outcome);
  return result;
}

/** A fact's value, and at "$.name" the named property of an object value (an undefined fact is undefined). */
function factOf(facts: Facts, name: string, path: string | undefined): unknown {
  const value = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
  if (!path || value === null || typeof value !== 'object') return value;
  const key = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1];
  if (key === undefined) throw new Error(`internal: condition path ${path} is not "$.name"`);
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
