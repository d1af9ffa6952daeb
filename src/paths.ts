/**
 * Where the package is on disk, found from this module's own location by walking up to the package.json of
 * usmca-roo: the same answer whether the code runs from src/ (tests), dist/ or the single-file bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (
      existsSync(candidate) &&
      (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'usmca-roo'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('internal: cannot find the usmca-roo package directory');
    dir = up;
  }
}

/** The package's folder on disk, absolute (where package.json, rules/ and dist/ are). Throws if none is found. */
export const PACKAGE_ROOT = findRoot();
