/**
 * Every text in a claim, producer document or table is one line of printable text: ids, HS codes,
 * descriptions, names, addresses. A control character (C0, C1, line breaks, tabs), a bidirectional override or
 * isolate (U+202E can make a line read backwards), a zero-width character, a lone surrogate or a replacement
 * character (U+FFFD, the mark of a botched encoding conversion) is refused with TEXT_CHARACTER_NOT_ALLOWED at
 * its field, so no value can forge a line of a worksheet or hide in an id. Keys are checked too.
 */
import type { Path, SourceDocument } from '../documents/source.js';
import type { InputProblem } from './problems.js';
import { problemAt } from './validate.js';

const NOT_ALLOWED =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_REPORTED = 100;

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\n' || ch === '\r') return `a line break (${hex})`;
  if (ch === '\t') return `a tab (${hex})`;
  if (code >= 0x202a && code <= 0x202e) return `a bidirectional override (${hex})`;
  if (code >= 0x2066 && code <= 0x2069) return `a bidirectional isolate (${hex})`;
  if (code === 0xfffd) return `a replacement character (${hex}: the text was damaged when its encoding was converted)`;
  if (code >= 0xd800 && code <= 0xdfff) return `half of a surrogate pair (${hex})`;
  return `the invisible character ${hex}`;
}

/** TEXT_CHARACTER_NOT_ALLOWED for every string (and key) under `data`, located in `doc` below `basePath`. */
export function textProblems(doc: SourceDocument, data: unknown, basePath: Path = []): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [...basePath] }];
  const seen = new Set<object>();
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value === 'string') {
      const m = NOT_ALLOWED.exec(value);
      if (m)
        problems.push(
          problemAt(
            doc,
            path,
            'TEXT_CHARACTER_NOT_ALLOWED',
            `holds ${describe(m[0])} at character ${m.index + 1}; this field takes one line of printable text`,
          ),
        );
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value); // a YAML alias is checked once
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else {
      for (const k of Object.keys(value).reverse()) {
        const m = NOT_ALLOWED.exec(k);
        if (m)
          problems.push(
            problemAt(
              doc,
              [...path, k],
              'TEXT_CHARACTER_NOT_ALLOWED',
              `the key holds ${describe(m[0])}; keys are plain text`,
            ),
          );
        else stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return problems;
}
