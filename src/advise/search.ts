/**
 * The search for plans within one variant (the claim's elections, or one more election): solve the integer
 * program, prove the plan by evaluation, make it 1-minimal by evaluation (each change dropped in turn), exclude
 * it and every plan holding it, and solve again, until enough plans are found or none is left. A plan that fails
 * its proof is excluded exactly (a plan holding it and more may still pass) and the solver is asked again.
 */
import { Dec } from '../num/decimal.js';
import type { Bom } from './bom.js';
import type { Change } from './change.js';
import type { Facts } from './facts.js';
import type { NormalizedClaim } from '../input/model.js';
import { buildProgram, type Objective } from './program.js';
import { prove, type Outcome, type Proof, type Prover } from './prove.js';
import { objectiveOf } from './plans.js';
import { solveLp } from './solver.js';

export interface FoundPlan {
  changes: Change[];
  proof: Proof & { outcome: Outcome };
  /** The solver proved the plan optimal for the objective (among plans not holding an earlier one). */
  optimal: boolean;
  minimal: 'proven' | 'not-checked';
}

export interface SearchInput {
  claim: NormalizedClaim;
  facts: Facts;
  bom: Bom;
  changes: Change[];
  forced: Change[];
  objective: Objective;
  minMargin: Dec;
  maxPlans: number;
  maxEvaluations: number;
  /** Proofs already made, by the sorted ids of their changes (shared between variants). */
  proofs: Map<string, Proof>;
}

export interface SearchResult {
  plans: FoundPlan[];
  solves: number;
  failedProofs: number;
  /** Whether the first solve proved the model has no plan. */
  infeasible: boolean;
  blocked: string[];
  /** The objective (changes, or added cost) of the first solve's optimum, when the solver proved it. */
  firstObjective?: number;
  /** Why the search stopped before finding maxPlans plans. */
  stopped?: string;
}

const MAX_FAILED_PROOFS = 6;

export async function searchPlans(p: Prover, input: SearchInput): Promise<SearchResult> {
  const all = [...input.forced, ...input.changes];
  const forced = new Set(input.forced.map((c) => c.id));
  const cuts: Array<{ changes: string[]; kind: 'superset' | 'exact' }> = [];
  const result: SearchResult = { plans: [], solves: 0, failedProofs: 0, infeasible: false, blocked: [] };
  const proveCached = async (changes: Change[]): Promise<Proof> => {
    const key = changes
      .map((c) => c.id)
      .sort()
      .join('\u0000');
    const hit = input.proofs.get(key);
    if (hit) return hit;
    const proof = await prove(p, changes);
    // Decisions of large claims are large: only what a plan shows is kept.
    delete proof.claim;
    delete proof.decision;
    input.proofs.set(key, proof);
    return proof;
  };
  while (result.plans.length < input.maxPlans) {
    if (p.evaluations >= input.maxEvaluations) {
      result.stopped = `the evaluation budget (${input.maxEvaluations}) is spent`;
      break;
    }
    const program = buildProgram({ ...input, changes: all, forced, cuts });
    result.blocked = program.blocked;
    result.solves++;
    const solution = await solveLp(program.lp);
    if (solution.status === 'infeasible') {
      if (result.solves === 1) result.infeasible = true;
      break;
    }
    const chosen = all.filter((c) => solution.chosen.has(program.variable.get(c.id) as string));
    // The optimum in the plan's own units (changes, or added cost): the solver's objective adds tie-breaks.
    if (result.solves === 1 && solution.status === 'optimal')
      result.firstObjective = objectiveOf(chosen, input.objective);
    const proof = await proveCached(chosen);
    if (!proof.passes || !proof.outcome) {
      result.failedProofs++;
      cuts.push({ changes: chosen.map((c) => c.id), kind: 'exact' });
      if (result.failedProofs >= MAX_FAILED_PROOFS) {
        result.stopped = `${result.failedProofs} plans the model found did not pass when evaluated (last: ${proof.reason ?? 'no reason'})`;
        break;
      }
      continue;
    }
    const reduced = await minimize(p, input, chosen, proof as Proof & { outcome: Outcome }, proveCached);
    result.plans.push({
      changes: reduced.changes,
      proof: reduced.proof,
      optimal: solution.status === 'optimal' && result.failedProofs === 0 && reduced.changes.length === chosen.length,
      minimal: reduced.minimal,
    });
    cuts.push({ changes: reduced.changes.map((c) => c.id), kind: 'superset' });
  }
  return result;
}

/**
 * Drops changes the plan does not need, proving each smaller plan by evaluation, until dropping any single
 * change makes it fail (1-minimal), or the evaluation budget is spent.
 */
async function minimize(
  p: Prover,
  input: SearchInput,
  chosen: Change[],
  proof: Proof & { outcome: Outcome },
  proveCached: (c: Change[]) => Promise<Proof>,
): Promise<{ changes: Change[]; proof: Proof & { outcome: Outcome }; minimal: 'proven' | 'not-checked' }> {
  let current = chosen;
  let best = proof;
  // Smallest first: the changes most likely not needed.
  const order = (cs: Change[]) =>
    [...cs].sort((a, b) => {
      const va = a.valueAtStake ?? new Dec(0);
      const vb = b.valueAtStake ?? new Dec(0);
      return va.comparedTo(vb) || (a.id < b.id ? -1 : 1);
    });
  for (;;) {
    let dropped = false;
    for (const c of order(current)) {
      if (current.length === 1) break;
      const trial = current.filter((x) => x !== c);
      const key = trial
        .map((x) => x.id)
        .sort()
        .join('\u0000');
      if (!input.proofs.has(key) && p.evaluations >= input.maxEvaluations)
        return { changes: current, proof: best, minimal: 'not-checked' };
      const pr = await proveCached(trial);
      if (pr.passes && pr.outcome) {
        current = trial;
        best = pr as Proof & { outcome: Outcome };
        dropped = true;
        break;
      }
    }
    if (!dropped) return { changes: current, proof: best, minimal: 'proven' };
  }
}
