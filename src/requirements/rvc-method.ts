/**
 * The method of calculating regional value content the claim elects (UR s. 7(1): the importer, exporter or
 * producer chooses), checked against the rule that applies: the net cost method only where the rule provides
 * no transaction value (s. 7(6)), and the transaction value method only with the good's transaction value. A
 * problem here is an input problem of the claim (exit 2), found once the good is classified.
 */
import type { NormalizedClaim } from '../input/model.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import type { ClaimProblem } from './result.js';
import { rvcThreshold } from './rvc-threshold.js';
import type { StagingRegime } from './staging-regime.js';

/** The problems with the claim's `elections.rvcMethod` under the rule in force: [] when there are none. */
export function rvcMethodProblems(
  claim: NormalizedClaim,
  rules: RulesInForce,
  classification: Classification,
  regime: StagingRegime | undefined,
): ClaimProblem[] {
  if (claim.elections.rvcMethod !== 'transaction-value' || classification.rvcNotRequired) return [];
  const { threshold } = rvcThreshold(claim, rules, classification, regime); // its warnings come with the RVC
  if (threshold.transactionValue === undefined)
    return [
      {
        field: 'elections.rvcMethod',
        code: 'VALUE_NOT_ALLOWED',
        message: `the rule applied (${threshold.rule.ruleId}) allows only the net cost method (s. 7(6))`,
      },
    ];
  if (claim.costs.transactionValue === undefined)
    return [
      {
        field: 'costs.transactionValue',
        code: 'FIELD_REQUIRED',
        message: 'the transaction value method needs costs.transactionValue',
      },
    ];
  return [];
}
