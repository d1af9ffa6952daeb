/**
 * The RVC threshold that applies to the good on the decision date (treaty Art. 4.5, Appendix to Annex 4-B): the
 * approved alternative staging regime's (s. 19(4)(a)), the new-plant or refit rule for other vehicles while its
 * period runs (s. 20(8)), or the rule of the good's class in s. 13 / s. 20 (or of the part: its table's or its own
 * rule's, the transaction value figure only where that rule has the method, s. 7(6)).
 */
import { addYears } from '../num/dates.js';
import type { ParameterId } from '../rules/catalog.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { NormalizedClaim } from '../input/model.js';
import type { Classification } from './classification.js';
import { hasTransactionValueMethod } from './psr/evaluate.js';
import type { Warning } from './result.js';
import { stagingRegimeRvcRule, type StagingRegime } from './staging-regime.js';

/** The threshold that applies, with its rule and what selected it. */
export interface RvcThreshold {
  rule: InForce<unknown>;
  netCost: string;
  transactionValue?: string | undefined;
  basis: string;
}

/**
 * The RVC threshold that applies to the good on the decision date: the staging regime's (s. 19(4)(a)), the
 * new-plant or refit rule while its period runs (s. 20(8)), or the class's (or part's) rule; with a warning when
 * a new-plant period is over.
 */
export function rvcThreshold(
  claim: NormalizedClaim,
  rules: RulesInForce,
  classification: Classification,
  regime: StagingRegime | undefined,
): { threshold: RvcThreshold; warnings: Warning[] } {
  const date = claim.decisionDate;
  const warnings: Warning[] = [];
  if (regime) {
    const rule = rules.at(stagingRegimeRvcRule(rules)) as InForce<string>;
    const threshold = { rule, netCost: rule.value, basis: `approved alternative staging regime ${regime.reference}` };
    return { threshold, warnings };
  }
  const np = claim.good.newPlant;
  if (classification.newPlantRule === true && np) {
    const id =
      np.kind === 'new-plant' ? 'usmca.auto.rvc.other_vehicle_new_plant' : 'usmca.auto.rvc.other_vehicle_refit';
    const rule = rules.at(id);
    if (withinYears(np.firstPrototypeDate, rule.value.years, date)) {
      const threshold = {
        rule,
        netCost: rule.value.netCost,
        basis: `${np.kind} since ${np.firstPrototypeDate} (${rule.value.years} years)`,
      };
      return { threshold, warnings };
    }
    warnings.push({
      code: 'NEW_PLANT_PERIOD_OVER',
      subject: 'good.newPlant',
      message: `the ${np.kind} period of ${rule.value.years} years from ${np.firstPrototypeDate} is over on ${date}; the ordinary threshold applies`,
    });
  }
  const rule = rules.at(classification.rvcRule as ParameterId) as InForce<unknown>;
  const v = classification.thresholdOverride ?? rule.value;
  if (typeof v === 'string') return { threshold: { rule, netCost: v, basis: classification.title }, warnings };
  const o = v as { netCost: string; transactionValue?: string };
  // Parts: the transaction value method only where the part's own rule has one (s. 7(6); the pack lists the
  // headings whose rules are net cost only).
  const tvPolicy = rules.at('usmca.auto.parts.transaction_value');
  // A part whose own rule the pack holds: the transaction value figure only where that rule has the method.
  const own = classification.productSpecificRule;
  // A part decided by its RVC alone (Table A.1, s. 15(4)): its own rule, read only for its method, where held.
  const read = classification.ownRuleTransactionValue;
  const netCostOnly =
    claim.good.kind === 'part' &&
    (own
      ? !hasTransactionValueMethod(own.rule)
      : read !== undefined
        ? !read
        : hsMatchesAny(claim.good.hs, tvPolicy.value.netCostOnly));
  const threshold = {
    rule,
    netCost: o.netCost,
    transactionValue: netCostOnly ? undefined : o.transactionValue,
    basis: classification.title,
  };
  return { threshold, warnings };
}

/**
 * "For N years after the date on which the first prototype is produced": the period starts the day after that
 * date and ends on its anniversary, included (the rule's note gives the counting convention).
 */
function withinYears(start: string, years: string, date: string): boolean {
  return date > start && date <= addYears(start, years);
}
