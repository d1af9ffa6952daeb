/**
 * What the readers will open, and how much of it. A claim may name other files (its producer document, a
 * CSV or XLSX table and its column mapping); those references are a boundary: they resolve inside the
 * claim's folder (or a root folder the user names), must be regular files, and are read up to a size cap.
 * A refusal says why without reading the file, so nothing of a file outside the root ever reaches a
 * message. Files named on the command line are the user's own choice: any path, a regular file or a pipe,
 * with the same size cap.
 *
 *   const read = readInputFile('/claims/a/claim.yaml', { limits });          // named on the command line
 *   const ref = resolveReference(root, '/claims/a', 'producer.yaml');        // { path } or { refusal }
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Limits on what the readers take (documented in the README; the CLI's --max-file-size and --max-cells). */
export interface ReadLimits {
  /** Largest file read, in bytes (claims, producer documents, tables, mappings, records). */
  maxFileBytes: number;
  /** Most cells read from one CSV or XLSX table (rows x columns as written). */
  maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: 256 * 1024 * 1024, maxCells: 4_000_000 };

/** How references inside a document are resolved and read. */
export interface ReadPolicy {
  /** Folder every reference must stay inside (default: the claim's own folder). */
  root?: string | undefined;
  /** Limits on what is read (bytes per file, cells per table), each defaulting to DEFAULT_LIMITS. */
  limits?: Partial<ReadLimits> | undefined;
}

export function limitsOf(policy: ReadPolicy | undefined): ReadLimits {
  return { ...DEFAULT_LIMITS, ...(policy?.limits ?? {}) };
}

export type FileProblemCode =
  'FILE_NOT_READABLE' | 'FILE_OUTSIDE_ROOT' | 'FILE_NOT_REGULAR' | 'FILE_TOO_LARGE' | 'TEXT_ENCODING';

/** Why a file was not read; `message` never quotes the file's content. */
export class FileRefusal extends Error {
  constructor(
    readonly code: FileProblemCode,
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}: ${reason}`);
  }
}

const PSEUDO = ['/proc/', '/sys/', '/dev/'];

export function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return `cannot be read (${code ?? 'error'})`;
}

/**
 * Reads a file: regular files only (a pipe too when `allowPipe`, for command-line arguments), at most
 * `maxFileBytes`. Never blocks on a FIFO it refuses, never reads a device.
 */
export function readBytes(file: string, maxFileBytes: number, allowPipe = false): Buffer {
  if (PSEUDO.some((p) => file.startsWith(p)) && !(allowPipe && /^\/dev\/(?:stdin|fd\/\d+)$/.test(file)))
    throw new FileRefusal('FILE_NOT_REGULAR', file, 'is a system pseudo-file (/proc, /sys, /dev), not a document');
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not hang; a regular file ignores it.
    fd = openSync(file, constants.O_RDONLY | (allowPipe ? 0 : constants.O_NONBLOCK));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FileRefusal(code === 'EISDIR' ? 'FILE_NOT_REGULAR' : 'FILE_NOT_READABLE', file, errnoReason(err));
  }
  try {
    const st = fstatSync(fd);
    const pipe = st.isFIFO();
    if (!st.isFile() && !(allowPipe && pipe)) throw new FileRefusal('FILE_NOT_REGULAR', file, `is ${kind(st)}`);
    if (st.size > maxFileBytes) throw tooLarge(file, maxFileBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 65536, maxFileBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw new FileRefusal('FILE_NOT_READABLE', file, errnoReason(err));
      }
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxFileBytes) throw tooLarge(file, maxFileBytes);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(file: string, max: number): FileRefusal {
  return new FileRefusal(
    'FILE_TOO_LARGE',
    file,
    `is larger than ${mebibytes(max)}, the most this tool reads from one file (raise it with --max-file-size)`,
  );
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Resolves a path written inside a document (`producer: producer.yaml`), relative to `fromDir`, and checks
 * that it stays inside `root` once every symbolic link is followed. Returns the real path, or a refusal
 * whose reason names no content.
 */
export function resolveReference(root: string, fromDir: string, written: string): string {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (err) {
    throw new FileRefusal('FILE_NOT_READABLE', written, `its root folder ${root}: ${errnoReason(err)}`);
  }
  if (written.includes('\u0000')) throw new FileRefusal('FILE_NOT_READABLE', written, 'the path holds a NUL character');
  const path = resolve(fromDir, written);
  const where = root === fromDir ? "the claim's folder" : `the root folder ${root}`;
  if (!inside(realRoot, path) && !inside(resolve(root), path))
    throw new FileRefusal(
      'FILE_OUTSIDE_ROOT',
      written,
      `is outside ${where}; files named by a claim must be inside it (or name a wider folder with --root)`,
    );
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    throw new FileRefusal('FILE_NOT_READABLE', written, errnoReason(err));
  }
  if (!inside(realRoot, real))
    throw new FileRefusal(
      'FILE_OUTSIDE_ROOT',
      written,
      `leads outside ${where} through a symbolic link; files named by a claim must be inside it (or name a wider folder with --root)`,
    );
  return real;
}
