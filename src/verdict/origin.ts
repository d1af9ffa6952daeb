/**
 * The verdict and the origin criterion, USMCA Art. 4.2 (UR s. 3): a good is originating when no requirement
 * fails (one not applicable to it never fails). The criterion shown on a certification of origin is C where,
 * after the roll-up, no material counts as non-originating (produced exclusively from originating materials,
 * Art. 4.2(c)), and B otherwise (the product-specific rule, Art. 4.2(b)); none for a good that is not
 * originating. The criteria are named in the rule pack (usmca.general.origin_criteria).
 */
import type { RequirementResult } from '../requirements/result.js';
import type { RulesInForce } from '../rules/in-force.js';

/** The decision: the good is originating, or it is not (USMCA Art. 4.2; for vehicles, Art. 4.5 and the Appendix). */
export type Verdict = 'originating' | 'not-originating';

/** originating when no result fails. */
export function verdictOf(results: readonly RequirementResult[]): Verdict {
  return results.every((r) => r.status !== 'fail') ? 'originating' : 'not-originating';
}

/**
 * The verdict and its origin criterion; `countedLines` is the number of bill-of-materials lines that count as
 * non-originating after the roll-up. Throws if the pack lacks the criterion (an internal error).
 */
export function originDetermination(
  results: readonly RequirementResult[],
  countedLines: number,
  rules: RulesInForce,
): { verdict: Verdict; originCriterion: 'B' | 'C' | null } {
  const verdict = verdictOf(results);
  const criteria = rules.at('usmca.general.origin_criteria');
  const originCriterion = verdict !== 'originating' ? null : countedLines === 0 ? 'C' : 'B';
  if (originCriterion && !criteria.value[originCriterion])
    throw new Error(`internal: origin criterion ${originCriterion} missing from the pack`);
  return { verdict, originCriterion };
}
