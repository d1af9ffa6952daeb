/**
 * Writing an output file atomically: the content goes to a temporary file in the same folder, which is then
 * renamed over the target, so a reader never sees a half-written file and a failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, content: string | Uint8Array, mode?: number): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, mode === undefined ? undefined : { mode });
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
