/**
 * The facts from a rule pack that reading a claim needs (see src/input/rule-checks.ts): the HS nomenclature, the
 * currency of each USMCA country (usmca.general.territory), and the goods a part's product-specific rules tell
 * apart (usmca.auto.psr.chapter_NN, through psr-lookup.ts). Built once per pack.
 */
import { hsNomenclature, type PackNomenclature } from './nomenclature.js';
import { RuleLookupError, type RulePack } from './pack.js';
import { goodsNamed, psrRulesOf } from './psr-lookup.js';

/** What reading a claim needs from a rule pack (the input side cannot import the rules). */
export interface PackFacts {
  /** The HS subheadings of each edition the pack knows, and the correlation to HS 2012. */
  readonly nomenclature: PackNomenclature;
  /** The currency of a USMCA country (ISO 3166 alpha-2 -> ISO 4217: `MX` -> `MXN`); undefined outside it. */
  localCurrency(country: string): string | undefined;
  /**
   * The goods the product-specific rules for a part of `hs` (HS 2012) name, in force on `date` (YYYY-MM-DD), in the
   * rules' own words ("gear boxes", "any other good"; empty where they name none), with the provisions of those
   * rules. `use`: `aftermarket`, the vehicle class of original equipment, or undefined for original equipment in a
   * class the claim leaves to its parts table (the rules for every class then). Undefined where the pack holds no
   * rule read in its source for the code and use (classifying the part then reports it).
   */
  partRuleGoods(hs: string, use: string | undefined, date: string): PartRuleGoods | undefined;
}

/** The goods a part's rules tell apart, and the provisions of those rules ("s. 13, 8708.30 (3)"). */
export interface PartRuleGoods {
  /** The goods named, in the rules' own words and the order of the text, "any other good" last where any are. */
  goods: readonly string[];
  /** The provision of each rule for the code and use: "s. 13, 8708.30 (3)". */
  provisions: readonly string[];
}

const built = new WeakMap<RulePack, PackFacts>();

/**
 * The facts of `pack` that claim loading checks against (LoadOptions.rules): its HS nomenclature, the USMCA
 * countries' currencies (usmca.general.territory) and the goods of parts' rules. Built once per pack and kept.
 */
export function ruleFacts(pack: RulePack): PackFacts {
  let facts = built.get(pack);
  if (!facts) {
    const entries = pack.parameters.get('usmca.general.territory')?.entries ?? [];
    const territory = entries[entries.length - 1]?.value as { currencies: Record<string, string> } | undefined;
    const currencies = territory?.currencies ?? {};
    facts = {
      nomenclature: hsNomenclature(pack),
      localCurrency: (country) => currencies[country],
      partRuleGoods: (hs, use, date) => partRuleGoods(pack, hs, use, date),
    };
    built.set(pack, facts);
  }
  return facts;
}

function partRuleGoods(pack: RulePack, hs: string, use: string | undefined, date: string): PartRuleGoods | undefined {
  let found;
  try {
    found = psrRulesOf(pack, date, hs, (u) => (use === undefined ? u !== 'aftermarket' : u === use));
  } catch (err) {
    // Two values on one date: evaluating the claim reports it.
    if (err instanceof RuleLookupError) return undefined;
    throw err;
  }
  // A rule not read in its source names goods nobody has read: nothing to check against.
  if (!found || found.rules.length === 0 || found.rules.some((r) => r.status !== 'confirmed')) return undefined;
  return { goods: goodsNamed(found.rules), provisions: found.rules.map((r) => r.provision) };
}
