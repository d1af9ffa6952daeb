/**
 * The bundled pack as validated at build time (`npm run build` writes dist/rule-pack-cache.json), used only
 * while the rule files are byte for byte the ones it was built from; otherwise the files are read again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { PackContent } from './load.js';
import { packFiles } from './pack-files.js';
import type { Manifest } from './pack-schema.js';
import { RulePack, type Parameter } from './pack.js';

/** Where the build writes the bundled pack's cache: dist/rule-pack-cache.json in the package (absolute). */
export const BUILD_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'rule-pack-cache.json');

/** The cache file's content (JSON): the pack as loaded, and the digest of the files it was loaded from. */
interface BuildCache {
  format: 'usmca-roo/rule-pack-cache@1';
  sources: string;
  sha256: string;
  manifest: Manifest;
  content: PackContent;
  parameters: Parameter[];
}

/** sha256 (hex) over every rule file's path and text: what a build cache must match; undefined if unreadable. */
export function sourcesDigest(dir: string): string | undefined {
  const listed = packFiles(dir);
  if ('unreadable' in listed) return undefined;
  const hash = createHash('sha256');
  for (const file of listed.files) hash.update(`${relative(dir, file)}\u0000${readFileSync(file, 'utf8')}\u0000`);
  return hash.digest('hex');
}

/** Writes `pack`, as loaded from the files of `dir`, to `cacheFile`. */
export function saveBuildCache(pack: RulePack, dir: string, cacheFile: string): void {
  const cacheData: BuildCache = {
    format: 'usmca-roo/rule-pack-cache@1',
    sources: sourcesDigest(dir) ?? '',
    sha256: pack.sha256,
    manifest: pack.manifest,
    content: pack.content,
    parameters: [...pack.parameters.values()],
  };
  writeFileSync(cacheFile, JSON.stringify(cacheData));
}

/** The pack of `dir` from `cacheFile`, if the cache is readable and the files of `dir` are those it was built from. */
export function fromBuildCache(dir: string, cacheFile: string): RulePack | undefined {
  let data: BuildCache;
  try {
    data = JSON.parse(readFileSync(cacheFile, 'utf8')) as BuildCache;
  } catch {
    return undefined;
  }
  if (data.format !== 'usmca-roo/rule-pack-cache@1' || data.sources !== sourcesDigest(dir)) return undefined;
  return new RulePack(data.manifest, new Map(data.parameters.map((p) => [p.id, p])), data.sha256, dir, data.content);
}
