/**
 * The decision store's tables, as Kysely sees them. Every stored document (a decision record, a rule pack, a
 * piece of supplier evidence, a certificate, a filing) is kept as its canonical JSON text beside the columns
 * extracted from it for queries; the text is the truth, the columns are an index that every read checks
 * against it. Dates are `YYYY-MM-DD` text (ordered as text), so no driver turns them into local-time objects.
 */
import type { Generated } from 'kysely';

/** A rule pack's canonical content, once per content hash (records refer to it instead of repeating it). */
export interface RulePackTable {
  sha256: string;
  pack_id: string;
  version: string;
  /** Canonical JSON of `{ manifest, parameters }`, the pack content a record embeds. */
  content: string;
}

/** One decision record: version `version` of the decisions on claim `claim_id`. Never updated or deleted. */
export interface RecordTable {
  seq: Generated<number>;
  claim_id: string;
  version: number;
  /** The record's own sha256 (over its hashed part, rule pack included). */
  record_sha256: string;
  /** Canonical JSON of the record with `hashed.rulePack` left out (it is in rule_packs under rule_pack_sha256). */
  body: string;
  rule_pack_sha256: string;
  model_line: string | null;
  hs: string;
  good_kind: string;
  verdict: string;
  decision_date: string;
  rules_id: string;
  rules_version: string;
  engine_version: string;
  /** What the decision's figures were estimated on: '', 'costs', 'purchases' or 'costs,purchases' (19 CFR 182.102). */
  estimated: string;
  /** The batch or queue run that stored it, so a retried job adds no second version. */
  run_id: string | null;
  recorded_at: string;
}

/** Supplier evidence (format usmca-roo/evidence@1 items), versioned by id like records. */
export interface EvidenceTable {
  seq: Generated<number>;
  evidence_id: string;
  version: number;
  sha256: string;
  /** Canonical JSON of the evidence item. */
  body: string;
  kind: string;
  supplier: string;
  period_start: string;
  period_end: string;
}

/** Which evidence a stored decision relied on, for which BOM line, and how. */
export interface RecordEvidenceTable {
  record_seq: number;
  evidence_seq: number;
  /** The BOM line, as a path of line ids joined by '/'. */
  line: string;
  /** 'origin' (settled an unknown origin), 'statement' (supplied an s. 9 statement), 'backing' (backs a declared origin). */
  use: string;
}

/** A certificate of origin issued from stored records (canonical JSON of the certificate document). */
export interface CertificateTable {
  seq: Generated<number>;
  sha256: string;
  body: string;
  signed_on: string;
  blanket_start: string | null;
  blanket_end: string | null;
}

/** Which stored records a certificate certifies (one good each). */
export interface CertificateRecordTable {
  certificate_seq: number;
  record_seq: number;
}

/** A producer's filing (LVC, steel, aluminum certification) assembled for CBP's portal. */
export interface FilingTable {
  seq: Generated<number>;
  kind: string;
  period_start: string;
  period_end: string;
  sha256: string;
  body: string;
}

/** The unique identifier CBP returned for a filing (19 CFR 182.92(b)), added after the filing, never changed. */
export interface FilingIdentifierTable {
  filing_seq: number;
  identifier: string;
  received_on: string;
}

/**
 * What each job of a queued run came to (a stored decision's reference, a claim's problems, an impact outcome),
 * one row per job item, for the process that queued the run to collect. Impact outcomes live here, never in
 * the stored decisions.
 */
export interface RunResultTable {
  run_id: string;
  item: string;
  /** Canonical JSON of the outcome. */
  body: string;
}

/** Facts about the store itself: its schema version and the engine version that created it. */
export interface StoreInfoTable {
  key: string;
  value: string;
}

export interface StoreSchema {
  rule_packs: RulePackTable;
  records: RecordTable;
  evidence: EvidenceTable;
  record_evidence: RecordEvidenceTable;
  certificates: CertificateTable;
  certificate_records: CertificateRecordTable;
  filings: FilingTable;
  filing_identifiers: FilingIdentifierTable;
  run_results: RunResultTable;
  store_info: StoreInfoTable;
}

/** The largest value of an `integer` column (version and seq numbers): a larger number names no row. */
export const MAX_INTEGER = 2_147_483_647;

/** A number a user wrote for an integer column, or undefined when no row can have it (too large to compare). */
export function integerKey(digits: string): number | undefined {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_INTEGER ? n : undefined;
}
