/**
 * Libraries and internals with one owner each: decimal.js is imported, and its internal representation read,
 * by src/num/decimal.ts only (one cloned constructor, the fast parse and compare guarded by
 * test/property/decimal-parse); amounts change currency only through `convert` in src/num/money.ts;
 * json-rules-engine stays behind src/conditions/adapter.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const modules = files(SRC).map((f) => ({
  name: relative(SRC, f).split(sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));
const where = (pattern: RegExp) => modules.filter((m) => pattern.test(m.text)).map((m) => m.name);

describe('one owner each', () => {
  it('decimal.js: imported by num/decimal.ts only, its internal fields read there only', () => {
    expect(where(/from ['"]decimal\.js['"]/)).toEqual(['num/decimal.ts']);
    expect(where(/as unknown as \{[^}]*\b[sed]: number/)).toEqual(['num/decimal.ts']);
  });

  it('exchange rates: applied by convert in num/money.ts only', () => {
    expect(where(/\.times\([^)]*\brate\b/)).toEqual(['num/money.ts']);
  });

  it('json-rules-engine: behind conditions/adapter.ts', () => {
    expect(where(/from ['"]json-rules-engine['"]/)).toEqual(['conditions/adapter.ts']);
  });
});
