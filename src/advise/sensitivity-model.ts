/**
 * Each requirement as a function of one parameter t, for sensitivity: an exchange rate (t = the rate), the unit
 * price of one line (t = its rise per unit, reporting currency; the line's cost, those of the lines above it and
 * the total cost rise with it), or the total cost (t = its rise). Every test the requirement is made of is
 * linear in t once cross-multiplied, a + b x t >= 0, and the requirement is a formula of those tests (all of,
 * any of), so its status can be read, exactly, at any t. Figures are the decision's (bom.ts for the parts).
 */
import type { NormalizedClaim } from '../input/model.js';
import { Dec, ONE, ZERO } from '../num/decimal.js';
import type { Decision } from '../verdict/decision.js';
import type { Bom, Line } from './bom.js';
import { writtenCurrency } from './cost-edits.js';
import type { Facts } from './facts.js';
import { valueAt, type ClaimView } from './view.js';

/** a + b x t >= 0. */
export interface Atom {
  a: Dec;
  b: Dec;
}
export type Formula = { all: Formula[] } | { any: Formula[] } | Atom;

export type Parameter =
  | { kind: 'rate'; currency: string; index: number; now: Dec }
  | { kind: 'price'; line: Line; now: Dec }
  | { kind: 'total-cost'; now: Dec };

export function holds(f: Formula, t: Dec): boolean {
  if ('all' in f) return f.all.every((g) => holds(g, t));
  if ('any' in f) return f.any.some((g) => holds(g, t));
  return !f.a.plus(f.b.times(t)).isNegative();
}

export function atoms(f: Formula): Atom[] {
  if ('all' in f) return f.all.flatMap(atoms);
  if ('any' in f) return f.any.flatMap(atoms);
  return [f];
}

/** x + y x t, the value of a figure as a function of t. */
interface Linear {
  x: Dec;
  y: Dec;
}
const lin = (x: Dec, y: Dec = ZERO): Linear => ({ x, y });
const minus = (p: Linear, q: Linear): Linear => ({ x: p.x.minus(q.x), y: p.y.minus(q.y) });
const scale = (p: Linear, k: Dec): Linear => ({ x: p.x.times(k), y: p.y.times(k) });
const atom = (p: Linear): Atom => ({ a: p.x, b: p.y });

export interface ModelInput {
  claim: NormalizedClaim;
  view: ClaimView;
  decision: Decision;
  facts: Facts;
  bom: Bom;
}

/**
 * A figure that is the sum of per-good amounts (reporting currency) as a function of t: under a rate, the amounts
 * written in that currency scale with it; under a price, `rising` says which amounts rise with the line's cost.
 */
function figure(
  p: Parameter,
  parts: Array<{ amount: Dec; currency: string; line?: Line | undefined }>,
  rising: (line: Line | undefined) => boolean,
): Linear {
  let x = ZERO;
  let y = ZERO;
  for (const part of parts) {
    if (p.kind === 'rate' && part.currency === p.currency) y = y.plus(part.amount.div(p.now));
    else x = x.plus(part.amount);
  }
  if (p.kind === 'price' && parts.some((part) => rising(part.line))) y = y.plus(p.line.perGood);
  return lin(x, y);
}

function within(l: Line | undefined, of: Line): boolean {
  for (let cur = l; cur; cur = cur.parent) if (cur === of) return true;
  return false;
}

