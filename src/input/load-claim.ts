/**
 * Reads a claim and its producer document, validates both, checks them against each other and
 * normalises them. Every problem found in either file is returned together; nothing is evaluated unless
 * there are none. The canonical input (the validated claim with the producer inlined) is what the
 * decision's input hash covers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { dec, moneyText, ONE, type Dec } from '../num/decimal.js';
import {
  compareMoney,
  convert,
  isPositive,
  minus,
  money,
  times,
  sumMoney,
  zero,
  type ExchangeRate,
  type Money,
} from '../num/money.js';
import { z } from 'zod';
import {
  claimSchema,
  materialSchema,
  plantSchema,
  producerSchema,
  purchaseSchema,
  type ClaimInput,
  type MaterialInput,
  type ProducerInput,
} from './documents.js';
import { importTable, isTableDocument } from './tabular/index.js';
import { resolveMapping } from './tabular/mapping.js';
import {
  materialPath,
  type Alternative,
  type Material,
  type NormalizedClaim,
  type Plant,
  type SupplierStatement,
} from './model.js';
import { InputError, sortProblems, syntaxToInputError, type InputProblem, type ProblemCode } from './problems.js';
import { formatPath, type Path, type SourceDocument } from '../documents/source.js';
import { parseText, readDocument } from '../documents/read.js';
import { decodeText } from '../documents/text.js';
import { FileRefusal, readBytes, type ReadPolicy } from '../documents/files.js';
import { textProblems } from './text-fields.js';
import { referencesFor, type InputFile, type References } from './references.js';
import { sha256Hex } from '../canonical/json.js';
import { hsSubheading } from './hs.js';
import type { ClaimDocuments } from './hs-check.js';
import { checkAgainstRules, type RuleFacts, type WageCurrency } from './rule-checks.js';
import { amountOf, purchaseSubheading, type AmountInput } from './fields.js';
import { readExchangeRates } from './exchange-rates.js';
import { materialsWarning, rateWarnings } from './plausibility.js';
import { problemAt, validateDocument } from './validate.js';

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
  /** For a claim read from disk (loadClaimFile): each source file's path relative to the claim's folder and sha256. */
  readonly provenance?: readonly SourceFile[];
  /** Every file read (the claim, its producer document, tables, mappings): outputs never write over them. */
  readonly files: readonly InputFile[];
}

/** The documents a claim was read from: see LoadedClaim.sources. */
export interface ClaimSources {
  claim: SourceDocument;
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
  role: SourceRole;
  path: string;
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
  try {
    doc = given
      ? parseText(file, decodeText(file, given))
      : readDocument(file, { maxFileBytes: refs.limits.maxFileBytes });
  } catch (err) {
    throw syntaxToInputError(err);
  }
  const loaded = loadClaimDocument(
    doc,
    (rel) => readReferenced(refs, dirname(file), rel, 'the producer document'),
    dirname(file),
    options,
    refs,
  );
  return { ...loaded, provenance: hashSources(loaded.sourceFiles, dirname(file), given) };
}

/**
 * Provenance: the sha256 of the bytes of every file the input came from, with its path relative to the claim's
 * folder (forward slashes), so a record says exactly which documents and tables it was built from. The files are
 * read again for this, right after loading.
 */
function hashSources(files: LoadedClaim['sourceFiles'], base: string, claimBytes?: Uint8Array): SourceFile[] {
  return files.map(({ role, file }) => ({
    role,
    path: relative(base, file).split(sep).join('/'),
    sha256: createHash('sha256')
      .update(role === 'claim' && claimBytes ? claimBytes : readFileSync(file))
      .digest('hex'),
  }));
}

/** Reads a document a claim names; throws FileRefusal (never converted, so it is reported at the naming field). */
function readReferenced(refs: References, fromDir: string, written: string, role: string): SourceDocument {
  const path = refs.resolve(fromDir, written, role);
  return parseText(path, decodeText(path, readBytes(path, refs.limits.maxFileBytes)));
}

const tableRefSchema = z
  .object({ file: z.string().min(1), mapping: z.union([z.string().min(1), z.record(z.string(), z.unknown())]) })
  .strict();

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A file named by a document could not be read: a problem at the field that names it, quoting nothing of the file. */
function referenceProblem(doc: SourceDocument, path: Path, what: string, written: string, err: unknown): InputProblem {
  if (!(err instanceof FileRefusal)) throw err;
  return {
    ...problemAt(doc, path, err.code, `${what} ${written}: ${err.reason}`),
  };
}

/**
 * A list given as `{ file, mapping }` instead of inline: the CSV or XLSX table is imported through its column
 * mapping (paths relative to the document that names them, inside the claim's root), and validated later
 * against the list's schema, so its problems name the table's file, sheet, row and column.
 */
