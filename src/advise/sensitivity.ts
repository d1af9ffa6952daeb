/**
 * Sensitivity: per requirement, the exchange rate of each currency at which its status flips, and how far the
 * price of each of the largest non-originating contributors, or the total cost, can rise before it flips. Each
 * flip point is computed exactly (sensitivity-model.ts: the nearest point where a test of the requirement
 * changes sign and the requirement with it), then proven by evaluating the changed claim on both sides: at the
 * last value of the grid (6 decimal places for a rate, the cent for an amount) on the side of the claim as it
 * is, and at the next one. Only flips both evaluations confirm are given.
 */
import type { LoadedClaim } from '../input/load-claim.js';
import { Dec, ZERO, moneyText } from '../num/decimal.js';
import { loadRulePack } from '../rules/load.js';
import type { RulePack } from '../rules/pack.js';
import { evaluate } from '../evaluate.js';
import type { Decision } from '../verdict/decision.js';
import { bomOptions, readBom } from './bom.js';
import { noEffects, type Change, type Edit } from './change.js';
import { repriceEdits } from './cost-edits.js';
import { readFacts } from './facts.js';
import { prove, prover, type Prover } from './prove.js';
import { formulas, holds, atoms, type Formula, type Parameter } from './sensitivity-model.js';

/** A point where one requirement's status flips as one parameter moves, proven by two evaluations. */
export interface Flip {
  /** The requirement's id in the decision (rvc, lvc, steel, ...). */
  requirement: string;
  /** `exchange rate MXN`, `price of HVAC`, `total cost`. */
  parameter: string;
  /** The parameter now: the rate, or zero for a rise. */
  now: string;
  /** Where the status flips, exactly (to 10 decimal places). */
  at: string;
  /** Whether the parameter rises (`up`) or falls (`down`) to reach the flip. */
  direction: 'up' | 'down';
  /** The requirement's status on the claim's side of the flip. */
  from: 'pass' | 'fail';
  /** Its status beyond it. */
  to: 'pass' | 'fail';
  /** The two values evaluated, on the claim's side and just beyond, with the status and verdict found. */
  proof: {
    inside: { value: string; status: string; verdict: string };
    beyond: { value: string; status: string; verdict: string };
  };
}

/**
 * Where each requirement's status flips (`usmca-roo/sensitivity@1`): per exchange rate, per price of the largest
 * non-originating contributors and for the total cost, the exact flip point (decimal string) proven on both sides.
 */
export interface Sensitivity {
  /** `usmca-roo/sensitivity@1`. */
  format: 'usmca-roo/sensitivity@1';
  /** Each confirmed flip: requirement, parameter, its value now, where it flips and the two evaluations. */
  flips: Flip[];
  /** Parameters at no value of which (a positive rate, any rise) any requirement flips. */
  steady: string[];
  /** Flips computed but not confirmed by evaluation (the figures interact: another test moves first). */
  unconfirmed: Array<{ requirement: string; parameter: string; at: string; why: string }>;
  /** How many evaluations of changed claims it made. */
  evaluations: number;
}

/** Options of sensitivityOf. */
export interface SensitivityOptions {
  /** The rule pack to evaluate under (default: the bundled pack, loadRulePack()). */
  pack?: RulePack;
  /** How many of the largest contributors to price (default 5). */
  contributors?: number;
}

/**
 * The sensitivity of a loaded claim (see the module comment). Asynchronous: the proofs share advise's prover.
 * Throws InputError for an invalid claim.
 */
export async function sensitivityOf(loaded: LoadedClaim, options: SensitivityOptions = {}): Promise<Sensitivity> {
  const pack = options.pack ?? loadRulePack();
  const p = prover(loaded, pack, ZERO);
  const decision = await evaluate(loaded, { pack });
  p.evaluations++;
  const claim = loaded.claim;
  const facts = readFacts(decision);
  const bom = readBom(claim, bomOptions(claim, decision));
  const model = { claim, view: p.view, decision, facts, bom };
  const parameters: Parameter[] = [];
  const rates = (p.view.exchangeRates ?? []) as Array<{ currency: string }>;
  for (const r of claim.rates.values()) {
    const index = rates.findIndex((x) => x.currency === r.from);
    if (index >= 0) parameters.push({ kind: 'rate', currency: r.from, index, now: r.rate });
  }
  for (const c of decision.bom.counted.slice(0, options.contributors ?? 5)) {
    const line = bom.byKey.get(c.material);
    if (line) parameters.push({ kind: 'price', line, now: ZERO });
  }
  parameters.push({ kind: 'total-cost', now: ZERO });

  const out: Sensitivity = {
    format: 'usmca-roo/sensitivity@1',
    flips: [],
    steady: [],
    unconfirmed: [],
    evaluations: 0,
  };
  for (const param of parameters) {
    const before = out.flips.length + out.unconfirmed.length;
    for (const [id, f] of formulas(model, param)) {
      for (const direction of param.kind === 'rate' ? (['up', 'down'] as const) : (['up'] as const)) {
        const flip = nearestFlip(f, param.now, direction, param.kind === 'rate' ? 6 : 2);
        if (!flip) continue;
        const name = nameOf(param);
        const inside = await statusAt(p, model, param, flip.inside, id);
        const beyond = await statusAt(p, model, param, flip.beyond, id);
        const from = holds(f, param.now) ? 'pass' : 'fail';
        const to = from === 'pass' ? 'fail' : 'pass';
        if (inside?.status === from && beyond?.status === to)
          out.flips.push({
            requirement: id,
            parameter: name,
            now: param.now.toFixed(),
            at: flip.at.toDecimalPlaces(10).toFixed(),
            direction,
            from,
            to,
            proof: {
              inside: { value: flip.inside.toFixed(), status: inside.status, verdict: inside.verdict },
              beyond: { value: flip.beyond.toFixed(), status: beyond.status, verdict: beyond.verdict },
            },
          });
        else
          out.unconfirmed.push({
            requirement: id,
            parameter: name,
            at: flip.at.toDecimalPlaces(10).toFixed(),
            why: `evaluated ${inside?.status ?? 'invalid'} at ${flip.inside.toFixed()} and ${beyond?.status ?? 'invalid'} at ${flip.beyond.toFixed()}: another figure moves first`,
          });
      }
    }
    if (out.flips.length + out.unconfirmed.length === before) out.steady.push(nameOf(param));
  }
  out.evaluations = p.evaluations;
  return out;
}

