/**
 * Answers compressed for the clients that ask (`Accept-Encoding: gzip`, RFC 9110 s. 12.5.3). An engine answer is
 * compressed once, off the server's thread (zlib's thread pool), and the same compressed bytes are sent to every
 * request it answers (a kept answer, an identical request's): a profile of bursts of 200 requests put the socket
 * writes of the 83 KB decision of the example at about half of the server's thread per request; gzip (level 1)
 * makes it about 13 KB. The bytes decoded are the command line's, byte for byte; a client that does not ask gets
 * them as they are. Only JSON and text answers of 1 KiB or more are compressed (not PDFs or spreadsheets, which are
 * compressed already).
 */
import { constants, gzip } from 'node:zlib';

/** Answers shorter than this are sent as they are. */
const SMALLEST = 1024;

/**
 * Whether an Accept-Encoding header accepts gzip: `gzip` (or `x-gzip`, or `*` when gzip is not named) with a
 * quality above zero.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  let star = false;
  for (const item of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => /^q\s*=/.test(p));
    const quality = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/, ''));
    const ok = Number.isFinite(quality) && quality > 0;
    if (name === 'gzip' || name === 'x-gzip') return ok;
    if (name === '*') star = ok;
  }
  return star;
}

/** Whether an answer of this type and length is compressed for a client that asks. */
export const compressible = (contentType: string, length: number): boolean =>
  length >= SMALLEST && /^(application\/json|text\/)/i.test(contentType);

const compressed = new WeakMap<Buffer, Promise<Buffer>>();

/** The gzip of `body`, made once (on zlib's thread pool) for as long as the body is kept. */
export function gzipOf(body: Buffer): Promise<Buffer> {
  let made = compressed.get(body);
  if (!made) {
    made = new Promise<Buffer>((resolve, reject) =>
      gzip(body, { level: constants.Z_BEST_SPEED }, (err, out) => (err ? reject(err) : resolve(out))),
    );
    compressed.set(body, made);
  }
  return made;
}
