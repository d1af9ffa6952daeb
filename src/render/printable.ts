/**
 * Text printed to a terminal: every character that could move the cursor, clear the screen, start a new
 * line or reorder what is shown (C0 and C1 controls, line and paragraph separators, bidirectional
 * overrides and isolates, zero-width characters, lone surrogates) is written as a visible escape (`\x1b`,
 * `\u202e`), so a value read from a file can never forge a line of the output.
 */
export const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of output: every unprintable character escaped (line breaks included). */
export function printable(line: string): string {
  return line.replace(UNPRINTABLE, escape);
}

/** JSON text with the unprintable characters JSON.stringify leaves raw (C1, bidi, separators) as \u escapes. */
export function printableJson(json: string): string {
  return json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffd]/g;
