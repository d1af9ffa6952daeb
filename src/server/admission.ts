/**
 * How many engine requests the server reads and works on at once (`Limits.activeRequests`); the others wait, their
 * bodies unread (in the connection, not in memory), until one is answered. A burst of requests is then read as
 * workers free up rather than all at its start, so the server's thread, spending its time a little at a time, keeps
 * answering /health and the rest, and memory holds at most that many bodies. The wait is taken before the body is
 * read (Fastify's preParsing hook) and the place given back once the answer is closed: sent, or the client gone.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { busy } from './pool.js';
import { failBody, watchBody, type BodyRate } from './slow-body.js';

/** A counting semaphore: `enter` resolves when a place is free and gives the function that frees it (once). */
export class Admission {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly places: number) {}

  /** Requests being read or worked on. */
  get inside(): number {
    return this.active;
  }

  /** Requests waiting for a place, unread. */
  get queued(): number {
    return this.waiting.length;
  }

  async enter(): Promise<() => void> {
    if (this.active < this.places) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/**
 * A preParsing hook that holds a place of `admission` from before the body is read until the answer is closed
 * (sent, or the connection gone: the response's close event, which comes either way); with `maxWaiting` requests
 * waiting already, SERVER_BUSY (503) with Retry-After. Once in, the body must come at `rate` (slow-body.ts), or
 * the request is refused (408 BODY_TOO_SLOW, the connection closed after) and its place given back.
 */
export function admissionHook(
  admission: Admission,
  maxWaiting: number,
  retryAfterSeconds: () => number,
  rate: BodyRate,
) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // Beyond `maxWaiting` waiting already, turned away at once rather than held.
    if (admission.queued >= maxWaiting) throw busy(retryAfterSeconds());
    const leave = await admission.enter();
    if (reply.raw.closed || reply.raw.destroyed) leave();
    else reply.raw.once('close', leave);
    const stop = watchBody(request.raw, rate, () => {
      void reply.header('connection', 'close');
      failBody(request.raw, rate);
    });
    reply.raw.once('close', stop);
    return payload;
  };
}
