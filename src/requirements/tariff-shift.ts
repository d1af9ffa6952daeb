/**
 * The tariff-shift limb of the vehicle rules (UR s. 13: a change to the vehicle's subheading from any other
 * heading), with de minimis (s. 5(1)): non-originating materials of the vehicle's own heading fail the shift
 * unless together they are not more than the de minimis share of total cost. The condition is data in the
 * rule pack (usmca.auto.tariff_shift.vehicles), evaluated by the condition adapter; the facts are
 * computed here. A vehicle whose rule asks no change of classification (the pack's noChangeRequired: a chassis
 * of 87.06, s. 13 87.06 (2)-(3)) has the requirement not applicable.
 *
 * s. 3(8): each self-produced material, at any depth, may at the producer's choice be considered itself the material
 * that must change classification. Where the looked-through materials fail, the engine tests the choice leaving the
 * least value of materials of the vehicle's own heading (leastFailingChoice, self-produced.ts): the condition is met
 * by a smaller failing value whenever by a larger one (no failing material, or their value within de minimis), so
 * that choice meets it if any of the 2^n choices does.
 */
import { evaluateConditions } from '../conditions/adapter.js';
import { Trace } from '../explain/trace.js';
import type { Material, NormalizedClaim } from '../input/model.js';
import { Dec, text } from '../num/decimal.js';
import { amountText, minus, money, sumMoney } from '../num/money.js';
import { hsMatchesAny, hsPrefix } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import { deMinimisBase, deMinimisValue } from './de-minimis.js';
import { thresholdAmount } from './limb.js';
import { noFindings, notApplicable, type RequirementOutcome } from './result.js';
import { tariffShiftTitle } from './titles.js';
import { leastFailingChoice, linesWithChosen, selfProducedCandidates, selfProducedChoice } from './self-produced.js';
import { byContribution, type CountedLine, type ResolvedOrigin, type RollUp } from './vnm.js';

/** What the vehicle's tariff shift reads: the roll-up, and the origins the engine computed (for s. 3(8)). */
export interface TariffShiftInputs {
  bom: RollUp;
  origins?: ReadonlyMap<Material, ResolvedOrigin> | undefined;
}

/**
 * The vehicle's tariff shift, over the non-originating materials its roll-up counts; where that fails and a
 * self-produced material was looked through, over the producer's best choice of self-produced materials considered
 * themselves (s. 3(8)), each material chosen on its own.
 */
