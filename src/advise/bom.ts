/**
 * The bill of materials as advice sees it: every line with its place in the claim as read, its units per good,
 * and what it adds, per good and in the reporting currency, to each sum a requirement compares:
 * - the good's value of non-originating materials (VNM), as in a plan that passes: every core part and
 *   heavy-truck part whose origin the engine computes is then originating (under the `full` reading it counts
 *   nothing; under `rvc-only` its own non-originating materials count), intermediate materials keep the origin
 *   the decision computed (UR s. 7(3)-(5), s. 8, s. 9(2), s. 14(1));
 * - the full VNM of the core part or heavy-truck part it is in (s. 14(7)(a), s. 15(4)), and the VNM of the part's
 *   listed column-2 components (s. 14(7)(b));
 * - the high-wage materials of the LVC: the whole value of a line made at a qualifying plant, unless a line above
 *   it already counts (s. 18(4), (7), (21)).
 * These mirror the engine's roll-up so that the effect of a change can be computed without evaluating; they are
 * an approximation the plans never rely on: every plan is proven by evaluating the changed claim.
 */
import type { Material, NormalizedClaim } from '../input/model.js';
import { Dec, ONE, ZERO, product } from '../num/decimal.js';
import type { Decision } from '../verdict/decision.js';
import { materialSegments, type PathSegment } from './view.js';

export type Origin = 'originating' | 'non-originating' | 'unknown';

/** How a line takes part in one roll-up. */
export interface ScopeStatus {
  kind: 'counted' | 'originating' | 'through';
  /** What it adds to the VNM, per good (zero unless counted). */
  vnm: Dec;
  /** Counted at its value, or through a supplier statement (s. 9(2)(a) or (b)). */
  via?: 'value' | 'statement';
  /** s. 9(2)(a): what restating the material at its supplier's net cost adds to the net cost, per good. */
  netCostAdjustment?: Dec;
}

export interface Line {
  m: Material;
  path: PathSegment[];
  /** Units of this line per unit of the good. */
  perGood: Dec;
  /** Its value per good (unit value x units per good), reporting currency. */
  valuePerGood: Dec;
  parent?: Line | undefined;
  children: Line[];
  /** The computed core part or heavy-truck part this line is inside (not itself), if any. */
  part?: Line | undefined;
  /** This line is a core part whose origin the engine computes (net cost and materials given). */
  computedCore: boolean;
  /** This line is a heavy-truck engine, gear box or chassis whose Table D RVC the engine computes. */
  computedHeavy: boolean;
  /** In the good's roll-up; absent when not reached (inside a line counted or originating as a whole). */
  good?: ScopeStatus;
  /** In the roll-up of its computed part (`part`); absent when not reached. */
  inPart?: ScopeStatus;
  /** What it adds to its core part's listed-components VNM (s. 14(7)(b)), per good; absent when nothing. */
  listed?: Dec;
  /** Whether every line above it is self-produced (a price quote for it changes their cost, see changes.ts). */
  underOwnLines: boolean;
}

export interface Bom {
  lines: Line[];
  byKey: Map<string, Line>;
  byMaterial: Map<Material, Line>;
  /** The good's VNM in a passing plan (see the file comment), per good. */
  goodVnm: Dec;
  /** Each computed part's own net cost (restated for statements), full VNM and listed VNM, per good, by key. */
  partVnm: Map<string, { netCost: Dec; full: Dec; listed: Dec }>;
}

interface Options {
  /** How core parts count in the good's roll-up: the decision's reading, or none (parts, other vehicles, ASR). */
  coreRollUp: 'full' | 'rvc-only' | 'none';
  /** Keys of core parts and heavy-truck parts whose origin the engine computed (from the decision). */
  computedCore: ReadonlySet<string>;
  computedHeavy: ReadonlySet<string>;
  /** Origins of designated intermediate materials computed by the engine, by key. */
  intermediateOrigins: ReadonlyMap<string, Origin>;
  /** Table A.2 column-2 component ids of each core group (from the decision's warnings, none needed). */
  method: 'net-cost' | 'transaction-value';
}

/** The options the decision implies. */
export function bomOptions(claim: NormalizedClaim, decision: Decision): Options {
  const interp = decision.interpretation as { coreRollUp?: string };
  const coreRollUp =
    interp.coreRollUp === 'full' || interp.coreRollUp === 'rvc-only'
      ? (interp.coreRollUp as 'full' | 'rvc-only')
      : 'none';
  const computedCore = new Set<string>();
  const computedHeavy = new Set<string>();
  for (const r of decision.requirements) {
    if (r.id === 'core-parts') {
      for (const g of r.limbs ?? [])
        for (const ml of g.limbs ?? []) {
          const parts = [ml, ...(ml.limbs ?? [])].flatMap(
            (l) => ((l.details as { parts?: string[] } | undefined)?.parts ?? []) as string[],
          );
          if (/\.(full|listed-components)$/.test(ml.id)) for (const k of parts) computedCore.add(k);
        }
    }
    if (r.id === 'heavy-truck-parts')
      for (const l of r.limbs ?? [])
        if ((l.details as { netCost?: string } | undefined)?.netCost !== undefined)
          computedHeavy.add(l.id.slice('heavy-truck-parts.'.length));
  }
  const intermediateOrigins = new Map<string, Origin>();
  for (const i of decision.bom.intermediateMaterials as Array<{ material: string; origin: Origin }>)
    intermediateOrigins.set(i.material, i.origin);
  return {
    coreRollUp,
    computedCore,
    computedHeavy,
    intermediateOrigins,
    method: claim.elections.rvcMethod ?? 'net-cost',
  };
}

