/**
 * The streams of a PDF, looked at before a PDF reader decodes them: a stream of a few kilobytes can expand to
 * gigabytes (a decompression bomb), which would exhaust the memory of whoever reads it. usmca-roo writes its
 * certificates with Flate-compressed streams only, each a few hundred kilobytes at most expanded; a stream in
 * another encoding, or streams expanding beyond MAX_EXPANDED_BYTES in all, make a PDF that is not read.
 */
import { inflateSync } from 'node:zlib';

/** What the streams of a PDF may expand to, in all: 64 MiB (a certificate of many goods is well under 1 MiB). */
export const MAX_EXPANDED_BYTES = 64 * 1024 * 1024;

/** Why the PDF's streams are not to be decoded (one sentence), or undefined when they may be. */
export function streamRefusal(bytes: Uint8Array, max = MAX_EXPANDED_BYTES): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const keyword = /\bstream\r?\n/g;
  let total = 0;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const dictEnd = text.lastIndexOf('>>', m.index);
    const objStart = text.lastIndexOf(' obj', m.index);
    if (dictEnd < 0 || objStart < 0 || objStart > dictEnd) continue; // the word, not a stream's start
    const dict = text.slice(objStart, dictEnd + 2);
    const start = m.index + m[0].length;
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const found = text.indexOf('endstream', start);
    const end = declared ? start + Number(declared[1]) : found < 0 ? buf.length : found;
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+|\d+\s+\d+\s+R)/.exec(dict)?.[1];
    if (filter === undefined) total += Math.max(0, Math.min(end, buf.length) - start);
    else if (filter === '/FlateDecode' || filter.replace(/\s+/g, '') === '[/FlateDecode]') {
      try {
        total += inflateSync(buf.subarray(start, Math.min(end, buf.length)), {
          maxOutputLength: max - total + 1,
        }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') total = max + 1;
        // Damaged data otherwise: the reader says what it makes of it.
      }
    } else
      return `a stream is encoded with ${filter.replace(/\s+/g, ' ')}, which a certificate usmca-roo writes never is`;
    if (total > max)
      return `its streams expand to more than ${max / 1024 / 1024} MiB (a certificate is well under one): not decoded`;
    keyword.lastIndex = Math.max(keyword.lastIndex, Math.min(end, buf.length));
  }
  return undefined;
}
