/**
 * A parsed document with the means to point back into its text: `locate(path)` gives the line and column
 * of the value at a path, for error messages. Locating is done lazily, only when a problem is reported.
 */
export type PathSegment = string | number;
/** A path into a document's data: keys and list indexes (0-based), outermost first: ['materials', 3, 'origin']. */
export type Path = readonly PathSegment[];

/** A place in a document's text. */
export interface Position {
  /** Line, 1-based. */
  line: number;
  /** Column, 1-based. */
  column: number;
}

/** A parsed YAML or JSON document: its data as read (strings stay strings), and the way back to its text. */
export interface SourceDocument {
  /** The file it was read from (a path, or a name such as "(standard input).yaml"). */
  readonly file: string;
  /** The syntax it was read as. */
  readonly format: 'yaml' | 'json';
  /** The data: objects, arrays, strings, booleans and null; numbers only where the text wrote bare numbers. */
  readonly data: unknown;
  /** The line and column of the value at `path`, or undefined if the path is not in the document. */
  locate(path: Path): Position | undefined;
  /**
   * True when the reader has seen in the text itself that no string or key of `data` can hold anything but
   * printable text: no escape sequence, and no control, format, surrogate or replacement character written as
   * it is (see json.ts). The check of every text (input/text-fields.ts) then has nothing to find in `data`.
   * Absent when not known.
   */
  readonly plainText?: boolean;
  /**
   * True when no object of `data` can be found at two places: a YAML text without an alias (`*name`; the reader
   * sees no "*" in it at all). JSON and tables never share objects. Absent when not known.
   */
  readonly aliasFree?: boolean;
}

/** A problem found while reading the text itself (syntax, duplicate key, alias), before validation. */
export interface SyntaxProblem {
  /** The problem code, SCREAMING_SNAKE (e.g. YAML_SYNTAX, DUPLICATE_KEY). */
  code: string;
  /** What is wrong and what was expected. */
  message: string;
  /** The field it is in, when known (`materials[0].unitValue`). */
  path?: string;
  /** Where in the text, when known. */
  position?: Position;
}

/**
 * A document that cannot be read as written: its file and every problem found in its text. `readable` is the
 * document as parsed when the problems are in values the text does hold (a bare JSON number a double cannot keep,
 * a key written twice): the document is still refused, but a reader may check the rest of it, so that every
 * problem is reported at once.
 */
export class DocumentSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly problems: SyntaxProblem[],
    readonly readable?: SourceDocument,
  ) {
    super(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  }
}

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(document)' : out;
}
