/**
 * Receiving a request's uploaded bytes: into memory while the request's files are small, and, from the byte that
 * takes them to `spillFrom` (the size of a large request, which is evaluated in its own lane), into files on disk,
 * written as the bytes arrive, so that a large upload never sits whole in the server's memory and its thread only
 * hands chunks to the file system. The size limit is enforced as the bytes arrive (and at once from a
 * Content-Length over it): the request is refused with BODY_TOO_LARGE at the first byte beyond it. A request's
 * files on disk are in a private folder (0700) of their own, removed once it is answered (`removeReceived`); the
 * worker evaluating it moves them into its own folder.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { requestProblem } from './problems.js';

/** An uploaded file received onto disk: its path in the request's folder, and its length in bytes. */
export interface Spilled {
  path: string;
  length: number;
}

/** An uploaded file as received: its bytes, or the file on disk they went to. */
export type Received = Buffer | Spilled;

/** The receiving of one request's files: the bytes so far, the limits, and the folder of those on disk. */
export class Receiver {
  /** Bytes received so far, all files together. */
  total = 0;
  private dir: Promise<string> | undefined;
  private files = 0;

  constructor(
    /** Most bytes, all files together. */
    readonly max: number,
    /** Bytes (all files together) from which the rest goes to disk. */
    readonly spillFrom: number,
  ) {}

  /** A new file's path in the request's private folder (made on first use). */
  private async nextPath(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'usmca-roo-upload-'));
    return join(await this.dir, `upload-${++this.files}`);
  }

  /** Removes the request's folder of files on disk, if one was made. */
  async remove(): Promise<void> {
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  /** BODY_TOO_LARGE, saying the limit. */
  tooLarge(): Error {
    return requestProblem('BODY_TOO_LARGE', 'body', `the uploaded files come to more than ${this.max} bytes`);
  }

  /**
   * Reads one file's bytes from `stream` to its end: kept in memory while the request's total stays under
   * `spillFrom`, then (with what came before) written to a file. Rejects with BODY_TOO_LARGE at the first byte
   * beyond `max`, leaving the rest of the stream unread but drained (so that the refusal can still be answered).
   */
  receive(stream: Readable): Promise<Received> {
    return new Promise<Received>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let length = 0;
      let file: { path: string; out: ReturnType<typeof createWriteStream> } | undefined;
      let opening: Promise<void> | undefined;
      let failed = false;
      let ended = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        stream.removeListener('data', onData);
        stream.removeListener('end', onEnd);
        stream.resume(); // the rest is read and dropped
        file?.out.destroy();
        reject(err);
      };
      const open = async () => {
        const path = await this.nextPath();
        const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
        out.on('error', (err) => fail(err));
        for (const c of chunks.splice(0)) out.write(c);
        file = { path, out };
      };
      const onData = (chunk: Buffer) => {
        this.total += chunk.length;
        length += chunk.length;
        if (this.total > this.max) return fail(this.tooLarge());
        if (file) {
          if (!file.out.write(chunk)) {
            stream.pause();
            file.out.once('drain', () => stream.resume());
          }
          return;
        }
        chunks.push(chunk);
        if (!opening && this.total >= this.spillFrom) {
          // Further chunks wait in memory until the file is open: the stream is paused meanwhile.
          stream.pause();
          opening = open().then(
            () => void stream.resume(),
            (err: Error) => fail(err),
          );
        }
      };
      const onEnd = () => {
        ended = true;
        const done = async (): Promise<Received> => {
          await opening;
          if (!file) return Buffer.concat(chunks, length);
          for (const c of chunks.splice(0)) file.out.write(c);
          file.out.end();
          await finished(file.out);
          return { path: file.path, length };
        };
        done().then(
          (r) => (failed ? undefined : resolve(r)),
          (err: Error) => fail(err),
        );
      };
      stream.on('data', onData);
      stream.resume(); // flowing even if it was read in paused mode before (fastlane.ts puts bytes back)
      stream.once('end', onEnd);
      stream.once('error', (err) => fail(err));
      stream.once('close', () => {
        if (!ended) fail(requestProblem('BODY_MALFORMED', 'body', 'the body ended before it was complete'));
      });
    });
  }
}

/** The receiving of each request being read, by its Node request. */
const receivers = new WeakMap<object, Receiver>();

/** The receiver of a request (`raw`: its Node request), made on first use with the limits given. */
export function receiverOf(raw: object, max: number, spillFrom: number): Receiver {
  let r = receivers.get(raw);
  if (!r) receivers.set(raw, (r = new Receiver(max, spillFrom)));
  return r;
}

/** Removes a request's files on disk, if any (once it is answered, or gone). */
export async function removeReceived(raw: object): Promise<void> {
  const r = receivers.get(raw);
  receivers.delete(raw);
  await r?.remove();
}

/** The byte length of a received file. */
export const receivedLength = (r: Received): number => r.length;

/** Whether a received file went to disk. */
export const isSpilled = (r: Received): r is Spilled => !Buffer.isBuffer(r);
