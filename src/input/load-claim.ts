/**
 * Reads a claim and its producer document, validates both, checks them against each other and
 * normalises them. Every problem found in either file is returned together; nothing is evaluated unless
 * there are none. The canonical input (the validated claim with the producer inlined) is what the
 * decision's input hash covers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { ClaimInput, ProducerInput } from './documents.js';
import { isTableDocument } from './tabular/index.js';
import type { NormalizedClaim } from './model.js';
import {
  InputError,
  sortProblems,
  syntaxToInputError,
  withoutProblemsUnder,
  type InputProblem,
  type ProblemCode,
} from './problems.js';
import { DocumentSyntaxError, type Path, type SourceDocument } from '../documents/source.js';
import { parseText } from '../documents/read.js';
import { decodeText } from '../documents/text.js';
import { readBytes, type ReadPolicy } from '../documents/files.js';
import { referencesFor, type InputFile, type References } from './references.js';
import { sha256Hex } from '../canonical/json.js';
import { checkAgainstRules, type RuleFacts } from './rule-checks.js';
import { problemAt } from './validate.js';
import { orderLists } from './canonical-order.js';
import { partialChecks } from './partial-checks.js';
import { Normalizer } from './normalize.js';
import { readClaimDocuments } from './read-claim-documents.js';

export { keySegment } from './normalize-materials.js';

/**
 * A claim read, validated and normalised (from loadClaimFile or loadClaimDocument), ready for `evaluate`: the
 * claim with every amount a Money in the reporting currency, its canonical input and that input's hash.
 */
export interface LoadedClaim {
  /** The normalised claim: the good, costs (net cost computed, UR s. 1), materials, plants, elections. */
  claim: NormalizedClaim;
  /** An input problem located in the claim file (for problems found while evaluating). */
  problemAt(path: Path, code: ProblemCode, message: string): InputProblem;
  /** The validated claim with the producer document inlined, in canonical form: what a record keeps. */
  readonly canonicalInput: { claim: Omit<ClaimInput, 'producer'> & { producer: ProducerInput } };
  /** sha256 of the canonical JSON of `canonicalInput`. */
  inputSha256: string;
  /**
   * The checks that need the rule pack (rule-checks.ts: HS codes against the nomenclature, wage currencies),
   * located in the document each problem is in; [] when there are none. Done at load when `LoadOptions.rules` is
   * given (the result is kept for the same facts).
   */
  checkAgainstRules(facts: RuleFacts): InputProblem[];
  /**
   * The documents as read, before validation (not copies: never modify them): the claim, its producer document
   * (the claim itself when the producer is inline, then under `producer`), and the CSV/XLSX tables of
   * materials and purchases where the claim names them. What a patch (RFC 6902) of the claim applies to.
   */
  readonly sources: ClaimSources;
  /** The files the input was read from (absolute paths), by role; the claim itself first. */
  readonly sourceFiles: ReadonlyArray<{ role: SourceRole; file: string }>;
  /**
   * For a claim read from disk (loadClaimFile): each source file's path relative to the claim's folder and sha256,
   * computed when first read (the claim's from the bytes it was read from, the others' from their files then).
   */
  readonly provenance?: readonly SourceFile[];
  /** Every file read (the claim, its producer document, tables, mappings): outputs never write over them. */
  readonly files: readonly InputFile[];
}

/** The documents a claim was read from: see LoadedClaim.sources. */
export interface ClaimSources {
  /** The claim document as read: its data and where each of its fields is (for problems' lines). */
  claim: SourceDocument;
  /** The producer document: the claim's own document where the producer is inline, else the file it names. */
  producer: SourceDocument;
  /** Whether the producer document is inline in the claim (`producer` a mapping), or a file it names. */
  producerInline: boolean;
  /** The table of materials, when the claim gives `materials: { file, mapping }`. */
  materials?: SourceDocument | undefined;
  /** The table of steel and aluminum purchases, when the producer document names one. */
  purchases?: SourceDocument | undefined;
}

