/**
 * What a legal test returns: its result (status, value, threshold, margin, limbs, trace), the evidence gaps
 * and warnings it found, and, for the tests that establish origins, the origins of materials. Data, not text.
 */
import type { RuleRef, TraceNode } from '../explain/trace.js';
import type { ProblemCode } from '../input/problems.js';
import type { SwitchId } from '../input/terms.js';

/** The requirements of a decision, in the order the decision lists them. */
export const REQUIREMENT_ORDER = [
  'tariff-shift',
  'rvc',
  'core-parts',
  'heavy-truck-parts',
  'steel',
  'aluminum',
  'lvc',
] as const;
/** A requirement's stable id: `rvc`, `core-parts`, ... */
export type RequirementId = (typeof REQUIREMENT_ORDER)[number];
/** `not-applicable`: the requirement does not apply to this good (never a failure). */
export type Status = 'pass' | 'fail' | 'not-applicable';
/** ">=" "not less than" / "at least"; "<=" "not more than"; ">" "above"; "=" exactly. */
export type Comparator = '>=' | '<=' | '>' | '=';

/** How far a value is from its threshold, in points and in money. */
export interface Margin {
  /** value - threshold, in percentage points (rounded toward the failing side, 6 places). */
  points?: string;
  /** The same margin in money: positive = room to spare, negative = how much must change. */
  amount?: string;
  /** The currency of `amount` (the claim's reporting currency, ISO 4217). */
  currency?: string;
  /** What the amount means in words (e.g. how much more non-originating material the good could absorb). */
  meaning?: string;
}

/**
 * One limb of a test (e.g. LVC's high-wage material points), or the test itself: its status and, where it
 * compares a figure, the exact value (a decimal string), the threshold, the comparator and the margin.
 */
export interface Limb {
  /** Dotted, stable: `lvc.technology-credit`, `core-parts.engines.full`. */
  id: string;
  /** What the limb tests, in the regulation's words. */
  title: string;
  /** `pass`, `fail` or `not-applicable`. */
  status: Status;
  /** The exact figure compared (decimal string, never rounded before the comparison), in `unit`. */
  value?: string;
  /** The threshold in force (decimal string, in `unit`), from the rule named by `rule`. */
  threshold?: string;
  /** How `value` is compared with `threshold` ("not less than" is `>=`). */
  comparator?: Comparator;
  /** The unit of `value` and `threshold`: `percent` (e.g. `75` for 75%), points, money, money per hour, count. */
  unit?: 'percent' | 'points' | 'money' | 'money-per-hour' | 'count';
  /** How far the value is from the threshold, in points and in money. */
  margin?: Margin;
  /** The rule whose value is the threshold, with the date it took effect. */
  rule?: RuleRef & { value?: string };
  /** The article the limb implements (e.g. `Uniform Regulations (SOR/2020-155; 19 CFR 182 App. A) s. 13`). */
  citation?: string;
  /** Why, where a status is not a comparison (e.g. "not applicable" and its reason). */
  reason?: string;
  /** Its own limbs, each shown with its margin (e.g. per Table A.2 group, per VNM method). */
  limbs?: Limb[];
  /** Figures specific to the test (amounts as decimal strings), for the worksheet and the audit. */
  details?: Record<string, unknown>;
}

/** A requirement of the decision: a limb with a requirement id and the trace of every number it used. */
export interface RequirementResult extends Limb {
  /** Which requirement: `tariff-shift`, `rvc`, `core-parts`, `heavy-truck-parts`, `steel`, `aluminum`, `lvc`. */
  id: RequirementId;
  /** Sorted by node id. */
  trace: TraceNode[];
}

/** What keeps a result from being certain: e.g. a material of unknown origin, with the value at stake. */
export interface EvidenceGap {
  /** SCREAMING_SNAKE, listed in docs (e.g. ORIGIN_UNKNOWN). */
  code: string;
  /** What the gap is about: a material's key (ids from the top of the BOM, "ENG-20/BLK") or a field. */
  subject: string;
  /** What evidence is missing and what it would settle. */
  message: string;
  /** Value at stake, in the reporting currency. */
  valueAtStake?: string;
}

/** Something the user should know that does not change the result (e.g. an estimated figure). */
export interface Warning {
  /** SCREAMING_SNAKE (e.g. READING_DECIDES_VERDICT, EXCHANGE_RATE_IMPLAUSIBLE). */
  code: string;
  /** What it is about: a material's key, a field or a rule id. */
  subject?: string;
  /** What the user should know, in words. */
  message: string;
}

/** What a test found besides its result, in the order found (the decision sorts and de-duplicates them). */
export interface Findings {
  readonly gaps: EvidenceGap[];
  readonly warnings: Warning[];
}

/** A test's whole answer. */
export interface RequirementOutcome extends Findings {
  readonly result: RequirementResult;
  /**
   * Interpretation switches whose other reading could change this result for this claim: the decision evaluates
   * the claim again under each and says whether the verdict changes.
   */
  readonly inPlay?: readonly SwitchId[];
}

/**
 * A problem with the claim that only the law reveals (e.g. an HS code no vehicle class fits): reported as
 * an input problem at `field` (a dotted path of the claim), exit code 2.
 */
export interface ClaimProblem {
  field: string;
  /** The path in the claim where `field` cannot say it (a BOM line: ["materials", 1, "materials", 0, "intermediate"]). */
  path?: (string | number)[];
  code: ProblemCode;
  message: string;
}

/** Empty findings, to start a test's own list. */
export function noFindings(): Findings {
  return { gaps: [], warnings: [] };
}

/** A requirement that does not apply to this good, and why. */
export function notApplicable(id: RequirementId, title: string, reason: string, citation?: string): RequirementResult {
  return { id, title, status: 'not-applicable', reason, ...(citation ? { citation } : {}), trace: [] };
}
