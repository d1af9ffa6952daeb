/**
 * HS code matching for rule data: a selector is a heading ("87.03"), a subheading ("8703.23"), a national
 * eight-digit item ("8708.99.aa", matched by its subheading), or an inclusive range "8703.21..8703.90".
 */
export function heading(hs: string): string {
  return hs.slice(0, 4);
}

function digits(hs: string): string {
  return hs.replace(/\./g, '').slice(0, 6);
}

export function hsMatches(hs: string, selector: string): boolean {
  const code = digits(hs);
  const range = selector.split('..');
  if (range.length === 2) {
    const lo = digits(range[0] ?? '').padEnd(6, '0');
    const hi = digits(range[1] ?? '').padEnd(6, '9');
    return code >= lo && code <= hi;
  }
  const sel = digits(selector);
  return code.startsWith(sel);
}

export function hsMatchesAny(hs: string, selectors: readonly string[]): boolean {
  for (const s of selectors) if (hsMatches(hs, s)) return true;
  return false;
}

/** Digits that identify a chapter, heading or subheading (structure of the Harmonized System). */
const LEVEL_DIGITS = { chapter: 2, heading: 4, subheading: 6 } as const;
export type HsLevel = keyof typeof LEVEL_DIGITS;

/** The chapter, heading or subheading part of a code, as digits: hsPrefix("8703.23", "heading") = "8703". */
export function hsPrefix(hs: string, lvl: HsLevel): string {
  return digits(hs).slice(0, LEVEL_DIGITS[lvl]);
}
