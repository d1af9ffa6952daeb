/**
 * Every error a request can meet, answered as a problem object: the server's own (HttpProblem), Fastify's and the
 * multipart reader's (a body too large, a content type it has no reader for, a broken multipart body), and
 * anything else as INTERNAL_ERROR, 500, logged with its stack on the server and never sent in the body.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { prettyJson } from '../index.js';
import { HttpProblem, HTTP_PROBLEMS, problemsBody, type HttpProblemCode } from './problems.js';

/** Fastify's and @fastify/multipart's error codes, by the problem code they are answered with. */
const FASTIFY_CODES: Record<string, HttpProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CONTENT_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_TYPE: 'CONTENT_TYPE_UNSUPPORTED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_EMPTY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BODY_MALFORMED',
  FST_ERR_CTP_EMPTY_TYPE: 'CONTENT_TYPE_UNSUPPORTED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'CONTENT_TYPE_UNSUPPORTED',
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_PARTS_LIMIT: 'TOO_MANY_FILES',
  FST_FIELDS_LIMIT: 'TOO_MANY_FILES',
  FST_PROTO_VIOLATION: 'BODY_MALFORMED',
  FST_ERR_BAD_URL: 'NOT_FOUND',
};

/** The problem a thrown error is answered with: its HTTP status and body. */
export function problemOf(err: unknown): { status: number; problem: HttpProblem; internal: boolean } {
  if (err instanceof HttpProblem) return { status: err.status, problem: err, internal: err.status >= 500 };
  const e = err as FastifyError;
  const mapped = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) {
    const status = HTTP_PROBLEMS[mapped].status;
    return {
      status,
      problem: new HttpProblem(status, [
        { code: mapped, path: 'body', file: '(request)', message: HTTP_PROBLEMS[mapped].summary },
      ]),
      internal: false,
    };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500)
    // The multipart reader (busboy) throws plain errors for a broken body: "Unexpected end of form", ...
    return {
      status: 400,
      problem: new HttpProblem(400, [
        {
          code: 'BODY_MALFORMED',
          path: 'body',
          file: '(request)',
          message: 'the body cannot be read as its content type says',
        },
      ]),
      internal: false,
    };
  if (
    /Unexpected end of form|Malformed part header|Multipart: Boundary not found|Part terminated early/i.test(
      e?.message ?? '',
    )
  )
    return {
      status: 400,
      problem: new HttpProblem(400, [
        {
          code: 'BODY_MALFORMED',
          path: 'body',
          file: '(request)',
          message: `the multipart body is broken (${e.message})`,
        },
      ]),
      internal: false,
    };
  return {
    status: 500,
    problem: new HttpProblem(500, [
      { code: 'INTERNAL_ERROR', path: '', file: '(server)', message: 'internal error: the server has logged it' },
    ]),
    internal: true,
  };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, problem, internal } = problemOf(err);
    if (internal) request.log.error({ err }, 'internal error');
    void reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send(prettyJson(problemsBody(problem.problems)));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(
        prettyJson(
          problemsBody([
            {
              code: 'NOT_FOUND',
              path: request.url.split('?')[0] ?? '',
              file: '(request)',
              message: `no ${request.method} ${request.url.split('?')[0]} here: see /openapi.json`,
            },
          ]),
        ),
      );
  });
}
