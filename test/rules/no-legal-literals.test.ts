/**
 * Nothing legal in src/: the modules that implement requirements contain no numeric literals. Thresholds,
 * dates, caps and rates come from the rule pack. (Strings and comments are ignored.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIRS = ['src/requirements', 'src/verdict'];

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

  for (const dir of DIRS) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      it(`${dir}/${file} has no numeric literal`, () => {
        expect(numericLiterals(readFileSync(join(dir, file), 'utf8'))).toEqual([]);
      });
    }
  }
});