function importList(
  doc: SourceDocument,
  ref: unknown,
  refPath: Path,
  baseDir: string,
  refs: References,
): { table?: SourceDocument; problems: InputProblem[] } {
  const checked = validateDocument(doc, tableRefSchema, refPath, ref);
  if (!checked.ok) return { problems: checked.problems };
  const { file, mapping } = checked.value;
  const problems: InputProblem[] = [];
  let tableFile: string | undefined;
  let mappingFile: string | undefined;
  try {
    tableFile = refs.resolve(baseDir, file, 'a table');
  } catch (err) {
    problems.push(referenceProblem(doc, [...refPath, 'file'], 'table', file, err));
  }
  if (typeof mapping === 'string') {
    try {
      mappingFile = refs.resolve(baseDir, mapping, 'a column mapping');
    } catch (err) {
      problems.push(referenceProblem(doc, [...refPath, 'mapping'], 'column mapping', mapping, err));
    }
  }
  let mappingDoc: SourceDocument | undefined;
  let bytes: Buffer | undefined;
  try {
    if (tableFile !== undefined) bytes = readBytes(tableFile, refs.limits.maxFileBytes);
  } catch (err) {
    problems.push(referenceProblem(doc, [...refPath, 'file'], 'table', file, err));
  }
  if (typeof mapping === 'string' && mappingFile !== undefined) {
    try {
      mappingDoc = parseText(mappingFile, decodeText(mappingFile, readBytes(mappingFile, refs.limits.maxFileBytes)));
    } catch (err) {
      if (err instanceof FileRefusal && err.code !== 'TEXT_ENCODING')
        problems.push(referenceProblem(doc, [...refPath, 'mapping'], 'column mapping', mapping, err));
      else {
        const converted = syntaxToInputError(err);
        if (converted instanceof InputError) problems.push(...converted.problems);
        else throw err;
      }
    }
  }
  if (problems.length > 0 || tableFile === undefined || bytes === undefined) return { problems };
  const resolved = mappingDoc ? resolveMapping(mappingDoc) : resolveMapping(doc, [...refPath, 'mapping'], mapping);
  if (!resolved.mapping) return { problems: resolved.problems };
  const imported = importTable(tableFile, resolved.mapping, mappingFile ?? doc.file, {
    validate: false,
    limits: refs.limits,
    bytes,
  });
  return { table: imported.document, problems: imported.problems };
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
  const problems: InputProblem[] = [];
  let claimData = doc.data;
  let materialsTable: SourceDocument | undefined;
  let materialsReported: InputProblem[] = [];
  if (isRecord(claimData) && isRecord(claimData.materials) && 'file' in claimData.materials) {
    const imported = importList(doc, claimData.materials, ['materials'], baseDir, refs);
    problems.push(...imported.problems);
    materialsTable = imported.table;
    materialsReported = imported.problems;
    claimData = { ...claimData, materials: [] };
  }
  const checked = validateDocument(doc, claimSchema, [], claimData);
  problems.push(...textProblems(doc, claimData));
  let claimInput: ClaimInput | undefined;
  if (checked.ok) claimInput = checked.value;
  else problems.push(...checked.problems);
  if (materialsTable) {
    // Checked even when some cells could not be read, so that every problem of the table is reported at once;
    // a cell the import has already reported is not reported again.
    const fresh = notReportedIn(materialsReported);
    problems.push(...fresh(textProblems(materialsTable, materialsTable.data, ['materials'])));
    const table = validateDocument(materialsTable, z.array(materialSchema), ['materials'], materialsTable.data);
    if (!table.ok) problems.push(...fresh(table.problems));
    else if (claimInput && materialsReported.length === 0) claimInput.materials = table.value;
    if (materialsReported.length > 0) materialsTable = undefined;
  }

  // The producer document: a path relative to the claim, or inline.
  const rawProducer = (doc.data as Record<string, unknown> | null)?.producer;
  let producerDoc: SourceDocument | undefined;
  let producerBase: Path = [];
  if (typeof rawProducer === 'string') {
    try {
      producerDoc = readProducer(rawProducer);
    } catch (err) {
      if (err instanceof FileRefusal && err.code !== 'TEXT_ENCODING') {
        // Not read (outside the root, not a regular file, too large, missing): said at the claim's field.
        problems.push(referenceProblem(doc, ['producer'], 'producer document', rawProducer, err));
      } else {
        const converted = syntaxToInputError(err);
        if (converted instanceof InputError) problems.push(...converted.problems);
        else throw err;
      }
    }
  } else if (rawProducer !== null && typeof rawProducer === 'object') {
    producerDoc = doc;
    producerBase = ['producer'];
  }
  let producer: ProducerInput | undefined;
  let purchasesTable: SourceDocument | undefined;
  let purchasesReported: InputProblem[] = [];
  if (producerDoc) {
    let data = producerBase.length ? rawProducer : producerDoc.data;
    const sa = isRecord(data) ? data.steelAluminum : undefined;
    if (isRecord(data) && isRecord(sa) && isRecord(sa.purchases) && 'file' in sa.purchases) {
      const producerDir = producerBase.length ? baseDir : dirname(producerDoc.file);
      const imported = importList(
        producerDoc,
        sa.purchases,
        [...producerBase, 'steelAluminum', 'purchases'],
        producerDir,
        refs,
      );
      problems.push(...imported.problems);
      purchasesTable = imported.table;
      purchasesReported = imported.problems;
      data = { ...data, steelAluminum: { ...sa, purchases: [] } };
    }
    const pc = validateDocument(producerDoc, producerSchema, producerBase, data);
    if (producerDoc !== doc) problems.push(...textProblems(producerDoc, data));
    if (pc.ok) producer = pc.value;
    else problems.push(...pc.problems);
    if (purchasesTable) {
      const fresh = notReportedIn(purchasesReported);
      problems.push(...fresh(textProblems(purchasesTable, purchasesTable.data, ['steelAluminum', 'purchases'])));
      const table = validateDocument(
        purchasesTable,
        z.array(purchaseSchema),
        ['steelAluminum', 'purchases'],
        purchasesTable.data,
      );
      if (!table.ok) problems.push(...fresh(table.problems));
      else if (producer?.steelAluminum && purchasesReported.length === 0)
        producer.steelAluminum.purchases = table.value;
      if (purchasesReported.length > 0) purchasesTable = undefined;
    }
  }

  if (claimInput && producerDoc && !producer)
    problems.push(...claimSideProblems(doc, producerDoc, producerBase, claimInput, materialsTable));
  if (!claimInput || !producer || !producerDoc) throw new InputError(sortProblems(problems));

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

/**
 * The claim as hashed: validated values (so a YAML number and a quoted string hash alike), the producer
 * inlined, keys sorted, and every list whose order carries no meaning sorted by its key (so reordering BOM
 * lines, rates, plants or purchases changes no byte of the decision).
 */
function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

const byId = byKey((x: { id: string }) => x.id);

/** Whether a list is already in order (sorting allocates even when there is nothing to move). */
function inOrder<T>(list: T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1] as T, list[i] as T) > 0) return false;
  return true;
}

