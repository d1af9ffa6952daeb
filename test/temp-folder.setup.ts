/**
 * Gives each test run a temporary folder of its own, removed when the run ends. Tests and the command-line
 * processes they start make their folders with `mkdtempSync(join(tmpdir(), ...))`; with TMPDIR pointed here
 * (os.tmpdir() reads it on every call, and the test processes and their children inherit it), none of them is
 * left behind: each PGlite store alone is some 40 MB, and thousands of runs filled the disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), 'usmca-roo-test-'));
  process.env.TMPDIR = folder;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true });
  };
}
