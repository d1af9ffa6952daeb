/**
 * Where a good's product-specific rules are in a rule pack (usmca.auto.psr.chapter_NN): the rules of its chapter
 * in force on a date that are for its HS 2012 subheading and use, and the goods those rules tell apart. The one
 * lookup of these rules: the classification of a part (src/requirements/psr/lookup.ts) and the check of a part
 * claim's `ruleGoods` when the claim is read (facts.ts) both go through it. UR s. 13; Schedule 1 (Annex 4-B).
 */
import { catalog, type ParameterId } from './catalog.js';
import { hsMatches } from './hs.js';
import type { InForce, RulePack } from './pack.js';
import type { ProductSpecificRule, ProductSpecificRules, PsrUse } from './psr-schema.js';

/** The words of the rules for a good none of the goods named before it is. */
export const ANY_OTHER_GOOD = 'any other good';

/** The parameter holding the rules of the chapter of `hs`: "usmca.auto.psr.chapter_87". */
export function psrParameterId(hs: string): string {
  return `usmca.auto.psr.chapter_${hs.replace(/\./g, '').slice(0, 2)}`;
}

/** A chapter's rules in force on a date, and those of them for one code and use. */
export interface CodeRules {
  /** The parameter (usmca.auto.psr.chapter_NN) and its value in force. */
  param: InForce<ProductSpecificRules>;
  id: ParameterId;
  /** The rules for the code and use, in the order of the text (several only where "ex" scopes part them). */
  rules: ProductSpecificRule[];
}

/**
 * The rules of the chapter of `hs` (HS 2012, "8708.30") in force on `date` (YYYY-MM-DD) whose code covers `hs` and
 * whose uses include one `forUse` accepts; undefined where the pack has no rules for that chapter on that date.
 * Throws RuleLookupError (RULE_VALUE_CONFLICT) where the pack gives the chapter two values on one date.
 */
export function psrRulesOf(
  pack: RulePack,
  date: string,
  hs: string,
  forUse: (use: PsrUse) => boolean,
): CodeRules | undefined {
  const id = psrParameterId(hs);
  if (!(id in catalog)) return undefined;
  const param = pack.optional(id as ParameterId & `usmca.auto.psr.${string}`, date);
  if (!param) return undefined;
  const rules = param.value.rules.filter((r) => hsMatches(hs, r.hs) && r.uses.some(forUse));
  return { param, id: id as ParameterId, rules };
}

/**
 * The goods `rules` tell apart, in their own words and the order of the text: each rule's "ex" scope ("body
 * stampings"), the goods each alternative is for ("mounted brake linings", "any other good"), and "any other good"
 * wherever any goods are named (a good none of them is). Empty where the rules name no goods.
 */
export function goodsNamed(rules: readonly ProductSpecificRule[]): string[] {
  const out: string[] = [];
  const add = (g: string | undefined) => {
    if (g !== undefined && !out.includes(g)) out.push(g);
  };
  for (const r of rules) {
    add(r.ex);
    for (const a of r.alternatives) add(a.goods);
  }
  if (out.length > 0) add(ANY_OTHER_GOOD);
  return out;
}
