/** The command line's bundle loaded with the build's code cache (src/cli/cached-bundle.ts). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheOf, DYNAMIC_IMPORT, loadBundle } from '../../src/cli/cached-bundle.js';

const ID = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

/** A small bundle: a function, a dynamic import as the build writes it, and the build id line. */
function bundle(id = ID): { file: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cached-bundle-'));
  const file = join(dir, 'cli.cjs');
  writeFileSync(
    file,
    `exports.twice = (x) => x * 2;\nexports.sep = async () => (await ${DYNAMIC_IMPORT}('node:path')).sep;\nexports.file = __filename;\n//# build ${id}\n`,
  );
  return { file, cache: `${file}.cache` };
}

describe('loadBundle', () => {
  it('runs the bundle as a CommonJS module, its dynamic imports through the loader', async () => {
    const { file, cache } = bundle();
    const loaded = loadBundle(file, cache); // no cache file yet
    expect(loaded.cacheRejected).toBeUndefined();
    expect((loaded.exports.twice as (x: number) => number)(21)).toBe(42);
    expect(loaded.exports.file).toBe(file);
    expect(await (loaded.exports.sep as () => Promise<string>)()).toBe('/');
  });

  it("takes a cache of the same build, which V8 accepts, and the bundle's imports still work", async () => {
    const { file, cache } = bundle();
    const first = loadBundle(file);
    expect((first.exports.twice as (x: number) => number)(2)).toBe(4);
    writeFileSync(cache, codeCacheOf(readFileSync(file, 'utf8'), first.script));
    expect(readFileSync(cache).toString('latin1', 0, 64)).toBe(ID);
    const cached = loadBundle(file, cache);
    expect(cached.cacheRejected).toBe(false);
    expect((cached.exports.twice as (x: number) => number)(5)).toBe(10);
    expect(await (cached.exports.sep as () => Promise<string>)()).toBe('/');
  });

  it('ignores a cache of another build, and runs the bundle compiled afresh', () => {
    const { file, cache } = bundle();
    const other = bundle(OTHER);
    writeFileSync(cache, codeCacheOf(readFileSync(other.file, 'utf8'), loadBundle(other.file).script));
    const loaded = loadBundle(file, cache);
    expect(loaded.cacheRejected).toBeUndefined();
    expect((loaded.exports.twice as (x: number) => number)(3)).toBe(6);
  });

  it('runs the bundle when V8 refuses the cache (bytes that are no code cache)', () => {
    const { file, cache } = bundle();
    writeFileSync(cache, Buffer.concat([Buffer.from(ID, 'latin1'), Buffer.alloc(256, 7)]));
    const loaded = loadBundle(file, cache);
    expect(loaded.cacheRejected).toBe(true);
    expect((loaded.exports.twice as (x: number) => number)(4)).toBe(8);
  });

  it('makes no cache for a source without a build id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cached-bundle-'));
    const file = join(dir, 'cli.cjs');
    writeFileSync(file, 'exports.one = 1;\n');
    const loaded = loadBundle(file, `${file}.cache`);
    expect(loaded.exports.one).toBe(1);
    expect(() => codeCacheOf(readFileSync(file, 'utf8'), loaded.script)).toThrow(/no build id/);
  });
});
