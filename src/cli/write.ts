/**
 * Writing an output file atomically (write-file-atomic): the content goes to a temporary file in the same
 * folder, which is then renamed over the target, so a reader never sees a half-written file and a failure
 * leaves nothing behind.
 */
import writeFileAtomicLib from 'write-file-atomic';

export function writeFileAtomic(file: string, content: string | Uint8Array, mode?: number): void {
  writeFileAtomicLib.sync(file, content as string | Buffer, mode === undefined ? {} : { mode });
}
