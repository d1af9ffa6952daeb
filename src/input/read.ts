/** Reads a YAML or JSON document from disk, choosing the reader by the file's extension. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseJson } from './json.js';
import { InputError, type InputProblem } from './problems.js';
import { DocumentSyntaxError, type SourceDocument } from './source.js';
import { parseYamlFast } from './yaml-fast.js';

export function readDocument(file: string): SourceDocument {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new DocumentSyntaxError(file, [{ code: 'FILE_NOT_READABLE', message: `${file}: ${why}` }]);
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  return parseText(file, content);
}

export function parseText(file: string, content: string): SourceDocument {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return parseJson(file, content);
  if (ext === '.yaml' || ext === '.yml') return parseYamlFast(file, content);
  throw new DocumentSyntaxError(file, [
    { code: 'FILE_FORMAT_UNKNOWN', message: `${file}: expected a .yaml, .yml or .json file` },
  ]);
}

/** A syntax error in a document, as input problems (path "(document)" unless another is given). */
export function syntaxToInputError(err: unknown, path = '(document)'): unknown {
  if (err instanceof DocumentSyntaxError) {
    return new InputError(
      err.problems.map((p) => ({
        code: p.code as InputProblem['code'],
        path,
        message: p.message,
        file: err.file,
        line: p.position?.line,
      })),
    );
  }
  return err;
}
