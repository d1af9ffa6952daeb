/**
 * Reads a YAML or JSON document from disk, choosing the reader by the file's extension. Throws
 * DocumentSyntaxError (codes FILE_NOT_READABLE, FILE_FORMAT_UNKNOWN, YAML_SYNTAX, JSON_SYNTAX, DUPLICATE_KEY,
 * YAML_ALIAS) for a file that cannot be read or parsed; what the document means is not checked here.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseJson } from './json.js';
import { DocumentSyntaxError, type SourceDocument } from './source.js';
import { parseYamlFast } from './yaml-fast.js';

/** The document in `file` (.yaml, .yml or .json), with positions for error messages. */
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

/** `content` parsed as the document `file` names (the extension picks YAML or JSON). */
export function parseText(file: string, content: string): SourceDocument {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return parseJson(file, content);
  if (ext === '.yaml' || ext === '.yml') return parseYamlFast(file, content);
  throw new DocumentSyntaxError(file, [
    { code: 'FILE_FORMAT_UNKNOWN', message: `${file}: expected a .yaml, .yml or .json file` },
  ]);
}
