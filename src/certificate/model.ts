/**
 * The certification of origin (USMCA Art. 5.2 and Annex 5-A; US 19 CFR 182.12) as data: the nine minimum data
 * elements for one or more goods, each good tied to the decision record that found it originating, the whole
 * under its own sha256 and, optionally, a signature (a JWS over the same canonical content).
 *
 * Format `usmca-roo/certificate@2`. Elements 3 to 5 are a party, a list of parties (several producers), "same
 * as the certifier", or a coded statement rendered in the certificate's language. Figures (RVC, LVC, steel,
 * aluminum) are confidential: present only when the certifier asks (`--disclose-figures`), rounded to two
 * places toward the failing side; rule ids and exact figures only in the optional annex.
 */
import type { PackRelease } from '../rules/release.js';

/** The format id of the certificates this engine issues and validates. */
export const CERTIFICATE_FORMAT = 'usmca-roo/certificate@2';
/** The languages a certificate can be rendered in (the Agreement's: English, Spanish, French; Art. 5.2(3)). */
export const LANGS = ['en', 'es', 'fr'] as const;
/** A certificate language: `en`, `es` or `fr`. */
export type Lang = (typeof LANGS)[number];
export const ROLES = ['importer', 'exporter', 'producer'] as const;
/** Element 1 (Annex 5-A): the certifier is the importer, the exporter or the producer of the goods. */
export type Role = (typeof ROLES)[number];
export const CRITERIA = ['A', 'B', 'C', 'D'] as const;

/**
 * A party as a data element shows it (Annex 5-A, elements 2 to 5): name, address, telephone and email, and, where
 * given, title, company and tax identifier (the identifier is shown where the importing country asks for it).
 */
export interface PartyOut {
  /** The person's (or firm's) name. */
  name: string;
  /** The person's title (required of the certifier, element 2). */
  title?: string;
  /** The company the person certifies for. */
  company?: string;
  /** The address: street, city, region, postal code and country (ISO 3166 alpha-2 code). */
  address: { street: string; city: string; region?: string; postalCode?: string; country: string };
  /** Email address. */
  email?: string;
  /** Telephone number, international form where given so. */
  phone?: string;
  /** Tax identification number (e.g. an RFC, an EIN or a Canadian BN). */
  taxId?: string;
}

/** What an element can say instead of a party. */
export const STATEMENTS = ['unknown', 'unknown-to-producer', 'available-upon-request'] as const;
/**
 * A coded statement in place of a party (Annex 5-A): `unknown` (importer), `unknown-to-producer` (exporter, when a
 * producer certifies without knowing it) or `available-upon-request` (producers), rendered in the certificate's language.
 */
export type Statement = (typeof STATEMENTS)[number];

/**
 * Elements 3 to 5: one party, several parties (several producers), the same party as the certifier, or a coded
 * statement.
 */
export type PartyElement =
  { party: PartyOut } | { parties: PartyOut[] } | { sameAs: 'certifier' } | { statement: Statement };

/** A figure the producer certifies, as shown on the form: two places, rounded toward the failing side. */
export interface Figure {
  /** Which requirement: RVC (s. 7, s. 13-15), LVC (s. 18), steel or aluminum purchases (s. 17). */
  requirement: 'rvc' | 'lvc' | 'steel' | 'aluminum';
  /** The good's figure in percent, two places (e.g. "76.42"), rounded toward the failing side. */
  value: string;
  /** The threshold in percent it was compared with (e.g. "75.00"). */
  threshold: string;
}

/**
 * Elements 6 and 7 (Annex 5-A) for one good: its description, HS subheading and origin criterion, with the decision
 * record that found it originating and, where disclosed, its figures.
 */
