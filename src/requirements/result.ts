/** The shapes of a decision: requirement results, limbs, evidence gaps and warnings (data, not text). */
import type { RuleRef, TraceNode } from '../explain/trace.js';

export const REQUIREMENT_ORDER = [
  'tariff-shift',
  'rvc',
  'core-parts',
  'heavy-truck-parts',
  'steel',
  'aluminum',
  'lvc',
] as const;
export type RequirementId = (typeof REQUIREMENT_ORDER)[number];
export type Status = 'pass' | 'fail' | 'not-applicable';
export type Comparator = '>=' | '<=' | '>' | '=';

export interface Margin {
  /** value - threshold, in percentage points (rounded toward the failing side, 6 places). */
  points?: string;
  /** The same margin in money: positive = room to spare, negative = how much must change. */
  amount?: string;
  currency?: string;
  meaning?: string;
}

export interface Limb {
  id: string;
  title: string;
  status: Status;
  value?: string;
  threshold?: string;
  comparator?: Comparator;
  unit?: 'percent' | 'points' | 'money' | 'money-per-hour' | 'count';
  margin?: Margin;
  rule?: RuleRef & { value?: string };
  citation?: string;
  reason?: string;
  limbs?: Limb[];
  details?: Record<string, unknown>;
}

export interface RequirementResult extends Limb {
  id: RequirementId;
  trace: TraceNode[];
}

export interface EvidenceGap {
  code: string;
  /** What the gap is about: a material's key (ids from the top of the BOM, "ENG-20/BLK") or a field. */
  subject: string;
  message: string;
  /** Value at stake, in the reporting currency. */
  valueAtStake?: string;
}

export interface Warning {
  code: string;
  subject?: string;
  message: string;
}
