/**
 * Plans as advice shows them: ranked by the objective (fewest changes, or least added cost), then evidence before
 * elections before re-sourcing, the cheaper, and the one moving more value; each with its changes, the paths they
 * write, its patch and the proven figures.
 */
import { canonicalHash } from '../canonical/json.js';
import { ZERO, moneyText } from '../num/decimal.js';
import type { AdvicePlan } from './advice-format.js';
import type { Change } from './change.js';
import { pathsOf } from './plan-patch.js';
import type { Objective } from './program.js';
import type { FoundPlan } from './search.js';

export function key(changes: Change[]): string {
  return changes
    .map((c) => c.id)
    .sort()
    .join(' ');
}

/**
 * Between plans equal on the objective: evidence (and declarations) before elections before re-sourcing, then the
 * cheaper, then the one moving more value (a wider margin).
 */
export function tieBreak(changes: Change[]): number {
  const kind = { evidence: 0, declaration: 0, election: 1, resourcing: 2 } as const;
  return changes.reduce(
    (s, c) =>
      s +
      kind[c.kind] * 1e12 +
      Math.max(0, c.addedCost.toNumber()) * 1e3 -
      Math.abs(c.valueAtStake?.toNumber() ?? 0) * 1e-3,
    0,
  );
}

export function objectiveOf(changes: Change[], objective: Objective): number {
  if (objective === 'lines') return changes.length;
  return changes.reduce((s, c) => s + Math.max(0, c.addedCost.toNumber()), 0);
}

export function planOut(
  f: FoundPlan & { variant: string },
  rank: number,
  objective: Objective,
  optimal: boolean,
  currency: string,
): AdvicePlan {
  const added = f.changes.reduce((s, c) => s.plus(c.addedCost), ZERO);
  return {
    rank,
    variant: f.variant,
    changes: [...f.changes]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        subject: c.subject,
        description: c.description,
        asserts: c.asserts,
        paths: pathsOf(c),
        ...(c.valueAtStake !== undefined ? { valueAtStake: moneyText(c.valueAtStake) } : {}),
        ...(c.priced ? { addedCost: moneyText(c.addedCost) } : {}),
        priced: c.priced,
      })),
    objective: { changes: f.changes.length, addedCost: moneyText(added) },
    optimality: optimal ? 'proved-optimal' : 'best-found',
    optimalityNote: optimal
      ? `no plan with ${objective === 'lines' ? 'fewer changes' : `less added cost (${currency})`} among the changes considered meets the requirements as modelled${rank > 1 ? ', apart from plans holding one of the plans above' : ''} (solver's proof); this plan is proven by evaluation`
      : 'the best plan found; not proved optimal (a limit stopped the solver, a plan it proposed failed its proof, the candidates were cut down, or the plan was reduced after it was found)',
    minimal: f.minimal,
    patch: f.proof.operations,
    proof: {
      verdict: f.proof.outcome.verdict,
      inputSha256: f.proof.outcome.inputSha256,
      patchSha256: canonicalHash(f.proof.operations),
      requirements: f.proof.outcome.requirements,
      ...(f.proof.outcome.readings.length > 0 ? { readings: f.proof.outcome.readings } : {}),
    },
    settles: [],
  };
}
