/**
 * The advice document (`usmca-roo/advice@1`, docs/advise.md) and the options that shape it: what `advise` returns
 * and `usmca-roo advise --json` prints. Amounts are decimal strings in the claim's reporting currency, margins in
 * percentage points.
 */
import type { Decision } from '../verdict/decision.js';
import type { Change } from './change.js';
import type { Operation } from './patch.js';
import type { Objective } from './program.js';
import type { RulePack } from '../rules/pack.js';
import type { RequirementFigure } from './prove.js';

/** Options of advise. */
export interface AdviseOptions {
  /** The rule pack (default: the bundled USMCA pack). */
  pack?: RulePack;
  /** `lines` (default): fewest changes; `cost`: least added cost per good (from the quotes in `alternatives`). */
  objective?: Objective;
  /** How many plans to give (default 3). */
  maxPlans?: number;
  /** Points of margin every ratio requirement must keep (default "0"). */
  minMargin?: string;
  /** Most evaluations of changed claims (proofs) to make (default 60). */
  maxEvaluations?: number;
  /** Most candidate changes given to the solver (default 3000; beyond it the most useful are kept). */
  maxCandidates?: number;
}

/** One change of a plan, as the advice shows it (docs/advise.md, "The changes it may propose"). */
export interface PlanChange {
  /** Stable and unique within the advice: `origin:ENG/BLK`, `quote:HVAC:0`, `wages:RAM-ENG`, `purchase:ST-1`, ... */
  id: string;
  /** evidence, declaration, election or resourcing (see ChangeKind). */
  kind: Change['kind'];
  /** What it is about: a line key (ids joined by "/"), a plant id, a purchase id or an election field. */
  subject: string;
  /** The change in words. */
  description: string;
  /** What the change asserts: the fact the producer must be able to show or confirm before applying it. */
  asserts: string;
  /** JSON Pointers the change writes in the claim as read. */
  paths: string[];
  /** The value the evidence or re-sourcing is about, per good, reporting currency (a decimal string). */
  valueAtStake?: string;
  /** Added cost per good from the quote, reporting currency (negative: a saving); only where `priced`. */
  addedCost?: string;
  /** Re-sourcing priced by a quote in `alternatives` (otherwise at the line's current price). */
  priced: boolean;
}

/**
 * One plan: a set of changes that makes every requirement pass with the margin asked for, proven by evaluating the
 * claim as its patch changes it (docs/advise.md, "How plans are found").
 */
export interface AdvicePlan {
  /** Its rank among the plans, from 1 (by the objective, then the order of docs/advise.md). */
  rank: number;
  /** The elections the plan was found under: "as claimed", or the one it adds. */
  variant: string;
  /** Its changes, in the order the patch applies them. */
  changes: PlanChange[];
  /** The objective's figures: the number of changes, and their added cost per good (reporting currency, decimal). */
  objective: { changes: number; addedCost: string };
  /** `proved-optimal` when the solver proved the optimum over the candidates and the plan passed as found, else `best-found`. */
  optimality: 'proved-optimal' | 'best-found';
  /** Why it is proved optimal, or what kept it from being so, in words. */
  optimalityNote: string;
  /** `proven` when dropping any one change makes the claim fail (1-minimal, by evaluation); `not-checked` when the evaluation budget ran out. */
  minimal: 'proven' | 'not-checked';
  /** The plan as an RFC 6902 JSON Patch of the claim as read: `test` operations on the ids it changes, then its changes. */
  patch: Operation[];
  /**
   * The evaluation of the changed claim: its verdict and figures; `readings`, where present, says that the verdict
   * turns on a disputed point (the decision's READING_DECIDES_VERDICT warnings): under the other reading of that
   * switch the changed claim would not be originating.
   */
  proof: {
    verdict: string;
    inputSha256: string;
    patchSha256: string;
    requirements: RequirementFigure[];
    readings?: string[];
  };
  /** Each requirement that fell short: its margin before (the shortfall) and with the plan, proven. */
  settles: Array<{ requirement: string; before: RequirementFigure; after: RequirementFigure }>;
}

/**
 * What would make a claim pass (`usmca-roo/advice@1`, docs/advise.md): the claim's verdict and each ratio
 * requirement's margin (points and money, decimal strings), then ranked plans, each a JSON Patch proven by
 * evaluating the changed claim, or why there is none.
 */
export interface Advice {
  /** `usmca-roo/advice@1`. */
  format: 'usmca-roo/advice@1';
  /** The claim advised on: id, decision date, reporting currency (ISO 4217). */
  claim: { id: string; decisionDate: string; currency: string };
  /** The engine (ENGINE). */
  engine: Decision['engine'];
  /** The rule pack, as the decision names it. */
  rules: Decision['rules'];
  /** sha256 of the canonical input advised on. */
  input: { sha256: string };
  /** The verdict of the claim as written. */
  verdict: Decision['verdict'];
  /** `lines` (fewest changes) or `cost` (least added cost per good). */
  objective: Objective;
  /** Points of margin every ratio requirement must keep (decimal string). */
  minMargin: string;
  /** `passes` already (exit 0), `plans` proven (exit 0), or `no-plan` (exit 1). */
  status: 'passes' | 'plans' | 'no-plan';
  /** Each requirement of the claim as written: value, threshold, margin. */
  requirements: RequirementFigure[];
  /** What keeps the claim from passing with the margin asked for. */
  short: string[];
  /** The plans, best first (by the objective), each with its changes, patch and proof. */
  plans: AdvicePlan[];
  /** Why no plan makes the claim pass, when none does. */
  noPlan?: { reasons: string[] };
  /** What the search assumed or left out, in words. */
  notes: string[];
  /** How the search went: candidates, solver runs, evaluations (proofs), failed proofs. */
  search: {
    candidates: number;
    considered: number;
    variants: string[];
    solves: number;
    evaluations: number;
    failedProofs: number;
  };
}
