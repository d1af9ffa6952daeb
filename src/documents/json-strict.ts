/**
 * What JSON.parse lets through silently: a key written twice in one object (the last one wins) and numbers a
 * double cannot hold as written (`0.99999999999999999` becomes 1, `4503599627370496.5` loses its half,
 * `585.0` and `6e2` hide how they were written). One pass over the text counts the object members and looks
 * at every bare number; only when it finds something is the text walked again (jsonc-parser's visitor) to
 * name each duplicate key and each number, with its path and line. Whole numbers in the safe-integer range
 * are exact and stay; any other bare number is refused with its text as written, and the advice to quote it.
 */
import { createRequire } from 'node:module';
import { formatPath, type Path, type SyntaxProblem } from './source.js';

const lazy = createRequire(import.meta.url);
const jsonc = (): typeof import('jsonc-parser') => lazy('jsonc-parser') as typeof import('jsonc-parser');

/** How many problems of this kind are listed before the rest are summed up. */
const MAX_LISTED = 100;

/** Counts the members of every object in parsed JSON. */
function memberCount(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else {
      for (const k in v) {
        count++;
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return count;
}

/** A bare number that is not exactly a JavaScript number as written. */
export function inexactNumber(token: string): boolean {
  if (/[.eE]/.test(token) || token === '-0') return true;
  return token.replace('-', '').length > 15 && !Number.isSafeInteger(Number(token));
}

/** Whether a UTF-16 code unit can be part of a bare JSON number: a digit, ".", "e", "E", "+", "-". */
function numberUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/**
 * One pass: the members written, and whether any bare number needs a closer look. A string is skipped to its
 * closing quote with indexOf: the first quote not escaped, that is not preceded by an odd run of backslashes.
 */
function scan(text: string): { members: number; numbers: boolean } {
  let members = 0;
  let numbers = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let close = text.indexOf('"', i + 1);
      while (close > 0) {
        let b = close - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((close - 1 - b) % 2 === 0) break;
        close = text.indexOf('"', close + 1);
      }
      if (close < 0) break; // not reached: JSON.parse has read the text
      i = close;
    } else if (c === 0x3a) members++;
    else if (!numbers && (c === 0x2d || (c >= 0x30 && c <= 0x39))) {
      let j = i + 1;
      while (j < n && numberUnit(text.charCodeAt(j))) j++;
      numbers = inexactNumber(text.slice(i, j));
      i = j - 1;
    }
  }
  return { members, numbers };
}

/** The problems of a parsed JSON text: duplicate keys and inexact bare numbers, with path and line; [] if none. */
export function strictJsonProblems(text: string, data: unknown, line: (offset: number) => number): SyntaxProblem[] {
  const { members, numbers } = scan(text);
  if (!numbers && members === memberCount(data)) return [];
  const problems: SyntaxProblem[] = [];
  let dropped = 0;
  const add = (p: SyntaxProblem) => (problems.length < MAX_LISTED ? problems.push(p) : dropped++);
  const keys: Set<string>[] = [];
  jsonc().visit(text, {
    onObjectBegin: () => void keys.push(new Set()),
    onObjectEnd: () => void keys.pop(),
    onObjectProperty: (name, offset, _length, _line, _col, pathSupplier) => {
      const seen = keys[keys.length - 1] as Set<string>;
      if (seen.has(name)) {
        const path = [...(pathSupplier() as Path), name];
        add({
          code: 'DUPLICATE_KEY',
          path: formatPath(path),
          message: `the key ${JSON.stringify(name)} appears twice in one object; JSON would silently keep the last: remove one`,
          position: { line: line(offset), column: 1 },
        });
      }
      seen.add(name);
    },
    onLiteralValue: (value, offset, length, _line, _col, pathSupplier) => {
      if (typeof value !== 'number') return;
      const written = text.slice(offset, offset + length);
      if (!inexactNumber(written)) return;
      add({
        code: 'BARE_JSON_NUMBER',
        path: formatPath(pathSupplier() as Path),
        message: `the bare number ${written} cannot be read exactly as written (JSON numbers pass through a double): write it as a quoted string, "${written}"`,
        position: { line: line(offset), column: 1 },
      });
    },
  });
  if (dropped > 0)
    problems.push({
      code: problems[problems.length - 1]?.code ?? 'JSON_SYNTAX',
      message: `and ${dropped} more of these`,
    });
  return problems;
}
