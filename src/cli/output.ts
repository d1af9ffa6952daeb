/**
 * Where the command line writes. Every output is checked before any work (its folder exists, is a folder and
 * takes a new file), is never one of the command's inputs (the claim, its producer document, tables,
 * mappings, records, party documents), and is written atomically: a temporary file in the same folder,
 * then renamed over the target, so a reader never sees half a decision.
 *
 *   const out = checkOutput('--out', 'decision.json', io.cwd);   // throws OutputRefused (exit 2)
 *   refuseInputs(out, loaded.files);                              // after the inputs are known
 *   writeOutput(out, text);
 */
import { closeSync, mkdirSync, openSync, realpathSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { packFiles } from '../rules/pack-files.js';

/** A refused output, input or option: one line for the user, exit code 2. */
export class CliRefusal extends Error {}

export interface OutputTarget {
  /** The option that named it, for messages (`--out`). */
  option: string;
  /** As the user wrote it. */
  given: string;
  /** Absolute path. */
  path: string;
}

let probes = 0;

/** Checks that `folder` exists, is a folder, and accepts a new file (by creating and removing one). */
export function checkWritableFolder(folder: string, what: string): void {
  let st: Stats;
  try {
    st = statSync(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliRefusal(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `${what}: the folder ${folder} does not exist (create it first)`
        : `${what}: the folder ${folder} cannot be reached (${code ?? 'error'})`,
    );
  }
  if (!st.isDirectory()) throw new CliRefusal(`${what}: ${folder} is not a folder`);
  const probe = resolve(folder, `.usmca-roo-probe-${process.pid}-${probes++}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    throw new CliRefusal(
      `${what}: the folder ${folder} does not accept new files (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Checks an output file named by an option before any work is done. */
export function checkOutput(option: string, given: string, cwd: string): OutputTarget {
  const path = resolve(cwd, given);
  if (basename(given) === '' || given.endsWith('/'))
    throw new CliRefusal(`${option} ${given}: name a file, not a folder`);
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) throw new CliRefusal(`${option} ${given}: exists and is not a regular file`);
  checkWritableFolder(dirname(path), `${option} ${given}`);
  return { option, given, path };
}

/** The identity of a file (device and inode), or its resolved path when it does not exist. */
function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  }
}

/** Refuses an output that is one of the inputs (compared as files, so a symbolic link or `./` is no way round). */
export function refuseInputs(target: OutputTarget, inputs: Iterable<{ path: string; role: string }>): void {
  const mine = identity(target.path);
  for (const input of inputs) {
    if (identity(input.path) === mine)
      throw new CliRefusal(`${target.option} ${target.given} is an input (${input.role}); it is never written over`);
  }
}

/**
 * The files of a rule pack's folder (its YAML files, any depth) as inputs an output must not replace: the pack
 * a command reads its rules from (`--rules`, `--tariff-rules`, or the bundled one). A folder that cannot be
 * listed gives none (loading the pack reports it).
 */
export function packInputs(directory: string, role = 'a file of the rule pack'): { path: string; role: string }[] {
  const listed = packFiles(directory);
  return 'files' in listed ? listed.files.map((path) => ({ path, role })) : [];
}

/** Refuses two outputs of one command that are the same file. */
export function refuseSame(a: OutputTarget, b: OutputTarget): void {
  if (identity(a.path) === identity(b.path))
    throw new CliRefusal(`${a.option} and ${b.option} name the same file (${a.given})`);
}

/** Writes atomically: a temporary file in the same folder, then a rename over the target. */
export function writeOutput(target: OutputTarget | string, content: string | Uint8Array): void {
  const path = typeof target === 'string' ? target : target.path;
  try {
    writeFileAtomic.sync(path, content as string | Buffer);
  } catch (err) {
    const label = typeof target === 'string' ? target : `${target.option} ${target.given}`;
    throw new CliRefusal(`${label}: cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Creates a folder and its missing parents one level at a time, as `mkdir -p` does; throws the errno error of
 * the level that cannot be made (EEXIST when a file is in the way). Node's own recursive mkdirSync never
 * returns on some paths under /proc (it retries ENOENT forever), so it is not used for a path a user names.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let st: Stats | undefined;
    try {
      st = statSync(at);
    } catch {
      st = undefined;
    }
    if (st) {
      if (!st.isDirectory())
        throw Object.assign(new Error(`${at} is not a folder`), { code: missing.length ? 'ENOTDIR' : 'EEXIST' });
      break;
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) mkdirSync(d);
}
