/**
 * Checks of a claim that need facts from the rule pack, run with the claim's other problems when the pack is
 * known at load time (LoadOptions.rules), or by `evaluate` otherwise: every HS code against the nomenclature of
 * the edition used (hs-check.ts), and wages paid in a currency other than the plant's own convertible to compare
 * with the high-wage rate (s. 12).
 */
import type { Path, SourceDocument } from '../documents/source.js';
import { checkHsCodes, type ClaimDocuments } from './hs-check.js';
import type { HsNomenclature } from './hs.js';
import type { NormalizedClaim } from './model.js';
import type { InputProblem } from './problems.js';
import { problemAt } from './validate.js';

/** What these checks read from a rule pack (built by src/rules/facts.ts). */
export interface RuleFacts {
  /** The HS nomenclature of each edition the pack holds: which subheadings exist (usmca.hs.nomenclature). */
  readonly nomenclature: HsNomenclature;
  /** The currency of a USMCA country, in which its high-wage rate is written (s. 12); undefined elsewhere. */
  localCurrency(country: string): string | undefined;
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
