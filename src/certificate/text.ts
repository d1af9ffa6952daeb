/**
 * What text a certificate may hold, whatever the format it is rendered in: bounded lengths (a name of 200,000
 * characters is an error, not a layout problem), no control characters (a newline in a name could forge a line
 * of the document), and no characters that change the direction of text (they can make a figure read
 * otherwise than it is stored). Scripts the PDF font cannot draw are refused by the PDF renderer (pdf-font.ts).
 */

/** Longest accepted text, by kind of field, in characters. */
export const TEXT_LIMITS = { line: 200, description: 1000 } as const;

// C0 and C1 controls, DEL; bidirectional embeddings, overrides and isolates; line and paragraph separators.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

/** Why a text cannot go on a certificate, or undefined if it can. */
export function textProblem(value: string, limit: number): string | undefined {
  if (value.length > limit) return `is ${value.length} characters long; at most ${limit} are accepted`;
  const bad = FORBIDDEN.exec(value);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `holds the character U+${code} (a control or direction-changing character) at position ${bad.index + 1}`;
  }
  return undefined;
}
