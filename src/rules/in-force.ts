/**
 * The rule values in force on one date: a rule pack seen from a claim's decision date. The legal tests read
 * the law through this, so none of them handles dates of the pack itself. Lookups throw RuleLookupError
 * (RULE_NOT_IN_FORCE before a parameter's first date, RULE_VALUE_CONFLICT for two values on one date).
 */
import type { ParameterId, ParameterValue } from './catalog.js';
import type { InForce, RulePack } from './pack.js';

export class RulesInForce {
  /**
   * @param pack the loaded rule pack
   * @param date the decision date, YYYY-MM-DD: the value used is the latest on or before it
   */
  constructor(
    readonly pack: RulePack,
    readonly date: string,
  ) {}

  /** The value of `id` in force on the date, with its rule id, effective date and citation. */
  at<K extends ParameterId>(id: K): InForce<ParameterValue<K>> {
    return this.pack.at(id, this.date);
  }

  /** Like `at`, but undefined where the parameter is not in force on the date (not yet, or repealed). */
  optional<K extends ParameterId>(id: K): InForce<ParameterValue<K>> | undefined {
    return this.pack.optional(id, this.date);
  }

  /** The citation of a parameter, at its own provision or at `provision`. */
  citation(id: string, provision?: string): string {
    return this.pack.citation(id, provision);
  }

  /** A citation to a provision that has no parameter of its own, in an instrument the pack declares. */
  cite(instrument: string, provision: string, treaty?: string): string {
    return this.pack.cite(instrument, provision, treaty);
  }
}
