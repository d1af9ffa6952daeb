/**
 * The facts from a rule pack that reading a claim needs (see src/input/rule-checks.ts): the HS nomenclature, and
 * the currency of each USMCA country (usmca.general.territory). Built once per pack.
 */
import { hsNomenclature, type PackNomenclature } from './nomenclature.js';
import type { RulePack } from './pack.js';

export interface PackFacts {
  readonly nomenclature: PackNomenclature;
  localCurrency(country: string): string | undefined;
}

const built = new WeakMap<RulePack, PackFacts>();

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
