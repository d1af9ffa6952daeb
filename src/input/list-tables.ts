/**
 * Lists a claim or producer document gives as `{ file, mapping }` instead of inline: the CSV or XLSX table and its
 * column mapping, read (inside the claim's root) and imported; problems at the field that names them.
 */
import { z } from 'zod';
import { importTable } from './tabular/index.js';
import { resolveMapping } from './tabular/mapping.js';
import { InputError, syntaxToInputError, type InputProblem } from './problems.js';
import type { Path, SourceDocument } from '../documents/source.js';
import { parseText } from '../documents/read.js';
import { decodeText } from '../documents/text.js';
import { FileRefusal, readBytes } from '../documents/files.js';
import type { References } from './references.js';
import { problemAt, validateDocument } from './validate.js';

const tableRefSchema = z
  .object({ file: z.string().min(1), mapping: z.union([z.string().min(1), z.record(z.string(), z.unknown())]) })
  .strict();

/** Whether a value is a mapping (not null, not a list). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A file named by a document could not be read: a problem at the field that names it, quoting nothing of the file. */
export function referenceProblem(
  doc: SourceDocument,
  path: Path,
  what: string,
  written: string,
  err: unknown,
): InputProblem {
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
export function importList(
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

/** Keeps the problems not at (or under) a path of `reported`: a table's cells the import has already reported. */
export function notReportedIn(reported: readonly InputProblem[]): (found: InputProblem[]) => InputProblem[] {
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
