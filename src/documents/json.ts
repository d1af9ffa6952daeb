/**
 * JSON reader. `JSON.parse` does the work; positions come from a second, tolerant parse done only when a
 * problem has to be reported. A key written twice and a bare number that is not a safe whole number are
 * refused (DUPLICATE_KEY, BARE_JSON_NUMBER, see json-strict.ts): nothing is kept through a double.
 */
import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';

// Loaded on first use: the tolerant parser is needed only to point at a line in an error message.
const lazy = createRequire(import.meta.url);
const jsonc = (): typeof import('jsonc-parser') => lazy('jsonc-parser') as typeof import('jsonc-parser');
import { strictJsonProblems } from './json-strict.js';
import { DocumentSyntaxError, type Path, type Position, type SourceDocument } from './source.js';

/**
 * What may put a character other than printable text into a string or key of a JSON text: any escape sequence
 * (a backslash), or one of the characters refused in texts (input/text-fields.ts) written as it is. A control
 * character U+0000-U+001F cannot be written as it is inside a JSON string (JSON.parse refuses it), so outside one
 * it is white space. A well-formed surrogate pair (an emoji) also matches: the texts are then checked one by one.
 */
const NOT_PLAIN = /[\\\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffd\ud800-\udfff]/;

export function parseJson(file: string, textContent: string): SourceDocument {
  let data: unknown;
  const lineStarts = lazyLineStarts(textContent);
  const position = (offset: number): Position => {
    const starts = lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
  try {
    data = JSON.parse(textContent);
  } catch {
    const { parse: tolerantParse, printParseErrorCode } = jsonc();
    const errors: ParseError[] = [];
    tolerantParse(textContent, errors, { allowTrailingComma: false, disallowComments: true });
    // A text cut short (a truncated download or copy) is one problem, not one per bracket left open.
    const end = textContent.trimEnd().length;
    const truncated = errors.filter((e) => e.offset >= end);
    const shown = truncated.length > 0 ? [...errors.filter((e) => e.offset < end), truncated[0] as ParseError] : errors;
    const problems = shown.map((e) => ({
      code: 'JSON_SYNTAX',
      message:
        e.offset >= end
          ? `the JSON text ends before it is complete (${printParseErrorCode(e.error)}): is the file cut short?`
          : `JSON syntax error: ${printParseErrorCode(e.error)}`,
      position: position(Math.min(e.offset, Math.max(end - 1, 0))),
    }));
    throw new DocumentSyntaxError(
      file,
      problems.length > 0 ? problems : [{ code: 'JSON_SYNTAX', message: 'JSON syntax error' }],
    );
  }
  const strict = strictJsonProblems(textContent, data, (offset) => position(offset).line);
  let tree: ReturnType<typeof import('jsonc-parser').parseTree> | undefined;
  const doc: SourceDocument = {
    file,
    format: 'json',
    data,
    plainText: !NOT_PLAIN.test(textContent),
    locate(path: Path): Position | undefined {
      const { findNodeAtLocation, parseTree } = jsonc();
      try {
        tree ??= parseTree(textContent);
      } catch {
        return undefined; // nesting too deep for the tolerant parser: no line, the path still says where
      }
      if (!tree) return undefined;
      for (let n = path.length; n >= 0; n--) {
        const node = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
        if (node) {
          const target = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
          return position(target.offset);
        }
      }
      return undefined;
    },
  };
  // Refused, but readable: the values are there (a double's or the last key's), for the rest to be checked.
  if (strict.length > 0) throw new DocumentSyntaxError(file, strict, doc);
  return doc;
}

function lazyLineStarts(textContent: string): () => number[] {
  let starts: number[] | undefined;
  return () => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < textContent.length; i++) if (textContent.charCodeAt(i) === 10) starts.push(i + 1);
    }
    return starts;
  };
}
