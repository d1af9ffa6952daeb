/**
 * The facts from a rule pack that reading a claim needs (see src/input/rule-checks.ts): the HS nomenclature, and
 * the currency of each USMCA country (usmca.general.territory). Built once per pack.
 */
import { hsNomenclature, type PackNomenclature } from './nomenclature.js';
import type { RulePack } from './pack.js';

/** What reading a claim needs from a rule pack (the input side cannot import the rules). */
export interface PackFacts {
  /** The HS subheadings of each edition the pack knows, and the correlation to HS 2012. */
  readonly nomenclature: PackNomenclature;
  /** The currency of a USMCA country (ISO 3166 alpha-2 -> ISO 4217: `MX` -> `MXN`); undefined outside it. */
  localCurrency(country: string): string | undefined;
}

const built = new WeakMap<RulePack, PackFacts>();

/**
 * The facts of `pack` that claim loading checks against (LoadOptions.rules): its HS nomenclature and the
 * USMCA countries' currencies (usmca.general.territory). Built once per pack and kept.
 */
export function ruleFacts(pack: RulePack): PackFacts {
  let facts = built.get(pack);
  if (!facts) {
    const entries = pack.parameters.get('usmca.general.territory')?.entries ?? [];
    const territory = entries[entries.length - 1]?.value as { currencies: Record<string, string> } | undefined;
    const currencies = territory?.currencies ?? {};
    facts = { nomenclature: hsNomenclature(pack), localCurrency: (country) => currencies[country] };
    built.set(pack, facts);
  }
  return facts;
}
