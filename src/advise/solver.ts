/**
 * The integer-program solver: HiGHS (University of Edinburgh), compiled to WebAssembly by the `highs` package;
 * it runs in the process (or a worker thread), reads nothing from the network, and is loaded on first use.
 * Its answers are floating-point and only choose which changes to try: every plan is then proven by evaluating
 * the changed claim (prove.ts). Deterministic: one thread, fixed seed, a node limit rather than a time limit.
 */
import type { Highs } from 'highs';

let loading: Promise<Highs> | undefined;

async function highs(): Promise<Highs> {
  loading ??= import('highs').then((m) => (m.default as unknown as () => Promise<Highs>)());
  return loading;
}

export interface Solution {
  /** `optimal`: HiGHS proved the objective optimal; `feasible`: a limit stopped it with a plan in hand. */
  status: 'optimal' | 'feasible' | 'infeasible';
  /** Variables at 1. */
  chosen: Set<string>;
  objective: number;
}

/** Solves a mixed-integer program written in CPLEX LP format. */
export async function solveLp(lp: string, nodeLimit = 100_000): Promise<Solution> {
  const h = await highs();
  const result = h.solve(lp, {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 1e-6,
    mip_max_nodes: nodeLimit,
    random_seed: 0,
    // The programs are small (a few hundred binaries, some dozens of rows): presolve costs more than it saves.
    presolve: 'off',
  } as Parameters<Highs['solve']>[1]);
  const status = result.Status;
  if (status === 'Infeasible' || status === 'Primal infeasible or unbounded')
    return { status: 'infeasible', chosen: new Set(), objective: Infinity };
  const chosen = new Set<string>();
  const columns = (result.Columns ?? {}) as Record<string, { Primal?: number }>;
  for (const [name, col] of Object.entries(columns)) if ((col.Primal ?? 0) > 0.5) chosen.add(name);
  if (status === 'Optimal') return { status: 'optimal', chosen, objective: result.ObjectiveValue };
  if (Object.keys(columns).length > 0 && Number.isFinite(result.ObjectiveValue))
    return { status: 'feasible', chosen, objective: result.ObjectiveValue };
  return { status: 'infeasible', chosen: new Set(), objective: Infinity };
}
