/**
 * The same /v1/evaluate request again, answered before the web framework reads it. A small request (a declared
 * Content-Length under the large-upload size, no `store` in its query) is read here, on arrival, and matched by its
 * exact bytes: it is looked up under the rule pack's sha256, its URL, its content type and a sample of its body (its
 * length, its first and last bytes and bytes spread between: `bodySample`), and an answer found there is the
 * request's only if the body kept with it is byte for byte this one (a memory comparison, some twenty times cheaper
 * than a digest of the whole body, which a profile of a burst put at about 7 % of the server's thread per request);
 * two different bodies with one sample share a place, each a miss for the other, never the other's answer. If an
 * answer to the same bytes is kept (answers.ts), it is written back at once; if the same bytes are being worked on,
 * the request waits for that answer and is given it. Otherwise its bytes are put back into the request (`unshift`: the stream
 * has not ended for its reader) and it goes through the server as any other, which keeps its answer under the key
 * and gives it to the requests that waited for it (`settle`). The engine is deterministic (the same request under
 * the same engine and rule pack gives the same bytes), so the answer is the one the request would have had; a
 * burst of one claim then costs one evaluation and, for each other request, a read, a hash and a write, not a
 * multipart parse, a validation and the framework's hooks. Every request still needs the bearer token when the
 * server has one (a request without it goes through the server, which refuses it). Memory: the bodies held here
 * are bounded (`maxHeldBytes`); beyond that, requests go through the server's own admission.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { prettyJson } from '../index.js';
import { HttpProblem, problemsBody, type ProblemObject } from './problems.js';
import { tooSlow, watchBody, type BodyRate } from './slow-body.js';
import type { RecentAnswers } from './answers.js';
import { markAnswered, markRoute } from './request-log.js';
import { acceptsGzip, compressible, gzipOf } from './encoding.js';

/** What a kept or shared answer holds: a body with its headers, or problems. */
export type LaneAnswer =
  | { kind: 'body'; status: number; contentType: string; body: Buffer; headers: Record<string, string> }
  | { kind: 'problems'; status: number; problems: ProblemObject[] };

