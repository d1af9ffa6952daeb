/**
 * A parsed document with the means to point back into its text: `locate(path)` gives the line and column
 * of the value at a path, for error messages. Locating is done lazily, only when a problem is reported.
 */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Position {
  line: number;
  column: number;
}

export interface SourceDocument {
  readonly file: string;
  readonly format: 'yaml' | 'json';
  readonly data: unknown;
  locate(path: Path): Position | undefined;
  /**
   * True when the reader has seen in the text itself that no string or key of `data` can hold anything but
   * printable text: no escape sequence, and no control, format, surrogate or replacement character written as
   * it is (see json.ts). The check of every text (input/text-fields.ts) then has nothing to find in `data`.
   * Absent when not known.
   */
  readonly plainText?: boolean;
}

/** A problem found while reading the text itself (syntax, duplicate key, alias), before validation. */
export interface SyntaxProblem {
  code: string;
  message: string;
  /** The field it is in, when known (`materials[0].unitValue`). */
  path?: string;
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
