/**
 * The request log: one line per request, written when its answer has been sent (or its client has gone), the
 * same for every request whichever part of the server answered it: the framework's routes, the fast lane of
 * repeated evaluations (fastlane.ts), /health (health.ts). Each line gives the method, the URL, the route (the
 * framework's route pattern, such as `/v1/records/:ref`; the path where no route matched or the framework was not
 * reached), the status, the time from the request's arrival to its last byte sent (ms, three decimals), and how it
 * was answered: `cached` (from the recent answers, answers.ts, without evaluating), `shared` (by the evaluation of an
 * identical request in flight, inflight.ts and fastlane.ts); `aborted` when the client went before the answer was
 * sent. The line is a JSON object written by the server's logger (pino) at level info, message "answered".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** How a request was answered, as the request log gives it. */
export interface AnsweredLine {
  method: string;
  url: string;
  route: string;
  status: number;
  /** From the request's arrival to its answer sent, ms. */
  ms: number;
  /** Answered from the recent answers (answers.ts), nothing evaluated for it. */
  cached: boolean;
  /** Answered by the evaluation of an identical request in flight. */
  shared: boolean;
  /** The client went before the answer was sent (present only then). */
  aborted?: true;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the server learns about a request while answering it, for its log line. */
interface Marks {
  route?: string;
  cached?: boolean;
  shared?: boolean;
}

const marks = new WeakMap<IncomingMessage, Marks>();

function marksOf(req: IncomingMessage): Marks {
  let m = marks.get(req);
  if (!m) marks.set(req, (m = {}));
  return m;
}

/** Records the route pattern that answers `req` (the framework's, once routed). */
export function markRoute(req: IncomingMessage, route: string): void {
  marksOf(req).route = route;
}

/** Records that `req` was answered from the recent answers (`cached`) or by an identical request's evaluation. */
export function markAnswered(req: IncomingMessage, how: 'cached' | 'shared'): void {
  marksOf(req).cached = how === 'cached';
  marksOf(req).shared = how === 'shared';
}

/** The path of a URL, without its query. */
const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

/**
 * `next` with a log line written through `write` for each request once its answer is sent or its connection
 * closed (never twice); `write` undefined: `next` itself.
 */
export function logRequests(next: Handler, write: ((line: AnsweredLine) => void) | undefined): Handler {
  if (!write) return next;
  return (req, res) => {
    const start = performance.now();
    let done = false;
    const log = () => {
      if (done) return;
      done = true;
      const m = marks.get(req);
      const url = req.url ?? '';
      const line: AnsweredLine = {
        method: req.method ?? '',
        url,
        route: m?.route ?? pathOf(url),
        status: res.statusCode,
        ms: Math.round((performance.now() - start) * 1000) / 1000,
        cached: m?.cached ?? false,
        shared: m?.shared ?? false,
      };
      if (!res.writableFinished) line.aborted = true;
      write(line);
    };
    res.once('finish', log);
    res.once('close', log);
    next(req, res);
  };
}

/** The log's destination as the logger takes it, and the flush of lines not yet written. */
export interface BatchedLines {
  write(line: string): void;
  /** Writes the lines held now, at once. */
  flush(): void;
  /** Flushes, and stops flushing at exit. */
  close(): void;
}

/**
 * Log lines written to `out` (stdout) in batches rather than one write each: held until 16 KiB of them or 50 ms
 * have gone by, whichever is first, then written at once; all held lines are written when the server closes and at
 * the process's exit. A profile of a burst of 200 requests put a write of its own per line (the logger's default,
 * a system call on stdout each time) at about 30 µs of the server's thread per request. What a crash of the
 * process itself (a kill) can lose: at most the last 50 ms of lines.
 */
export function batchedLines(
  out: { write(text: string): unknown } = process.stdout,
  limits = { bytes: 16 * 1024, ms: 50 },
): BatchedLines {
  let held: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (size === 0) return;
    const text = held.join('');
    held = [];
    size = 0;
    out.write(text);
  };
  process.once('exit', flush);
  return {
    write(line) {
      held.push(line);
      size += line.length;
      if (size >= limits.bytes) flush();
      else timer ??= setTimeout(flush, limits.ms).unref();
    },
    flush,
    close() {
      flush();
      process.removeListener('exit', flush);
    },
  };
}