export interface FastLaneOptions {
  /** Requests declaring this many bytes or more are not read here (they are large uploads). */
  largeBytes: number;
  /** Most bytes of bodies held here at once (read, waiting for an answer). */
  maxHeldBytes: number;
  /** The bearer token every /v1/ request must carry, if any. */
  token?: string | undefined;
  /** The rate a body must keep while it is read here (slow-body.ts). */
  rate: BodyRate;
  /** The sha256 of the rule pack answers are computed under (read at each request: tests change it). */
  rulesSha256: () => string;
  answers: RecentAnswers<LaneAnswer>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An answer kept or awaited here, with the request bytes it answers. */
type ForBytes<T> = T & { request: Buffer };

/** Bytes taken from each end of a body, and the number and length of the samples between, for `bodySample`. */
const ENDS = 256;
const SAMPLES = 32;
const SAMPLE = 8;

/**
 * A short text standing for a body, the same for the same bytes: its length, its first and last 256 bytes and 32
 * runs of 8 bytes evenly spread between (latin1). Different bodies may share it: a match is then checked byte for
 * byte.
 */
export function bodySample(bytes: Buffer): string {
  const n = bytes.length;
  if (n <= 2 * ENDS + SAMPLES * SAMPLE) return `${n}:${bytes.toString('latin1')}`;
  const parts = [`${n}:`, bytes.toString('latin1', 0, ENDS)];
  const step = Math.floor((n - 2 * ENDS) / SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const at = ENDS + i * step;
    parts.push(bytes.toString('latin1', at, at + SAMPLE));
  }
  parts.push(bytes.toString('latin1', n - ENDS));
  return parts.join('');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The fast lane of one server. */
export class FastLane {
  private readonly waiting = new Map<string, { request: Buffer; answer: Promise<LaneAnswer | undefined> }>();
  private readonly settlers = new WeakMap<IncomingMessage, (answer: LaneAnswer | undefined) => void>();
  private readonly keys = new WeakMap<IncomingMessage, { key: string; request: Buffer }>();
  private held = 0;
  /** Set when the server is stopping: every request then goes through it (to be refused there). */
  closing = false;

  constructor(private readonly options: FastLaneOptions) {}

  /** Whether a request is one this lane reads: a small POST /v1/evaluate, authorised, not storing. */
  private eligible(req: IncomingMessage): number | undefined {
    if (this.closing || req.method !== 'POST') return undefined;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if ((q < 0 ? url : url.slice(0, q)) !== '/v1/evaluate') return undefined;
    if (q >= 0 && /store/i.test(url.slice(q))) return undefined;
    const length = Number(req.headers['content-length']);
    if (!Number.isInteger(length) || length <= 0 || length >= this.options.largeBytes) return undefined;
    if (this.held + length > this.options.maxHeldBytes) return undefined;
    const { token } = this.options;
    if (token !== undefined) {
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match || !timingSafeEqual(digest(match[1] as string), digest(token))) return undefined;
    }
    return length;
  }

  /** The server's request handler with this lane in front of `next` (the framework's handler). */
  handler(next: Handler): Handler {
    return (req, res) => {
      const length = this.eligible(req);
      if (length === undefined) return next(req, res);
      markRoute(req, '/v1/evaluate');
      this.held += length;
      let released = false;
      const release = () => {
        if (!released) ((released = true), (this.held -= length));
      };
      res.once('close', release);
      void this.read(req, length).then(
        (bytes) => this.route(req, res, bytes, next).finally(release),
        (err: unknown) => {
          release();
          if (err instanceof HttpProblem)
            write(res, { kind: 'problems', status: err.status, problems: err.problems }, { close: true });
          else next(req, res); // the server meets the broken body itself
        },
      );
    };
  }

  /**
   * Reads exactly `length` bytes without reading past them, so that the stream has not ended for a later reader
   * and the bytes can be put back.
   */
  private read(req: IncomingMessage, length: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let got = 0;
      const stop = watchBody(req, this.options.rate, () => done(tooSlow(this.options.rate)));
      const done = (err?: Error) => {
        stop();
        req.removeListener('readable', onReadable);
        req.removeListener('end', onEnd);
        req.removeListener('error', done);
        if (err) {
          if (chunks.length > 0) req.unshift(Buffer.concat(chunks, got));
          reject(err);
        } else resolve(Buffer.concat(chunks, got));
      };
      const onReadable = () => {
        let chunk: Buffer | null;
        while (got < length && (chunk = req.read() as Buffer | null) !== null) {
          chunks.push(chunk);
          got += chunk.length;
        }
        if (got >= length) done();
      };
      const onEnd = () => done(new Error('the body ended before its length'));
      req.on('readable', onReadable);
      req.once('end', onEnd);
      req.once('error', done);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse, bytes: Buffer, next: Handler): Promise<void> {
    const key = `raw:${this.options.rulesSha256()}\n${req.url ?? ''}\n${req.headers['content-type'] ?? ''}\n${bodySample(bytes)}`;
    const kept = this.options.answers.get(key) as ForBytes<LaneAnswer> | undefined;
    if (kept?.request.equals(bytes)) {
      markAnswered(req, 'cached');
      return answer(req, res, kept);
    }
    const pending = this.waiting.get(key);
    if (pending) {
      // Another body with the same sample goes through the server on its own.
      if (pending.request.equals(bytes)) {
        const shared = await pending.answer;
        if (shared) {
          markAnswered(req, 'shared');
          return answer(req, res, shared);
        }
      }
    } else {
      let settle: (answer: LaneAnswer | undefined) => void = () => undefined;
      const entry = { request: bytes, answer: new Promise<LaneAnswer | undefined>((resolve) => (settle = resolve)) };
      this.waiting.set(key, entry);
      this.keys.set(req, { key, request: bytes });
      const once = (answer: LaneAnswer | undefined) => {
        this.settlers.delete(req);
        if (this.waiting.get(key) === entry) this.waiting.delete(key);
        settle(answer);
      };
      this.settlers.set(req, once);
      res.once('close', () => once(undefined)); // answered without one to share, or gone
    }
    req.unshift(bytes);
    next(req, res);
  }

  /**
   * Gives the answer of a request read here to those waiting for the same bytes, and keeps it (if `keep`) for the
   * next; with no answer (undefined), those waiting go through the server themselves.
   */
  settle(req: IncomingMessage, answer: LaneAnswer | undefined, keep: boolean): void {
    const mine = this.keys.get(req);
    if (mine && answer && keep) {
      const value: ForBytes<LaneAnswer> = { ...answer, request: mine.request };
      this.options.answers.set(mine.key, value, answerBytes(answer) + mine.request.length);
    }
    this.settlers.get(req)?.(answer);
  }
}

const answerBytes = (a: LaneAnswer): number => (a.kind === 'body' ? a.body.length : 0);

/**
 * Writes an engine answer to `req`: compressed (the same gzip for every request it answers, encoding.ts) if the
 * client asks and the answer is JSON or text of some length, else as it is.
 */
async function answer(req: IncomingMessage, res: ServerResponse, a: LaneAnswer): Promise<void> {
  if (a.kind !== 'body' || !compressible(a.contentType, a.body.length)) return write(res, a);
  if (!acceptsGzip(req.headers['accept-encoding'])) return write(res, a, { vary: true });
  const gz = await gzipOf(a.body).catch(() => undefined);
  write(res, a, { vary: true, gz });
}

/**
 * Writes an answer as the server would: its status, content type, length, headers and bytes; `gz`: the body
 * compressed, sent in its place; `vary`: an answer that may be compressed; `close`: the connection closed after.
 */
function write(
  res: ServerResponse,
  answer: LaneAnswer,
  { close = false, vary = false, gz }: { close?: boolean; vary?: boolean; gz?: Buffer | undefined } = {},
): void {
  const plain = answer.kind === 'body' ? answer.body : Buffer.from(prettyJson(problemsBody(answer.problems)));
  const body = gz ?? plain;
  res.writeHead(answer.status, {
    ...(answer.kind === 'body' ? answer.headers : {}),
    'content-type': answer.kind === 'body' ? answer.contentType : 'application/json; charset=utf-8',
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    ...(vary ? { vary: 'accept-encoding' } : {}),
    ...(gz ? { 'content-encoding': 'gzip' } : {}),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
