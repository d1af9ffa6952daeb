/**
 * Every error a request can meet, answered as a problem object: the server's own (HttpProblem), Fastify's and the
 * multipart reader's (a body too large, a content type it has no reader for, a broken multipart body), and
 * anything else as INTERNAL_ERROR, 500, logged with its stack on the server and never sent in the body.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { prettyJson } from '../index.js';
import {
  HttpProblem,
  HTTP_PROBLEMS,
  internalProblem,
  problemsBody,
  requestProblem,
  type HttpProblemCode,
} from './problems.js';

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

const MULTIPART_BROKEN =
  /Unexpected end of form|Malformed part header|Multipart: Boundary not found|Part terminated early/i;

/** The problem a thrown error is answered with, and whether it is the server's own fault (to be logged). */
export function problemOf(err: unknown): { problem: HttpProblem; internal: boolean } {
  if (err instanceof HttpProblem) return { problem: err, internal: err.status >= 500 };
  const e = err as FastifyError;
  const mapped = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) return { problem: requestProblem(mapped, 'body', HTTP_PROBLEMS[mapped].summary), internal: false };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  // The multipart reader (busboy) throws plain errors for a broken body: "Unexpected end of form", ...
  if (status >= 400 && status < 500)
    return {
      problem: requestProblem('BODY_MALFORMED', 'body', 'the body cannot be read as its content type says'),
      internal: false,
    };
  if (MULTIPART_BROKEN.test(e?.message ?? ''))
    return {
      problem: requestProblem('BODY_MALFORMED', 'body', `the multipart body is broken (${e.message})`),
      internal: false,
    };
  return { problem: internalProblem(), internal: true };
}

/** Sends a problem answer: its status, and exactly what `usmca-roo ... --json` prints for problems. */
export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  if (problem.retryAfter !== undefined) void reply.header('retry-after', String(problem.retryAfter));
  return reply
    .code(problem.status)
    .type('application/json; charset=utf-8')
    .send(prettyJson(problemsBody(problem.problems)));
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { problem, internal } = problemOf(err);
    if (internal) request.log.error({ err }, 'internal error');
    void sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    void sendProblem(reply, requestProblem('NOT_FOUND', path, `no ${request.method} ${path} here: see /openapi.json`));
  });
}
