/**
 * A claim received over HTTP may name only files uploaded with it in the same request, by their bare names:
 * its producer document (`producer: producer.yaml`), its bill of materials `materials: { file, mapping }`, and
 * the producer document's `steelAluminum.purchases: { file, mapping }`. A name with a path, or of a file that
 * was not uploaded, is refused (FILE_NOT_UPLOADED) at its field and line before the claim is read, so that no
 * claim makes the server read its own files. Everything else about the documents is left to the claim readers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../index.js';
import type { ProblemObject } from './problems.js';

type Doc = ReturnType<typeof readDocument>;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(dir: string, doc: Doc, path: (string | number)[], value: unknown, out: ProblemObject[]): boolean {
  if (typeof value !== 'string') return false;
  const bare = !/[/\\]/.test(value) && value !== '.' && value !== '..' && value.length > 0;
  if (bare && existsSync(join(dir, value))) return true;
  out.push({
    code: 'FILE_NOT_UPLOADED',
    path: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''),
    file: doc.file.startsWith(dir) ? doc.file.slice(dir.length + 1) : doc.file,
    line: doc.locate(path)?.line,
    message: bare
      ? `names ${JSON.stringify(value)}, which was not uploaded with the claim: upload it in the same request`
      : `names ${JSON.stringify(value)}: a claim sent to the server names the files uploaded with it by their bare names, without a folder`,
  });
  return false;
}

function checkTable(dir: string, doc: Doc, base: (string | number)[], ref: unknown, out: ProblemObject[]): void {
  if (!isObj(ref) || !('file' in ref)) return;
  check(dir, doc, [...base, 'file'], ref.file, out);
  if (typeof ref.mapping === 'string') check(dir, doc, [...base, 'mapping'], ref.mapping, out);
}

function checkProducer(dir: string, doc: Doc, base: (string | number)[], producer: unknown, out: ProblemObject[]) {
  const sa = isObj(producer) ? producer.steelAluminum : undefined;
  if (isObj(sa)) checkTable(dir, doc, [...base, 'steelAluminum', 'purchases'], sa.purchases, out);
}

/** The FILE_NOT_UPLOADED problems of the claim `name` in `dir` ([] when it names only uploaded files, or cannot be read). */
export function referenceProblems(dir: string, name: string): ProblemObject[] {
  let doc: Doc;
  try {
    doc = readDocument(join(dir, name));
  } catch {
    return []; // the claim reader reports why it cannot be read
  }
  const out: ProblemObject[] = [];
  const data = doc.data;
  if (!isObj(data)) return out;
  checkTable(dir, doc, ['materials'], data.materials, out);
  if (typeof data.producer === 'string') {
    if (check(dir, doc, ['producer'], data.producer, out)) {
      try {
        const producer = readDocument(join(dir, data.producer));
        checkProducer(dir, producer, [], producer.data, out);
      } catch {
        // the claim reader reports it
      }
    }
  } else checkProducer(dir, doc, ['producer'], data.producer, out);
  return out;
}
