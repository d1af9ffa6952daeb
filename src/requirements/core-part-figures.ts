/**
 * The figures of the core parts of a vehicle (UR s. 14(4)-(11)): each Table A.2 column-1 part in the bill of
 * materials, per vehicle, with its net cost (restated for accumulation, s. 9(2)(a)(i)), its full VNM
 * (s. 14(7)(a)) and the VNM of its listed column-2 components only (s. 14(7)(b), (8), (11)). Listed components
 * inside the producer's own unlisted sub-assemblies count only under the reading `recursive` of the switch
 * `listedComponents` (usmca.interpretation.listed_components); under `literal` (default) s. 14(8) disregards an
 * unlisted part "or materials or components used to produce" it.
 */
import { didYouMeanText } from '../input/suggest.js';
import type { Material, NormalizedClaim } from '../input/model.js';
import { Dec, ONE, product } from '../num/decimal.js';
import { plus, times, zero, type Money } from '../num/money.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { Warning } from './result.js';
import { rollUp, originOf, type CoreRollUp, type ResolvedOrigin } from './vnm.js';

/** A column-1 part of the vehicle's bill of materials, with its figures per unit of the part. */
export interface CorePart {
  material: Material;
  group: string;
  perGood: Dec;
  /** Net cost and own materials given. */
  hasFigures: boolean;
  /** Its group's RVC can be computed: figures given, and not an 8507.60 battery (s. 14(6)). */
  computable: boolean;
  battery8507_60: boolean;
  netCost: Money;
  fullVnm: Money;
  listedVnm: Money;
}

interface FiguresCtx {
  claim: NormalizedClaim;
  /** Origins computed before the core parts (designated intermediate materials inside them). */
  origins: ReadonlyMap<Material, ResolvedOrigin>;
  reading: CoreRollUp;
  /** interpretation.listedComponents. */
  listedReading: 'literal' | 'recursive';
  /** Set when the other reading of listedComponents gives another listed VNM for some part. */
  listedReadingMatters?: boolean;
  warnings: Warning[];
}

/**
 * Every core part of the bill of materials (the outermost line marked corePart on each branch), sorted by key;
 * warnings for column-2 components that are not of the part's group or not of their Table A.2 codes.
 */
export function corePartsOf(
  ctx: FiguresCtx,
  groups: Map<string, { components: Array<{ id: string; hs: string[] }> }>,
  batteryHs: string[],
): CorePart[] {
  return collect(ctx, ctx.claim.materials, ONE, groups, batteryHs).sort((a, b) =>
    a.material.key < b.material.key ? -1 : a.material.key > b.material.key ? 1 : 0,
  );
}

function collect(
  ctx: FiguresCtx,
  list: readonly Material[],
  parentMultiplier: Dec,
  groups: Map<string, { components: Array<{ id: string; hs: string[] }> }>,
  batteryHs: string[],
  out: CorePart[] = [],
): CorePart[] {
  for (const m of list) {
    if (m.corePart === undefined) {
      if (m.children.length > 0)
        collect(ctx, m.children, product(parentMultiplier, m.quantity), groups, batteryHs, out);
      continue;
    }
    const perGood = product(parentMultiplier, m.quantity);
    const battery8507_60 = m.corePart === 'advanced-batteries' && m.hs !== undefined && hsMatchesAny(m.hs, batteryHs);
    const currency = ctx.claim.currency;
    // Figures given: a net cost and a bill of materials. A net cost that is not positive (as given, or restated
    // below) leaves the part's RVC uncomputable, so it fails its test; it never falls back on the declared origin.
    const hasFigures = m.netCost !== undefined && m.children.length > 0;
    let fullVnm = zero(currency);
    let listedVnm = zero(currency);
    let netCost = m.netCost ?? zero(currency);
    if (hasFigures) {
      const inner = rollUp(m.children, { currency, computed: ctx.origins, coreRollUp: ctx.reading });
      fullVnm = inner.vnm;
      listedVnm = listedComponents(ctx, m, m.children, ONE, groups.get(m.corePart)?.components ?? []);
      // Restated with its suppliers' statements of net cost (s. 9(2)(a)(i)); not positive: not computable.
      netCost = plus(netCost, inner.netCostAdjustment);
    }
    const computable = hasFigures && !battery8507_60;
    out.push({
      material: m,
      group: m.corePart,
      perGood,
      hasFigures,
      computable,
      battery8507_60,
      netCost,
      fullVnm,
      listedVnm,
    });
  }
  return out;
}

/** s. 14(7)(b), (8), (11): only the non-originating column-2 components of the part's own group count. */
function listedComponents(
  ctx: FiguresCtx,
  part: Material,
  list: readonly Material[],
  multiplier: Dec,
  components: Array<{ id: string; hs: string[] }>,
): Money {
  let sum = zero(ctx.claim.currency);
  for (const m of list) {
    const perPart = product(multiplier, m.quantity);
    const component = m.coreComponent !== undefined ? components.find((c) => c.id === m.coreComponent) : undefined;
    if (m.coreComponent !== undefined && !component) {
      ctx.warnings.push({
        code: 'CORE_COMPONENT_NOT_IN_GROUP',
        subject: m.key,
        message: `${m.key}: "${m.coreComponent}" is not a column-2 component of ${part.corePart} in Table A.2 (${components.map((c) => c.id).join(', ')})${didYouMeanText(
          m.coreComponent,
          components.map((c) => c.id),
        )}; treated as an unlisted material`,
      });
    }
    if (component) {
      if (m.hs !== undefined && !hsMatchesAny(m.hs, component.hs)) {
        ctx.warnings.push({
          code: 'CORE_COMPONENT_HS_MISMATCH',
          subject: m.key,
          message: `${m.key}: HS ${m.hs} is not among the Table A.2 codes for ${component.id} (${component.hs.join(', ')})`,
        });
      }
      const o = originOf(m, { computed: ctx.origins });
      if (o.origin !== 'originating') sum = plus(sum, times(m.unitValue, perPart));
      continue;
    }
    if (m.selfProduced && m.children.length > 0) {
      // s. 14(8): an unlisted part "or materials or components used to produce such parts" (literal), or the
      // listed components inside the producer's own sub-assembly (recursive).
      const inside = listedComponents(ctx, part, m.children, perPart, components);
      if (!inside.amount.isZero()) ctx.listedReadingMatters = true;
      if (ctx.listedReading === 'recursive') sum = plus(sum, inside);
    }
  }
  return sum;
}