export interface CertifiedGood {
  /** The good as described on the invoice, sufficient to relate it to the good covered. */
  description: string;
  /** Its HS classification to six digits, "8703.23". */
  hs: string;
  /** The vehicle's model line, where the claim names one. */
  modelLine?: string;
  /** The origin criterion (Art. 4.2): A wholly obtained, B product-specific rule, C originating materials only, D s. 3(4)/(5). */
  originCriterion: (typeof CRITERIA)[number];
  /** sha256 of the decision record that found this good originating. */
  record: string;
  /** Its RVC, LVC, steel and aluminum figures: present only when the certifier discloses them (--disclose-figures). */
  figures?: Figure[];
}

/** A decision record a certificate rests on, as the certificate names it. */
export interface RecordReference {
  /** The record's sha256 (hex), over its canonical content (audit/record.ts). */
  sha256: string;
  /** The claim's id. */
  claimId: string;
  /** The decision date (YYYY-MM-DD): the rules in force on it decided the good. */
  decisionDate: string;
  /** The rule pack the decision was made under: id, version, content sha256 and release status (rules/release.ts). */
  rules: { id: string; version: string; sha256: string; release: PackRelease };
  /** The engine that made it: name and version. */
  engine: { name: string; version: string };
}

/** A certification CBP has given an identifier, covering good number `good` (1-based). */
export interface VehicleCertification {
  /** The good's number in the certificate (1-based). */
  good: number;
  /** Which certification: the LVC, steel or aluminum certification (19 CFR 182.95-182.97). */
  kind: string;
  /** The unique identifier CBP assigned to it (19 CFR 182.92(b)). */
  identifier: string;
}

/** One line of the optional annex: a requirement of a good, with its rule, citation and (if disclosed) figures. */
export interface AnnexLine {
  /** The good's number in the certificate (1-based). */
  good: number;
  /** The requirement's id in the decision (rvc, lvc, core-parts, steel, aluminum...). */
  requirement: string;
  /** Its status in the decision: pass, fail, not-applicable... */
  status: string;
  /** The id of the rule whose value it was tested against (e.g. usmca.auto.rvc.passenger_vehicle). */
  rule?: string;
  /** The rule's citation (instrument, section and treaty article). */
  citation?: string;
  /** The exact figure in percent, where the certifier discloses figures. */
  value?: string;
  /** The threshold in percent it was compared with, where disclosed. */
  threshold?: string;
}

/**
 * A certification of origin (`usmca-roo/certificate@2`; USMCA Art. 5.2 and Annex 5-A): the nine minimum data
 * elements, each good tied by sha256 to the decision record that found it originating, under its own sha256.
 * Dates are YYYY-MM-DD; figures (when disclosed) are percentages with two places, rounded toward the failing side.
 */
export interface Certificate {
  /** `usmca-roo/certificate@2`. */
  format: typeof CERTIFICATE_FORMAT;
  /** The language of its text. */
  lang: Lang;
  /** Element 1: whether the certifier is the importer, exporter or producer. */
  certifierRole: Role;
  /** Element 2: the certifier. */
  certifier: PartyOut;
  /** Element 3: the exporter, or a statement (same as the certifier, unknown...). */
  exporter: PartyElement;
  /** Element 4: the producer(s), or a statement (available upon request, unknown...). */
  producer: PartyElement;
  /** Element 5: the importer, or a statement. */
  importer: PartyElement;
  /** Elements 6 and 7: each good's description, HS subheading (6 digits) and origin criterion (A-D), and its record. */
  goods: CertifiedGood[];
  /** Element 8: the blanket period (at most 12 months); null for a single shipment. */
  blanketPeriod: { start: string; end: string } | null;
  /** Element 9: the authorized signature's name, title, company, date and the certification statement. */
  authorization: {
    name: string;
    title?: string;
    company?: string;
    date: string;
    statement: string;
    /** The language of the statement: the certificate's, or English where the pack has no wording in it. */
    statementLang: Lang;
  };
  /** The decision records behind the goods: sha256, claim id, decision date, rule pack and engine. */
  records: RecordReference[];
  /** For each record whose rule pack is not a released version (accepted by --unreleased-rules), one line. */
  rulesNotice?: string[];
  /** Optional annex: per good and requirement, its rule, citation and (if disclosed) exact figures. */
  annex?: AnnexLine[];
  /**
   * The producer's LVC, steel and aluminum certifications filed with CBP that cover the goods, with the unique
   * identifier CBP assigned to each (19 CFR 182.92(b): the importer reports it on the entry summary). `good` is
   * the good's number (1-based). Present only when there are some.
   */
  vehicleCertifications?: VehicleCertification[];
  /** The articles the data elements and the origin criteria are cited from (the rule pack's wording). */
  citations: { dataElements: string; criteria: Partial<Record<(typeof CRITERIA)[number], string>> };
  /** sha256 of the canonical JSON of every other field but `signature`. */
  sha256: string;
  /** A compact JWS with detached payload over the same content (audit/signature.ts). */
  signature?: { jws: string };
}

