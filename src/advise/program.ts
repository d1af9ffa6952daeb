/**
 * The choice of changes as an integer program (CPLEX LP text for HiGHS): one binary per candidate change, and
 * every requirement as linear rows over the exact figures (decimal coefficients, written as floating point for
 * the solver, each row scaled to its largest coefficient). All requirements must pass together, with the
 * requested margin in points:
 *   RVC (net cost):      (1 - T - m) x NC(x) - VNM(x) >= 0            (s. 7(2); TV method: TV in place of NC)
 *   core parts:          per group, each part (or the category, averaged: s. 14(12)) by full VNM or by listed
 *                        components, declared parts originating; or all parts as the super-core (s. 14(7)-(10))
 *   heavy-truck parts:   each part's Table D RVC (s. 15(4)); declared ones originating
 *   steel, aluminum:     originating(x) >= (T + m) x total purchases (s. 17)
 *   LVC:                 HWLC + HWM(x) + HWT >= (min + m) x NC(x); and with the credits >= (total + m) (s. 18)
 *   tariff shift:        same-heading non-originating materials(x) <= the de minimis limit (s. 5(1))
 * Disjunctions (which core route, which method per group, the assembly credit) are binaries with big-M rows.
 * The figures assume a passing plan (core and heavy-truck parts originating, see bom.ts).
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec, ONE, ZERO } from '../num/decimal.js';
import type { Bom } from './bom.js';
import type { Change } from './change.js';
import type { Facts } from './facts.js';
import { Expr, Lp } from './lp.js';
import { coreRows, lvcRows, makersOf, partRow } from './requirement-rows.js';

/** What a plan minimises: `lines`, the fewest changes; `cost`, the least added cost per good from the quotes. */
export type Objective = 'lines' | 'cost';

export interface ProgramInput {
  claim: NormalizedClaim;
  facts: Facts;
  bom: Bom;
  changes: readonly Change[];
  objective: Objective;
  /** Margin every ratio requirement must keep, in percentage points. */
  minMargin: Dec;
  /** Changes every plan must hold (an election made by the variant). */
  forced?: ReadonlySet<string>;
  /** Sets of changes excluded: `superset` excludes the set and every plan holding it; `exact` only the set. */
  cuts: ReadonlyArray<{ changes: readonly string[]; kind: 'superset' | 'exact' }>;
}

export interface Program {
  lp: string;
  /** The LP variable of each change, by change id. */
  variable: Map<string, string>;
  /** Rows that cannot be met by any change (a requirement no listed change can move), with why. */
  blocked: string[];
}

const pct = (d: Dec) => d.div(100);

