/**
 * What would make a claim pass: plans of changes (evidence, elections, re-sourcing), found jointly by an integer
 * program and each proven by evaluating the changed claim with the engine. See docs/advise.md.
 *
 * The claim is evaluated once as written; if it passes with the margin asked for, there is nothing to advise.
 * Otherwise the search runs on the claim's own elections, and on each further election that could help (the
 * other LVC formula of s. 18(6); the transaction value method for a part whose rule has one, s. 7(6)), and the
 * proven plans of all of them are ranked by the objective.
 */
import type { LoadedClaim } from '../input/load-claim.js';
import { Dec } from '../num/decimal.js';
import { loadRulePack } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { evaluate } from '../evaluate.js';
import type { Decision } from '../verdict/decision.js';
import { bomOptions, readBom } from './bom.js';
import type { Change } from './change.js';
import { candidateChanges } from './changes.js';
import { readFacts } from './facts.js';
import { key, objectiveOf, planOut, tieBreak } from './plans.js';
import {
  prove,
  prover,
  requirementFigures,
  shortOf,
  shortRequirements,
  type Proof,
  type RequirementFigure,
} from './prove.js';
import { prune } from './prune.js';
import { searchPlans, type FoundPlan } from './search.js';
import { notes, variantsOf, type Variant } from './variants.js';
import { accountingOf, choiceName } from './accounting.js';
import { whyNoPlan } from './why.js';
import type { Advice, AdviseOptions } from './advice-format.js';

export type { RequirementFigure };
export type { Advice, AdvicePlan, AdviseOptions, PlanChange } from './advice-format.js';

/**
 * The variants searched: the claim's own elections and each further one (variants.ts); where the decision finds a
 * Table A.2 group unaccounted for, each of them under each way to account for the groups (accounting.ts), the
 * declarations forced, so that the plan is sought on the claim as marked, its new core part's rows in the program.
 */
function accountedVariants(
  loaded: LoadedClaim,
  base: Decision,
  pack: RulePack,
  minMargin: Dec,
  notesOut: string[],
  reasons: string[],
): Variant[] {
  const elections = variantsOf(loaded, base, minMargin);
  const accounting = accountingOf(
    loaded.claim,
    base,
    () => readBom(loaded.claim, bomOptions(loaded.claim, base)),
    pack,
  );
  notesOut.push(...accounting.notes);
  if (accounting.reason) reasons.push(accounting.reason);
  if (accounting.choices.length === 0) return elections;
  return accounting.choices.flatMap((choice) => {
    const name = choiceName(choice);
    return elections.map((v) => ({
      name: v.forced.length === 0 ? name : `${name}; ${v.name}`,
      forced: [...choice, ...v.forced],
    }));
  });
}

/**
 * Advice for a loaded claim (see the file comment): plans found by an integer program (HiGHS) and each proven
 * by evaluation. Asynchronous: the solver loads as WebAssembly. Throws InputError for an invalid claim.
 */
export async function advise(loaded: LoadedClaim, options: AdviseOptions = {}): Promise<Advice> {
  return (await adviseWithChanges(loaded, options)).advice;
}

