/**
 * Problems as the HTTP API answers them: the same problem objects as the command line prints with --json
 * (`{ format: "usmca-roo/problems@1", problems: [{ code, path, message, file, line?, ... }] }`), with the input
 * problem codes of the claim readers (docs/claim-format.md), and these codes for what is wrong with the request
 * itself. `file` is "(request)" for those, or the uploaded file's name.
 */
import type { InputProblem } from '../index.js';

/** Problem codes of the request itself, with the HTTP status each is answered with. */
export const HTTP_PROBLEMS = {
  AUTH_REQUIRED: { status: 401, summary: 'no bearer token: send Authorization: Bearer TOKEN' },
  AUTH_INVALID: { status: 401, summary: 'the bearer token is not the one this server was given' },
  BODY_EMPTY: { status: 400, summary: 'the request has no body' },
  BODY_MALFORMED: { status: 400, summary: 'the body cannot be read as its content type says (broken multipart)' },
  BODY_TOO_LARGE: { status: 413, summary: 'the body or an uploaded file is over the size limit' },
  BODY_TOO_SLOW: {
    status: 408,
    summary: 'the body came too slowly: under the minimum rate once the first seconds had passed',
  },
  CONTENT_TYPE_UNSUPPORTED: { status: 415, summary: 'a content type this endpoint does not read' },
  FIELD_UNKNOWN: { status: 400, summary: 'a query parameter or multipart field this endpoint does not know' },
  PARAMETER_INVALID: { status: 400, summary: 'a query parameter or multipart field with a value it cannot take' },
  PART_MISSING: { status: 400, summary: 'a required multipart file is missing' },
  FILE_NAME_INVALID: {
    status: 400,
    summary: 'an uploaded file name with a path separator, a control character, a leading dot or dash',
  },
  FILE_DUPLICATE: { status: 400, summary: 'two uploaded files of one name' },
  TOO_MANY_FILES: { status: 413, summary: 'more uploaded files or fields than the limit' },
  FILE_NOT_UPLOADED: {
    status: 422,
    summary: 'a document names a file that was not uploaded with it (by its bare name) in the same request',
  },
  CERTIFICATE_REFUSED: {
    status: 422,
    summary: 'no certificate: the good is not originating, or its record does not replay under this engine',
  },
  CERTIFICATE_UNTRUSTED: {
    status: 422,
    summary: 'no certificate: a record is altered, unsigned under a trusted key, or of a pack not released',
  },
  CERTIFICATE_NEEDS_ENGINE: {
    status: 422,
    summary: 'no certificate: a record was made under a rule pack this engine cannot run (replay it with its engine)',
  },
  CERTIFICATE_UNREADABLE: { status: 422, summary: 'not a certificate (JSON, or a PDF that embeds one)' },
  KEY_INVALID: { status: 422, summary: 'an uploaded public key that cannot be read as a PEM Ed25519 key' },
  RECORD_TAMPERED: {
    status: 409,
    summary: 'a stored record no longer matches its hash (records show exits 4): it was altered in the database',
  },
  STORE_REFUSED: {
    status: 422,
    summary: 'the decision store refused the command (a store of a newer version, one that cannot be reached)',
  },
  MEMORY_LIMIT: { status: 413, summary: 'the work needed more memory than a worker may take' },
  NOT_FOUND: { status: 404, summary: 'no such endpoint or resource' },
  METHOD_NOT_ALLOWED: { status: 405, summary: 'the endpoint does not take this method' },
  TIME_LIMIT: { status: 503, summary: 'the work took longer than the time limit and was stopped' },
  SERVER_BUSY: { status: 503, summary: 'too many requests waiting: try again later' },
  SHUTTING_DOWN: { status: 503, summary: 'the server is stopping' },
  INTERNAL_ERROR: { status: 500, summary: 'a fault of the server, logged there; never caused by input' },
} as const;

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

/** A problem object: an input problem of the readers, or one of the request itself. */
export interface ProblemObject {
  code: string;
  path: string;
  message: string;
  file: string;
  line?: number | undefined;
  sheet?: string | undefined;
  column?: string | undefined;
}

/** A request the server answers with problems and a 4xx (or 5xx) status. */
export class HttpProblem extends Error {
  /** Seconds after which the request may be sent again: the Retry-After header of a 503. */
  retryAfter?: number | undefined;

  constructor(
    readonly status: number,
    readonly problems: ProblemObject[],
  ) {
    super(problems.map((p) => `${p.code}: ${p.message}`).join('; '));
  }
}

/**
 * An HttpProblem with one problem of the request itself, answered with its code's status; `path` names the
 * parameter, field or header; `file` is "(request)", or "(store)" for what the decision store refused.
 */
export function requestProblem(code: HttpProblemCode, path: string, message: string, file = '(request)'): HttpProblem {
  return new HttpProblem(HTTP_PROBLEMS[code].status, [{ code, path, message, file }]);
}

/** INTERNAL_ERROR, 500: a fault of the server, logged there, never detailed in the answer. */
export function internalProblem(): HttpProblem {
  return new HttpProblem(500, [
    { code: 'INTERNAL_ERROR', path: '', file: '(server)', message: 'internal error: the server has logged it' },
  ]);
}

/** The body of a problem answer: exactly what `usmca-roo ... --json` prints for input problems. */
export function problemsBody(problems: readonly (ProblemObject | InputProblem)[]): {
  format: 'usmca-roo/problems@1';
  problems: ProblemObject[];
} {
  return { format: 'usmca-roo/problems@1', problems: [...problems] };
}