/** What a source file is to the claim. */
export type SourceRole = 'claim' | 'producer' | 'materials' | 'materials-mapping' | 'purchases' | 'purchases-mapping';

/** A file an input was built from: its role, its path relative to the claim's folder, the sha256 of its bytes. */
export interface SourceFile {
  /** What the file is to the claim: the claim, its producer document, or a table or mapping they name. */
  role: SourceRole;
  /** Its path relative to the claim's folder, with "/" separators. */
  path: string;
  /** The sha256 (hex) of its bytes as read. */
  sha256: string;
}

/** What loading may check beyond the documents themselves. */
export interface LoadOptions extends ReadPolicy {
  /**
   * Facts from the rule pack the claim will be evaluated under (src/rules/facts.ts): the checks that need them
   * (every HS code a subheading of the edition used, wage currencies) then run with the claim's other problems;
   * otherwise `evaluate` runs them.
   */
  rules?: RuleFacts | undefined;
}

/**
 * Reads a claim file (YAML or JSON, `usmca-roo/claim@1`) and the files it names (producer document, CSV/XLSX
 * tables and mappings). `given`: the claim's bytes, already read (e.g. from standard input); `file` then names it
 * and its folder is where references resolve. References resolve inside the claim's folder (or `options.root`),
 * must be regular files and are read up to `options.limits` (see documents/files.ts). Throws InputError with
 * every problem found (docs/claim-format.md lists the codes).
 */
export function loadClaimFile(file: string, options: LoadOptions = {}, given?: Uint8Array): LoadedClaim {
  const refs = referencesFor(file, options);
  let doc: SourceDocument;
  // A claim refused for a value it holds (a bare JSON number) is still read, so that its other problems are
  // reported with it.
  let refused: InputProblem[] = [];
  let claimBytes: Uint8Array;
  try {
    claimBytes = given ?? readBytes(file, refs.limits.maxFileBytes, true);
  } catch (err) {
    throw syntaxToInputError(err);
  }
  try {
    doc = parseText(file, decodeText(file, claimBytes));
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (!(err instanceof DocumentSyntaxError) || !err.readable || !(converted instanceof InputError)) throw converted;
    doc = err.readable;
    refused = converted.problems;
  }
  let loaded: LoadedClaim;
  try {
    loaded = loadClaimDocument(
      doc,
      (rel) => readReferenced(refs, dirname(file), rel, 'the producer document'),
      dirname(file),
      options,
      refs,
    );
  } catch (err) {
    if (refused.length === 0 || !(err instanceof InputError)) throw err;
    throw new InputError(sortProblems(withoutProblemsUnder(refused, [...refused, ...err.problems])));
  }
  if (refused.length > 0) throw new InputError(sortProblems(refused));
  // Hashed when first asked for (by a record): an evaluation that keeps no record does not hash its input files.
  let provenance: readonly SourceFile[] | undefined;
  return Object.defineProperty({ ...loaded }, 'provenance', {
    enumerable: true,
    get: () => (provenance ??= hashSources(loaded.sourceFiles, dirname(file), claimBytes)),
  });
}

/**
 * Provenance: the sha256 of the bytes of every file the input came from, with its path relative to the claim's
 * folder (forward slashes), so a record says exactly which documents and tables it was built from. The claim's
 * own bytes are those it was read from; the files it names are read again for this, when the provenance is
 * first asked for.
 */
function hashSources(files: LoadedClaim['sourceFiles'], base: string, claimBytes: Uint8Array): SourceFile[] {
  return files.map(({ role, file }) => ({
    role,
    path: relative(base, file).split(sep).join('/'),
    sha256: createHash('sha256')
      .update(role === 'claim' ? claimBytes : readFileSync(file))
      .digest('hex'),
  }));
}