function orderMaterials(list: MaterialInput[]): void {
  if (!inOrder(list, byId)) list.sort(byId);
  for (const m of list) if (m.materials) orderMaterials(m.materials);
}

/** Sorts, in place, the lists of a validated claim and producer whose order carries no meaning. */
export function orderLists(input: { claim: Omit<ClaimInput, 'producer'> & { producer: ProducerInput } }): void {
  const c = input.claim;
  c.exchangeRates.sort(byKey((r) => r.currency));
  orderMaterials(c.materials);
  c.producer.plants.sort(byId);
  c.producer.steelAluminum?.purchases.sort(byId);
}

/** Where a BOM line's field is in the claim: `['materials', 0, 'materials', 3, 'unitValue']`. */
function linePath(material: Material, ...rest: (string | number)[]): Path {
  return [...materialPath(material), ...rest];
}

class Normalizer {
  /** What the BOM holds, so later passes can skip what is not there. */
  readonly flags = { intermediates: false, coreParts: false };
  private readonly rates = new Map<string, ExchangeRate>();
  private readonly missingRates = new Map<string, { doc: SourceDocument; path: Path; count: number }>();

  constructor(
    private readonly doc: SourceDocument,
    private readonly producerDoc: SourceDocument,
    private readonly producerBase: Path,
    private readonly input: ClaimInput,
    private readonly producer: ProducerInput,
    private readonly problems: InputProblem[],
    /** Where the BOM lines are: the claim, or the CSV/XLSX table it names. */
    private readonly materialsDoc: SourceDocument = doc,
    private readonly purchasesDoc?: SourceDocument,
  ) {}

  /** Codes written otherwise than as a 6-digit subheading: how many, and the first few, for one warning. */
  private readonly rewritten = { count: 0, examples: [] as string[], first: '' };
  private readonly inputWarnings: NormalizedClaim['inputWarnings'] = [];
  /** The purchases' HS codes with where they are, for the nomenclature check. */
  readonly purchaseCodes: ClaimDocuments['purchases'] = [];
  /** Wages written in an explicit currency, for the check that their plant's rate can be compared. */
  readonly wageCurrencies: WageCurrency[] = [];