/** The lines of the claim with their place in each roll-up. */
export function readBom(claim: NormalizedClaim, options: Options): Bom {
  const lines: Line[] = [];
  const byKey = new Map<string, Line>();
  const byMaterial = new Map<Material, Line>();
  const build = (list: readonly Material[], mult: Dec, parent: Line | undefined, part: Line | undefined): Line[] =>
    list.map((m) => {
      const perGood = product(mult, m.quantity);
      const line: Line = {
        m,
        path: materialSegments(m),
        perGood,
        valuePerGood: m.unitValue.amount.times(perGood),
        parent,
        children: [],
        part,
        computedCore: m.corePart !== undefined && options.computedCore.has(m.key) && part === undefined,
        computedHeavy: options.computedHeavy.has(m.key) && part === undefined,
        underOwnLines: parent === undefined || (parent.underOwnLines && parent.m.selfProduced),
      };
      lines.push(line);
      byKey.set(m.key, line);
      byMaterial.set(m, line);
      const inner = line.computedCore || line.computedHeavy ? line : part;
      line.children = build(m.children, perGood, line, inner);
      return line;
    });
  const top = build(claim.materials, ONE, undefined, undefined);

  const originOf = (l: Line): Origin => options.intermediateOrigins.get(l.m.key) ?? l.m.origin;
  // The good's roll-up, as in a plan that passes.
  let goodVnm = ZERO;
  const visitGood = (l: Line): void => {
    const hasBom = l.children.length > 0;
    const core = l.computedCore && options.coreRollUp !== 'none';
    if (core && options.coreRollUp === 'rvc-only' && hasBom) {
      l.good = { kind: 'through', vnm: ZERO };
      l.children.forEach(visitGood);
      return;
    }
    if (core) {
      l.good = { kind: 'originating', vnm: ZERO };
      return;
    }
    // A heavy-truck part made originating by its Table D RVC counts as any originating line (s. 15(4)).
    const status = leaf(l, l.computedHeavy ? 'originating' : originOf(l), options.method);
    l.good = status;
    goodVnm = goodVnm.plus(status.vnm);
    if (status.kind === 'through') l.children.forEach(visitGood);
  };
  top.forEach(visitGood);

  // Each computed part's own roll-up and listed components.
  const partVnm = new Map<string, { netCost: Dec; full: Dec; listed: Dec }>();
  for (const p of lines.filter((l) => l.computedCore || l.computedHeavy)) {
    let full = ZERO;
    let netCost = (p.m.netCost?.amount ?? ZERO).times(p.perGood);
    const visit = (l: Line): void => {
      const status = leaf(l, originOf(l), 'net-cost');
      l.inPart = status;
      full = full.plus(status.vnm);
      if (status.netCostAdjustment) netCost = netCost.plus(status.netCostAdjustment);
      if (status.kind === 'through') l.children.forEach(visit);
    };
    p.children.forEach(visit);
    let listed = ZERO;
    const visitListed = (l: Line): void => {
      if (l.m.coreComponent !== undefined) {
        if (originOf(l) !== 'originating') {
          l.listed = l.valuePerGood;
          listed = listed.plus(l.valuePerGood);
        }
        return;
      }
      if (l.m.selfProduced) l.children.forEach(visitListed);
    };
    if (p.computedCore) p.children.forEach(visitListed);
    partVnm.set(p.m.key, { netCost, full, listed });
  }
  return { lines, byKey, byMaterial, goodVnm, partVnm };
}

/**
 * One line in a roll-up (the engine's visitLine): originating counts nothing; a self-produced line with its own
 * materials, not designated intermediate, counts only what is inside it; a supplier statement settles the line
 * (s. 9(2)); otherwise the line counts at its value.
 */
export function leaf(l: Line, origin: Origin, method: 'net-cost' | 'transaction-value'): ScopeStatus {
  const m = l.m;
  const hasBom = l.children.length > 0;
  const lookThrough = m.selfProduced && !m.intermediate && hasBom;
  if (lookThrough) return { kind: 'through', vnm: ZERO };
  if (origin === 'originating') return { kind: 'originating', vnm: ZERO };
  const s = m.statement;
  if (
    s &&
    !(
      s.regionalContentAmount !== undefined &&
      s.valueOfNonOriginatingMaterials === undefined &&
      method === 'transaction-value'
    )
  ) {
    if (s.valueOfNonOriginatingMaterials !== undefined) {
      // s. 9(3): a statement without a net cost (transaction value method) restates no net cost.
      const restated = s.netCost?.amount.plus(s.additionalCosts?.amount ?? ZERO);
      return {
        kind: 'counted',
        vnm: s.valueOfNonOriginatingMaterials.amount.times(l.perGood),
        via: 'statement',
        netCostAdjustment: restated === undefined ? ZERO : restated.minus(m.unitValue.amount).times(l.perGood),
      };
    }
    if (s.regionalContentAmount !== undefined)
      return {
        kind: 'counted',
        vnm: m.unitValue.amount.minus(s.regionalContentAmount.amount).times(l.perGood),
        via: 'statement',
      };
  }
  return { kind: 'counted', vnm: l.valuePerGood, via: 'value' };
}

/** The lines above a line, nearest first. */
export function ancestors(l: Line): Line[] {
  const out: Line[] = [];
  for (let cur = l.parent; cur; cur = cur.parent) out.push(cur);
  return out;
}
