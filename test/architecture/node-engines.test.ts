/**
 * The Node.js versions the package promises (package.json `engines.node`, the README's "Node.js 20.19 or later")
 * must be versions every installed package accepts: a dependency declaring `node >=22` installs with a warning on
 * Node 20 and fails `npm ci --engine-strict`. Checked on the lock file, so a dependency update that raises the
 * floor fails here before it reaches a user.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

describe('Node.js versions', () => {
  const floor = semver.minVersion(manifest.engines.node);

  it('package.json names a lowest version, and the README says the same', () => {
    expect(floor?.version).toBe('20.19.0');
    expect(readFileSync('README.md', 'utf8')).toContain('Node.js 20.19 or later');
  });

  it('every package the lock file installs (optional platform builds aside) runs on that lowest version', () => {
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.optional === true || Array.isArray(entry.engines)) continue;
      const range = entry.engines?.node;
      if (range !== undefined && !semver.satisfies(floor!, range)) refusing.push(`${path}: node ${range}`);
    }
    expect(refusing).toEqual([]);
  });
});
