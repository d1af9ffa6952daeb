/**
 * What the passes that normalise a validated claim share (normalize.ts, normalize-producer.ts,
 * normalize-materials.ts, normalize-line-parts.ts): the documents and where their fields are, the problems found
 * so far, and the conversions every amount goes through.
 */
import type { Money } from '../num/money.js';
import type { Path, SourceDocument } from '../documents/source.js';
import type { ClaimInput, ProducerInput } from './documents.js';
import type { ClaimDocuments } from './hs-check.js';
import { materialPath, type Material } from './model.js';
import type { InputProblem } from './problems.js';
import type { WageCurrency } from './rule-checks.js';

/** The state of one normalisation of a claim and its producer document (the Normalizer, normalize.ts). */
export interface NormalizeContext {
  /** The claim document. */
  readonly doc: SourceDocument;
  /** The producer document: a file of its own, or the claim itself when the producer is inline. */
  readonly producerDoc: SourceDocument;
  /** Where the producer document is in `producerDoc`: `[]`, or `['producer']` when inline. */
  readonly producerBase: Path;
  /** The validated claim. */
  readonly input: ClaimInput;
  /** The validated producer document. */
  readonly producer: ProducerInput;
  /** Every problem found; the passes add to it. */
  readonly problems: InputProblem[];
  /** Where the BOM lines are: the claim, or the CSV/XLSX table it names. */
  readonly materialsDoc: SourceDocument;
  /** Where the steel and aluminum purchases are, when a table the producer document names. */
  readonly purchasesDoc?: SourceDocument | undefined;
  /** What the BOM holds, so later passes can skip what is not there. */
  readonly flags: { intermediates: boolean; coreParts: boolean };
  /** The purchases' HS codes with where they are, for the nomenclature check. */
  readonly purchaseCodes: ClaimDocuments['purchases'];
  /** Wages written in an explicit currency, for the check that their plant's rate can be compared. */
  readonly wageCurrencies: WageCurrency[];
  /** `amount` of `currency` in the reporting currency (see Normalizer.convert). */
  convert(doc: SourceDocument, path: Path | (() => Path), amount: string, currency: string): Money;
  /** The subheading of an HS code as written (see Normalizer.subheading). */
  subheading(doc: SourceDocument, path: Path | (() => Path), written: string, purchase?: boolean): string;
}

/** Where a BOM line's field is in the claim: `['materials', 0, 'materials', 3, 'unitValue']`. */
export function linePath(material: Material, ...rest: (string | number)[]): Path {
  return [...materialPath(material), ...rest];
}