  /** The subheading of an HS code as written (see hs.ts), noting a code written otherwise for one warning. */
  private subheading(doc: SourceDocument, path: Path | (() => Path), written: string, purchase = false): string {
    const sub = (purchase ? purchaseSubheading(written) : hsSubheading(written)) as string;
    const plain = purchase ? written.replace(/^ex\s+/i, '') : written;
    if (plain !== sub) {
      if (this.rewritten.count++ < 5) {
        const where = formatPath(typeof path === 'function' ? path() : path);
        if (this.rewritten.count === 1) this.rewritten.first = where;
        this.rewritten.examples.push(`${where} "${written}" as ${sub}`);
      }
    }
    return sub;
  }

  run(): NormalizedClaim {
    const { input, doc } = this;
    const goodHs = this.subheading(doc, ['good', 'hs'], input.good.hs);
    const good: NormalizedClaim['good'] =
      goodHs === input.good.hs ? input.good : { ...input.good, hs: goodHs, hsAsWritten: input.good.hs };
    for (const [currency, rate] of readExchangeRates(input, doc, this.problems)) this.rates.set(currency, rate);

    const period = input.period ?? { start: input.decisionDate, end: input.decisionDate };
    if (input.period && input.period.end < input.period.start) {
      this.problems.push(
        problemAt(
          doc,
          ['period', 'end'],
          'PERIOD_INVALID',
          `the period ends (${input.period.end}) before it starts (${input.period.start})`,
        ),
      );
    }
    if (input.good.alternativeStagingRegime) {
      const asr = input.good.alternativeStagingRegime;
      if (asr.end < asr.start)
        this.problems.push(
          problemAt(
            doc,
            ['good', 'alternativeStagingRegime', 'end'],
            'PERIOD_INVALID',
            `the regime ends (${asr.end}) before it starts (${asr.start})`,
          ),
        );
    }

    const plants = this.plants();
    const c = input.costs;
    // A cost is in the reporting currency unless written { amount, currency } (then converted at its rate).
    const cost = (v: AmountInput, ...path: string[]): Money => {
      const m = amountOf(v);
      return this.convert(doc, ['costs', ...path], m.amount, m.currency ?? input.currency);
    };
    const ex = c.excludedCosts;
    const salesPromotionMarketingAfterSalesService = cost(
      ex.salesPromotionMarketingAfterSalesService,
      'excludedCosts',
      'salesPromotionMarketingAfterSalesService',
    );
    const royalties = cost(ex.royalties, 'excludedCosts', 'royalties');
    const shippingAndPacking = cost(ex.shippingAndPacking, 'excludedCosts', 'shippingAndPacking');
    const nonAllowableInterest = cost(ex.nonAllowableInterest, 'excludedCosts', 'nonAllowableInterest');
    // UR s. 1 "net cost": total cost minus these four categories, computed here once.
    const excludedCosts = sumMoney(
      [salesPromotionMarketingAfterSalesService, royalties, shippingAndPacking, nonAllowableInterest],
      input.currency,
    );
    const totalCost = cost(c.totalCost, 'totalCost');
    const costs = {
      totalCost,
      salesPromotionMarketingAfterSalesService,
      royalties,
      shippingAndPacking,
      nonAllowableInterest,
      excludedCosts,
      netCost: minus(totalCost, excludedCosts),
      transactionValue: c.transactionValue === undefined ? undefined : cost(c.transactionValue, 'transactionValue'),
    };
    if (!isPositive(costs.netCost)) {
      this.problems.push(
        problemAt(
          doc,
          ['costs', 'totalCost'],
          'NET_COST_NOT_POSITIVE',
          `total cost ${moneyText(costs.totalCost.amount)} minus excluded costs ${moneyText(excludedCosts.amount)} leaves no positive net cost`,
        ),
      );
    }

    const materials = this.materials(input.materials, undefined, plants);
    this.producerChecks();
    this.reportMissingRates();
    this.inputWarnings.push(...rateWarnings(this.rates.values()), ...materialsWarning(materials, costs.totalCost));
    if (this.rewritten.count > 0) {
      const n = this.rewritten.count;
      this.inputWarnings.push({
        code: 'HS_READ_AS_SUBHEADING',
        subject: this.rewritten.first,
        message: `${n} HS code${n === 1 ? ' was' : 's were'} written as a national tariff number or without the dot, and read to the 6-digit subheading the rules use: ${this.rewritten.examples.join('; ')}${n > 5 ? `; and ${n - 5} more` : ''}. The code as written is kept in the decision (hsAsWritten)`,
      });
    }

    const rates = this.rates;
    const reporting = input.currency;
    return {
      id: input.id,
      decisionDate: input.decisionDate,
      currency: reporting,
      good,
      hs2012: [goodHs],
      period: { start: period.start, end: period.end, defaulted: input.period === undefined },
      costs,
      materials,
      bomFlags: this.flags,
      elections: input.elections ?? {},
      interpretation: { ...input.interpretation },
      importingCountry: input.importingCountry,
      producer: this.producer,
      plants,
      rates,
      toReporting(amount: string, currency: string): Money {
        const a = money(dec(amount), currency);
        if (currency === reporting) return a;
        const rate = rates.get(currency);
        if (!rate) throw new Error(`internal: no rate for ${currency}`);
        return convert(a, rate);
      },
      files: { claim: this.doc.file, producer: this.producerDoc.file },
      inputWarnings: this.inputWarnings,
    };
  }