export function buildProgram(input: ProgramInput): Program {
  const { facts, bom, changes } = input;
  const lp = new Lp();
  lp.binaries.add('one');
  const variable = new Map<string, string>();
  changes.forEach((c, i) => {
    const v = `x${i}`;
    variable.set(c.id, v);
    lp.binaries.add(v);
  });
  const blocked: string[] = [];
  const varOf = (id: string) => variable.get(id);
  const mm = pct(input.minMargin);

  // Net cost of the good as a function of the plan.
  const netCost = new Expr().plus(facts.netCost);
  for (const c of changes) netCost.add(variable.get(c.id) as string, c.effects.netCost);

  // RVC.
  if (facts.rvc) {
    const T = pct(facts.rvc.threshold).plus(mm);
    const vnm = new Expr().plus(bom.goodVnm);
    for (const c of changes) vnm.add(variable.get(c.id) as string, c.effects.goodVnm);
    const e = new Expr();
    if (facts.rvc.method === 'net-cost') e.addExpr(netCost, ONE.minus(T));
    else e.plus(facts.rvc.base.times(ONE.minus(T)));
    e.addExpr(vnm, ONE.negated());
    lp.atLeastZero(e);
  }

  // Core parts; a Table A.2 group unaccounted for fails them whatever else changes (s. 14(4)): advice accounts for
  // it first, by a declaration every plan of the variant holds (accounting.ts).
  if (facts.core) coreRows(input, lp, variable, blocked, mm);
  if (facts.coreUnaccounted.length > 0) {
    blocked.push(
      `core parts: ${facts.coreUnaccounted.join(', ')} not accounted for: no line is marked with the group's corePart and good.absentCoreParts does not declare it absent (s. 14(4))`,
    );
    lp.row([], '>=', ONE);
  }

  // Heavy-truck parts (s. 15(4)).
  if (facts.heavy) {
    const T = pct(facts.heavy.threshold).plus(mm);
    for (const l of bom.lines.filter((x) => x.computedHeavy)) {
      lp.atLeastZero(partRow(input, variable, l.m.key, 'full', T));
    }
    for (const dp of facts.heavy.declared.filter((x) => !x.originating)) {
      const makers = makersOf(input, variable, dp.key);
      if (makers.length > 0)
        lp.row(
          makers.map((v) => [v, ONE] as const),
          '>=',
          ONE,
        );
      else {
        blocked.push(
          `heavy-truck part ${dp.key} is declared non-originating and no change listed makes it originating`,
        );
        lp.row([], '>=', ONE);
      }
    }
  }

  // Steel and aluminum (s. 17).
  for (const metal of ['steel', 'aluminum'] as const) {
    const f = facts[metal];
    if (!f) continue;
    if (f.noData) {
      blocked.push(`${metal}: the producer document has no steel and aluminum purchases to show the requirement with`);
      lp.row([], '>=', ONE);
      continue;
    }
    if (f.total.isZero()) continue;
    const e = new Expr().plus(f.originating.minus(f.total.times(pct(f.threshold).plus(mm))));
    for (const c of changes) e.add(variable.get(c.id) as string, c.effects[metal]);
    lp.atLeastZero(e);
  }

  // LVC (s. 18).
  if (facts.lvc) lvcRows(input, lp, variable, netCost);

  // Tariff shift, de minimis (s. 5(1)).
  if (facts.tariffShift) {
    let failing = ZERO;
    for (const v of facts.tariffShift.failing.values()) failing = failing.plus(v);
    const e = new Expr().plus(facts.tariffShift.limit.minus(failing));
    for (const c of changes) e.add(variable.get(c.id) as string, c.effects.tariffShiftFailing.negated());
    lp.atLeastZero(e);
  }

  // Changes that write the same field, or count the same high-wage material twice, exclude each other.
  for (const group of conflicts(changes)) {
    lp.row(
      group.map((id) => [variable.get(id) as string, ONE] as const),
      '<=',
      ONE,
    );
  }
  for (const id of input.forced ?? []) {
    const v = varOf(id);
    if (v) lp.row([[v, ONE]], '=', ONE);
  }
  for (const cut of input.cuts) {
    const inSet = new Set(cut.changes);
    const terms: Array<readonly [string, Dec]> = cut.changes.map((id) => [variable.get(id) as string, ONE] as const);
    if (cut.kind === 'exact')
      for (const c of changes) if (!inSet.has(c.id)) terms.push([variable.get(c.id) as string, ONE.negated()]);
    lp.row(terms, '<=', new Dec(cut.changes.length - 1));
  }

  return { lp: lp.text(objective(input, variable)), variable, blocked };
}

/**
 * The objective: fewest changes (among equals: evidence before elections before re-sourcing, then the cheaper, then
 * the larger value moved, for a wider margin), or least added cost (then the fewest changes).
 */
function objective(input: ProgramInput, variable: Map<string, string>): Array<readonly [string, number]> {
  const costs = input.changes.map((c) => Math.max(0, c.addedCost.toNumber()));
  const totalCost = costs.reduce((a, b) => a + b, 0) + 1;
  const values = input.changes.map((c) => Math.abs(c.valueAtStake?.toNumber() ?? 0));
  const largest = Math.max(1, ...values);
  return input.changes.map((c, i) => {
    const v = variable.get(c.id) as string;
    const kind = c.kind === 'evidence' || c.kind === 'declaration' ? 0 : c.kind === 'election' ? 1e-4 : 2e-4;
    const wider = (1e-6 * (values[i] as number)) / largest;
    if (input.objective === 'lines') return [v, 1 + kind + (1e-5 * (costs[i] as number)) / totalCost - wider] as const;
    return [v, (costs[i] as number) + 1e-3 * (1 + kind) - wider * 1e-3] as const;
  });
}

/**
 * Groups of changes of which a plan holds at most one: those writing the same field (a quote and re-sourcing of
 * one line), and high-wage changes of a line and of a line above or below it (the upper one takes in the lower).
 */
export function conflicts(changes: readonly Change[]): string[][] {
  const byField = new Map<string, string[]>();
  for (const c of changes)
    for (const e of c.edits)
      if (e.op !== 'add-amount') {
        const k = e.path.join('/');
        byField.set(k, [...(byField.get(k) ?? []), c.id]);
      }
  const groups = [...byField.values()].filter((g) => g.length > 1).map((g) => [...new Set(g)]);
  // High-wage changes of lines one above the other: look each line's keys up the tree.
  const bySubject = new Map<string, string[]>();
  for (const c of changes)
    if (!c.effects.hwm.isZero() && !c.id.startsWith('wages:'))
      bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c.id]);
  for (const [subject, ids] of bySubject) {
    const parts = subject.split('/');
    for (let n = parts.length - 1; n > 0; n--) {
      const above = bySubject.get(parts.slice(0, n).join('/'));
      if (above) for (const a of above) for (const b of ids) groups.push([a, b]);
    }
  }
  return groups.filter((g) => g.length > 1);
}
