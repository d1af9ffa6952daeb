/** The options that set what the readers take: --root, --max-file-size (MiB), --max-cells. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_LIMITS, type ReadPolicy } from '../documents/files.js';
import { CliRefusal } from './output.js';

export interface LimitFlags {
  root?: string;
  maxFileSize?: string;
  maxCells?: string;
}

/** Adds the three options to a command. */
export function limitOptions(command: Command): Command {
  return command
    .option(
      '--root <dir>',
      "folder the files a claim names (producer, tables, mappings) must be inside (default: the claim's own folder)",
    )
    .option('--max-file-size <MiB>', `largest file read, in MiB (default ${DEFAULT_LIMITS.maxFileBytes / 1048576})`)
    .option('--max-cells <n>', `most cells read from one CSV or XLSX table (default ${DEFAULT_LIMITS.maxCells})`);
}

function whole(option: string, value: string, max: number): number {
  if (!/^[1-9][0-9]{0,12}$/.test(value) || Number(value) > max)
    throw new CliRefusal(`${option} takes a whole number from 1 to ${max}, not "${value}"`);
  return Number(value);
}

/** The read policy the flags give (exit 2 on a malformed value). */
export function readPolicy(flags: LimitFlags, cwd: string): ReadPolicy {
  const limits: ReadPolicy['limits'] = {};
  if (flags.maxFileSize !== undefined)
    limits.maxFileBytes = whole('--max-file-size', flags.maxFileSize, 1_000_000) * 1048576;
  if (flags.maxCells !== undefined) limits.maxCells = whole('--max-cells', flags.maxCells, 1_000_000_000);
  if (flags.root === undefined) return { limits };
  const root = resolve(cwd, flags.root);
  let folder = false;
  try {
    folder = statSync(root).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) throw new CliRefusal(`--root ${flags.root}: not a folder`);
  return { root, limits };
}
