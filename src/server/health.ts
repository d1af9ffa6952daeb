/**
 * GET /health: whether the server answers. Its body is made once, when the server starts (status, engine version,
 * workers of both lanes), and written as it is, before the web framework sees the request: answering costs the
 * server's thread nothing but the write, whatever else it is doing. How the work stands (tasks queued, in flight,
 * requests being read and waiting) changes from moment to moment: GET /status gives it (app.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `next` with GET /health (and HEAD, its headers) answered by `body` (JSON bytes) in front of it; once `closing`,
 * /health goes to `next` too (the framework answers 503 while the server stops).
 */
export function answerHealth(body: Buffer, next: Handler, closing: () => boolean): Handler {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  return (req, res) => {
    if (req.url !== '/health' || (req.method !== 'GET' && req.method !== 'HEAD') || closing()) return next(req, res);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
