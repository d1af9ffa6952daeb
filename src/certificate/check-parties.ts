/**
 * The parties of a certification of origin, checked (Annex 5-A elements 2 to 5; 19 CFR 182.12(a)(4)(ii)-(v)): the
 * certifier, and the exporter, producer and importer, each a party, several producers, "same as the certifier" or a
 * coded statement that fits the certifier's role; each party with a name, an address (street, city, an ISO 3166-1
 * country), an email address and a telephone number. Part of checkCertificate (check.ts).
 */
import { iso31661 } from 'iso-3166';
import { STATEMENTS, type CertificateProblemCode } from './model.js';

/** A JSON object as read. */
type Obj = Record<string, unknown>;
/** Whether `v` is a JSON object (not null, not an array). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Whether `v` is a string with something other than white space. */
export const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
/** The alpha-2 codes ISO 3166-1 assigns to a country (user-assigned codes such as ZZ or XX are not among them). */
const COUNTRIES = new Set(iso31661.map((c) => c.alpha2));
/** Records one problem: its code, the data element it concerns ("3 exporter.email"), and what was expected. */
export type Add = (code: CertificateProblemCode, element: string, message: string) => void;

/**
 * Element `label` (3 exporter, 4 producer, 5 importer): a party, several parties where `allowed.several`, "same as
 * the certifier" where `allowed.sameAs`, or one of `allowed.statements`, for a certifier who is the `role`.
 */
export function checkElement(
  e: unknown,
  label: string,
  add: Add,
  role: unknown,
  allowed: { sameAs: string | undefined; statements: readonly string[]; several?: boolean },
): void {
  if (!isObj(e)) return add('CERT_ELEMENT_MISSING', label, 'missing: a party, "same as the certifier", or a statement');
  if ('party' in e) return checkParty(e.party, label, add, {});
  if ('parties' in e) {
    if (!allowed.several || !Array.isArray(e.parties) || e.parties.length < 2)
      return add('CERT_ELEMENT_INVALID', label, 'a list of parties is given only for several producers');
    e.parties.forEach((p, i) => checkParty(p, `${label}[${i}]`, add, {}));
    return;
  }
  if ('sameAs' in e) {
    if (e.sameAs !== 'certifier' || !allowed.sameAs)
      add('CERT_ELEMENT_INVALID', label, `"same as the certifier" does not fit a certifier who is the ${String(role)}`);
    return;
  }
  if ('statement' in e) {
    if (
      !(STATEMENTS as readonly unknown[]).includes(e.statement) ||
      !allowed.statements.includes(e.statement as string)
    )
      add(
        'CERT_ELEMENT_INVALID',
        label,
        `the statement "${String(e.statement)}" does not fit this element when the ${String(role)} certifies`,
      );
    return;
  }
  add('CERT_ELEMENT_MISSING', label, 'give the party, "same as the certifier", or a statement');
}

const PHONE = /^\+?[\d\s().-]{6,}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Name, address (street, city, ISO country), email and telephone (each party of 182.12(a)(4)(ii)-(v)). */
export function checkParty(p: unknown, element: string, add: Add, need: { title?: boolean }): void {
  if (!isObj(p)) return add('CERT_ELEMENT_MISSING', element, 'missing');
  if (!str(p.name)) add('CERT_ELEMENT_MISSING', `${element}.name`, 'name missing');
  if (need.title && !str(p.title))
    add('CERT_ELEMENT_MISSING', `${element}.title`, 'title missing (19 CFR 182.12(a)(4)(ii))');
  const a = p.address;
  if (!isObj(a)) add('CERT_ELEMENT_MISSING', `${element}.address`, 'address missing');
  else {
    if (!str(a.street) || !str(a.city))
      add('CERT_ELEMENT_MISSING', `${element}.address`, 'street and city are required');
    if (!str(a.country)) add('CERT_ELEMENT_MISSING', `${element}.address.country`, 'country missing');
    else if (!COUNTRIES.has(a.country))
      add(
        'CERT_CONTACT_INVALID',
        `${element}.address.country`,
        `"${a.country}" is not a country code ISO 3166-1 assigns (alpha-2, e.g. "MX")`,
      );
  }
  if (!str(p.email)) add('CERT_ELEMENT_MISSING', `${element}.email`, 'email missing');
  else if (!EMAIL.test(p.email))
    add('CERT_CONTACT_INVALID', `${element}.email`, `"${p.email}" is not an email address`);
  if (!str(p.phone)) add('CERT_ELEMENT_MISSING', `${element}.phone`, 'telephone missing');
  else if (!PHONE.test(p.phone) || (p.phone.match(/\d/g) ?? []).length < 6)
    add('CERT_CONTACT_INVALID', `${element}.phone`, `"${p.phone}" is not a telephone number`);
}
