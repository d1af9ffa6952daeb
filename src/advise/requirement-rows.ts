/**
 * The rows of the core-parts requirement (UR s. 14(4)-(13)) and of the LVC (s. 18) in the integer program (see
 * program.ts): the routes of the core parts (per group, each part or the category averaged, by full VNM or listed
 * components; the super-core) and the election that allows each; the LVC's high-wage expenditures against the
 * material minimum and, with the credits, the total.
 */
import { Dec, ONE, ZERO } from '../num/decimal.js';
import type { Bom } from './bom.js';
import { assemblyCreditPlant } from './high-wage.js';
import { Expr, type Lp } from './lp.js';
import type { ProgramInput } from './program.js';

const pct = (d: Dec) => d.div(100);

/** A computed part's RVC row: (1 - T) x NC_p(x) - VNM_p(x) >= 0, by full VNM or listed components. */
export function partRow(
  input: ProgramInput,
  variable: Map<string, string>,
  key: string,
  method: 'full' | 'listed',
  T: Dec,
  keys: readonly string[] = [key],
): Expr {
  const e = new Expr();
  for (const k of keys) {
    const base = input.bom.partVnm.get(k);
    if (!base) continue;
    e.plus(base.netCost.times(ONE.minus(T))).plus(base[method].negated());
  }
  for (const c of input.changes) {
    for (const k of keys) {
      const pe = c.effects.parts.get(k);
      if (!pe) continue;
      e.add(variable.get(c.id) as string, pe.netCost.times(ONE.minus(T)).minus(pe[method]));
    }
  }
  return e;
}

export function coreRows(input: ProgramInput, lp: Lp, variable: Map<string, string>, blocked: string[], mm: Dec): void {
  const core = input.facts.core;
  if (!core) return;
  const T = pct(core.threshold).plus(mm);
  const computed = input.bom.lines.filter((l) => l.computedCore);
  const declared = input.bom.lines.filter((l) => l.m.corePart !== undefined && !l.computedCore && !hasCoreAbove(l));
  const groups = [...new Set([...computed, ...declared].map((l) => l.m.corePart as string))].sort();
  const election = core.election;
  const best = variable.get('election:corePartsMethod');
  const averaging =
    input.claim.elections.coreAveraging === 'parts-category' ? 'on' : (variable.get('election:coreAveraging') ?? 'off');
  // Routes: per group (z_pg), or the super-core by full VNM (z_sf) or listed components (z_sl).
  for (const z of ['z_pg', 'z_sf', 'z_sl']) lp.binaries.add(z);
  lp.row(
    [
      ['z_pg', ONE],
      ['z_sf', ONE],
      ['z_sl', ONE],
    ],
    '=',
    ONE,
  );
  const allowedOnlyWith = (v: string, allowed: boolean) => {
    if (allowed) return;
    if (best)
      lp.row(
        [
          [v, ONE],
          [best, ONE.negated()],
        ],
        '<=',
        ZERO,
      );
    else lp.row([[v, ONE]], '<=', ZERO);
  };
  allowedOnlyWith('z_sf', (election === 'best' || election === 'super-core-full') && core.super.full);
  allowedOnlyWith('z_sl', (election === 'best' || election === 'super-core-listed') && core.super.listed);
  if (!core.super.full) lp.row([['z_sf', ONE]], '<=', ZERO);
  if (!core.super.listed) lp.row([['z_sl', ONE]], '<=', ZERO);
  allowedOnlyWith('z_pg', election === 'best' || election === 'full' || election === 'listed-components');
  groups.forEach((g, gi) => {
    const parts = computed.filter((l) => l.m.corePart === g);
    const wf = `w${gi}_f`;
    const wl = `w${gi}_l`;
    lp.binaries.add(wf);
    lp.binaries.add(wl);
    lp.row(
      [
        [wf, ONE],
        [wl, ONE],
        ['z_pg', ONE.negated()],
      ],
      '=',
      ZERO,
    );
    if (parts.length === 0) lp.row([[wl, ONE]], '<=', ZERO);
    allowedOnlyWith(wf, election !== 'listed-components');
    allowedOnlyWith(wl, election !== 'full');
    for (const [w, method] of [
      [wf, 'full'],
      [wl, 'listed'],
    ] as const) {
      if (parts.length > 1 && averaging !== 'off') {
        const avg = partRow(
          input,
          variable,
          '',
          method,
          T,
          parts.map((p) => p.m.key),
        );
        if (averaging === 'on') lp.atLeastZero(avg, [w]);
        else {
          lp.atLeastZero(avg, [w, averaging]);
          for (const p of parts) lp.atLeastZero(partRow(input, variable, p.m.key, method, T), [w], [averaging]);
        }
      } else for (const p of parts) lp.atLeastZero(partRow(input, variable, p.m.key, method, T), [w]);
    }
    for (const d of declared.filter((l) => l.m.corePart === g && l.m.origin !== 'originating')) {
      const makers = makersOf(input, variable, d.m.key);
      if (makers.length > 0) lp.row([...makers.map((v) => [v, ONE] as const), ['z_pg', ONE.negated()]], '>=', ZERO);
      else {
        blocked.push(`core part ${d.m.key} is declared ${d.m.origin} and no change listed makes it originating`);
        lp.row([['z_pg', ONE]], '<=', ZERO);
      }
    }
  });
  // The super-core counts every part with figures.
  for (const [z, method] of [
    ['z_sf', 'full'],
    ['z_sl', 'listed'],
  ] as const) {
    lp.atLeastZero(
      partRow(
        input,
        variable,
        '',
        method,
        T,
        computed.map((p) => p.m.key),
      ),
      [z],
    );
  }
  if (groups.length === 0) {
    blocked.push('core parts: no line of the bill of materials is marked corePart');
    lp.row([], '>=', ONE);
  }
}

