/**
 * Origin of designated intermediate materials (UR s. 8(6)-(8), treaty Art. 4.8): a self-produced material
 * designated as intermediate is originating if it meets its own rule; where the rule pack has an RVC rule
 * for it (a Table A.1, B, C, D or E part for the vehicle's class), the engine computes
 *   RVC = (part's net cost - VNM of its own materials) / part's net cost x 100
 * and compares it with the table's net-cost threshold. A part of Tables B, C, D or E is decided by its own
 * product-specific rule where the pack holds it (s. 14(14), (16): the change in tariff classification or the RVC
 * of Schedule 1, at the table's threshold; psr/material-origin.ts). The designated material must itself qualify
 * as originating (s. 8(7)(a)): where it fails the RVC and its rule's change in tariff classification cannot be
 * decided (the pack does not hold the rule, or cannot tell which goods of the subheading the material is), it is
 * not proven originating: it counts as non-originating and is an evidence gap (TARIFF_SHIFT_NOT_EVALUATED).
 * Without a rule, the declared origin is used. Inside an aftermarket part the tables do not apply (s. 14(18)): the
 * material is decided by its own rule for that use (intermediate-aftermarket.ts).
 */
import type { Material, NormalizedClaim } from '../input/model.js';
import { Dec, ONE, product, text } from '../num/decimal.js';
import { amountText, isPositive, minus, plus, times, zero } from '../num/money.js';
import { moneyRatio, notLessThan, percentText } from '../num/ratio.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { Classification } from './classification.js';
import { hsMatchesAny } from '../rules/hs.js';
import { resolveInAftermarketPart } from './intermediate-aftermarket.js';
import { recordOrigin, ruleAccount } from './intermediate-origin.js';
import { partsRuleFor } from './parts-tables.js';
import { materialUnderOwnRule } from './psr/material-origin.js';
import type { EvidenceGap, Warning } from './result.js';
import type { TariffItemReading } from './psr/readings.js';
import type { StagingRegime } from './staging-regime.js';
import { rollUp, type CoreRollUp, type ResolvedOrigin } from './vnm.js';

/** One designated intermediate material: its rule, figures and the origin they give. */
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
  /** The material's own product-specific rule, where the pack holds it: the alternative that qualified it, or none. */
  productSpecificRule?: {
    rule: { id: string; effectiveFrom: string };
    provision: string;
    qualifiedBy: string | null;
    /** s. 3(8): the self-produced materials of its own considered themselves where that qualified it. */
    selfProducedAsMaterials?: string[];
    alternatives: Array<{ paragraph: string; status: string; reason: string }>;
  };
  citation?: string;
}

/** What the intermediate materials need from earlier steps. */
export interface IntermediateInputs {
  classification: Classification;
  regime: StagingRegime | undefined;
  /** The core-part roll-up reading in force (core parts inside an intermediate material count by it). */
  reading: CoreRollUp;
  /** The reading of tariffItemPrecedence in force (a material's own rule for a tariff item). */
  tariffItems: TariffItemReading;
}

/** The designated intermediate materials of the bill of materials (sorted by key) and the origins computed. */
export interface IntermediateOutcome {
  results: IntermediateResult[];
  origins: Map<Material, ResolvedOrigin>;
  /** Materials not proven originating (TARIFF_SHIFT_NOT_EVALUATED), in the order found. */
  gaps: EvidenceGap[];
  warnings: Warning[];
  /** A material's own rule has alternatives for a tariff item it may be of: tariffItemPrecedence is in play. */
  tariffItemsInPlay: boolean;
}

interface Ctx extends IntermediateInputs {
  claim: NormalizedClaim;
  rules: RulesInForce;
  origins: Map<Material, ResolvedOrigin>;
  gaps: EvidenceGap[];
  warnings: Warning[];
  inPlay: { tariffItems: boolean };
}

