/**
 * The public API is documented: every name src/index.ts exports has a doc comment on its declaration, and so
 * has every member of an exported interface or class (its shape, units, errors and article are what a program
 * using the library reads). index.ts names each export, so nothing reaches the API unseen.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicSymbols } from './public-api.js';

const SRC = join(import.meta.dirname, '../../src');

describe('public API (src/index.ts)', () => {
  const symbols = publicSymbols(SRC);

  it('names each export (no `export *`), and each resolves to its declaration', () => {
    expect(readFileSync(join(SRC, 'index.ts'), 'utf8')).not.toMatch(/export\s+\*/);
    expect(symbols.length).toBeGreaterThan(90);
    expect(symbols.filter((s) => s.module === undefined).map((s) => s.name)).toEqual([]);
    expect(symbols.find((s) => s.name === 'evaluate')).toMatchObject({ module: 'evaluate.ts', kind: 'function' });
  });

  it('every exported symbol has a doc comment', () => {
    const undocumented = symbols.filter((s) => !s.documented).map((s) => `${s.name} (src/${s.module})`);
    expect(undocumented, 'add a /** ... */ comment giving shape, units, errors and article').toEqual([]);
  });

  it('every member of an exported interface or class has a doc comment', () => {
    const undocumented = symbols.flatMap((s) => s.undocumentedMembers.map((m) => `${s.name}.${m} (src/${s.module})`));
    expect(undocumented, 'add a /** ... */ comment above each member').toEqual([]);
  });
});

describe('the check itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'public-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(
    join(dir, 'index.ts'),
    [
      "export { documented, bare, type Shape } from './lib/a.js';",
      "export { Thing as Renamed } from './lib/b.js';",
      "export { passedOn } from './lib/c.js';",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'lib/a.ts'),
    [
      '/** Documented. */',
      'export function documented(): void {}',
      '',
      'export const bare = 1;',
      '',
      '/** A shape. */',
      'export interface Shape {',
      '  /** Documented. */',
      '  a: string;',
      '  b?: number;',
      '  nested: {',
      '    inner: string;',
      '  };',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'lib/b.ts'),
    [
      '// A line comment is not a doc comment.',
      'export class Thing {',
      '  constructor(',
      '    /** Documented. */',
      '    readonly kept: string,',
      '    readonly plain: string,',
      '    private hidden: string,',
      '  ) {}',
      '',
      '  /** Documented. */',
      '  get x(): number {',
      '    return 1;',
      '  }',
      '',
      '  run(): void {}',
      '',
      '  private internal(): void {}',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'lib/c.ts'), "export { documented as passedOn } from './a.js';\n");

  it('finds undocumented symbols and members, follows renames and re-exports', () => {
    const byName = Object.fromEntries(publicSymbols(dir).map((s) => [s.name, s]));
    expect(byName.documented).toMatchObject({ documented: true, kind: 'function', module: 'lib/a.ts' });
    expect(byName.bare).toMatchObject({ documented: false, kind: 'const' });
    expect(byName.Shape).toMatchObject({ documented: true, undocumentedMembers: ['b', 'nested'] });
    expect(byName.Renamed).toMatchObject({ documented: false, kind: 'class', module: 'lib/b.ts' });
    expect(byName.Renamed?.undocumentedMembers.sort()).toEqual(['plain', 'run']);
    expect(byName.passedOn).toMatchObject({ documented: true, module: 'lib/a.ts' });
  });
});
