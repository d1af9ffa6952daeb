/**
 * A claim document built from tables (the `import` command): the bill of materials, and optionally the steel
 * and aluminum purchases, read from CSV or XLSX through their column mappings (docs/import.md), put into a
 * template claim or a new one. The document is not validated here: it is what a user would write, and is
 * validated when it is evaluated. Every problem of every input is returned together.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { FileRefusal, resolveReference } from '../documents/files.js';
import { readDocument } from '../documents/read.js';
import type { SourceDocument } from '../documents/source.js';
import { InputError, syntaxToInputError, type InputProblem } from './problems.js';
import { importTableAsync, loadMapping, type TableKind } from './tabular/index.js';

const CLAIM_FORMAT = 'usmca-roo/claim@1';
const PRODUCER_FORMAT = 'usmca-roo/producer@1';

/** What to import, as absolute paths. */
export interface ClaimImport {
  materials: { file: string; mapping: string };
  purchases?: { file: string; mapping: string } | undefined;
  /** A claim to copy everything but the imported lists from (its producer path is rewritten for `outDir`). */
  template?: string | undefined;
  /** Where the claim will be written: a relative producer path of the template is made relative to it. */
  outDir: string;
}

/** The claim document (a plain object, format usmca-roo/claim@1), or the problems that prevent it. */
export interface ImportedClaim {
  claim: Record<string, unknown>;
  problems: InputProblem[];
  /** What the user should add by hand (e.g. a purchase period the tables cannot give). */
  notes: string[];
  /** Top-level BOM lines imported. */
  materials: unknown[];
  purchases?: unknown[] | undefined;
}

/** Builds the claim document; nothing is read outside the named files and the template's producer document. */
export async function importClaim(request: ClaimImport): Promise<ImportedClaim> {
  const problems: InputProblem[] = [];
  const notes: string[] = [];
  const materials = await importList(request.materials.file, request.materials.mapping, 'materials', problems);
  const purchases =
    request.purchases !== undefined
      ? await importList(request.purchases.file, request.purchases.mapping, 'purchases', problems)
      : undefined;
  const outDir = request.outDir;
  let claim: Record<string, unknown>;
  if (request.template !== undefined) {
    const templateFile = request.template;
    const template = readObject(templateFile, CLAIM_FORMAT, problems);
    claim = { ...(template?.data ?? {}) };
    claim.materials = materials;
    const producer = claim.producer;
    if (purchases !== undefined) {
      let producerData: Record<string, unknown> | undefined;
      if (typeof producer === 'string') {
        // The template names its producer document: inside the template's folder only, as for a claim.
        let producerFile: string | undefined;
        try {
          producerFile = resolveReference(dirname(templateFile), dirname(templateFile), producer);
        } catch (err) {
          if (!(err instanceof FileRefusal)) throw err;
          problems.push({
            code: err.code,
            path: 'producer',
            file: templateFile,
            line: template?.doc.locate(['producer'])?.line,
            message: `producer document ${producer}: ${err.reason}`,
          });
        }
        if (producerFile !== undefined) producerData = readObject(producerFile, PRODUCER_FORMAT, problems)?.data;
      } else if (isRecord(producer)) producerData = producer;
      else if (template) producerData = { format: PRODUCER_FORMAT };
      if (producerData) claim.producer = withPurchases(producerData, purchases, notes);
    } else if (typeof producer === 'string' && !isAbsolute(producer)) {
      claim.producer = portable(relative(outDir, resolve(dirname(templateFile), producer)));
    }
  } else {
    claim = { format: CLAIM_FORMAT, materials };
    if (purchases !== undefined) claim.producer = { format: PRODUCER_FORMAT, steelAluminum: { purchases } };
  }
  return { claim, problems, notes, materials, purchases };
}

async function importList(
  file: string,
  mappingFile: string,
  kind: TableKind,
  problems: InputProblem[],
): Promise<unknown[]> {
  const loaded = loadMapping(mappingFile);
  problems.push(...loaded.problems);
  if (!loaded.mapping) return [];
  if (loaded.mapping.kind !== kind) {
    problems.push({
      code: 'MAPPING_INVALID',
      path: 'kind',
      file: mappingFile,
      message: `this mapping is for ${loaded.mapping.kind}; the ${kind === 'materials' ? '--mapping' : '--purchases-mapping'} option needs kind: ${kind}`,
    });
    return [];
  }
  const result = await importTableAsync(file, loaded.mapping, mappingFile);
  problems.push(...result.problems);
  return result.document.data as unknown[];
}

function readObject(
  file: string,
  format: string,
  problems: InputProblem[],
): { doc: SourceDocument; data: Record<string, unknown> } | undefined {
  let doc: SourceDocument;
  try {
    doc = readDocument(file);
  } catch (err) {
    const converted = syntaxToInputError(err);
    if (converted instanceof InputError) {
      problems.push(...converted.problems);
      return undefined;
    }
    throw err;
  }
  if (!isRecord(doc.data) || doc.data.format !== format) {
    problems.push({
      code: 'DOCUMENT_FORMAT',
      path: 'format',
      file,
      line: doc.locate(['format'])?.line,
      message: `expected a document with format: ${format}`,
    });
    return undefined;
  }
  return { doc, data: doc.data };
}

function withPurchases(
  producer: Record<string, unknown>,
  purchases: unknown[],
  notes: string[],
): Record<string, unknown> {
  const current = producer.steelAluminum;
  const steelAluminum = isRecord(current) ? { ...current, purchases } : { purchases };
  if (!isRecord(current))
    notes.push('the producer document has no steelAluminum section; add its period and basis to the written claim');
  return { ...producer, steelAluminum };
}

/** Every line of a bill of materials, at every level. */
export function countMaterials(list: unknown[]): number {
  let count = 0;
  const stack = [list];
  while (stack.length > 0) {
    const items = stack.pop() as unknown[];
    count += items.length;
    for (const item of items) {
      const children = isRecord(item) ? item.materials : undefined;
      if (Array.isArray(children)) stack.push(children);
    }
  }
  return count;
}

function portable(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