/** Reads a document a claim names; throws FileRefusal (never converted, so it is reported at the naming field). */
function readReferenced(refs: References, fromDir: string, written: string, role: string): SourceDocument {
  const path = refs.resolve(fromDir, written, role);
  return parseText(path, decodeText(path, readBytes(path, refs.limits.maxFileBytes)));
}

/**
 * Loads a claim already read into `doc` (see readDocument / parseText): `readProducer` reads a producer document
 * the claim names by path; tables named resolve against `baseDir`. Same checks, result and errors (InputError)
 * as loadClaimFile.
 */
export function loadClaimDocument(
  doc: SourceDocument,
  readProducer: (path: string) => SourceDocument,
  baseDir = '.',
  options: LoadOptions = {},
  refs: References = referencesFor(undefined, options, baseDir),
): LoadedClaim {
  const reading = readClaimDocuments(doc, readProducer, baseDir, refs);
  const { problems, claimInput, producerDoc, producerBase, producer, materialsTable, purchasesTable } = reading;

  // A document with problems: the checks between fields and documents run on what can be read of them, so that
  // every problem is reported at once.
  if (reading.problems.length > 0 || !claimInput || !producer || !producerDoc)
    throw new InputError(sortProblems([...problems, ...partialChecks(doc, reading, options.rules)]));

  const normalizer = new Normalizer(
    doc,
    producerDoc,
    producerBase,
    claimInput,
    producer,
    problems,
    materialsTable ?? doc,
    purchasesTable,
  );
  const claim = normalizer.run();
  const documents = {
    claim: doc,
    materials: materialsTable ?? doc,
    purchases: normalizer.purchaseCodes,
    wages: normalizer.wageCurrencies,
  };
  const ruleChecks = new WeakMap<RuleFacts, InputProblem[]>();
  const checkRules = (facts: RuleFacts): InputProblem[] => {
    let found = ruleChecks.get(facts);
    if (!found) {
      found = checkAgainstRules(claim, documents, facts);
      ruleChecks.set(facts, found);
    }
    return found;
  };
  if (options.rules) problems.push(...checkRules(options.rules));
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  const locator = { file: doc.file, format: doc.format, data: undefined, locate: doc.locate };
  const { producer: _inlineOrPath, ...rest } = claimInput;
  const whole: Record<string, unknown> = { ...rest, producer };
  const canonicalInput = {
    claim: Object.fromEntries(
      Object.keys(whole)
        .sort()
        .map((k) => [k, whole[k]]),
    ),
  } as LoadedClaim['canonicalInput'];
  // The validated input is ours alone now: sort its order-free lists in place (after every problem has been
  // located by its position in the file).
  orderLists(canonicalInput);
  const sourceFiles: Array<{ role: SourceRole; file: string }> = [{ role: 'claim', file: doc.file }];
  if (producerDoc !== doc) sourceFiles.push({ role: 'producer', file: producerDoc.file });
  for (const [table, role, owner] of [
    [materialsTable, 'materials', doc],
    [purchasesTable, 'purchases', producerDoc],
  ] as const) {
    if (!table) continue;
    sourceFiles.push({ role, file: table.file });
    const mappingFile = isTableDocument(table) ? table.table.mappingFile : undefined;
    if (mappingFile && mappingFile !== owner.file) sourceFiles.push({ role: `${role}-mapping`, file: mappingFile });
  }
  return {
    sourceFiles,
    claim,
    canonicalInput,
    // Validated documents come out of their schemas with sorted keys (documents.ts), so the canonical JSON
    // of the input is JSON.stringify of it (checked against canonicalJson by the tests).
    inputSha256: sha256Hex(JSON.stringify(canonicalInput)),
    problemAt: (path, code, message) => problemAt(locator, path, code, message),
    checkAgainstRules: checkRules,
    sources: {
      claim: doc,
      producer: producerDoc,
      producerInline: producerBase.length > 0,
      materials: materialsTable,
      purchases: purchasesTable,
    },
    files: refs.files,
  };
}