  /**
   * `amount` of `currency` in the reporting currency. Without a declared rate, the problem is noted once per
   * file and currency (reported by reportMissingRates) and the amount is returned as if of the reporting
   * currency, so that reading can go on to find the other problems; nothing is evaluated.
   */
  convert(doc: SourceDocument, path: Path | (() => Path), amount: string, currency: string): Money {
    const a = money(dec(amount), currency);
    if (currency === this.input.currency) return a;
    const rate = this.rates.get(currency);
    if (rate) return convert(a, rate);
    const key = `${doc.file}\u0000${currency}`;
    const seen = this.missingRates.get(key);
    if (seen) seen.count++;
    else this.missingRates.set(key, { doc, path: typeof path === 'function' ? path() : path, count: 1 });
    return money(a.amount, this.input.currency);
  }

  private reportMissingRates(): void {
    for (const [key, { doc, path, count }] of this.missingRates) {
      const currency = key.split('\u0000')[1];
      this.problems.push(
        problemAt(
          doc,
          path,
          'EXCHANGE_RATE_MISSING',
          `no exchange rate for ${currency} into ${this.input.currency}: add one to exchangeRates (${count} amount${count === 1 ? '' : 's'} in ${currency}; this is the first)`,
        ),
      );
    }
  }

  private plants(): Map<string, Plant> {
    const out = new Map<string, Plant>();
    this.producer.plants.forEach((p, i) => {
      const path = [...this.producerBase, 'plants', i];
      if (out.has(p.id)) {
        this.problems.push(
          problemAt(this.producerDoc, [...path, 'id'], 'PLANT_DUPLICATE_ID', `plant id "${p.id}" is declared twice`),
        );
        return;
      }
      if (p.wages && p.wages.period.end < p.wages.period.start) {
        this.problems.push(
          problemAt(
            this.producerDoc,
            [...path, 'wages', 'period', 'end'],
            'PERIOD_INVALID',
            'the wage period ends before it starts',
          ),
        );
      }
      // Wages are in the plant's own currency unless written { amount, currency } (s. 12); whether another
      // currency can be compared with the plant's rate is checked with the rule pack (rule-checks.ts).
      for (const field of ['baseWages', 'averageBaseHourlyWage'] as const) {
        const w = p.wages?.[field];
        if (w !== undefined && typeof w !== 'string')
          this.wageCurrencies.push({
            plant: p.id,
            country: p.country,
            currency: w.currency,
            doc: this.producerDoc,
            path: [...path, 'wages', field],
          });
      }
      out.set(p.id, {
        id: p.id,
        name: p.name,
        country: p.country,
        operator: p.operator,
        role: p.role,
        path: `plants[${i}]`,
        input: p,
      });
    });
    const goodPlant = this.input.good.plant;
    if (goodPlant !== undefined && !out.has(goodPlant)) {
      this.problems.push(
        problemAt(
          this.doc,
          ['good', 'plant'],
          'PLANT_UNKNOWN',
          `plant "${goodPlant}" is not among the producer document's plants`,
        ),
      );
    }
    return out;
  }