/** Every designated intermediate material, deepest first, so that a material's own materials are settled first. */
export function intermediateMaterials(
  claim: NormalizedClaim,
  rules: RulesInForce,
  inputs: IntermediateInputs,
): IntermediateOutcome {
  const ctx: Ctx = {
    ...inputs,
    claim,
    rules,
    origins: new Map(),
    gaps: [],
    warnings: [],
    inPlay: { tariffItems: false },
  };
  const results: IntermediateResult[] = [];
  const done = () => ({
    results,
    origins: ctx.origins,
    gaps: ctx.gaps,
    warnings: ctx.warnings,
    tariffItemsInPlay: ctx.inPlay.tariffItems,
  });
  if (!claim.bomFlags.intermediates) return done();
  const walk = (list: readonly Material[], multiplier: Dec): void => {
    for (const m of list) {
      walk(m.children, product(multiplier, m.quantity)); // deepest first: a part's own materials are settled first
      if (m.intermediate && m.selfProduced && m.corePart === undefined && !ctx.origins.has(m))
        results.push(resolve(ctx, m, multiplier));
    }
  };
  walk(claim.materials, ONE);
  results.sort((a, b) => (a.material < b.material ? -1 : a.material > b.material ? 1 : 0));
  return done();
}

function resolve(ctx: Ctx, m: Material, parentMultiplier: Dec): IntermediateResult {
  // s. 14(18): not the tables of a vehicle class, but the material's own rule for an aftermarket part.
  if (ctx.classification.partUse === 'aftermarket')
    return resolveInAftermarketPart(
      { ...ctx, currency: ctx.claim.currency, nationalTariff: ctx.claim.importingCountry },
      m,
      parentMultiplier,
    );
  const rule = m.hs
    ? partsRuleFor(ctx.rules, m.hs, ctx.classification.vehicleClass, {
        declared: m.partTable,
        asr: ctx.regime !== undefined,
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
  if (m.netCost === undefined || m.children.length === 0) {
    ctx.warnings.push({
      code: 'INTERMEDIATE_NOT_COMPUTED',
      subject: m.key,
      message: `${m.key}: designated intermediate (Table ${rule.table}) but its netCost and own materials are not both given; ${m.originDeclared ? `its declared origin (${m.origin}) is used` : 'no origin is declared, so it counts as of unknown origin'}`,
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
    computed: ctx.origins,
    coreRollUp: ctx.reading,
  });
  // A supplier statement of net cost among its materials restates its net cost as well (s. 9(2)(a)(i)).
  const netCost = plus(m.netCost, inner.netCostAdjustment);
  const threshold = rule.threshold.value.netCost;
  // s. 8(7)(a): with no positive net cost there is no RVC to meet the table's threshold with; the material may still
  // qualify by a change in tariff classification of its own rule (with no de minimis room: its cost is not positive).
  const positive = isPositive(netCost);
  const r = positive ? moneyRatio(minus(netCost, inner.vnm), netCost) : undefined;
  const meets = r !== undefined && notLessThan(r, new Dec(threshold)); // "not less than"
  let origin: ResolvedOrigin['origin'] = meets ? 'originating' : 'non-originating';
  let basis = positive
    ? `computed: Table ${rule.table} RVC ${meets ? '>=' : '<'} ${threshold}%`
    : `computed: no positive net cost (${text(netCost.amount)}${inner.netCostAdjustment.amount.isZero() ? '' : ", restated with its suppliers' statements, s. 9(2)(a)"}) to compute the Table ${rule.table} RVC on, so it does not meet ${threshold}%`;
  // Tables B-E: the material's own rule decides, its RVC alternatives read at the table's threshold (s. 14(14),
  // (16), s. 15(2)-(3)); Table A.1 parts and the heavy-truck parts of s. 15(4) are originating only by the RVC.
  const own = rvcOnly(ctx, rule.table, m.hs as string)
    ? undefined
    : materialUnderOwnRule(ctx.rules, {
        hs: m.hs as string,
        use: ctx.classification.vehicleClass,
        // The table picks the rule of its "ex" scope (Table B's 8708.29 excludes the body stampings of Table A.1).
        partTable: rule.table,
        hsAsWritten: m.hsAsWritten,
        counted: inner.counted,
        // The material's total cost is not in the claim: its net cost, never more than its total cost, is the de
        // minimis base (s. 5(1)), so the limit is never overstated.
        totalCost: positive ? netCost : zero(ctx.claim.currency),
        rvc: { netCost: r, elected: 'net-cost' },
        tableThreshold: {
          netCost: threshold,
          rule: { id: rule.threshold.ruleId, effectiveFrom: rule.threshold.effectiveFrom },
          citation: rule.threshold.citation,
        },
        tariffItems: ctx.tariffItems,
        nationalTariff: ctx.claim.importingCountry,
        selfProduced: { materials: m.children, origins: ctx.origins },
      });
  if (own?.held && own.outcome.tariffItemsInPlay) ctx.inPlay.tariffItems = true;
  let productSpecificRule: IntermediateResult['productSpecificRule'];
  if (own?.held && own.outcome.status !== 'undetermined') {
    origin = own.outcome.status === 'pass' ? 'originating' : 'non-originating';
    basis = `computed: ${own.outcome.reason} (${own.rule.rule.provision})`;
    productSpecificRule = ruleAccount(own);
  } else if (!meets && own !== undefined && m.origin !== 'non-originating') {
    // s. 8(7)(a): the designated material must itself qualify; a route that cannot be decided proves nothing.
    const byItem = own.held
      ? own.outcome.alternatives.find((a) => a.status === 'undetermined' && a.tariffItem)
      : undefined;
    const why = byItem
      ? `its rule's alternative ${byItem.paragraph} may qualify it (${byItem.reason})`
      : own.held
        ? 'its rule may qualify it by a change in tariff classification, which cannot be decided without knowing which goods of the subheading the material is'
        : own.lookup.found === 'several'
          ? `HS ${m.hs} has one rule for each of ${own.lookup.scopes.map((sc) => `"${sc}"`).join(' and ')}, and the bill of materials does not say which the material is (its parts table lists both), so the change in tariff classification its rule may allow cannot be decided`
          : 'its rule may qualify it by a change in tariff classification, which the rule pack does not hold';
    basis = `not proven originating: fails the Table ${rule.table} RVC (< ${threshold}%); ${why}`;
    ctx.gaps.push({
      code: 'TARIFF_SHIFT_NOT_EVALUATED',
      subject: m.key,
      message: `${m.key}: designated intermediate material declared ${m.origin}, but it fails the Table ${rule.table} RVC and ${why}; it counts as non-originating (s. 8(7)(a)) unless every non-originating material makes the change its rule requires: check the rule by hand`,
      valueAtStake: amountText(times(m.allocatedTotalCost ?? m.unitValue, product(parentMultiplier, m.quantity))),
    });
  }
  recordOrigin(ctx, m, origin, basis);
  return {
    material: m.key,
    table: rule.table,
    rule: { id: rule.threshold.ruleId, effectiveFrom: rule.threshold.effectiveFrom },
    netCost: text(netCost.amount),
    valueOfNonOriginatingMaterials: text(inner.vnm.amount),
    ...(r !== undefined ? { rvc: percentText(r, 'ROUND_FLOOR') } : {}),
    threshold,
    origin,
    basis,
    ...(productSpecificRule ? { productSpecificRule } : {}),
    citation: ctx.rules.cite('UR', 's. 8(6)-(8)', 'USMCA Art. 4.8') + `; ${rule.threshold.citation}`,
  };
}

/** s. 14(2), s. 15(4): a Table A.1 part, or a heavy truck's engine or gear box, is originating only by its RVC. */
function rvcOnly(ctx: Ctx, table: string, hs: string): boolean {
  if (table === 'A.1') return true;
  const scope = ctx.rules.at('usmca.auto.heavy_truck_parts.scope');
  return (
    scope.value.classes.includes(ctx.classification.vehicleClass) &&
    hsMatchesAny(hs, [...scope.value.engines, ...scope.value.gearBoxes])
  );
}
