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

/** Whether a UTF-16 code unit at or above U+0080 may be one NOT_ALLOWED matches (surrogates included). */
function suspectAbove7f(c: number): boolean {
  return (
    c <= 0x9f ||
    c === 0x061c ||
    c === 0x200b ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    c === 0xfffd ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

/**
 * The first character NOT_ALLOWED in `text`, or null. A loop over the code units first (faster than a regular
 * expression on the short texts of a BOM line, nearly all printable ASCII); NOT_ALLOWED itself only for a text
 * holding a suspect unit, so a well-formed surrogate pair passes.
 */
function notAllowed(text: string): RegExpExecArray | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && (c === 0x7f || suspectAbove7f(c)))) return NOT_ALLOWED.exec(text);
  }
  return null;
}

/**
 * TEXT_CHARACTER_NOT_ALLOWED for every string (and key) under `data`, located in `doc` below `basePath`, in the
 * order they are written; at most MAX_REPORTED. The walk keeps its stack in three parallel arrays (the value,
 * its key in its parent, its depth) and one path that is cut back to each value's depth, so that it allocates
 * nothing per value: a path is copied only for a problem. Keys found plain are remembered (a BOM repeats the same
 * few). Only YAML can share an object between places (an alias): there each object is checked once, unless the
 * reader saw no alias in the text (`doc.aliasFree`).
 * `data` is the document's data or a part of it: where the document's reader has seen that its text is plain
 * (`doc.plainText`, a JSON text without escapes or refused characters), there is nothing to find and nothing is
 * walked.
 */
export function textProblems(doc: SourceDocument, data: unknown, basePath: Path = []): InputProblem[] {
  if (doc.plainText === true) return [];
  const problems: InputProblem[] = [];
  const values: unknown[] = [data];
  const keys: (string | number)[] = [''];
  const depths: number[] = [0];
  const path: (string | number)[] = [...basePath];
  const base = basePath.length;
  const seen = doc.format === 'yaml' && doc.aliasFree !== true ? new Set<object>() : undefined;
  const plainKeys = new Set<string>();
  while (values.length > 0 && problems.length < MAX_REPORTED) {
    const value = values.pop();
    const key = keys.pop() as string | number;
    const depth = depths.pop() as number;
    path.length = base + depth;
    if (depth > 0) path[base + depth - 1] = key;
    if (typeof value === 'string') {
      const m = notAllowed(value);
      if (m)
        problems.push(
          problemAt(
            doc,
            path.slice(),
            'TEXT_CHARACTER_NOT_ALLOWED',
            `holds ${describe(m[0])} at character ${m.index + 1}; this field takes one line of printable text`,
          ),
        );
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (seen) {
      if (seen.has(value)) continue;
      seen.add(value); // a YAML alias is checked once
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]);
        keys.push(i);
        depths.push(depth + 1);
      }
    } else {
      const names = Object.keys(value);
      for (let i = names.length - 1; i >= 0; i--) {
        const k = names[i] as string;
        const m = plainKeys.has(k) ? null : notAllowed(k);
        if (m === null) plainKeys.add(k);
        if (m)
          problems.push(
            problemAt(
              doc,
              [...path, k],
              'TEXT_CHARACTER_NOT_ALLOWED',
              `the key holds ${describe(m[0])}; keys are plain text`,
            ),
          );
        else {
          values.push((value as Record<string, unknown>)[k]);
          keys.push(k);
          depths.push(depth + 1);
        }
      }
    }
  }
  return problems;
}