  private producerChecks(): void {
    const p = this.producer;
    const base = this.producerBase;
    if (p.fiscalYear && p.fiscalYear.end < p.fiscalYear.start) {
      this.problems.push(
        problemAt(
          this.producerDoc,
          [...base, 'fiscalYear', 'end'],
          'PERIOD_INVALID',
          'the fiscal year ends before it starts',
        ),
      );
    }
    const sa = p.steelAluminum;
    if (sa) {
      if (sa.period.end < sa.period.start) {
        this.problems.push(
          problemAt(
            this.producerDoc,
            [...base, 'steelAluminum', 'period', 'end'],
            'PERIOD_INVALID',
            'the purchase period ends before it starts',
          ),
        );
      }
      const ids = new Set<string>();
      sa.purchases.forEach((pu, i) => {
        const purchasesDoc = this.purchasesDoc ?? this.producerDoc;
        const path = this.purchasesDoc ? ['steelAluminum', 'purchases', i] : [...base, 'steelAluminum', 'purchases', i];
        if (ids.has(pu.id))
          this.problems.push(
            problemAt(purchasesDoc, [...path, 'id'], 'PURCHASE_DUPLICATE_ID', `purchase id "${pu.id}" appears twice`),
          );
        ids.add(pu.id);
        const subheading = this.subheading(purchasesDoc, [...path, 'hs'], pu.hs, true);
        this.purchaseCodes.push({ doc: purchasesDoc, path: [...path, 'hs'], written: pu.hs, subheading });
        this.convert(purchasesDoc, [...path, 'value'], pu.value.amount, pu.value.currency ?? p.currency);
      });
    }
    const lvc = p.laborValueContent;
    if (lvc) {
      const lbase = [...base, 'laborValueContent'];
      for (const key of [
        'highWageLaborCosts',
        'highWageTransportCosts',
        'annualPurchaseValue',
        'totalAnnualPurchaseValue',
      ] as const) {
        const m = lvc[key];
        if (m) this.convert(this.producerDoc, [...lbase, key], m.amount, m.currency ?? p.currency);
      }
      if (lvc.technology) {
        for (const key of [
          'researchAndDevelopmentWages',
          'informationTechnologyWages',
          'directProductionWages',
        ] as const) {
          const m = lvc.technology[key];
          this.convert(this.producerDoc, [...lbase, 'technology', key], m.amount, m.currency ?? p.currency);
        }
      }
    }
  }

  /** Decimal values of repeated texts (quantities such as "1", rates), parsed once. */
  private readonly decimals = new Map<string, Dec>();

  private decimal(text: string): Dec {
    if (text === '1') return ONE;
    let d = this.decimals.get(text);
    if (d === undefined) {
      d = dec(text);
      if (this.decimals.size < 10_000) this.decimals.set(text, d);
    }
    return d;
  }

  private materials(list: MaterialInput[], parent: Material | undefined, plants: Map<string, Plant>): Material[] {
    const ids = new Set<string>();
    const out: Material[] = new Array(list.length);
    const reporting = this.input.currency;
    // Keys join ids with "/"; inside an id, "~" and "/" are escaped as in a JSON Pointer (~0, ~1), so the line
    // "A/B" and the child "B" of line "A" never share a key.
    const keyPrefix = parent ? `${parent.key}/` : '';
    const doc = this.materialsDoc;
    for (let i = 0; i < list.length; i++) {
      const m = list[i] as MaterialInput;
      const lineCurrency = m.currency ?? reporting;
      const unitCurrency = m.unitValue.currency ?? lineCurrency;
      const quantity = this.decimal(m.quantity);
      const material: Material = {
        index: i,
        parent,
        id: m.id,
        key: keyPrefix + keySegment(m.id),
        description: m.description ?? '',
        hs: undefined,
        quantity,
        unitValue: zero(reporting),
        value: zero(reporting),
        origin: m.origin ?? 'unknown',
        originDeclared: m.origin !== undefined,
        country: m.country,
        plant: m.plant,
        selfProduced: m.selfProduced === true,
        intermediate: m.intermediate === true,
        statement: undefined,
        corePart: m.corePart,
        coreComponent: m.coreComponent,
        netCost: undefined,
        partTable: m.partTable,
        children: [],
      };
      const unitValue =
        unitCurrency === reporting
          ? money(dec(m.unitValue.amount), reporting)
          : this.convert(doc, () => linePath(material, 'unitValue'), m.unitValue.amount, unitCurrency);
      material.unitValue = unitValue;
      material.value = times(unitValue, quantity);
      if (m.hs !== undefined) {
        const hs = this.subheading(doc, () => linePath(material, 'hs'), m.hs);
        material.hs = hs;
        if (hs !== m.hs) material.hsAsWritten = m.hs;
      }
      if (material.intermediate) this.flags.intermediates = true;
      if (m.corePart !== undefined) this.flags.coreParts = true;
      if (ids.has(m.id))
        this.problems.push(
          problemAt(
            doc,
            linePath(material, 'id'),
            'BOM_DUPLICATE_ID',
            `id "${m.id}" is used twice in this material list`,
          ),
        );
      ids.add(m.id);
      if (m.plant !== undefined && !plants.has(m.plant)) {
        this.problems.push(
          problemAt(
            doc,
            linePath(material, 'plant'),
            'PLANT_UNKNOWN',
            `plant "${m.plant}" is not among the producer document's plants`,
          ),
        );
      }
      if (material.intermediate && !material.selfProduced) {
        this.problems.push(
          problemAt(
            doc,
            linePath(material, 'intermediate'),
            'INTERMEDIATE_NOT_SELF_PRODUCED',
            'only a self-produced material can be designated an intermediate material (s. 8(6)); set selfProduced: true or remove the designation',
          ),
        );
      }
      if (m.alternatives) material.alternatives = this.alternatives(m, material, lineCurrency, plants);
      if (m.netCost) material.netCost = this.lineMoney(material, lineCurrency, m.netCost, 'netCost');
      if (m.allocatedTotalCost)
        material.allocatedTotalCost = this.lineMoney(
          material,
          lineCurrency,
          m.allocatedTotalCost,
          'allocatedTotalCost',
        );
      if (m.supplierStatement) material.statement = this.statement(m, material, lineCurrency);
      if (
        m.corePart !== undefined &&
        (m.netCost === undefined) !== (m.materials === undefined || m.materials.length === 0)
      ) {
        this.problems.push(
          problemAt(
            doc,
            linePath(material, m.netCost === undefined ? 'netCost' : 'materials'),
            'CORE_PART_INCOMPLETE',
            `core part ${m.id}: give both netCost and its own materials to have its origin computed (s. 14(4)), or neither to use its declared origin`,
          ),
        );
      }
      if (m.origin === undefined && !originComputable(m)) {
        this.problems.push(
          problemAt(
            doc,
            linePath(material, 'origin'),
            'FIELD_REQUIRED',
            `required: one of "originating", "non-originating", "unknown". It may be left out only where the engine computes the origin: a core part with netCost and its own materials, a self-produced material with its own materials (looked through, s. 7(5)(a)), a designated intermediate material with netCost and its own materials`,
          ),
        );
      }
      if (m.materials && m.materials.length > 0) material.children = this.materials(m.materials, material, plants);
      out[i] = material;
    }
    return out;
  }

