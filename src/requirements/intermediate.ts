/**
 * Origin of designated intermediate materials (UR s. 8(6)-(8), treaty Art. 4.8): a self-produced material
 * designated as intermediate is originating if it meets its own rule; where the rule pack has an RVC rule
 * for it (a Table A.1, B, C, D or E part for the vehicle's class), the engine computes
 *   RVC = (part's net cost - VNM of its own materials) / part's net cost x 100
 * and compares it with the table's net-cost threshold. Tables B, C, D and E also have tariff-shift
 * alternatives in Annex 4-B that this pack does not hold: a part that fails the RVC but is declared
 * originating keeps its declared origin, with a warning. Without a rule, the declared origin is used.
 */
import type { Material } from '../input/model.js';
import { Dec, text } from '../num/decimal.js';
import { isPositive, minus, plus } from '../num/money.js';
import { moneyRatio, notLessThan, percentText } from '../num/ratio.js';
import type { EvaluationContext } from './context.js';
import { partsRuleFor } from './parts-tables.js';
import { rollUp, type ResolvedOrigin } from './vnm.js';

export interface IntermediateResult {
  material: string;
  table?: string;
  rule?: { id: string; effectiveFrom: string };
  netCost?: string;
  valueOfNonOriginatingMaterials?: string;
  rvc?: string;
  threshold?: string;
  origin: ResolvedOrigin['origin'];
  basis: string;
  citation?: string;
}

type Ctx = Pick<
  EvaluationContext,
  'pack' | 'date' | 'classification' | 'computedOrigins' | 'coreRollUp' | 'warnings' | 'claim' | 'asr'
>;

export function resolveIntermediates(ctx: Ctx): IntermediateResult[] {
  const results: IntermediateResult[] = [];
  if (!ctx.claim.bomFlags.intermediates) return results;
  const walk = (list: readonly Material[]): void => {
    for (const m of list) {
      walk(m.children); // deepest first, so a part's own materials are settled before it
      if (m.intermediate && m.selfProduced && m.corePart === undefined && !ctx.computedOrigins.has(m))
        results.push(resolve(ctx, m));
    }
  };
  walk(ctx.claim.materials);
  return results.sort((a, b) => (a.material < b.material ? -1 : a.material > b.material ? 1 : 0));
}

function resolve(ctx: Ctx, m: Material): IntermediateResult {
  const rule = m.hs
    ? partsRuleFor(ctx.pack, ctx.date, m.hs, ctx.classification.vehicleClass, {
        declared: m.partTable,
        asr: ctx.asr !== undefined,
      })
    : undefined;
  if (!rule) {
    return { material: m.key, origin: m.origin, basis: 'declared: the rule pack holds no RVC rule for this material' };
  }
  if (rule.alsoIn.length > 0) {
    ctx.warnings.push({
      code: 'PART_TABLE_AMBIGUOUS',
      subject: m.key,
      message: `${m.key}: HS ${m.hs} appears in Tables ${[rule.table, ...rule.alsoIn].join(', ')} ("ex" entries); Table ${rule.table} was applied; declare partTable on the line to choose`,
    });
  }
  if (m.netCost === undefined || m.children.length === 0 || !isPositive(m.netCost)) {
    ctx.warnings.push({
      code: 'INTERMEDIATE_NOT_COMPUTED',
      subject: m.key,
      message: `${m.key}: designated intermediate (Table ${rule.table}) but its netCost and own materials are not both given; its declared origin (${m.origin}) is used`,
    });
    return {
      material: m.key,
      table: rule.table,
      origin: m.origin,
      basis: 'declared: net cost or bill of materials missing',
    };
  }
  const inner = rollUp(m.children, {
    currency: ctx.claim.currency,
    computed: ctx.computedOrigins,
    coreRollUp: ctx.coreRollUp,
  });
  // A supplier statement of net cost among its materials restates its net cost as well (s. 9(2)(a)(i)).
  const netCost = plus(m.netCost, inner.netCostAdjustment);
  if (!isPositive(netCost)) {
    ctx.warnings.push({
      code: 'INTERMEDIATE_NOT_COMPUTED',
      subject: m.key,
      message: `${m.key}: designated intermediate (Table ${rule.table}) whose net cost, restated with its suppliers' statements (s. 9(2)(a)), is not positive; its declared origin (${m.origin}) is used`,
    });
    return { material: m.key, table: rule.table, origin: m.origin, basis: 'declared: restated net cost not positive' };
  }
  const threshold = rule.threshold.value.netCost;
  const r = moneyRatio(minus(netCost, inner.vnm), netCost);
  const meets = notLessThan(r, new Dec(threshold)); // "not less than"
  let origin: ResolvedOrigin['origin'] = meets ? 'originating' : 'non-originating';
  let basis = `computed: Table ${rule.table} RVC ${meets ? '>=' : '<'} ${threshold}%`;
  if (!meets && rule.table !== 'A.1' && m.origin === 'originating') {
    origin = 'originating';
    basis = `declared: fails the Table ${rule.table} RVC; originating only through the tariff-shift alternative, which this pack does not evaluate`;
    ctx.warnings.push({ code: 'INTERMEDIATE_TARIFF_SHIFT_ASSUMED', subject: m.key, message: `${m.key}: ${basis}` });
  }
  if (m.origin !== 'unknown' && m.origin !== origin && basis.startsWith('computed')) {
    ctx.warnings.push({
      code: 'ORIGIN_CONTRADICTED',
      subject: m.key,
      message: `${m.key}: declared ${m.origin}, computed ${origin} (${basis}); the computed origin is used`,
    });
  }
  ctx.computedOrigins.set(m, { origin, basis: 'computed', explanation: basis });
  return {
    material: m.key,
    table: rule.table,
    rule: { id: rule.threshold.ruleId, effectiveFrom: rule.threshold.effectiveFrom },
    netCost: text(netCost.amount),
    valueOfNonOriginatingMaterials: text(inner.vnm.amount),
    rvc: percentText(r, 'ROUND_FLOOR'),
    threshold,
    origin,
    basis,
    citation: ctx.pack.cite('UR', 's. 8(6)-(8)', 'USMCA Art. 4.8') + `; ${rule.threshold.citation}`,
  };
}
