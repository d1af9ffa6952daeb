/**
 * The alternative staging regime, UR s. 19 (treaty Appendix Art. 8): a producer's approved regime replaces,
 * for its period, the vehicle RVC and LVC thresholds and the core parts requirement (s. 19(4)-(5)), and may
 * exempt the vehicle from the steel and aluminum requirement (s. 19(4)(c)). It covers only the vehicle
 * classes the rule names; a declared regime outside them, or outside its own period on the decision date, is
 * ignored with a warning.
 */
import type { NormalizedClaim } from '../input/model.js';
import type { ParameterId } from '../rules/catalog.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import type { Warning } from './result.js';

const SUBJECT = 'good.alternativeStagingRegime';

/** A regime in effect on the decision date. */
export interface StagingRegime {
  reference: string;
  /** YYYY-MM-DD, both included. */
  start: string;
  end: string;
  steelAluminumExempt?: boolean | undefined;
}

/** The regime in effect for this good on the decision date (undefined if none), and what was ignored and why. */
export function alternativeStagingRegime(
  claim: NormalizedClaim,
  rules: RulesInForce,
  classification: Classification,
): { regime: StagingRegime | undefined; warnings: Warning[] } {
  const declared = claim.good.alternativeStagingRegime;
  if (!declared) return { regime: undefined, warnings: [] };
  const rule = rules.at('usmca.auto.asr');
  const date = claim.decisionDate;
  if (claim.good.kind === 'part' || !rule.value.classes.includes(classification.vehicleClass)) {
    const message = `an alternative staging regime covers ${rule.value.classes.join(' and ')} only (${rule.citation}); it is ignored for this good`;
    return { regime: undefined, warnings: [{ code: 'ASR_NOT_ELIGIBLE', subject: SUBJECT, message }] };
  }
  if (date < declared.start || date > declared.end) {
    const message = `the regime ${declared.reference} runs ${declared.start} to ${declared.end}; on ${date} the ordinary requirements apply`;
    return { regime: undefined, warnings: [{ code: 'ASR_NOT_IN_EFFECT', subject: SUBJECT, message }] };
  }
  const warnings: Warning[] = [];
  if (declared.end > rule.value.defaultEnd) {
    warnings.push({
      code: 'ASR_BEYOND_DEFAULT',
      subject: SUBJECT,
      message: `the regime runs past ${rule.value.defaultEnd}, the end of the period in s. 19(2); this relies on the approved regime providing another period`,
    });
  }
  const regime: StagingRegime = {
    reference: declared.reference,
    start: declared.start,
    end: declared.end,
    steelAluminumExempt: declared.steelAluminumExempt,
  };
  return { regime, warnings };
}

/**
 * The rule of the RVC a vehicle under an approved regime meets instead of its class's (s. 19(4)(a)): the one
 * usmca.auto.asr names (`rvc`, a percentage; checked when the pack is loaded). Throws RuleLookupError where the
 * regime's rule is not in force on the rules' date.
 */
export function stagingRegimeRvcRule(rules: RulesInForce): ParameterId {
  return rules.at('usmca.auto.asr').value.rvc as ParameterId;
}
