/**
 * A deadline on reading a request's body, as a minimum rate: once the server starts reading a body (it was given a
 * place to be read, admission.ts, or the fast lane took it), the bytes must keep coming, at least
 * `minBytesPerSecond` on average after a grace period (`graceMs`). A client that sends a body a byte at a time
 * (or stops) would otherwise hold one of the few places of requests being read for as long as the server's
 * request timeout, and a few such clients would stall every other request. Watched from the connection's count
 * of bytes read, without reading the body itself; a body too slow is refused with 408 BODY_TOO_SLOW (a problem
 * object) and its connection closed after the answer.
 */
import type { IncomingMessage } from 'node:http';
import { requestProblem } from './problems.js';

/** The rate a body must keep once it is being read. */
export interface BodyRate {
  /** Milliseconds from the start of reading before the rate is checked. */
  graceMs: number;
  /** Bytes a second the body must average after the grace period. */
  minBytesPerSecond: number;
}

export const DEFAULT_BODY_RATE: BodyRate = { graceMs: 10_000, minBytesPerSecond: 16 * 1024 };

/** The problem of a body that came too slowly. */
export function tooSlow(rate: BodyRate): Error {
  return requestProblem(
    'BODY_TOO_SLOW',
    'body',
    `the body came slower than ${rate.minBytesPerSecond} bytes a second after the first ${rate.graceMs / 1000} s`,
  );
}

/**
 * Watches the body of `req` arrive from now on; calls `onSlow` once if it falls behind `rate` before it is
 * complete. Answers the function that stops watching (also stopped by the body's end or the connection's close).
 */
export function watchBody(req: IncomingMessage, rate: BodyRate, onSlow: () => void): () => void {
  const socket = req.socket;
  if (req.complete || !socket) return () => undefined;
  const start = socket.bytesRead;
  const started = performance.now();
  const timer = setInterval(() => {
    if (req.complete || socket.destroyed) return stop();
    const late = performance.now() - started - rate.graceMs;
    if (late > 0 && socket.bytesRead - start < (late / 1000) * rate.minBytesPerSecond) {
      stop();
      onSlow();
    }
  }, 1000);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    req.removeListener('end', stop);
    req.removeListener('close', stop);
  };
  req.once('end', stop);
  req.once('close', stop);
  return stop;
}

/**
 * Refuses a body being read by the server's readers (the content type's parser or the multipart reader, which
 * both listen for the request's errors): they fail with BODY_TOO_SLOW, which is answered as any problem is.
 */
export function failBody(req: IncomingMessage, rate: BodyRate): void {
  if (req.listenerCount('error') === 0) req.once('error', () => undefined);
  req.emit('error', tooSlow(rate));
}