/** The variables of the changes that make a declared core or heavy-truck part originating. */
export function makersOf(input: ProgramInput, variable: Map<string, string>, key: string): string[] {
  return input.changes.filter((c) => c.effects.declaredParts.includes(key)).map((c) => variable.get(c.id) as string);
}

function hasCoreAbove(l: Bom['lines'][number]): boolean {
  for (let a = l.parent; a; a = a.parent) if (a.m.corePart !== undefined) return true;
  return false;
}

export function lvcRows(input: ProgramInput, lp: Lp, variable: Map<string, string>, netCost: Expr): void {
  const lvc = input.facts.lvc;
  if (!lvc) return;
  const { changes, claim } = input;
  // High-wage expenditures E(x): HWLC (once the assembly plant qualifies) + HWM(x) + HWT.
  const E = new Expr().plus(lvc.hwlc).plus(lvc.hwm).plus(lvc.hwt);
  for (const c of changes) {
    const v = variable.get(c.id) as string;
    E.add(v, c.effects.hwm);
    if (claim.good.plant !== undefined && c.effects.plantsQualify.includes(claim.good.plant))
      E.add(v, lvc.hwlcNotCounted);
  }
  // The assembly credit: as now, or earned by a plant that gets wage data.
  const creditVar = 'ac';
  lp.binaries.add(creditVar);
  const earners = changes.filter((c) =>
    c.effects.plantsQualify.some((id) => {
      const plant = claim.plants.get(id);
      return plant !== undefined && assemblyCreditPlant(input, plant);
    }),
  );
  if (lvc.assemblyCredit.points.isZero())
    lp.row(
      [[creditVar, ONE], ...earners.map((c) => [variable.get(c.id) as string, ONE.negated()] as const)],
      '<=',
      ZERO,
    );
  else lp.row([[creditVar, ONE]], '=', ONE);
  const credits = lvc.technologyCredit;
  const size = lvc.assemblyCredit.size.isZero() ? lvc.assemblyCredit.points : lvc.assemblyCredit.size;
  const minimum = pct(lvc.materialMinimum.plus(input.minMargin));
  const total = pct(lvc.total.plus(input.minMargin).minus(credits));
  if (lvc.formula === 'net-cost') {
    lp.atLeastZero(new Expr().addExpr(E).addExpr(netCost, minimum.negated()));
    // E - (total - tech) x NC + credit x NC0 >= 0 (the credit's product with the net cost taken at its value now).
    lp.atLeastZero(
      new Expr().addExpr(E).addExpr(netCost, total.negated()).add(creditVar, pct(size).times(input.facts.netCost)),
    );
    return;
  }
  if (lvc.annualDeclared) {
    // Annual figures: the material term is what the producer declared.
    const e = new Expr().plus(lvc.hwm.minus(lvc.base.times(minimum)));
    lp.atLeastZero(e);
    lp.atLeastZero(new Expr().plus(lvc.hwm.minus(lvc.base.times(total))).add(creditVar, pct(size).times(lvc.base)));
    return;
  }
  // From the bill of materials: (APV + HWLC) / (TAPV + HWLC).
  const hwlc = new Expr().plus(lvc.hwlc);
  for (const c of changes)
    if (claim.good.plant !== undefined && c.effects.plantsQualify.includes(claim.good.plant))
      hwlc.add(variable.get(c.id) as string, lvc.hwlcNotCounted);
  const num = new Expr().plus(lvc.hwm).addExpr(hwlc);
  for (const c of changes) num.add(variable.get(c.id) as string, c.effects.hwm);
  const den = new Expr().plus(lvc.base).addExpr(hwlc);
  for (const c of changes) den.add(variable.get(c.id) as string, c.effects.topLevelValue);
  lp.atLeastZero(new Expr().addExpr(num).addExpr(den, minimum.negated()));
  lp.atLeastZero(
    new Expr()
      .addExpr(num)
      .addExpr(den, total.negated())
      .add(creditVar, pct(size).times(lvc.base.plus(lvc.hwlc))),
  );
}
