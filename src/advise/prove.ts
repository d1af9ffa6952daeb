/**
 * Proof by evaluation: a plan's patch is applied to the claim as read, the changed claim is read and evaluated
 * by the engine, exactly, and the plan stands only if the decision is originating with every requirement's
 * margin at least the one asked for. Nothing the solver proposes reaches the user otherwise.
 */
import { Dec } from '../num/decimal.js';
import type { LoadedClaim } from '../input/load-claim.js';
import { InputError } from '../input/problems.js';
import type { RulePack } from '../rules/pack.js';
import type { Decision } from '../verdict/decision.js';
import type { Change } from './change.js';
import { evaluatePatched, patchClaim } from './patched.js';
import type { Operation } from './patch.js';
import { planPatch } from './plan-patch.js';
import { claimView, type ClaimView } from './view.js';

export interface Prover {
  loaded: LoadedClaim;
  view: ClaimView;
  pack: RulePack;
  minMargin: Dec;
  /** Evaluations made so far (each proof is one). */
  evaluations: number;
}

export interface Proof {
  passes: boolean;
  decision?: Decision;
  operations: Operation[];
  /** Why it does not pass: the failing requirements, short margins, or the problems of the changed claim. */
  reason?: string;
  /** The changed claim, read (given back for an election's variant; not kept in caches). */
  claim?: LoadedClaim['claim'];
  /** What the evaluation found, kept with the proof (the whole decision is not kept: it can be large). */
  outcome?: Outcome;
}

/** A requirement's figures as the decision gives them. */
export interface RequirementFigure {
  /** The requirement's id in the decision: rvc, core-parts, steel, aluminum, lvc, ... */
  id: string;
  /** Its status in the decision: pass, fail, not-applicable, ... */
  status: string;
  /** Its value, in percent (a decimal string), where it is a ratio. */
  value?: string;
  /** The threshold it is compared with, in percent. */
  threshold?: string;
  /** value - threshold, in percentage points (negative: short). */
  marginPoints?: string;
  /** The margin in money per good, reporting currency (negative: short). */
  marginAmount?: string;
}

export interface Outcome {
  verdict: Decision['verdict'];
  inputSha256: string;
  requirements: RequirementFigure[];
  /** Where the changed claim's verdict turns on a disputed point: the decision's READING_DECIDES_VERDICT messages. */
  readings: string[];
}

/** The messages of a decision's READING_DECIDES_VERDICT warnings: the verdict under the other reading differs. */
export function readingsOf(d: Decision): string[] {
  return d.warnings.filter((w) => w.code === 'READING_DECIDES_VERDICT').map((w) => w.message);
}

export function requirementFigures(d: Decision): RequirementFigure[] {
  return d.requirements.map((r) => ({
    id: r.id,
    status: r.status,
    ...(r.value !== undefined ? { value: r.value } : {}),
    ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
    ...(r.margin?.points !== undefined ? { marginPoints: r.margin.points } : {}),
    ...(r.margin?.amount !== undefined ? { marginAmount: r.margin.amount } : {}),
  }));
}

export function prover(loaded: LoadedClaim, pack: RulePack, minMargin: Dec): Prover {
  return { loaded, view: claimView(loaded), pack, minMargin, evaluations: 0 };
}

/** Evaluates the claim as changed by `changes`. */
export async function prove(p: Prover, changes: readonly Change[], name = 'plan'): Promise<Proof> {
  const operations = planPatch(p.view, changes, p.loaded.claim.currency);
  p.evaluations++;
  let decision: Decision;
  let claim: LoadedClaim['claim'];
  try {
    const patched = patchClaim(p.loaded, operations, [{ kind: 'plan', name, count: operations.length }], 'path');
    claim = patched.loaded.claim;
    decision = await evaluatePatched(patched, p.pack);
  } catch (err) {
    if (err instanceof InputError)
      return {
        passes: false,
        operations,
        reason: `the changed claim is not valid: ${err.problems.map((x) => `${x.path} ${x.code}`).join('; ')}`,
      };
    throw err;
  }
  const short = shortOf(decision, p.minMargin);
  return {
    passes: short.length === 0,
    decision,
    operations,
    claim,
    outcome: {
      verdict: decision.verdict,
      inputSha256: decision.input.sha256,
      requirements: requirementFigures(decision),
      readings: readingsOf(decision),
    },
    ...(short.length ? { reason: short.join('; ') } : {}),
  };
}

/** The requirements that keep a decision from being a pass with `minMargin` points to spare. */
export function shortRequirements(decision: Decision, minMargin: Dec): Set<string> {
  const out = new Set<string>();
  for (const r of decision.requirements) {
    if (r.status === 'fail') out.add(r.id);
    else if (r.status === 'pass' && !minMargin.isZero()) {
      const limbs = [
        r,
        ...(r.id === 'lvc' ? (r.limbs ?? []).filter((x) => x.id === 'lvc.material-and-manufacturing') : []),
      ];
      if (limbs.some((l) => l.margin?.points !== undefined && new Dec(l.margin.points).lessThan(minMargin)))
        out.add(r.id);
    }
  }
  return out;
}

/** What keeps a decision from being a pass with `minMargin` points to spare: empty when nothing does. */
export function shortOf(decision: Decision, minMargin: Dec): string[] {
  const out: string[] = [];
  for (const r of decision.requirements) {
    if (r.status === 'fail') {
      out.push(`${r.id} fails${r.margin?.points !== undefined ? ` (${r.margin.points} points)` : ''}`);
      continue;
    }
    if (r.status !== 'pass' || minMargin.isZero()) continue;
    for (const l of [
      r,
      ...(r.id === 'lvc' ? (r.limbs ?? []).filter((x) => x.id === 'lvc.material-and-manufacturing') : []),
    ]) {
      const points = l.margin?.points;
      if (points !== undefined && new Dec(points).lessThan(minMargin))
        out.push(`${l.id} passes by ${points} points, less than ${minMargin.toFixed()}`);
    }
  }
  return out;
}
