/**
 * The one-layer proviso of UR s. 8(6): "if an intermediate material is subject to a regional value content
 * requirement, no other self-produced material that is subject to a regional value content requirement and is
 * incorporated into that intermediate material is also designated by the producer as an intermediate material"
 * (treaty Art. 4.8; s. 8(28) Examples 5 and 6). A designation inside another is barred only when both materials
 * are subject to an RVC requirement; it stands where either is not. A material is subject to one where it is a
 * Table A.1 part of the vehicle's class (s. 14(2), (13)) or where its product-specific rule in the pack has an
 * alternative with an RVC (for Tables B to E the rule decides: s. 14(14), (16), s. 15(3)); it is not where the
 * pack holds its rule and no alternative has one. Inside an aftermarket part the tables do not apply (s. 14(18)):
 * only the material's own rule for that use tells. Where the pack cannot tell (no rule, or a rule not read), the designation is accepted
 * with the warning INTERMEDIATE_NESTING_UNCHECKED. Every line here is the producer's own (s. 8(7)(c)).
 */
import type { Material, NormalizedClaim } from '../input/model.js';
import { materialPath } from '../input/model.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { productSpecificRuleFor } from './psr/lookup.js';
import { partsRuleFor } from './parts-tables.js';
import type { ClaimProblem, Warning } from './result.js';
import type { StagingRegime } from './staging-regime.js';

/** Whether a material is subject to an RVC requirement, as far as the rule pack can tell. */
export type RvcSubjection = 'yes' | 'no' | 'unknown';

/** What the proviso finds: barred designations (input problems) and designations it could not check. */
export interface NestingFindings {
  problems: ClaimProblem[];
  warnings: Warning[];
}

/** Whether material `m`, used in a vehicle of the claim's class, is subject to an RVC requirement, and why. */
export function subjectToRvc(
  rules: RulesInForce,
  m: Material,
  classification: Classification,
  regime: StagingRegime | undefined,
): { subject: RvcSubjection; why: string } {
  if (m.hs === undefined) return { subject: 'unknown', why: 'it has no HS code' };
  // Inside an aftermarket part the tables' thresholds do not apply (s. 14(18)): the material's own rule for that use.
  const aftermarket = classification.partUse === 'aftermarket';
  const table = aftermarket
    ? undefined
    : partsRuleFor(rules, m.hs, classification.vehicleClass, {
        declared: m.partTable,
        asr: regime !== undefined,
      });
  // A Table A.1 part is originating only by its RVC (s. 14(2), (13)); a part of Tables B to E by the change in
  // tariff classification or the RVC its rule provides (s. 14(14), (16); s. 15(3)), so only its rule can tell.
  if (table?.table === 'A.1') return { subject: 'yes', why: 'Table A.1 sets its RVC' };
  const found = productSpecificRuleFor(rules, m.hs, aftermarket ? 'aftermarket' : classification.vehicleClass);
  const use = aftermarket ? ' for an aftermarket part (s. 14(18))' : '';
  if (found.found !== 'held')
    return { subject: 'unknown', why: `the rule pack does not hold a read rule for HS ${m.hs}${use} (${found.found})` };
  return found.rule.alternatives.some((a) => a.rvc !== undefined)
    ? { subject: 'yes', why: `its product-specific rule${use} (${found.rule.provision}) has an RVC` }
    : { subject: 'no', why: `no alternative of its rule${use} (${found.rule.provision}) has an RVC` };
}

/** Every designation inside another designated material, checked against the proviso of s. 8(6). */
export function intermediateNesting(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: { classification: Classification; regime: StagingRegime | undefined },
): NestingFindings {
  const found: NestingFindings = { problems: [], warnings: [] };
  if (!claim.bomFlags.intermediates) return found;
  const memo = new Map<Material, { subject: RvcSubjection; why: string }>();
  const subject = (m: Material) => {
    let s = memo.get(m);
    if (!s) memo.set(m, (s = subjectToRvc(rules, m, inputs.classification, inputs.regime)));
    return s;
  };
  const designated = (m: Material) => m.intermediate && m.selfProduced;
  // `outer`: the designated materials this line is incorporated into, outermost first.
  const walk = (list: readonly Material[], outer: readonly Material[]): void => {
    for (const m of list) {
      if (designated(m) && outer.length > 0) check(m, outer);
      walk(m.children, designated(m) ? [...outer, m] : outer);
    }
  };
  const check = (inner: Material, outer: readonly Material[]): void => {
    const i = subject(inner);
    if (i.subject === 'no') return;
    const barredBy = outer.find((o) => i.subject === 'yes' && subject(o).subject === 'yes');
    if (barredBy) {
      const path = [...materialPath(inner), 'intermediate'];
      found.problems.push({
        field: path.join('.'),
        path,
        code: 'INTERMEDIATE_NESTED',
        message: `${inner.key} is designated an intermediate material inside ${barredBy.key}, and both are subject to an RVC requirement (${i.why}; ${subject(barredBy).why}); only one of them may be designated (s. 8(6))`,
      });
      return;
    }
    const unclear = outer.find((o) => subject(o).subject !== 'no');
    if (unclear) {
      const why = i.subject === 'unknown' ? i.why : subject(unclear).why;
      found.warnings.push({
        code: 'INTERMEDIATE_NESTING_UNCHECKED',
        subject: inner.key,
        message: `${inner.key} is designated an intermediate material inside ${unclear.key}; s. 8(6) bars this if both are subject to an RVC requirement, which could not be checked (${why}): the designation was accepted`,
      });
    }
  };
  walk(claim.materials, []);
  return found;
}
