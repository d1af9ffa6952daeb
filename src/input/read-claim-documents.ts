/**
 * The first stage of loading a claim: the claim, its producer document (inline or a file it names) and the
 * CSV/XLSX tables they name, each read and checked against its schema. Every problem of every document is
 * collected; what validates is returned for the checks between them (load-claim.ts).
 */
import { z } from 'zod';
import { dirname } from 'node:path';
import {
  claimSchema,
  materialSchema,
  producerSchema,
  purchaseSchema,
  type ClaimInput,
  type ProducerInput,
} from './documents.js';
import { importList, isRecord, notReportedIn, referenceProblem } from './list-tables.js';
import { InputError, syntaxToInputError, withoutProblemsUnder, type InputProblem } from './problems.js';
import { DocumentSyntaxError, type Path, type SourceDocument } from '../documents/source.js';
import { FileRefusal } from '../documents/files.js';
import type { References } from './references.js';
import { textProblems } from './text-fields.js';
import { validateDocument } from './validate.js';

/** The documents of a claim as read and validated (a field is undefined where its document did not validate). */
export interface ClaimReading {
  /** Every problem found so far, in every document. */
  problems: InputProblem[];
  /** The claim, validated (with the rows of its materials table, when it names one that validates). */
  claimInput: ClaimInput | undefined;
  /** The producer document, where it could be read (a file of its own, or the claim itself when inline). */
  producerDoc: SourceDocument | undefined;
  /** Where the producer document is in `producerDoc`: `[]`, or `['producer']` when inline. */
  producerBase: Path;
  /** The producer document, validated (with the rows of its purchases table, when it names one that validates). */
  producer: ProducerInput | undefined;
  /** The materials table the claim names, when it was imported without problems. */
  materialsTable: SourceDocument | undefined;
  /** The purchases table the producer document names, when it was imported without problems. */
  purchasesTable: SourceDocument | undefined;
  /** The materials and purchases tables as imported, also with problems (for the checks of what did import). */
  tables: { materials?: SourceDocument | undefined; purchases?: SourceDocument | undefined };
}

/**
 * Reads and validates the claim `doc`, the producer document (`readProducer` reads one the claim names by path)
 * and the tables they name (resolved against `baseDir`, inside `refs`' root). Never throws for bad input.
 */
export function readClaimDocuments(
  doc: SourceDocument,
  readProducer: (path: string) => SourceDocument,
  baseDir: string,
  refs: References,
): ClaimReading {
  const problems: InputProblem[] = [];
  const tables: ClaimReading['tables'] = {};
  let claimData = doc.data;
  let materialsTable: SourceDocument | undefined;
  let materialsReported: InputProblem[] = [];
  if (isRecord(claimData) && isRecord(claimData.materials) && 'file' in claimData.materials) {
    const imported = importList(doc, claimData.materials, ['materials'], baseDir, refs);
    problems.push(...imported.problems);
    materialsTable = imported.table;
    tables.materials = imported.table;
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
  const refused: InputProblem[] = [];
  if (typeof rawProducer === 'string') {
    try {
      producerDoc = readProducer(rawProducer);
    } catch (err) {
      if (err instanceof FileRefusal && err.code !== 'TEXT_ENCODING') {
        // Not read (outside the root, not a regular file, too large, missing): said at the claim's field.
        problems.push(referenceProblem(doc, ['producer'], 'producer document', rawProducer, err));
      } else {
        const converted = syntaxToInputError(err);
        if (converted instanceof InputError) {
          problems.push(...converted.problems);
          refused.push(...converted.problems);
        } else throw err;
        // Refused for a value it holds (a bare JSON number): the rest of it is still checked.
        if (err instanceof DocumentSyntaxError) producerDoc = err.readable;
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
      tables.purchases = imported.table;
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
  return {
    problems: withoutProblemsUnder(refused, problems),
    claimInput,
    producerDoc,
    producerBase,
    producer,
    materialsTable,
    purchasesTable,
    tables,
  };
}
