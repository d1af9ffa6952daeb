/** The decision document (format usmca-roo/decision@1), as data. */
import type { PackRelease } from '../rules/release.js';
import type { EvidenceGap, RequirementResult, Warning } from '../requirements/result.js';

export interface CountedLineOut {
  material: string;
  description: string;
  hs: string;
  quantityPerGood: string;
  value: string;
  reason: string;
}

/** A JSON Patch a claim was changed by before it was evaluated (named in the decision, kept by replay). */
export interface InputPatch {
  /** sha256 of the canonical input before the patch. */
  baseSha256: string;
  /** sha256 of the canonical JSON of `operations`. */
  sha256: string;
  /** RFC 6902 operations on the claim as read (its producer document and tables inlined). */
  operations: unknown[];
}

export interface Decision {
  format: 'usmca-roo/decision@1';
  claim: {
    id: string;
    decisionDate: string;
    currency: string;
    period: { start: string; end: string; defaulted: boolean };
    good: Record<string, unknown>;
  };
  engine: { name: string; version: string };
  /** The rule pack: id, version, content hash, and whether it is a released version (rules/release.ts). */
  rules: { id: string; version: string; sha256: string; release: PackRelease };
  /**
   * sha256 of the canonical input evaluated; `patch` when it is the claim as changed by a JSON Patch (RFC 6902:
   * `evaluate --patch`, `--set`, a plan of `advise`): the operations, their sha256 and the input's sha256 before.
   */
  input: { sha256: string; patch?: InputPatch };
  verdict: 'originating' | 'not-originating';
  originCriterion: string | null;
  classification: Record<string, unknown>;
  interpretation: Record<string, unknown>;
  requirements: RequirementResult[];
  netCost: Record<string, string>;
  bom: {
    currency: string;
    valueOfNonOriginatingMaterials: string;
    originatingValueRolledUp: string;
    linesVisited: number;
    counted: CountedLineOut[];
    intermediateMaterials: unknown[];
  };
  exchangeRates: Array<{ currency: string; rate: string; date: string; source: string }>;
  evidenceGaps: EvidenceGap[];
  warnings: Warning[];
}