  /** A money field of a BOM line, in the reporting currency. */
  private lineMoney(
    material: Material,
    lineCurrency: string,
    v: { amount: string; currency?: string | undefined },
    ...field: string[]
  ): Money {
    const c = v.currency ?? lineCurrency;
    return c === this.input.currency
      ? money(dec(v.amount), c)
      : this.convert(this.materialsDoc, () => linePath(material, ...field), v.amount, c);
  }

  /** A line's quotes from other suppliers: prices in the reporting currency, plants known. */
  private alternatives(
    m: MaterialInput,
    material: Material,
    lineCurrency: string,
    plants: Map<string, Plant>,
  ): Alternative[] {
    return (m.alternatives ?? []).map((a, index) => {
      const currency = a.unitValue.currency ?? a.currency ?? lineCurrency;
      const where = () => linePath(material, 'alternatives', index, 'unitValue');
      const unitValue =
        currency === this.input.currency
          ? money(dec(a.unitValue.amount), currency)
          : this.convert(this.materialsDoc, where, a.unitValue.amount, currency);
      if (a.plant !== undefined && !plants.has(a.plant)) {
        this.problems.push(
          problemAt(
            this.materialsDoc,
            linePath(material, 'alternatives', index, 'plant'),
            'PLANT_UNKNOWN',
            `plant "${a.plant}" is not among the producer document's plants`,
          ),
        );
      }
      return {
        index,
        supplier: a.supplier,
        unitValue,
        origin: a.origin,
        country: a.country,
        plant: a.plant,
        reference: a.reference,
      };
    });
  }

  private statement(m: MaterialInput, material: Material, lineCurrency: string): SupplierStatement {
    const here = (...rest: (string | number)[]): Path => linePath(material, ...rest);
    const amount = (field: string, v: { amount: string; currency?: string | undefined }, ...sub: string[]): Money =>
      this.lineMoney(material, lineCurrency, v, field, ...sub);
    const s = m.supplierStatement as NonNullable<MaterialInput['supplierStatement']>;
    const hasVnm = s.valueOfNonOriginatingMaterials !== undefined;
    const hasRca = s.regionalContentAmount !== undefined;
    if (hasVnm === hasRca) {
      this.problems.push(
        problemAt(
          this.materialsDoc,
          here('supplierStatement'),
          hasVnm ? 'FIELD_UNKNOWN' : 'FIELD_REQUIRED',
          'a supplier statement gives either valueOfNonOriginatingMaterials (s. 9(2)(a)) or regionalContentAmount (s. 9(2)(b)), exactly one',
        ),
      );
    }
    const statement: SupplierStatement = {
      netCost: amount('supplierStatement', s.netCost, 'netCost'),
      valueOfNonOriginatingMaterials:
        s.valueOfNonOriginatingMaterials &&
        amount('supplierStatement', s.valueOfNonOriginatingMaterials, 'valueOfNonOriginatingMaterials'),
      regionalContentAmount:
        s.regionalContentAmount && amount('supplierStatement', s.regionalContentAmount, 'regionalContentAmount'),
      additionalCosts: s.additionalCosts && amount('supplierStatement', s.additionalCosts, 'additionalCosts'),
      reference: s.reference,
    };
    if (statement.regionalContentAmount && compareMoney(statement.regionalContentAmount, material.unitValue) > 0) {
      this.problems.push(
        problemAt(
          this.materialsDoc,
          here('supplierStatement', 'regionalContentAmount'),
          'SUPPLIER_STATEMENT_INCONSISTENT',
          `the stated regional content (${s.regionalContentAmount?.amount}) exceeds the material's unit value (${m.unitValue.amount})`,
        ),
      );
    }
    if (
      statement.valueOfNonOriginatingMaterials &&
      compareMoney(statement.valueOfNonOriginatingMaterials, statement.netCost) > 0
    ) {
      this.problems.push(
        problemAt(
          this.materialsDoc,
          here('supplierStatement', 'valueOfNonOriginatingMaterials'),
          'SUPPLIER_STATEMENT_INCONSISTENT',
          'the stated value of non-originating materials exceeds the stated net cost',
        ),
      );
    }
    return statement;
  }
}