/** A problem with a certificate: its code, the data element it concerns, and what was expected. */
export interface CertificateProblem {
  /** What kind of problem (see CERTIFICATE_PROBLEMS). */
  code: CertificateProblemCode;
  /** The data element or field it concerns, e.g. `goods[0].hs`, `blanketPeriod`. */
  element: string;
  /** What is wrong and what was expected. */
  message: string;
}

/** The registry of certificate problem codes: code -> what it means (`validate` reports them). */
export const CERTIFICATE_PROBLEMS = {
  CERT_FORMAT: 'not a usmca-roo certificate (format usmca-roo/certificate@2)',
  CERT_ALTERED: 'the certificate no longer matches its sha256: it was edited after it was issued',
  CERT_ELEMENT_MISSING: 'a minimum data element, or a required part of one, is missing',
  CERT_ELEMENT_INVALID: 'an element says something that does not fit the certifier’s role or the goods',
  CERT_ROLE_INVALID: 'the certifier role is not importer, exporter or producer',
  CERT_CONTACT_INVALID: 'an address, country, email or telephone is malformed',
  CERT_TEXT_INVALID: 'a text is too long, or holds control or direction-changing characters',
  CERT_HS_INVALID: 'the HS classification is not given to 6 digits',
  CERT_CRITERION_INVALID: 'the origin criterion is not A, B, C or D',
  CERT_CRITERION_UNFIT: 'the origin criterion does not fit the good',
  CERT_BLANKET_INVALID: 'the blanket period is malformed, ends before it starts, or ends before a decision',
  CERT_BLANKET_TOO_LONG: 'the blanket period is longer than the law allows',
  CERT_BLANKET_RULE_CHANGE: 'a rule the decision applied changes value within the blanket period',
  CERT_DATE_INVALID: 'a date is not a real date written YYYY-MM-DD, or the signature predates a decision',
  CERT_STATEMENT_INVALID: 'the certification statement is not the wording the rule pack gives',
  CERT_RULES_NOT_RELEASED: 'a record was made under a rule pack that is not a released version',
  CERT_RECORD_MISMATCH: 'the certificate names another decision record, or one that was not given',
  CERT_GOOD_MISMATCH: 'a good on the certificate is not the good its record decided',
  CERT_FIGURE_MISMATCH: 'a figure on the certificate is not the one its record gives',
  CERT_PARTY_MISMATCH: 'the producer on the certificate is not the producer of the record',
  CERT_CRITERION_MISMATCH: 'the criterion on the certificate is not the one the decision gives',
  CERT_NOT_ORIGINATING: 'the recorded decision is not originating',
} as const;
/** A certificate problem code (`CERT_...`): a key of CERTIFICATE_PROBLEMS. */
export type CertificateProblemCode = keyof typeof CERTIFICATE_PROBLEMS;

/** The decision is not originating: no certificate can be made (exit 1). */
export class CertificateRefused extends Error {}
