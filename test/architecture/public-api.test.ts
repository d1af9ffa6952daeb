/**
 * The public API is documented: every name src/index.ts exports has a doc comment on its declaration, and so
 * has every member of an exported interface or class (its shape, units, errors and article are what a program
 * using the library reads). index.ts names each export, so nothing reaches the API unseen. The types those
 * declarations name, and the types those name in turn, are read too: they are documented everywhere but in the
 * folders public-api-gaps.txt lists, a list that only shrinks (a folder whose gaps are all filled must leave it).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicSymbols, reachableSymbols } from './public-api.js';

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

describe('what the public API reaches', () => {
  const direct = new Set(publicSymbols(SRC).map((s) => `${s.module}#${s.name}`));
  const reached = reachableSymbols(SRC).filter((s) => !direct.has(`${s.module}#${s.name}`));
  const gaps = reached.flatMap((s) => [
    ...(s.documented ? [] : [`src/${s.module} ${s.name}`]),
    ...s.undocumentedMembers.map((m) => `src/${s.module} ${s.name}.${m}`),
  ]);
  const listed = readFileSync(join(import.meta.dirname, 'public-api-gaps.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

  it('reads the types a public declaration names (sanity: Decision names its verdict)', () => {
    expect(reached.length).toBeGreaterThan(100);
    expect(reached).toContainEqual(expect.objectContaining({ module: 'verdict/origin.ts', name: 'Verdict' }));
  });

  it('every type it reaches has a doc comment, and so has each member, outside the listed folders', () => {
    expect(
      gaps.filter((g) => !listed.some((folder) => g.startsWith(folder))),
      'add a /** ... */ comment giving shape, units, errors and article',
    ).toEqual([]);
  });

  it('lists no folder whose gaps are all filled (remove it from public-api-gaps.txt)', () => {
    expect(listed.filter((folder) => !gaps.some((g) => g.startsWith(folder)))).toEqual([]);
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
  mkdirSync(join(dir, 'reach'));
  writeFileSync(join(dir, 'reach/index.ts'), "export { open } from './api.js';\n");
  writeFileSync(
    join(dir, 'reach/api.ts'),
    [
      "import type { Inner } from './inner.js';",
      '/** Documented. */',
      'export function open(x: Outer): Inner {',
      '  return x.inner;',
      '}',
      '',
      'export interface Outer {',
      '  /** Documented. */',
      '  inner: Inner;',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'reach/inner.ts'),
    ['/** Documented. */', 'export interface Inner {', '  bare: string;', '}', ''].join('\n'),
  );

  it('finds undocumented symbols and members, follows renames and re-exports', () => {
    const byName = Object.fromEntries(publicSymbols(dir).map((s) => [s.name, s]));
    expect(byName.documented).toMatchObject({ documented: true, kind: 'function', module: 'lib/a.ts' });
    expect(byName.bare).toMatchObject({ documented: false, kind: 'const' });
    expect(byName.Shape).toMatchObject({ documented: true, undocumentedMembers: ['b', 'nested'] });
    expect(byName.Renamed).toMatchObject({ documented: false, kind: 'class', module: 'lib/b.ts' });
    expect(byName.Renamed?.undocumentedMembers.sort()).toEqual(['plain', 'run']);
    expect(byName.passedOn).toMatchObject({ documented: true, module: 'lib/a.ts' });
  });

  it('follows the types a public signature names, in its module and through imports', () => {
    const reached = reachableSymbols(join(dir, 'reach'));
    expect(reached.map((s) => [s.module, s.name, s.documented, s.undocumentedMembers])).toEqual([
      ['api.ts', 'Outer', false, []],
      ['api.ts', 'open', true, []],
      ['inner.ts', 'Inner', true, ['bare']],
    ]);
    expect(reached.find((s) => s.name === 'Inner')?.via).toEqual(['open', 'Inner']);
  });
});