function nameOf(p: Parameter): string {
  if (p.kind === 'rate') return `exchange rate ${p.currency}`;
  if (p.kind === 'price') return `price of ${p.line.m.key}`;
  return 'total cost';
}

/**
 * The nearest point in `direction` where the formula's status changes, and two grid values (`places` decimals)
 * around it: `inside` with the status it has now, `beyond` with the other. A rate stays positive; a rise starts at 0.
 */
export function nearestFlip(
  f: Formula,
  now: Dec,
  direction: 'up' | 'down',
  places: number,
): { at: Dec; inside: Dec; beyond: Dec } | undefined {
  const status = holds(f, now);
  const points = [
    ...new Set(
      atoms(f)
        .filter((a) => !a.b.isZero())
        .map((a) => a.a.negated().div(a.b).toFixed()),
    ),
  ]
    .map((s) => new Dec(s))
    .filter((c) => (direction === 'up' ? c.greaterThanOrEqualTo(now) : c.lessThanOrEqualTo(now) && c.greaterThan(0)))
    .sort((a, b) => (direction === 'up' ? a.comparedTo(b) : b.comparedTo(a)));
  const step = new Dec(1).div(new Dec(10).pow(places));
  for (const c of points) {
    // The grid value at or before c (in the direction of travel), and the next one.
    const g =
      direction === 'up' ? c.toDecimalPlaces(places, Dec.ROUND_FLOOR) : c.toDecimalPlaces(places, Dec.ROUND_CEIL);
    const next = (x: Dec) => (direction === 'up' ? x.plus(step) : x.minus(step));
    const prev = (x: Dec) => (direction === 'up' ? x.minus(step) : x.plus(step));
    for (const inside of [g, prev(g)]) {
      const beyond = next(inside);
      if (inside.lessThanOrEqualTo(0) && direction === 'down') continue;
      if (holds(f, inside) === status && holds(f, beyond) !== status && beyond.greaterThan(0))
        return { at: c, inside, beyond };
    }
  }
  return undefined;
}

/** The requirement's status and the verdict with the parameter at `value` (one evaluation). */
async function statusAt(
  p: Prover,
  model: Parameters<typeof formulas>[0],
  param: Parameter,
  value: Dec,
  requirement: string,
): Promise<{ status: string; verdict: string } | undefined> {
  const edits: Edit[] =
    param.kind === 'rate'
      ? [{ op: 'set', path: ['exchangeRates', param.index, 'rate'], value: value.toFixed() }]
      : param.kind === 'price'
        ? repriceEdits(model.claim, model.view, model.bom, param.line, value)
        : [
            {
              op: 'add-amount',
              path: ['costs', 'totalCost'],
              delta: value,
              current: model.claim.costs.totalCost.amount,
              bare: typeof (model.view.costs as { totalCost?: unknown })?.totalCost === 'string',
            },
          ];
  const change: Change = {
    id: 'sensitivity',
    kind: 'evidence',
    subject: requirement,
    description: '',
    asserts: '',
    addedCost: ZERO,
    priced: false,
    edits,
    checks: [],
    effects: noEffects(),
  };
  const proof = await prove(p, [change], 'sensitivity');
  const d: Decision | undefined = proof.decision;
  if (!d) return undefined;
  return { status: d.requirements.find((r) => r.id === requirement)?.status ?? 'missing', verdict: d.verdict };
}

/**
 * The sensitivity as `usmca-roo advise --sensitivity` prints it after the advice: per requirement, each exchange
 * rate, price or total cost at which it flips (the exact point and the evaluations on both sides), then the
 * parameters that flip nothing; lines end in \n.
 */
export function renderSensitivity(s: Sensitivity): string {
  const out = ['', 'SENSITIVITY (each flip proven by evaluating the claim on both sides of it)'];
  if (s.flips.length === 0) out.push('  no flip found within reach of the parameters tried');
  for (const f of s.flips) {
    const what = f.parameter.startsWith('exchange rate')
      ? `${f.parameter} ${f.direction === 'up' ? 'rising' : 'falling'} from ${f.now} to ${f.at}`
      : `${f.parameter} rising by ${moneyText(new Dec(f.at).toDecimalPlaces(2, Dec.ROUND_CEIL))}`;
    out.push(
      `  ${f.requirement}: ${f.from} -> ${f.to} at ${what}  (evaluated: ${f.proof.inside.status} at ${f.proof.inside.value}, ${f.proof.beyond.status} at ${f.proof.beyond.value}; verdict then ${f.proof.beyond.verdict})`,
    );
  }
  if (s.steady.length > 0) out.push(`  no requirement flips with: ${s.steady.join('; ')}`);
  for (const u of s.unconfirmed) out.push(`  (not confirmed) ${u.requirement}, ${u.parameter} near ${u.at}: ${u.why}`);
  return `${out.join('\n')}\n`;
}
