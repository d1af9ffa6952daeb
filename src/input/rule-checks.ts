/**
 * Checks of a claim that need facts from the rule pack, run with the claim's other problems when the pack is
 * known at load time (LoadOptions.rules), or by `evaluate` otherwise: every HS code against the nomenclature of
 * the edition used (hs-check.ts), wages paid in a currency other than the plant's own convertible to compare
 * with the high-wage rate (s. 12), a part's `ruleGoods` one of the goods its product-specific rule names
 * (s. 13; Schedule 1), never read as "any other good" for being misspelt, and the good's plant within the
 * territory of the CUSMA countries (s. 3; usmca.general.territory).
 */
import type { Path, SourceDocument } from '../documents/source.js';
import { checkHsCodes, type ClaimDocuments } from './hs-check.js';
import type { HsNomenclature } from './hs.js';
import type { NormalizedClaim } from './model.js';
import type { InputProblem } from './problems.js';
import { didYouMeanText } from './suggest.js';
import { problemAt } from './validate.js';

/** What these checks read from a rule pack (built by src/rules/facts.ts). */
export interface RuleFacts {
  /** The HS nomenclature of each edition the pack holds: which subheadings exist (usmca.hs.nomenclature). */
  readonly nomenclature: HsNomenclature;
  /** The currency of a USMCA country, in which its high-wage rate is written (s. 12); undefined elsewhere. */
  localCurrency(country: string): string | undefined;
  /**
   * The goods the product-specific rules for a part of `hs` name on `date`, in their own words, and the rules'
   * provisions; `use`: `aftermarket`, a vehicle class, or undefined for original equipment of any class. Undefined
   * where the pack holds no rule read in its source for it.
   */
  partRuleGoods(
    hs: string,
    use: string | undefined,
    date: string,
  ): { goods: readonly string[]; provisions: readonly string[] } | undefined;
}

/** A plant's wages written in an explicit currency, and where. */
export interface WageCurrency {
  plant: string;
  country: string;
  currency: string;
  doc: SourceDocument;
  path: Path;
}

export function checkAgainstRules(
  claim: NormalizedClaim,
  documents: ClaimDocuments & { wages: WageCurrency[] },
  facts: RuleFacts,
): InputProblem[] {
  const problems = checkHsCodes(claim, documents, facts.nomenclature);
  const goods = checkRuleGoods(claim, documents.claim, facts);
  if (goods) problems.push(goods);
  const plant = checkGoodPlant(claim, documents.claim, facts);
  if (plant) problems.push(plant);
  for (const w of documents.wages) {
    const local = facts.localCurrency(w.country);
    // In the plant's own currency (or outside the USMCA countries, where no rate applies): compared as written.
    if (local === undefined || local === w.currency) continue;
    for (const needed of [w.currency, local]) {
      if (needed === claim.currency || claim.rates.has(needed)) continue;
      problems.push(
        problemAt(
          w.doc,
          w.path,
          'EXCHANGE_RATE_MISSING',
          `plant ${w.plant} pays its wages in ${w.currency}, but its high-wage rate is written in ${local} (s. 12): both are compared in ${claim.currency}, so add an exchange rate for ${needed}`,
        ),
      );
    }
  }
  return problems;
}

/**
 * A part's `ruleGoods` must be goods its rule names, written as the rule writes them: the rule decides a good it
 * does not name as "any other good", so a misspelt name would change the alternatives tried without a word.
 * VALUE_NOT_ALLOWED at good.ruleGoods, naming the goods the rule for the code and use names.
 */
function checkRuleGoods(claim: NormalizedClaim, doc: SourceDocument, facts: RuleFacts): InputProblem | undefined {
  const g = claim.good;
  if (g.kind !== 'part' || g.ruleGoods === undefined || g.use === undefined) return undefined;
  const use = g.use === 'aftermarket' ? 'aftermarket' : g.forVehicleClass;
  const named = facts.partRuleGoods(g.hs, use, claim.decisionDate);
  if (named === undefined || named.goods.includes(g.ruleGoods)) return undefined;
  const rule = `the product-specific rule for HS ${g.hs} ${g.use === 'aftermarket' ? 'as an aftermarket part' : `as original equipment${g.forVehicleClass ? ` in a ${g.forVehicleClass.replace(/-/g, ' ')}` : ''}`} (${named.provisions.join('; ')})`;
  return problemAt(
    doc,
    ['good', 'ruleGoods'],
    'VALUE_NOT_ALLOWED',
    named.goods.length === 0
      ? `"${g.ruleGoods}": ${rule} names no goods to tell apart, so remove ruleGoods`
      : `"${g.ruleGoods}" is not among the goods ${rule} names: expected one of ${named.goods.map((x) => `"${x}"`).join(', ')}, in the rule's own words${didYouMeanText(g.ruleGoods, named.goods)}`,
  );
}

/**
 * s. 3(2)-(3) and s. 9(1)(a): a good is originating only if "produced entirely in the territory of one or more of the
 * CUSMA countries"; a good whose `good.plant` is a plant in any other country cannot be, whatever its figures.
 * PLANT_OUTSIDE_TERRITORY at good.plant (a country is of the territory where the pack gives it a currency).
 */
function checkGoodPlant(claim: NormalizedClaim, doc: SourceDocument, facts: RuleFacts): InputProblem | undefined {
  const id = claim.good.plant;
  const plant = id === undefined ? undefined : claim.plants.get(id);
  if (plant === undefined || facts.localCurrency(plant.country) !== undefined) return undefined;
  return problemAt(
    doc,
    ['good', 'plant'],
    'PLANT_OUTSIDE_TERRITORY',
    `plant "${plant.id}" is in ${plant.country}, outside the territory of the CUSMA countries: a good is originating only if it is produced in that territory (s. 3), so its origin cannot be claimed; name the plant in Canada, Mexico or the United States where the good is produced`,
  );
}
