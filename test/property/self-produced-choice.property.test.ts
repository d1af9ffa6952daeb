/**
 * s. 3(8): the choice the engine searches (self-produced-choice.ts, one evaluation per alternative) qualifies the
 * good whenever any of the 2^n choices of self-produced materials considered themselves does: checked against every
 * choice on random trees of self-produced materials, for 8708.10 (1) of s. 13 (change of heading, or from 8708.99
 * with an RVC). Where the claim leaves open which goods of the rule the good is (8708.50 (3) for an aftermarket part
 * tells five apart), the good qualifies whenever, for each of them, some choice qualifies it (s. 3(8), s. 5(2)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, ONE } from '../../src/num/decimal.js';
import { money, sumMoney } from '../../src/num/money.js';
import { moneyRatio } from '../../src/num/ratio.js';
import { loadRulePack } from '../../src/rules/load.js';
import { RulesInForce } from '../../src/rules/in-force.js';
import { evaluateProductSpecificRule } from '../../src/requirements/psr/evaluate.js';
import { productSpecificRuleFor } from '../../src/requirements/psr/lookup.js';
import { decideWithChoice } from '../../src/requirements/psr/self-produced-choice.js';
import { linesWithChosen, type SelfProducedCandidate } from '../../src/requirements/self-produced.js';
import type { CountedLine } from '../../src/requirements/vnm.js';

const rules = new RulesInForce(loadRulePack(), '2026-03-15');
const found = productSpecificRuleFor(rules, '8708.10', 'passenger-vehicle');
if (found.found !== 'held') throw new Error('8708.10 not held');
const rule = found.rule;
const axles = productSpecificRuleFor(rules, '8708.50', 'aftermarket');
if (axles.found !== 'held') throw new Error('8708.50 not held');
const axleRule = axles.rule;

type Tree = { hs: string; value: number; originating: boolean; children: Tree[] };
const hs = fc.constantFrom('8708.10', '8708.99', '7604.29');
const tree = (depth: number, codes: fc.Arbitrary<string> = hs): fc.Arbitrary<Tree> =>
  fc.record({
    hs: codes,
    value: fc.integer({ min: 1, max: 400 }),
    originating: fc.boolean(),
    children: depth <= 0 ? fc.constant([]) : fc.array(tree(depth - 1, codes), { maxLength: 2 }),
  });

const usd = (n: number) => money(new Dec(String(n)), 'USD');

function flatten(list: Tree[]): { counted: CountedLine[]; candidates: SelfProducedCandidate[] } {
  const counted: CountedLine[] = [];
  const candidates: SelfProducedCandidate[] = [];
  const line = (key: string, t: Tree): CountedLine => ({
    key,
    id: key,
    description: '',
    hs: t.hs,
    quantityPerGood: ONE,
    vnm: usd(t.value),
    reason: 'non-originating',
  });
  const walk = (nodes: Tree[], prefix: string, within: string | undefined): void =>
    nodes.forEach((t, i) => {
      const key = `${prefix}${i}`;
      if (t.children.length === 0) {
        if (!t.originating) counted.push(line(key, t));
        return;
      }
      candidates.push({ key, line: t.originating ? undefined : line(key, t), within });
      walk(t.children, `${key}/`, key);
    });
  walk(list, 'M', undefined);
  return { counted, candidates: candidates.filter((c) => counted.some((l) => l.key.startsWith(`${c.key}/`))) };
}

describe('s. 3(8): the searched choice of self-produced materials', () => {
  it('qualifies the good whenever some choice does (every subset tried by brute force)', () => {
    fc.assert(
      fc.property(fc.array(tree(2), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 100 }), (list, rvc) => {
        const { counted, candidates } = flatten(list);
        fc.pre(candidates.length <= 6);
        const evaluate = (lines: readonly CountedLine[]) =>
          evaluateProductSpecificRule({
            goodHs: '8708.10',
            rule,
            citation: 'test',
            date: '2026-03-15',
            nonOriginating: lines.map((l) => ({ key: l.key, hs: l.hs, value: l.vnm })),
            // s. 5(4) counts the materials as the RVC does, whatever the choice (s. 7(5)(a)).
            allNonOriginatingValue: sumMoney(
              counted.map((l) => l.vnm),
              'USD',
            ),
            deMinimis: { percent: '10', base: usd(1000), baseName: 'total cost', citation: 's. 5(1)' },
            rvc: { netCost: moneyRatio(usd(rvc), usd(100)), elected: 'net-cost' },
          });
        const searched = decideWithChoice({ rule, goodHs: '8708.10' }, { counted }, candidates, evaluate);
        let any = false;
        for (let mask = 0; mask < 1 << candidates.length && !any; mask++) {
          const chosen = new Set(candidates.filter((_, i) => (mask >> i) & 1).map((c) => c.key));
          any = evaluate(linesWithChosen({ counted }, candidates, chosen)).status === 'pass';
        }
        expect(searched.outcome.status === 'pass').toBe(any);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('qualifies a good whose goods the claim leaves open whenever each of them has some choice qualifying it', () => {
    // 8708.50 (3): (b) admits parts of drive-axles of 8708.50, (d), (f), (h) admit 8708.99, (a), (c), (e), (g), (i)
    // ask a change of heading, (j) no change; so different goods may need different choices.
    const codes = fc.constantFrom('8708.50', '8708.99', '8708.40', '8482.10', '7326.90');
    const goods = [...new Set(axleRule.alternatives.map((a) => a.goods).filter((g) => g !== undefined))];
    fc.assert(
      fc.property(
        fc.array(tree(2, codes), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 100 }),
        (list, rvc) => {
          const { counted, candidates } = flatten(list);
          fc.pre(candidates.length <= 5);
          const evaluate = (lines: readonly CountedLine[], ruleGoods?: string) =>
            evaluateProductSpecificRule({
              goodHs: '8708.50',
              rule: axleRule,
              citation: 'test',
              date: '2026-03-15',
              nonOriginating: lines.map((l) => ({ key: l.key, hs: l.hs, value: l.vnm })),
              allNonOriginatingValue: sumMoney(
                counted.map((l) => l.vnm),
                'USD',
              ),
              deMinimis: { percent: '10', base: usd(1000), baseName: 'total cost', citation: 's. 5(1)' },
              rvc: { netCost: moneyRatio(usd(rvc), usd(100)), elected: 'net-cost' },
              goods: ruleGoods,
            });
          const searched = decideWithChoice({ rule: axleRule, goodHs: '8708.50' }, { counted }, candidates, evaluate);
          const someChoice = (ruleGoods: string) => {
            for (let mask = 0; mask < 1 << candidates.length; mask++) {
              const chosen = new Set(candidates.filter((_, i) => (mask >> i) & 1).map((c) => c.key));
              if (evaluate(linesWithChosen({ counted }, candidates, chosen), ruleGoods).status === 'pass') return true;
            }
            return false;
          };
          expect(searched.outcome.status === 'pass').toBe(goods.every(someChoice));
          // Each reading's own choice qualifies it.
          for (const r of searched.outcome.readings ?? []) {
            if (r.selfProducedAsMaterials === undefined) continue;
            const g = goods.find((x) => r.reading === x || (x === 'any other good' && r.reading.startsWith(x)));
            const lines = linesWithChosen({ counted }, candidates, new Set(r.selfProducedAsMaterials));
            expect(evaluate(lines, g).status).toBe('pass');
          }
        },
      ),
      { numRuns: 1000, seed: 14 },
    );
  });
});
