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
  input: { sha256: string };
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
