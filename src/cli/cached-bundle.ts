/**
 * Loads the command line's bundle (dist/bundle/cli.cjs, one CommonJS file) with the V8 code cache the build wrote
 * beside it (dist/bundle/cli.cjs.cache), so that a fresh process does not parse and compile again the functions
 * every evaluation runs. Node 20 has no code cache for ES modules (module.enableCompileCache came with Node 22), but
 * a script compiled by node:vm accepts the cached data V8 produced for the same source.
 *
 * The cache changes nothing a command does: V8 uses it only when it was made by the same V8, under the same flags,
 * for a source of the same length, and compiles the source itself otherwise; the loader further uses it only
 * when the build id it starts with is the one written at the end of the source (both written by one build).
 * A missing, stale or unreadable cache is ignored.
 *
 * The bundle's dynamic imports (of the libraries only some commands use) are not left to node:vm, whose
 * `import()` support is experimental on Node 20 and lost by functions read from a code cache: the build writes
 * them as calls of DYNAMIC_IMPORT, which this loader passes in as the `import()` of its own module.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** The last line of a bundle the build has given an id: `//# build <id>`. */
const BUILD_LINE = /\/\/# build ([0-9a-f]{64})\s*$/;

/** The name the bundle calls for a dynamic import (scripts/bundle.mjs writes `import(x)` as `__usmcaRooImport(x)`). */
export const DYNAMIC_IMPORT = '__usmcaRooImport';

/** Bytes of the build id at the start of a cache file. */
const ID_BYTES = 64;

/** A bundle loaded: its exports (module.exports), the script (to make a cache from), whether V8 took the cache. */
export interface LoadedBundle {
  exports: Record<string, unknown>;
  script: vm.Script;
  /** undefined where no cache was given to V8 (none, or not of this build); else whether V8 refused it. */
  cacheRejected: boolean | undefined;
}

/**
 * Runs the CommonJS bundle `file` in this process, as `require` would (its own `require`, `module`,
 * `__filename`), compiled with the code cache `cacheFile` where that cache belongs to this very build. Its calls of
 * DYNAMIC_IMPORT are this module's `import()`. Throws what reading `file` or running it throws.
 */
export function loadBundle(file: string, cacheFile?: string): LoadedBundle {
  const bytes = readFileSync(file);
  // The build writes the bundle in ASCII: read as one-byte text, without decoding UTF-8 (several times faster).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cachedData = cacheFile ? cacheFor(source, cacheFile) : undefined;
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, ${DYNAMIC_IMPORT}) {${source}\n})`,
    { filename: file, cachedData },
  );
  const module = { exports: {} as Record<string, unknown> };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  const dynamicImport = (specifier: string): Promise<unknown> => import(specifier);
  init(module.exports, createRequire(file), module, file, dirname(file), dynamicImport);
  return { exports: module.exports, script, cacheRejected: cachedData ? script.cachedDataRejected : undefined };
}

/** The cache's data, where the cache starts with the build id the source ends with; else undefined. */
function cacheFor(source: string, cacheFile: string): Buffer | undefined {
  const id = BUILD_LINE.exec(source.slice(-100))?.[1];
  if (id === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= ID_BYTES || bytes.toString('latin1', 0, ID_BYTES) !== id) return undefined;
  return bytes.subarray(ID_BYTES);
}

/**
 * The cache file's bytes for a bundle loaded with loadBundle (after running what it should hold compiled): the
 * build id of its source, then V8's code cache of the script. Throws if the source carries no build id.
 */
export function codeCacheOf(source: string, script: vm.Script): Buffer {
  const id = BUILD_LINE.exec(source.slice(-100))?.[1];
  if (id === undefined) throw new Error('internal: the bundle has no build id line');
  return Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]);
}
