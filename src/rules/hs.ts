/**
 * HS code matching for rule data: a selector is a heading ("87.03"), a subheading ("8703.23"), a national
 * eight-digit item ("8708.99.aa", matched by its subheading), or an inclusive range "8703.21..8703.90".
 */
function digits(hs: string): string {
  return hs.replace(/\./g, '').slice(0, 6);
}

/** A selector prepared once: a prefix of digits, or an inclusive range of 6-digit codes. */
type Prepared = { prefix: string } | { lo: string; hi: string };
const prepared = new Map<string, Prepared>();

function prepare(selector: string): Prepared {
  let p = prepared.get(selector);
  if (!p) {
    const range = selector.split('..');
    p =
      range.length === 2
        ? { lo: digits(range[0] ?? '').padEnd(6, '0'), hi: digits(range[1] ?? '').padEnd(6, '9') }
        : { prefix: digits(selector) };
    prepared.set(selector, p);
  }
  return p;
}

function matchesCode(code: string, p: Prepared): boolean {
  return 'prefix' in p ? code.startsWith(p.prefix) : code >= p.lo && code <= p.hi;
}

export function hsMatches(hs: string, selector: string): boolean {
  return matchesCode(digits(hs), prepare(selector));
}

export function hsMatchesAny(hs: string, selectors: readonly string[]): boolean {
  const code = digits(hs);
  for (const s of selectors) if (matchesCode(code, prepare(s))) return true;
  return false;
}

/** Digits that identify a chapter, heading or subheading (structure of the Harmonized System). */
const LEVEL_DIGITS = { chapter: 2, heading: 4, subheading: 6 } as const;
export type HsLevel = keyof typeof LEVEL_DIGITS;

/** The chapter, heading or subheading part of a code, as digits: hsPrefix("8703.23", "heading") = "8703". */
export function hsPrefix(hs: string, lvl: HsLevel): string {
  return digits(hs).slice(0, LEVEL_DIGITS[lvl]);
}

/**
 * The inclusive span of 6-digit codes a selector covers: "87.08" -> 870800..870899, "8708.99.aa" -> 870899..870899,
 * "8482.10..8482.80" -> 848210..848280. A range written high-to-low gives lo > hi; callers check that.
 */
export function hsSpan(selector: string): { lo: string; hi: string } {
  const [a = '', b] = selector.split('..');
  const lo = digits(a).padEnd(6, '0');
  const hi = digits(b ?? a).padEnd(6, '9');
  return { lo, hi };
}