/** The advice, and the changes of each plan (by rank) as advice built them, for checks by evaluation. */
export async function adviseWithChanges(
  loaded: LoadedClaim,
  options: AdviseOptions = {},
): Promise<{ advice: Advice; changes: Change[][] }> {
  const pack = options.pack ?? loadRulePack();
  const objective = options.objective ?? 'lines';
  const minMargin = new Dec(options.minMargin ?? '0');
  const maxPlans = options.maxPlans ?? 3;
  const p = prover(loaded, pack, minMargin);
  const base = await evaluate(loaded, { pack });
  p.evaluations++;
  const short = shortOf(base, minMargin);
  const advice: Advice = {
    format: 'usmca-roo/advice@1',
    claim: { id: base.claim.id, decisionDate: base.claim.decisionDate, currency: base.claim.currency },
    engine: base.engine,
    rules: base.rules,
    input: { sha256: base.input.sha256 },
    verdict: base.verdict,
    objective,
    minMargin: minMargin.toFixed(),
    status: short.length === 0 ? 'passes' : 'no-plan',
    requirements: requirementFigures(base),
    short,
    plans: [],
    notes: notes(base),
    search: { candidates: 0, considered: 0, variants: [], solves: 0, evaluations: 0, failedProofs: 0 },
  };
  if (short.length === 0) {
    advice.search.evaluations = p.evaluations;
    return { advice, changes: [] };
  }

  const proofs = new Map<string, Proof>();
  const found: Array<FoundPlan & { variant: string; objectiveValue: number }> = [];
  const firstObjectives: Array<number | undefined> = [];
  const reasons: string[] = [];
  let allOptimalKnown = true;
  for (const variant of accountedVariants(loaded, base, pack, minMargin, advice.notes, reasons)) {
    let decision = base;
    let claim = loaded.claim;
    if (variant.forced.length > 0) {
      const proof = await prove(p, variant.forced, variant.name);
      if (!proof.decision || !proof.claim) {
        advice.notes.push(`${variant.name}: not open to this claim (${proof.reason ?? 'not valid'})`);
        continue;
      }
      decision = proof.decision;
      claim = proof.claim;
      proofs.set(variant.forced.map((c) => c.id).join('\u0000'), { ...proof, claim: undefined, decision: undefined });
    }
    advice.search.variants.push(variant.name);
    const facts = readFacts(decision);
    const bom = readBom(claim, bomOptions(claim, decision));
    const candidates = candidateChanges(claim, p.view, bom, facts).filter(
      (c) => !variant.forced.some((f) => f.id === c.id),
    );
    const { kept, complete } = prune(
      candidates,
      facts,
      shortRequirements(decision, minMargin),
      options.maxCandidates ?? 3000,
    );
    advice.search.candidates = Math.max(advice.search.candidates, candidates.length);
    advice.search.considered = Math.max(advice.search.considered, kept.length);
    const result = await searchPlans(p, {
      claim,
      facts,
      bom,
      changes: kept,
      forced: variant.forced,
      objective,
      minMargin,
      maxPlans,
      maxEvaluations: options.maxEvaluations ?? 60,
      proofs,
    });
    advice.search.solves += result.solves;
    advice.search.failedProofs += result.failedProofs;
    firstObjectives.push(result.firstObjective);
    if (result.firstObjective === undefined && !result.infeasible) allOptimalKnown = false;
    const pruned = !complete;
    for (const plan of result.plans)
      found.push({
        ...plan,
        optimal: plan.optimal && !pruned,
        variant: variant.name,
        objectiveValue: objectiveOf(plan.changes, objective),
      });
    if (result.plans.length === 0) {
      if (result.infeasible) reasons.push(...whyNoPlan(variant.name, facts, bom, kept, result.blocked, decision));
      else if (result.stopped) reasons.push(`${variant.name}: ${result.stopped}`);
    } else if (result.stopped) advice.notes.push(`${variant.name}: the search stopped early: ${result.stopped}`);
  }
  advice.search.evaluations = p.evaluations;

  // Rank: by the objective, then fewer changes, then by the ids; the same set of changes once.
  const seen = new Set<string>();
  const ranked = found
    .sort(
      (a, b) =>
        a.objectiveValue - b.objectiveValue ||
        a.changes.length - b.changes.length ||
        tieBreak(a.changes) - tieBreak(b.changes) ||
        (key(a.changes) < key(b.changes) ? -1 : 1),
    )
    .filter((f) => {
      const k = key(f.changes);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, maxPlans);
  const lowest = Math.min(...firstObjectives.map((o) => o ?? Infinity));
  const shortIds = shortRequirements(base, minMargin);
  advice.plans = ranked.map((f, i) => {
    const optimal = f.optimal && allOptimalKnown && (i > 0 || f.objectiveValue <= lowest + 1e-9);
    const plan = planOut(f, i + 1, objective, optimal, loaded.claim.currency);
    plan.settles = advice.requirements
      .filter((r) => shortIds.has(r.id))
      .map((r) => ({
        requirement: r.id,
        before: r,
        after: plan.proof.requirements.find((x) => x.id === r.id) ?? r,
      }));
    return plan;
  });
  advice.status = advice.plans.length > 0 ? 'plans' : 'no-plan';
  if (advice.plans.length === 0) advice.noPlan = { reasons: [...new Set(reasons)] };
  return { advice, changes: ranked.map((f) => f.changes) };
}
