/**
 * Whether a good or a material is of a generic tariff item of the rules ("8708.99.aa"), which "is to be read as the
 * appropriate eight-digit number in the Harmonized System as implemented in each CUSMA country" (UR s. 1(3)(e)).
 * Only the national tariff number as the claim wrote it (8 or 10 digits) can say, and only through the pack's
 * correspondence of the generic item to each country's numbers (usmca.hs.national_items). Pure: codes in, an
 * answer with its reason out.
 *
 * - `in`: the number begins with a national number of the item in a country whose correspondence is confirmed;
 * - `out`: every country's correspondence is confirmed and none lists the number, or the claim says whose tariff its
 *   numbers are in (`tariff`, the importing country) and that country's confirmed numbers do not list it;
 * - `unknown`: only the subheading is known, or a country's correspondence was not read.
 */
import type { NationalItems } from '../../rules/psr-schema.js';

/** The answer for one code and one generic item, with the words for the decision. */
export type ItemAnswer =
  | { status: 'in'; country: string; reason: string }
  | { status: 'out'; reason: string }
  | { status: 'unknown'; reason: string };

const DIGITS = /^\d{4}\.?\d{2}\.?\d{2}(?:\.?\d{2})?$/;

/** The digits of a national tariff number of 8 or 10 digits ("8708.99.8180" -> "87089981 80"), or undefined. */
function nationalDigits(written: string | undefined): string | undefined {
  return written !== undefined && DIGITS.test(written) ? written.replace(/\./g, '') : undefined;
}

/** Is the good or material written `written` (as in the claim; its subheading `hs`) of the generic `item`? */
export function nationalItemOf(
  item: string,
  hs: string,
  written: string | undefined,
  table: NationalItems | undefined,
  tariff?: string | undefined,
): ItemAnswer {
  const digits = nationalDigits(written);
  if (digits === undefined) {
    return {
      status: 'unknown',
      reason: `the claim gives only the subheading ${hs}, and tariff item ${item} is a national eight-digit item (s. 1(3)(e)): give the national tariff number (8 or 10 digits) to decide it`,
    };
  }
  const entry = table?.items.find((i) => i.item === item);
  const countries = entry?.countries ?? [];
  // Numbers read in one Party's tariff (the importing country's) are that Party's items only.
  const own = countries.find((c) => c.country === tariff && c.status === 'confirmed');
  for (const c of own !== undefined ? [own] : countries) {
    if (c.status !== 'confirmed') continue;
    const hit = (c.codes ?? []).find((code) => digits.startsWith(code.replace(/\./g, '')));
    if (hit !== undefined)
      return {
        status: 'in',
        country: c.country,
        reason: `${written} is of tariff item ${item}: it is ${c.country} item ${hit} (${c.source ?? ''})`,
      };
  }
  if (own !== undefined) {
    return {
      status: 'out',
      reason: `${written} is not of tariff item ${item}: read in the tariff of ${own.country}, the importing country, ${item} is ${(own.codes ?? []).join(', ')} (${own.source ?? ''})`,
    };
  }
  const open = countries.filter((c) => c.status !== 'confirmed').map((c) => c.country);
  if (countries.length > 0 && open.length === 0) {
    return {
      status: 'out',
      reason: `${written} is not of tariff item ${item}: no Party's ${item} (${countries.map((c) => `${c.country} ${(c.codes ?? []).join(', ')}`).join('; ')}) includes it`,
    };
  }
  return {
    status: 'unknown',
    reason: `the claim gives the national tariff number ${written}, but the rule pack holds no confirmed correspondence of tariff item ${item} to the national tariff items of ${open.length > 0 ? open.join(', ') : 'the Parties'} (s. 1(3)(e)), so whether it is that item cannot be decided`,
  };
}