export function tariffShift(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: TariffShiftInputs,
): RequirementOutcome {
  const rollUp = inputs.bom;
  const findings = noFindings();
  const trace = new Trace();
  const rule = rules.at('usmca.auto.tariff_shift.vehicles');
  const dm = rules.at('usmca.general.de_minimis');
  const change = rule.value.change;
  if (hsMatchesAny(claim.good.hs, rule.value.noChangeRequired ?? [])) {
    const reason = `the product-specific rule for HS ${claim.good.hs} requires no change in tariff classification, only a regional value content`;
    return { result: notApplicable('tariff-shift', tariffShiftTitle(change), reason, rule.citation), ...findings };
  }
  const goodLevel = hsPrefix(claim.good.hs, change);
  const unassessed = rollUp.counted.filter((c) => c.hs === undefined);
  for (const c of unassessed) {
    findings.gaps.push({
      code: 'HS_MISSING',
      subject: c.key,
      message: `${c.key}: non-originating but without an HS code, so the change of tariff classification could not be checked`,
      valueAtStake: amountText(c.vnm),
    });
  }
  const base = deMinimisBase(claim.costs.totalCost, claim.costs.transactionValue);
  const deMinimisLimit = money(thresholdAmount(new Dec(dm.value), base.value.amount), claim.currency);
  const failsChange = (c: CountedLine) => c.hs !== undefined && hsPrefix(c.hs, change) === goodLevel;
  const test = (lines: readonly CountedLine[]) => {
    const failing = lines.filter(failsChange).sort(byContribution);
    const failingValue = sumMoney(failing.map(deMinimisValue), claim.currency);
    const facts = {
      failingCount: failing.length,
      failingValue: text(failingValue.amount),
      deMinimisLimit: text(deMinimisLimit.amount),
    };
    const condition = evaluateConditions([{ name: 'tariff-shift', conditions: rule.value.passes }], facts).get(
      'tariff-shift',
    );
    return { failing, failingValue, condition, passed: condition?.passed === true };
  };
  const lookedThrough = test(rollUp.counted);
  const candidates = selfProducedCandidates(claim.materials, rollUp, inputs.origins ?? new Map());
  // s. 3(8): the choice leaving the least value failing the change, material by material.
  const considered =
    lookedThrough.passed || candidates.length === 0
      ? []
      : leastFailingChoice(
          rollUp.counted,
          candidates,
          (lines) => {
            const values = lines.filter(failsChange).map(deMinimisValue);
            return values.length === 0 ? undefined : sumMoney(values, claim.currency);
          },
          claim.currency,
        );
  const asMaterials =
    considered.length > 0 ? test(linesWithChosen(rollUp, candidates, new Set(considered))) : undefined;
  const chosen = asMaterials?.passed ? asMaterials : lookedThrough;
  const { failing, failingValue, condition, passed } = chosen;
  const choice =
    candidates.length > 0
      ? selfProducedChoice(
          { considered: candidates.map((c) => c.key) },
          lookedThrough.passed,
          asMaterials?.passed === true,
          considered,
        )
      : undefined;
  trace.add({
    id: 'tariffShift.failingValue',
    description: `non-originating materials of the good's own ${rule.value.change} (${goodLevel})`,
    value: amountText(failingValue),
    unit: 'money',
    currency: claim.currency,
    inputs: { count: String(failing.length), ...(unassessed.length ? { withoutHs: String(unassessed.length) } : {}) },
    citation: rule.citation,
  });
  trace.add({
    id: 'tariffShift.deMinimisLimit',
    description: `de minimis: ${dm.value}% of ${base.name} (s. 5(1): of the transaction value or of the total cost)`,
    value: amountText(deMinimisLimit),
    unit: 'money',
    currency: claim.currency,
    formula: `de minimis % x ${base.name} / 100`,
    inputs: {
      totalCost: amountText(claim.costs.totalCost),
      ...(claim.costs.transactionValue !== undefined
        ? { transactionValue: amountText(claim.costs.transactionValue) }
        : {}),
    },
    rule: { id: dm.ruleId, effectiveFrom: dm.effectiveFrom },
    citation: rules.citation('usmca.general.de_minimis', 's. 5(1)'),
  });
  const result: RequirementOutcome['result'] = {
    id: 'tariff-shift',
    title: tariffShiftTitle(rule.value.change),
    status: passed ? 'pass' : 'fail',
    ...(choice && choice.route !== 'looked-through' ? { reason: choice.note } : {}),
    value: String(failing.length),
    threshold: '0',
    comparator: '=',
    unit: 'count',
    margin: {
      amount: amountText(minus(deMinimisLimit, failingValue)),
      currency: claim.currency,
      meaning:
        'value of non-originating same-heading materials that de minimis still allows (negative: over the limit)',
    },
    rule: { id: rule.ruleId, effectiveFrom: rule.effectiveFrom, value: rule.value.change },
    citation: rule.citation,
    details: {
      ...(choice ? { selfProducedMaterials: choice } : {}),
      // s. 5(5): each at its s. 8 value, the value de minimis reads.
      failingMaterials: failing.map((f) => ({ material: f.key, hs: f.hs ?? '', value: amountText(deMinimisValue(f)) })),
      conditions: condition?.outcomes ?? [],
      deMinimis: {
        rule: dm.ruleId,
        effectiveFrom: dm.effectiveFrom,
        percent: dm.value,
        limit: amountText(deMinimisLimit),
      },
    },
    trace: trace.list(),
  };
  return { result, ...findings };
}