/**
 * The claim's own problems beyond its schema (plants it names that the producer document lacks, currencies
 * without a rate, duplicate line ids, ...) when its producer document does not validate: the claim is checked
 * against the producer's plants that do validate, and only the problems in the claim (and its table) are kept,
 * so that the claim and its producer document are reported at once rather than one after the other.
 */
function claimSideProblems(
  doc: SourceDocument,
  producerDoc: SourceDocument,
  producerBase: Path,
  claimInput: ClaimInput,
  materialsTable: SourceDocument | undefined,
): InputProblem[] {
  const raw = (producerBase.length ? (doc.data as Record<string, unknown>).producer : producerDoc.data) as unknown;
  const rawPlants = isRecord(raw) && Array.isArray(raw.plants) ? raw.plants : [];
  // A plant that does not validate still exists for the claim's references to it (only its id is used here).
  const plants = rawPlants.flatMap((p) => {
    const checked = plantSchema.safeParse(p);
    if (checked.success) return [checked.data];
    return isRecord(p) && typeof p.id === 'string' && p.id !== ''
      ? [{ id: p.id, country: 'US' } as ProducerInput['plants'][number]]
      : [];
  });
  const salvaged = {
    format: 'usmca-roo/producer@1',
    name: '-',
    currency: claimInput.currency,
    plants,
  } as ProducerInput;
  const found: InputProblem[] = [];
  try {
    new Normalizer(
      doc,
      producerDoc,
      producerBase,
      structuredClone(claimInput),
      salvaged,
      found,
      materialsTable ?? doc,
      undefined,
    ).run();
  } catch {
    return []; // what the producer document lacks may stop the checks; its own problems are reported anyway
  }
  // Only the claim's own problems: those in the claim (and its table), not under an inline producer document.
  const inClaim = new Set([doc.file, materialsTable?.file]);
  const inProducer = (path: string) =>
    producerBase.length > 0 && (path === 'producer' || path.startsWith('producer.') || path.startsWith('producer['));
  return found.filter((p) => inClaim.has(p.file) && !inProducer(p.path));
}

/** Keeps the problems not at (or under) a path of `reported`: a table's cells the import has already reported. */
function notReportedIn(reported: readonly InputProblem[]): (found: InputProblem[]) => InputProblem[] {
  if (reported.length === 0) return (found) => found;
  const paths = new Set(reported.map((p) => p.path));
  const under = (path: string): boolean => {
    for (let i = path.length; i > 0; i = Math.max(path.lastIndexOf('.', i - 1), path.lastIndexOf('[', i - 1))) {
      if (paths.has(path.slice(0, i))) return true;
    }
    return false;
  };
  return (found) => found.filter((p) => !under(p.path));
}

/** An id as one segment of a line's key: "~" as "~0" and "/" as "~1" (RFC 6901), so keys never collide. */
export function keySegment(id: string): string {
  return id.includes('~') || id.includes('/') ? id.replace(/~/g, '~0').replace(/\//g, '~1') : id;
}

/**
 * Whether the engine computes a line's origin, so that the claim may leave `origin` out: a core part with its net
 * cost and materials (s. 14(4)-(5)); a self-produced material that is not an intermediate material, whose own
 * materials are counted instead (s. 7(5)(a)); a designated intermediate material with its net cost and materials
 * (s. 8). Where the engine then cannot compute it after all (a core part outside the core-parts test, an
 * intermediate material whose rule the pack does not hold), the line counts as of unknown origin and is an
 * evidence gap, as the law treats materials of undetermined origin.
 */
export function originComputable(m: MaterialInput): boolean {
  const own = m.materials !== undefined && m.materials.length > 0;
  if (!own) return false;
  if (m.selfProduced === true && m.intermediate !== true) return true;
  return m.netCost !== undefined && (m.corePart !== undefined || (m.intermediate === true && m.selfProduced === true));
}
