/**
 * Bearer-token authentication (RFC 6750): when the server is given a token file, every /v1/ request must carry
 * `Authorization: Bearer TOKEN` with that token (compared in constant time). The page, its assets, the OpenAPI
 * document, /health and /status are open: they hold no data. Without a token the server listens on loopback only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { requestProblem } from './problems.js';

/** Tokens shorter than this are refused: a guessable token is no protection. */
export const MIN_TOKEN_LENGTH = 16;

/** The token in a token file: its first line, trimmed; an error message if it cannot serve. */
export function readToken(file: string): string {
  const text = readFileSync(file, 'utf8');
  const token = (text.split(/\r?\n/)[0] ?? '').trim();
  if (token.length < MIN_TOKEN_LENGTH)
    throw new Error(
      `the token in ${file} must be at least ${MIN_TOKEN_LENGTH} characters (a random one: openssl rand -hex 32)`,
    );
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Error(`the token in ${file} must be printable ASCII without spaces`);
  return token;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Throws AUTH_REQUIRED or AUTH_INVALID unless the request carries the token. */
export function checkBearer(request: FastifyRequest, token: string): void {
  const header = request.headers.authorization;
  if (header === undefined || header === '')
    throw requestProblem('AUTH_REQUIRED', 'Authorization', 'this server needs Authorization: Bearer TOKEN');
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match || !timingSafeEqual(digest(match[1] as string), digest(token)))
    throw requestProblem('AUTH_INVALID', 'Authorization', 'the bearer token is not valid for this server');
}

/** Whether `host` is a loopback address or name (where the server may listen without a token). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}
