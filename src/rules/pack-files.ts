/** The files of a rule pack's folder: what the loader reads and what the build cache's digest covers. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The YAML files (.yaml, .yml) under `dir`, any depth, as absolute paths in name order at each level; or the first
 * folder that cannot be read.
 */
export function packFiles(dir: string): { files: string[] } | { unreadable: string } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { unreadable: dir };
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      const inner = packFiles(full);
      if ('unreadable' in inner) return inner;
      files.push(...inner.files);
    } else if (name.endsWith('.yaml') || name.endsWith('.yml')) files.push(full);
  }
  return { files };
}
