/**
 * The product-specific rule of a good in the rule pack (usmca.auto.psr.chapter_NN): the rule for its HS 2012
 * subheading and its use (original equipment in a vehicle class, or an aftermarket part), narrowed by the "ex"
 * scope the claim names where the text gives one subheading two rules ("body stampings" and "goods other than
 * body stampings" of 8708.29). UR s. 13; Schedule 1 (USMCA Annex 4-B).
 */
import type { RulesInForce } from '../../rules/in-force.js';
import { psrParameterId, psrRulesOf } from '../../rules/psr-lookup.js';
import type { ProductSpecificRule, PsrPartTable, PsrUse } from '../../rules/psr-schema.js';

/** A rule found, with the parameter it is in and the citation of its provision. */
export interface HeldRule {
  rule: ProductSpecificRule;
  ruleId: string;
  effectiveFrom: string;
  citation: string;
  /** The citation of one alternative: "s. 13, 8708.10 (1)" and "(1)(a)" give "... s. 13, 8708.10 (1)(a)". */
  citeAlternative: (paragraph: string) => string;
}

/**
 * `held`: a rule read in its source (status confirmed); `unconfirmed`: the pack names the rule but holds none of
 * its alternatives; `none`: no rule for the code and use; `several`: rules for different "ex" scopes and the
 * claim named none (or one that is not among them).
 */
export type RuleLookup =
  | ({ found: 'held' } & HeldRule)
  | ({ found: 'unconfirmed' } & HeldRule)
  | { found: 'none'; parameter: string }
  | { found: 'several'; scopes: string[] };

/**
 * The rule for a good of `hs` (HS 2012) for `use`, in force on the rules' date; `scope` names an "ex" scope. Where
 * the code has one rule per "ex" scope and no scope is named, `partTable` (the parts table the good is listed in)
 * picks the rule whose goods that table's entry lists (`partTables`), if exactly one does.
 */
export function productSpecificRuleFor(
  rules: RulesInForce,
  hs: string,
  use: PsrUse,
  scope?: string,
  partTable?: PsrPartTable,
): RuleLookup {
  const of = psrRulesOf(rules.pack, rules.date, hs, (u) => u === use);
  if (!of) return { found: 'none', parameter: psrParameterId(hs) };
  const { id, param, rules: candidates } = of;
  const byTable = candidates.filter((r) => partTable !== undefined && r.partTables?.includes(partTable));
  const scoped =
    candidates.length <= 1
      ? candidates
      : scope !== undefined
        ? candidates.filter((r) => r.ex === scope)
        : byTable.length === 1
          ? byTable
          : candidates;
  if (scoped.length === 0 && candidates.length === 0) return { found: 'none', parameter: id };
  if (scoped.length !== 1) return { found: 'several', scopes: candidates.map((r) => r.ex ?? '(no scope)') };
  const rule = scoped[0] as ProductSpecificRule;
  const held = {
    rule,
    ruleId: param.ruleId,
    effectiveFrom: param.effectiveFrom,
    citation: rules.citation(id, rule.provision),
    citeAlternative: (paragraph: string) => rules.citation(id, alternativeProvision(rule.provision, paragraph)),
  };
  return rule.status === 'confirmed' ? { found: 'held', ...held } : { found: 'unconfirmed', ...held };
}

/** "s. 13, 8708.10 (1)" with "(1)(a)" -> "s. 13, 8708.10 (1)(a)"; otherwise the paragraph follows a comma. */
export function alternativeProvision(provision: string, paragraph: string): string {
  const last = /\(\w+\)$/.exec(provision)?.[0];
  if (last !== undefined && paragraph.startsWith(last)) return provision.slice(0, -last.length) + paragraph;
  return `${provision}, ${paragraph}`;
}