/** The formula of each requirement the parameter can move (absent: it does not depend on it). */
export function formulas(m: ModelInput, p: Parameter): Map<string, Formula> {
  const out = new Map<string, Formula>();
  const { facts, decision, bom, claim, view } = m;
  const cur = claim.currency;
  const lineCur = (l: Line) => writtenCurrency(claim, view, l);
  const priceOf = (l: Line | undefined) => p.kind === 'price' && l !== undefined && within(p.line, l);
  // The good's net cost: constant under a rate (costs are in the reporting currency), rising with a price or the
  // total cost.
  const netCost = lin(facts.netCost, p.kind === 'rate' ? ZERO : p.kind === 'price' ? p.line.perGood : ONE);
  const counted = decision.bom.counted.map((c) => {
    const l = bom.byKey.get(c.material);
    return { amount: new Dec(c.value), currency: l ? lineCur(l) : cur, line: l, reason: c.reason };
  });
  if (facts.rvc) {
    const T = facts.rvc.threshold.div(100);
    const vnm = figure(
      p,
      counted,
      (l) => priceOf(l) && counted.some((c) => c.line === l && /originating|unknown/.test(c.reason)),
    );
    const base = facts.rvc.method === 'net-cost' ? netCost : lin(facts.rvc.base);
    out.set('rvc', atom(minus(scale(base, ONE.minus(T)), vnm)));
  }
  if (facts.core) {
    const core = coreFormula(m, p);
    if (core) out.set('core-parts', core);
  }
  for (const metal of ['steel', 'aluminum'] as const) {
    const f = facts[metal];
    if (!f || f.noData || f.total.isZero() || p.kind !== 'rate') continue;
    const list = (valueAt(view, ['producer', 'steelAluminum', 'purchases']) ?? []) as Array<Record<string, unknown>>;
    const currencyOf = (id: string) => {
      const raw = list.find((x) => x.id === id)?.value;
      return typeof raw === 'object' && raw !== null && typeof (raw as { currency?: unknown }).currency === 'string'
        ? ((raw as { currency: string }).currency as string)
        : claim.producer.currency;
    };
    const all = f.purchases.map((x) => ({ amount: x.value, currency: currencyOf(x.id) }));
    const orig = f.purchases.filter((x) => x.originating).map((x) => ({ amount: x.value, currency: currencyOf(x.id) }));
    const T = f.threshold.div(100);
    out.set(
      metal,
      atom(
        minus(
          figure(p, orig, () => false),
          scale(
            figure(p, all, () => false),
            T,
          ),
        ),
      ),
    );
  }
  if (facts.lvc && facts.lvc.formula === 'net-cost') {
    const lvc = facts.lvc;
    const details = (decision.requirements.find((r) => r.id === 'lvc')?.details ?? {}) as {
      highWageMaterials?: Array<{ material: string; value: string }>;
    };
    const hwm = (details.highWageMaterials ?? []).map((h) => {
      const l = bom.byKey.get(h.material);
      return { amount: new Dec(h.value), currency: l ? lineCur(l) : cur, line: l };
    });
    const producerCurrency = claim.producer.currency;
    const E = figure(
      p,
      [...hwm, { amount: lvc.hwlc, currency: producerCurrency }, { amount: lvc.hwt, currency: producerCurrency }],
      (l) => priceOf(l),
    );
    const credits = lvc.technologyCredit.plus(lvc.assemblyCredit.points);
    out.set('lvc', {
      all: [
        atom(minus(E, scale(netCost, lvc.materialMinimum.div(100)))),
        atom(minus(E, scale(netCost, lvc.total.minus(credits).div(100)))),
      ],
    });
  }
  if (facts.tariffShift && facts.tariffShift.failing.size > 0) {
    const failing = counted.filter((c) => c.line && facts.tariffShift?.failing.has(c.line.m.key));
    const f = figure(p, failing, (l) => priceOf(l) && failing.some((c) => c.line === l));
    const share = facts.tariffShift.limit.div(claim.costs.totalCost.amount);
    const limit = lin(facts.tariffShift.limit, p.kind === 'rate' ? ZERO : scale(netCost, share).y);
    out.set('tariff-shift', atom(minus(limit, f)));
  }
  // Only what the parameter moves.
  for (const [id, f] of out) if (atoms(f).every((a) => a.b.isZero())) out.delete(id);
  return out;
}

/** The core-parts requirement: each group by a method it may use, or the super-core (s. 14(7)-(12)). */
function coreFormula(m: ModelInput, p: Parameter): Formula | undefined {
  const { facts, bom, claim, view, decision } = m;
  const core = facts.core;
  if (!core) return undefined;
  const T = core.threshold.div(100);
  const computed = bom.lines.filter((l) => l.computedCore);
  if (computed.length === 0) return undefined;
  const declaredFail = (decision.requirements.find((r) => r.id === 'core-parts')?.limbs ?? []).some((g) =>
    (g.limbs ?? []).some((l) => !/\.(full|listed-components)$/.test(l.id) && l.status === 'fail'),
  );
  const partTest = (parts: Line[], method: 'full' | 'listed'): Atom => {
    let nc = lin(ZERO);
    let vnm = lin(ZERO);
    for (const part of parts) {
      const f = bom.partVnm.get(part.m.key);
      if (!f) continue;
      const ncCurrency = writtenCurrency(claim, view, part, 'netCost');
      const inside = bom.lines.filter((l) => l.part === part);
      const contributions = inside
        .map((l) => ({
          amount: method === 'full' ? (l.inPart?.kind === 'counted' ? l.inPart.vnm : ZERO) : (l.listed ?? ZERO),
          currency: writtenCurrency(claim, view, l),
          line: l,
        }))
        .filter((c) => !c.amount.isZero());
      const ncFig = figure(
        p,
        [{ amount: f.netCost, currency: ncCurrency, line: part }],
        (l) => p.kind === 'price' && l === part && within(p.line, part),
      );
      nc = { x: nc.x.plus(ncFig.x), y: nc.y.plus(ncFig.y) };
      const vFig = figure(p, contributions, (l) => p.kind === 'price' && l !== undefined && within(p.line, l));
      vnm = { x: vnm.x.plus(vFig.x), y: vnm.y.plus(vFig.y) };
    }
    return atom(minus(scale(nc, ONE.minus(T)), vnm));
  };
  const election = core.election;
  const averaged = claim.elections.coreAveraging === 'parts-category';
  const groups = [...new Set(computed.map((l) => l.m.corePart as string))];
  const methods = (['full', 'listed'] as const).filter(
    (mm) => election === 'best' || election === (mm === 'full' ? 'full' : 'listed-components'),
  );
  const routes: Formula[] = [];
  if (!declaredFail && (election === 'best' || election === 'full' || election === 'listed-components'))
    routes.push({
      all: groups.map((g) => {
        const parts = computed.filter((l) => l.m.corePart === g);
        return {
          any: methods.map((mm) =>
            averaged || parts.length === 1 ? partTest(parts, mm) : { all: parts.map((x) => partTest([x], mm)) },
          ),
        };
      }),
    });
  if ((election === 'best' || election === 'super-core-full') && core.super.full)
    routes.push(partTest(computed, 'full'));
  if ((election === 'best' || election === 'super-core-listed') && core.super.listed)
    routes.push(partTest(computed, 'listed'));
  return routes.length > 0 ? { any: routes } : undefined;
}
