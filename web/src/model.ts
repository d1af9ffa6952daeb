/** The shapes of the answers the page reads (see the OpenAPI document): only the fields it shows. */

export interface Requirement {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'not-applicable' | 'not-evaluated' | string;
  value?: string;
  threshold?: string;
  unit?: string;
  comparator?: string;
  margin?: { amount?: string; currency?: string; points?: string; meaning?: string };
  citation?: string;
}

export interface Decision {
  claim: { id: string; decisionDate: string; currency: string; good: { description?: string; hs?: string } };
  verdict: 'originating' | 'not-originating';
  originCriterion: string | null;
  rules: { id: string; version: string; release: string };
  requirements: Requirement[];
  bom: { currency: string; valueOfNonOriginatingMaterials: string };
  evidenceGaps: Array<{ code: string; subject: string; message: string; valueAtStake?: string }>;
  warnings: Array<{ code: string; subject?: string; message: string }>;
}

export interface Group {
  name: string;
  value: string;
  lines: number;
}

export interface Report {
  format: 'usmca-roo/report@1';
  decision: Decision;
  nonOriginating: { currency: string; total: string; byCountry: Group[]; bySupplier: Group[] };
  /** The record file's text, byte for byte as `evaluate --record` writes it. */
  record: string;
}

export interface Example {
  name: string;
  claims: string[];
  files: string[];
}

/** The advice (POST /v1/advise, format usmca-roo/advice@1): only the fields the page shows. */
export interface Advice {
  status: 'passes' | 'plans' | 'no-plan';
  plans: Array<{
    rank: number;
    /** Each change, with what it asserts: the fact the producer must be able to show or confirm before applying it. */
    changes: Array<{ kind: string; description: string; asserts: string }>;
    optimality: 'proved-optimal' | string;
    minimal: 'proven' | string;
    variant: string;
    objective: { changes: number; addedCost: string };
    patch: unknown[];
    proof: {
      verdict: 'originating' | 'not-originating';
      requirements: Array<{ id: string; status: string; value?: string; threshold?: string; marginPoints?: string }>;
      /** Where the changed claim's verdict turns on a disputed point (READING_DECIDES_VERDICT). */
      readings?: string[];
    };
  }>;
  noPlan?: { reasons: string[] };
}
