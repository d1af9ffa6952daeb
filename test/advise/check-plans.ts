/**
 * What every plan of every advice must satisfy, checked by evaluation: applied, its patch gives the verdict it
 * promises (exactly, the same input hash); dropping any single change makes it fail (1-minimal); the patch changes
 * only the paths its changes list.
 */
import { expect } from 'vitest';
import { adviseWithChanges, type Advice } from '../../src/advise/advise.js';
import type { Change } from '../../src/advise/change.js';
import { evaluatePatched, patchClaim } from '../../src/advise/patched.js';
import { planPatch } from '../../src/advise/plan-patch.js';
import { requirementFigures, shortOf } from '../../src/advise/prove.js';
import { claimView, pointerTokens } from '../../src/advise/view.js';
import type { LoadedClaim } from '../../src/input/load-claim.js';
import { InputError } from '../../src/input/problems.js';
import { Dec } from '../../src/num/decimal.js';
import type { RulePack } from '../../src/rules/pack.js';

/** Every leaf of a JSON document by its JSON Pointer. */
function leaves(value: unknown, at = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(at, Array.isArray(value) ? '[]' : '{}');
    for (const [k, v] of entries) leaves(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  } else out.set(at, value);
  return out;
}

async function passes(loaded: LoadedClaim, changes: Change[], pack: RulePack, minMargin: Dec): Promise<boolean> {
  const ops = planPatch(claimView(loaded), changes, loaded.claim.currency);
  try {
    const d = await evaluatePatched(
      patchClaim(loaded, ops, [{ kind: 'plan', name: 'check', count: ops.length }]),
      pack,
    );
    return shortOf(d, minMargin).length === 0;
  } catch (err) {
    if (err instanceof InputError) return false;
    throw err;
  }
}

export async function checkAdvice(
  loaded: LoadedClaim,
  pack: RulePack,
  options: { maxPlans?: number; minMargin?: string; maxEvaluations?: number } = {},
): Promise<Advice> {
  const { advice, changes } = await adviseWithChanges(loaded, { pack, ...options });
  const minMargin = new Dec(options.minMargin ?? '0');
  if (advice.status === 'passes') expect(advice.short).toEqual([]);
  if (advice.status === 'no-plan') expect(advice.noPlan?.reasons.length).toBeGreaterThan(0);
  for (const [i, plan] of advice.plans.entries()) {
    const planChanges = changes[i] as Change[];
    expect(planChanges.map((c) => c.id).sort()).toEqual(plan.changes.map((c) => c.id));
    // Applied, the patch gives what the plan promises, exactly.
    const patched = patchClaim(loaded, plan.patch, [{ kind: 'plan', name: 'check', count: plan.patch.length }]);
    const d = await evaluatePatched(patched, pack);
    expect(d.verdict).toBe('originating');
    expect(shortOf(d, minMargin)).toEqual([]);
    expect(d.input.sha256).toBe(plan.proof.inputSha256);
    // Every figure the plan promises is the one the changed claim's decision gives.
    expect(requirementFigures(d)).toEqual(plan.proof.requirements);
    // The patch changes only the paths its changes list (an object it adds holds only listed fields).
    const listed = new Set(plan.changes.flatMap((c) => c.paths));
    for (const op of plan.patch) {
      if (op.op === 'test') continue;
      if (listed.has(op.path)) continue;
      expect(op.op, `${op.path} is not listed`).toBe('add');
      for (const k of Object.keys((op as { value: object }).value)) expect(listed.has(`${op.path}/${k}`)).toBe(true);
    }
    for (const op of plan.patch) expect(pointerTokens(op.path)).toBeDefined();
    // And the claim as changed differs from the claim as read only at, or under, the listed paths.
    const before = leaves(claimView(loaded));
    const after = leaves(claimView(patched.loaded));
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
    expect(changed.length).toBeGreaterThan(0);
    for (const k of changed)
      expect(
        [...listed].some((l) => k === l || k.startsWith(`${l}/`)),
        `${k} changed, not listed`,
      ).toBe(true);
    // 1-minimal: without any one of its changes, the claim does not pass (and the plan says it checked).
    expect(plan.minimal).toBe('proven');
    if (planChanges.length > 1)
      for (const c of planChanges)
        expect(
          await passes(
            loaded,
            planChanges.filter((x) => x !== c),
            pack,
            minMargin,
          ),
          `plan ${plan.rank} passes without ${c.id}`,
        ).toBe(false);
  }
  return advice;
}
