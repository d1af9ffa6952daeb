/**
 * Nothing legal in src/: the modules that implement requirements and the verdict contain no numeric literals;
 * thresholds, dates, caps and rates come from the rule pack (strings and comments are ignored). No module names a
 * parts table or its threshold, or the LVC rule of a vehicle class: which table requires which RVC is the rule
 * usmca.auto.parts.tables, read in one place (src/requirements/parts-tables.ts), and which class meets which LVC is
 * usmca.auto.lvc.vehicle_classes (s. 18(1)-(2), s. 19(4)(d)), read in src/requirements/lvc.ts. And no module of
 * src/ holds an HS code in its code (a regular expression such as /^870[1-5]/, a string such as '8703'): the
 * headings the law names are rule data (e.g. usmca.general.vehicle_origin_criteria).
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

/**
 * The rule ids of the parts tables and their thresholds, as the pack's table-to-threshold map names them, of the
 * LVC thresholds, as its map of vehicle classes names them, and of the RVC of an alternative staging regime, as
 * usmca.auto.asr names it.
 */
function mappedRuleIds(): string[] {
  const pack = loadRulePack();
  const ids = new Set<string>();
  for (const entry of pack.parameters.get('usmca.auto.parts.tables')?.entries ?? []) {
    const value = entry.value as {
      tables: Array<{ rows: string; rvc: string; alternativeStagingRvc?: string }>;
    } | null;
    for (const t of value?.tables ?? []) [t.rows, t.rvc, t.alternativeStagingRvc].forEach((id) => id && ids.add(id));
  }
  for (const entry of pack.parameters.get('usmca.auto.lvc.vehicle_classes')?.entries ?? []) {
    const value = entry.value as { classes: Record<string, string>; alternativeStagingRegime: string } | null;
    [...Object.values(value?.classes ?? {}), value?.alternativeStagingRegime].forEach((id) => id && ids.add(id));
  }
  for (const entry of pack.parameters.get('usmca.auto.asr')?.entries ?? []) {
    const rvc = (entry.value as { rvc?: string } | null)?.rvc;
    if (rvc) ids.add(rvc);
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

describe('no parts table, its threshold, the LVC rule of a vehicle class or the staging-regime RVC named in src/', () => {
  const ids = mappedRuleIds();

  it('knows the ids of the maps (sanity: Table D and its s. 15(2) threshold; the LVC of s. 18(1) and s. 19(4)(d); the RVC of s. 19(4)(a))', () => {
    expect(ids).toContain('usmca.auto.table.d');
    expect(ids).toContain('usmca.auto.parts.ht_principal');
    expect(ids).toContain('usmca.auto.lvc.passenger_vehicle');
    expect(ids).toContain('usmca.auto.lvc.asr_vehicle');
    expect(ids).toContain('usmca.auto.rvc.asr_vehicle');
    expect(ids.length).toBeGreaterThanOrEqual(14);
  });

  it('finds an id named in code, not one named in a comment', () => {
    const named = (src: string) => ids.filter((id) => withoutComments(src).includes(`${id}'`));
    expect(named("// usmca.auto.parts.ht_principal'\nconst t = rules.at('usmca.auto.parts.ht_principal');")).toEqual([
      'usmca.auto.parts.ht_principal',
    ]);
    expect(named("/* 'usmca.auto.table.d' */ const url = 'https://example.org'; // 'usmca.auto.table.d'")).toEqual([]);
  });

  for (const file of tsFiles('src')) {
    it(`${file} names no rule of usmca.auto.parts.tables, usmca.auto.lvc.vehicle_classes or usmca.auto.asr`, () => {
      const allowed = MAY_NAME[file]?.ids ?? [];
      if (allowed.includes('*')) return;
      const code = withoutComments(readFileSync(file, 'utf8'));
      const named = ids.filter((id) => new RegExp(`['"\`]${id.replace(/\./g, '\\.')}['"\`]`).test(code));
      expect(named.filter((id) => !allowed.includes(id))).toEqual([]);
    });
  }
});

/** A string literal's whole text is an HS code: a heading, subheading or tariff item ("8703", "87.03", "8703.23"). */
const HS_TEXT = /^(?:ex )?\d{2}(?:\.?\d{2}){1,2}(?:\.\d{2}(?:\.?\d{2})?)?$/;

/**
 * The HS codes held in a module's code (comments dropped): string literals that are wholly an HS code, and regular
 * expression literals with a run of two or more digits outside character classes, quantifiers and escapes
 * (`/^870[1-5]/` holds "870"; `/^[0-9a-f]{64}$/` and `/[\u0000-\u001f]/` hold none).
 */
export function hsLiterals(src: string): string[] {
  const code = withoutComments(src);
  const found: string[] = [];
  for (const m of code.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) if (HS_TEXT.test(m[2] ?? '')) found.push(m[0]);
  const regex = /(?<=[=(,:!&|?;{}[]\s*)\/((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+)\/[dgimsuy]*/g;
  for (const m of code.matchAll(regex)) {
    const body = (m[1] ?? '')
      .replace(/\\u\{[0-9a-fA-F]+\}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\./g, '')
      .replace(/\[(?:\\.|[^\]\\])*\]/g, '')
      .replace(/\{\d+(?:,\d*)?\}/g, '');
    if (/\d{2,}/.test(body)) found.push(m[0]);
  }
  return found;
}

/** Where src/ may hold a literal that looks like an HS code, and why it is not law. */
const MAY_HOLD_CODE: Record<string, { literals: string[]; why: string }> = {
  'src/cli/serve.ts': { literals: ["'8080'"], why: 'the default port of the HTTP server' },
  'src/input/hs.ts': { literals: ["'8703.23'"], why: 'the example an HS problem message shows' },
  'src/input/salvage.ts': {
    literals: ["'8703.23'", "'7208.10'"],
    why: 'placeholders that let the other fields of a broken line be checked; never evaluated',
  },
  'src/input/tabular/numbers.ts': { literals: ["'1234.50'"], why: 'the example of a number a message shows' },
  'src/server/auth.ts': { literals: ['/^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$/'], why: 'the IPv4 loopback network' },
  'src/tariffs/catalog.ts': {
    literals: ['/^9903\\.\\d{2}\\.\\d{2}$/'],
    why: 'the shape of a US chapter 99 heading number a measure names (what a value looks like, not which)',
  },
};

describe('no HS code in the code of src/', () => {
  it('finds the literals it is meant to find, and not others', () => {
    expect(
      hsLiterals(
        "const V = /^870[1-5]/; const h = '8703'; const s = '8708.99'; // '8704'\n" +
          "const ok = /^[0-9a-f]{64}$/; const t = /[\\u0000-\\u001f]/; const m = 'HS 8703.23 is a sedan'; f(a / 2, b / 3);",
      ),
    ).toEqual(["'8703'", "'8708.99'", '/^870[1-5]/']);
  });

  for (const file of tsFiles('src')) {
    it(`${file} holds no HS code in its code`, () => {
      const allowed = MAY_HOLD_CODE[file]?.literals ?? [];
      expect(hsLiterals(readFileSync(file, 'utf8')).filter((l) => !allowed.includes(l))).toEqual([]);
    });
  }
});
