/**
 * Decoding a document's bytes into text, strictly: UTF-8 (a byte-order mark is skipped), or UTF-16 when a
 * byte-order mark says so. Anything else is refused, naming the first byte that cannot be read and its
 * line, and saying to save the file as UTF-8: a Latin-1 file never turns into replacement characters
 * (U+FFFD) in a decision, and a UTF-16 file without its mark is not read as text full of NULs.
 */
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { FileRefusal, mebibytes } from './files.js';

const SAVE_AS = 'save it as UTF-8 ("CSV UTF-8" or "Unicode (UTF-8)" in a spreadsheet or editor)';

/** Decodes a document or table file; throws FileRefusal('TEXT_ENCODING'). */
export function decodeText(file: string, bytes: Uint8Array): string {
  // One JavaScript string holds at most this many characters (about 512 MiB on Node 20), whatever
  // --max-file-size allows: a larger text file is refused, never a crash while decoding it.
  if (bytes.length > bufferConstants.MAX_STRING_LENGTH)
    throw new FileRefusal(
      'FILE_TOO_LARGE',
      file,
      `is larger than ${mebibytes(bufferConstants.MAX_STRING_LENGTH)}, the most this tool reads as text from one file`,
    );
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (
    (b0 === 0x00 && b1 === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) ||
    (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0)
  )
    throw new FileRefusal('TEXT_ENCODING', file, `is UTF-32 text, which is not read: ${SAVE_AS}`, 1);
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return refuseNul(file, new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes));
    } catch (err) {
      if (err instanceof FileRefusal) throw err;
      throw new FileRefusal(
        'TEXT_ENCODING',
        file,
        `is marked as ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()} text: ${SAVE_AS}`,
      );
    }
  }
  if (!isUtf8(bytes)) throw invalidUtf8(file, bytes);
  const start = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return refuseNul(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start));
}

function refuseNul(file: string, text: string): string {
  const at = text.indexOf('\u0000');
  if (at < 0) return text;
  const line = lineAt(text, at);
  throw new FileRefusal(
    'TEXT_ENCODING',
    file,
    `holds a NUL character at line ${line} (UTF-16 text without a byte-order mark, or not a text file): ${SAVE_AS}`,
    line,
  );
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first byte at which `bytes` stops being UTF-8, with its line. */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } | undefined {
  let line = 1;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { offset: i, line };
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, line };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { offset: i, line };
    i += need + 1;
  }
  return undefined;
}

function invalidUtf8(file: string, bytes: Uint8Array): FileRefusal {
  const bad = firstInvalidUtf8(bytes) ?? { offset: 0, line: 1 };
  const byte = (bytes[bad.offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new FileRefusal(
    'TEXT_ENCODING',
    file,
    `is not UTF-8 text: the byte 0x${byte} at line ${bad.line} (byte offset ${bad.offset}) cannot be read (${bytes.includes(0) ? 'UTF-16 text without a byte-order mark' : 'a file saved as Latin-1 or Windows-1252'}?): ${SAVE_AS}`,
    bad.line,
  );
}
