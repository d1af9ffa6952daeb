/**
 * HS codes as users write them. The rules work on 6-digit subheadings ("8703.23"); ERP exports carry national
 * tariff numbers of 8 or 10 digits ("8708.80.6590", "8708806590") and subheadings without the dot ("870880").
 * Each is read to its subheading (the first six digits, which every national tariff of the Parties shares with
 * the Harmonized System); the text as written is kept beside it. Whether the subheading exists is checked
 * against the nomenclature of the edition used (`HsNomenclature`, data from the rule pack).
 */

/** Four digits, an optional dot, two digits, then optionally two or four more digits (dots allowed between pairs). */
const FORM = /^(\d{4})\.?(\d{2})(?:\.?(\d{2})(?:\.?(\d{2}))?)?$/;

/** The subheading of an HS code as written ("8708.80.6590" -> "8708.80"), or undefined when it is not one. */
export function hsSubheading(text: string): string | undefined {
  if (text.length === 7 && text.charCodeAt(4) === 46 /* . */ && FORM.test(text)) return text; // the usual form
  const m = FORM.exec(text);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** Why a text is not an HS code, with the likely cause; `text` is quoted as written. */
export function hsProblem(text: string, example = '8703.23'): string {
  const digits = text.replace(/\D/g, '');
  let hint = '';
  if (/^\d+(?:\.\d+)?$/.test(text) && (digits.length === 5 || digits.length === 7 || digits.length === 9))
    hint = `; a leading zero, or a trailing zero after the dot, may have been lost (a spreadsheet or a JSON number drops them): write the code as text, e.g. "${example}"`;
  else if (digits.length === 4) hint = '; that is a heading: give the 6-digit subheading';
  else if (/\s/.test(text)) hint = '; write it without spaces';
  return `expected a 6-digit subheading written like "${example}" (or a national tariff number of 8 or 10 digits, such as "8708.80.6590"), got "${text}"${hint}`;
}

/**
 * The subheadings of the HS editions a rule pack holds (see rules/usmca/hs/nomenclature.yaml). Input code
 * reads it through this shape only; the rule pack builds it (src/rules/nomenclature.ts).
 */
export interface HsNomenclature {
  /** The edition the rules are written in, used when a claim names none (e.g. "HS2012"). */
  readonly defaultEdition: string;
  /** Every edition held, oldest first. */
  readonly editions: readonly string[];
  /** Whether `subheading` ("8703.23") is a subheading of `edition`. */
  has(edition: string, subheading: string): boolean;
}

/** The editions that hold a subheading, for a message that says where the code does exist. */
export function editionsWith(nomenclature: HsNomenclature, subheading: string): string[] {
  return nomenclature.editions.filter((e) => nomenclature.has(e, subheading));
}
