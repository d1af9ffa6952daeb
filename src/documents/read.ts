/**
 * Reads a YAML or JSON document from disk, choosing the reader by the file's extension. Throws
 * DocumentSyntaxError (codes FILE_NOT_READABLE, FILE_NOT_REGULAR, FILE_TOO_LARGE, TEXT_ENCODING,
 * FILE_FORMAT_UNKNOWN, YAML_SYNTAX, JSON_SYNTAX, DUPLICATE_KEY, YAML_ALIAS) for a file that cannot be read or
 * parsed; what the document means is not checked here.
 */
import { extname } from 'node:path';
import { DEFAULT_LIMITS, FileRefusal, readBytes } from './files.js';
import { parseJson } from './json.js';
import { DocumentSyntaxError, type SourceDocument } from './source.js';
import { decodeText } from './text.js';
import { parseYamlFast } from './yaml-fast.js';

/** How readDocument reads a file: its size limit, and whether a pipe will do. */
export interface ReadOptions {
  /** Largest file read, in bytes (default DEFAULT_LIMITS.maxFileBytes). */
  maxFileBytes?: number | undefined;
  /** Accept a pipe as well as a regular file (for a path named on the command line; default true). */
  allowPipe?: boolean | undefined;
}

/**
 * The document in `file` (.yaml, .yml or .json), with positions for error messages: a regular file (or a
 * pipe, when allowed) of at most `maxFileBytes`, in UTF-8 or UTF-16 with its byte-order mark. Throws
 * DocumentSyntaxError (see the module comment; syntaxToInputError turns it into an InputError).
 */
export function readDocument(file: string, options: ReadOptions = {}): SourceDocument {
  let content: string;
  try {
    content = decodeText(
      file,
      readBytes(file, options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes, options.allowPipe ?? true),
    );
  } catch (err) {
    throw refusalToSyntax(err);
  }
  return parseText(file, content);
}

/** A FileRefusal as a DocumentSyntaxError (other errors unchanged). */
export function refusalToSyntax(err: unknown): unknown {
  if (!(err instanceof FileRefusal)) return err;
  return new DocumentSyntaxError(err.file, [
    {
      code: err.code,
      message: `${err.file}: ${err.reason}`,
      ...(err.line !== undefined ? { position: { line: err.line, column: 1 } } : {}),
    },
  ]);
}

/**
 * `content` parsed as the document `file` names (the extension picks YAML or JSON; numbers stay text, a key
 * written twice is refused). Throws DocumentSyntaxError (FILE_FORMAT_UNKNOWN, YAML_SYNTAX, JSON_SYNTAX,
 * DUPLICATE_KEY, BARE_JSON_NUMBER...).
 */
export function parseText(file: string, content: string): SourceDocument {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return parseJson(file, content);
  if (ext === '.yaml' || ext === '.yml') return parseYamlFast(file, content);
  throw new DocumentSyntaxError(file, [
    { code: 'FILE_FORMAT_UNKNOWN', message: `${file}: expected a .yaml, .yml or .json file` },
  ]);
}
