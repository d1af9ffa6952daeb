/**
 * The certification statement of Annex 5-A, element 9, in the certificate's language, from the rule pack
 * (usmca.general.certification). Where the pack has no wording in that language (French: none was found in a
 * source the pack could cite), the English wording is used and the certificate says so. A pack whose statement
 * is a single text (rule pack 1.1.0 and earlier) holds only a draft, not the Agreement's wording: no
 * certificate is made from it.
 */
import type { RulePack } from '../rules/pack.js';
import type { Lang } from './model.js';

export type StatementLookup = { text: string; lang: Lang; citation: string } | { draft: string };

export function statementFor(pack: RulePack, date: string, lang: Lang): StatementLookup {
  const cert = pack.at('usmca.general.certification', date);
  const statement = cert.value.statement;
  if (typeof statement === 'string')
    return {
      draft: `rule pack ${pack.id} ${pack.version} holds only a draft certification statement, not the wording of Annex 5-A: re-evaluate the claim under a later pack`,
    };
  const own = statement[lang];
  if (typeof own === 'string') return { text: own, lang, citation: cert.citation };
  return { text: statement.en, lang: 'en', citation: cert.citation };
}
