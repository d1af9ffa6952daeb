/**
 * Nothing legal in src/: the modules that implement requirements and the verdict contain no numeric literals; thresholds, dates, caps and rates come from the rule pack (strings and comments are ignored). And no
 * module names a parts table or its threshold: which table requires which RVC is the rule usmca.auto.parts.tables,
 * read in one place (src/requirements/parts-tables.ts) by the id it holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/rules/load.js';

const DIRS = ['src/requirements', 'src/verdict'];

/** The .ts files under `dir`, every depth, as paths joined to it. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(dir, f));
}

/** Keeps code, drops comments and the text of string and template literals (but scans `${...}` code). */
function stripStringsAndComments(src: string): string {
  let i = 0;
  const code = (stopAtBrace: boolean): string => {
    let out = '';
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      const n = src[i + 1];
      if (c === '/' && n === '/') {
        while (i < src.length && src[i] !== '\n') i++;
      } else if (c === '/' && n === '*') {
        i = src.indexOf('*/', i + 2) + 2;
      } else if (c === '"' || c === "'") {
        i++;
        while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
        i++;
        out += ' "" ';
      } else if (c === '`') {
        i++;
        while (i < src.length && src[i] !== '`') {
          if (src[i] === '\\') i += 2;
          else if (src[i] === '$' && src[i + 1] === '{') {
            i += 2;
            out += ` ${code(true)} `;
          } else i++;
        }
        i++;
        out += ' "" ';
      } else {
        if (stopAtBrace && c === '{') depth++;
        if (stopAtBrace && c === '}') {
          if (depth === 0) {
            i++;
            return out;
          }
          depth--;
        }
        out += c;
        i++;
      }
    }
    return out;
  };
  return code(false);
}

/** 0 and 1 are structural (indexes, signs of comparisons, identities); any other number is suspect. */
const STRUCTURAL = new Set(['0', '1']);

export function numericLiterals(src: string): string[] {
  return [...stripStringsAndComments(src).matchAll(/(?<![\w$.])\d[\d_]*(?:\.\d+)?(?![\w$])/g)]
    .map((m) => m[0])
    .filter((n) => !STRUCTURAL.has(n));
}

describe('no legal numbers in the requirement modules', () => {
  it('finds the literals it is meant to find', () => {
    expect(
      numericLiterals('const t = 75; // 62.5\nconst s = "70"; f(0.7); a[0]; g(`x ${y ? `HS 2012 ${z}` : 12} y`)'),
    ).toEqual(['75', '0.7', '12']);
  });

  // The folders' own modules; src/requirements/psr/ is not scanned: it counts HS digits in regular expressions and
  // slices ("\\d{4}", ".slice(0, 2)"), which this scan cannot tell from legal figures.
  const ownModules = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f));
  for (const file of DIRS.flatMap(ownModules)) {
    it(`${file} has no numeric literal`, () => {
      expect(numericLiterals(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});

/** Drops comments (line and block), keeping strings: what a module names in its code. */
function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The rule ids of the parts tables and their thresholds, as the pack's table-to-threshold map names them. */
function partsTableIds(): string[] {
  const map = loadRulePack().parameters.get('usmca.auto.parts.tables');
  const ids = new Set<string>();
  for (const entry of map?.entries ?? []) {
    const value = entry.value as {
      tables: Array<{ rows: string; rvc: string; alternativeStagingRvc?: string }>;
    } | null;
    for (const t of value?.tables ?? []) [t.rows, t.rvc, t.alternativeStagingRvc].forEach((id) => id && ids.add(id));
  }
  return [...ids].sort();
}

/** Where src/ may name one of those ids: the catalog of every rule's shape, and the reason for each other place. */
const MAY_NAME: Record<string, { ids: string[]; why: string }> = {
  'src/rules/catalog.ts': { ids: ['*'], why: 'the shape of every rule of the pack, by id' },
  'src/requirements/core-parts.ts': {
    ids: ['usmca.auto.parts.pvlt_core'],
    why: 's. 14(13) sets the threshold of the core parts of Table A.2 column 1 itself: not a parts table of the map',
  },
};

describe('no parts table or its threshold named in src/', () => {
  const ids = partsTableIds();

  it('knows the ids of the map (sanity: Table D and its s. 15(2) threshold)', () => {
    expect(ids).toContain('usmca.auto.table.d');
    expect(ids).toContain('usmca.auto.parts.ht_principal');
    expect(ids.length).toBeGreaterThanOrEqual(10);
  });

  it('finds an id named in code, not one named in a comment', () => {
    const named = (src: string) => ids.filter((id) => withoutComments(src).includes(`${id}'`));
    expect(named("// usmca.auto.parts.ht_principal'\nconst t = rules.at('usmca.auto.parts.ht_principal');")).toEqual([
      'usmca.auto.parts.ht_principal',
    ]);
    expect(named("/* 'usmca.auto.table.d' */ const url = 'https://example.org'; // 'usmca.auto.table.d'")).toEqual([]);
  });

  for (const file of tsFiles('src')) {
    it(`${file} names no parts table or threshold of usmca.auto.parts.tables`, () => {
      const allowed = MAY_NAME[file]?.ids ?? [];
      if (allowed.includes('*')) return;
      const code = withoutComments(readFileSync(file, 'utf8'));
      const named = ids.filter((id) => new RegExp(`['"\`]${id.replace(/\./g, '\\.')}['"\`]`).test(code));
      expect(named.filter((id) => !allowed.includes(id))).toEqual([]);
    });
  }
});
