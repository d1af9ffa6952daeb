/**
 * Every HS code of a claim and its producer document checked against the nomenclature of the edition used
 * (good.hsEdition, or the rule pack's own edition): a well-formed code that is not a subheading of that edition
 * (8703.80 under HS 2012) is an input problem, HS_UNKNOWN, saying in which edition it does exist.
 */
import { editionsWith, type HsNomenclature } from './hs.js';
import { materialPath, type Material, type NormalizedClaim } from './model.js';
import type { InputProblem } from './problems.js';
import type { Path, SourceDocument } from '../documents/source.js';
import { problemAt } from './validate.js';

/** Where the parts of a claim were read from, to locate a problem. */
export interface ClaimDocuments {
  claim: SourceDocument;
  /** The claim, or the CSV/XLSX table its materials come from. */
  materials: SourceDocument;
  /** A purchase's HS code as written and where it is (taken before the lists are sorted). */
  purchases: { doc: SourceDocument; path: Path; written: string; subheading: string }[];
}

export function checkHsCodes(
  claim: NormalizedClaim,
  documents: ClaimDocuments,
  nomenclature: HsNomenclature,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const declared = claim.good.hsEdition;
  let edition = nomenclature.defaultEdition;
  if (declared !== undefined) {
    if (!nomenclature.editions.includes(declared)) {
      const near = closest(declared, nomenclature.editions);
      return [
        problemAt(
          documents.claim,
          ['good', 'hsEdition'],
          'HS_EDITION_UNKNOWN',
          `HS edition "${declared}" is not one the rule pack holds (${nomenclature.editions.join(', ')})${near ? `; did you mean "${near}"?` : ''}`,
        ),
      ];
    }
    edition = declared;
  }
  // A BOM repeats a few hundred codes over its lines: each is looked up once.
  const known = new Set<string>();
  const check = (doc: SourceDocument, path: () => Path, subheading: string, written: string): void => {
    if (known.has(subheading)) return;
    if (nomenclature.has(edition, subheading)) {
      known.add(subheading);
      return;
    }
    const elsewhere = editionsWith(nomenclature, subheading);
    const hint =
      elsewhere.length > 0
        ? `; it is a subheading of ${elsewhere.join(' and ')}: ${declared !== undefined ? 'check good.hsEdition' : 'if the claim is written in that edition, say so in good.hsEdition'}, or correct the code`
        : `, nor of any edition the rule pack holds (${nomenclature.editions.join(', ')}): check the code`;
    problems.push(
      problemAt(
        doc,
        path(),
        'HS_UNKNOWN',
        `${subheading}${subheading !== written ? ` (written "${written}")` : ''} is not a subheading of ${edition}${declared !== undefined ? ', the edition the claim names' : ' (the edition used when good.hsEdition is not given)'}${hint}`,
      ),
    );
  };
  check(documents.claim, () => ['good', 'hs'], claim.good.hs, claim.good.hsAsWritten ?? claim.good.hs);
  const walk = (list: readonly Material[]): void => {
    for (const m of list) {
      if (m.hs !== undefined && !known.has(m.hs))
        check(documents.materials, () => [...materialPath(m), 'hs'], m.hs, m.hsAsWritten ?? m.hs);
      if (m.children.length > 0) walk(m.children);
    }
  };
  walk(claim.materials);
  for (const p of documents.purchases) check(p.doc, () => p.path, p.subheading, p.written);
  return problems;
}

/** The allowed value closest to what was written, when it differs only in case, spaces or punctuation. */
export function closest(written: string, allowed: readonly string[]): string | undefined {
  const fold = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
  const w = fold(written);
  if (w === '') return undefined;
  return allowed.find((a) => fold(a) === w) ?? allowed.find((a) => w.length >= 2 && fold(a).endsWith(w));
}
