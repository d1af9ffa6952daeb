/**
 * A designated intermediate material inside an aftermarket part (UR s. 8(6)-(8), s. 14(18), s. 13). The material
 * must itself qualify as originating "under these Regulations" (s. 8(7)(a)). It is not "for use as original
 * equipment in the production of passenger vehicles, light trucks or heavy trucks" (s. 1 of Part 6, "aftermarket
 * part"), so the thresholds of Tables A.1, B and C do not apply to it (s. 14(18): "subsections (13), (15) and (17) do
 * not apply to aftermarket parts"; the notes to Tables A.1 to E: "For an aftermarket part, the applicable
 * product-specific rule of origin ... is the alternative that includes the phrase 'for any other good'"). It is
 * decided by its own product-specific rule for that use, at the rule's own figures: every alternative tried, the
 * first met qualifies it (s. 5(2)). Without a rule the pack holds, its declared origin stands; a rule whose result
 * depends on goods the claim does not name proves nothing (evidence gap TARIFF_SHIFT_NOT_EVALUATED).
 *
 * A material given its own materials and a net cost that is not positive (as given, or restated with its suppliers'
 * statements, s. 9(2)(a)(i)) has no RVC to meet any RVC alternative with, as a designated material inside a vehicle
 * (intermediate.ts): it qualifies only by a change in tariff classification of its own rule (with no de minimis room,
 * its cost not being positive), else it counts as non-originating at its s. 8(8) value (s. 8(7)(a)). Where the pack
 * does not hold its rule, nothing says the rule asks an RVC, and the declared origin stands as for any net cost.
 */
import type { Material } from '../input/model.js';
import { type Dec, product, text } from '../num/decimal.js';
import { amountText, isPositive, plus, minus, times, zero, type Money } from '../num/money.js';
import { moneyRatio, percentText } from '../num/ratio.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { IntermediateResult } from './intermediate.js';
import { recordOrigin, ruleAccount } from './intermediate-origin.js';
import { materialUnderOwnRule } from './psr/material-origin.js';
import type { TariffItemReading } from './psr/readings.js';
import type { EvidenceGap, Warning } from './result.js';
import { rollUp, type CoreRollUp, type ResolvedOrigin } from './vnm.js';

/** What deciding one material needs: the rules, the origins settled so far (deeper materials first). */
export interface AftermarketContext {
  rules: RulesInForce;
  currency: string;
  reading: CoreRollUp;
  origins: Map<Material, ResolvedOrigin>;
  gaps: EvidenceGap[];
  warnings: Warning[];
  /** The reading of tariffItemPrecedence in force; `tariffItems` of `inPlay` is set where it may decide. */
  tariffItems: TariffItemReading;
  inPlay: { tariffItems: boolean };
  /** The Party whose tariff the claim's national numbers are read in (its importing country), where given. */
  nationalTariff?: string | undefined;
}

/** The designated material `m` of an aftermarket part, decided under its own rule; its origin is set in `ctx.origins`. */
export function resolveInAftermarketPart(
  ctx: AftermarketContext,
  m: Material,
  parentMultiplier: Dec,
): IntermediateResult {
  const reading = 'the material of an aftermarket part is decided by its own rule for that use (s. 8(7)(a), s. 14(18))';
  const citation = ctx.rules.cite('UR', 's. 8(6)-(8), s. 14(18)', 'USMCA Art. 4.8');
  const declared = (basis: string): IntermediateResult => ({ material: m.key, origin: m.origin, basis, citation });
  if (m.hs === undefined) return declared(`declared: ${reading}, and it has no HS code`);
  if (m.netCost === undefined || m.children.length === 0) {
    ctx.warnings.push({
      code: 'INTERMEDIATE_NOT_COMPUTED',
      subject: m.key,
      message: `${m.key}: designated intermediate material of an aftermarket part (decided by its own rule, s. 14(18)) but its netCost and own materials are not both given; ${m.originDeclared ? `its declared origin (${m.origin}) is used` : 'no origin is declared, so it counts as of unknown origin'}`,
    });
    return declared('declared: net cost or bill of materials missing');
  }
  const inner = rollUp(m.children, { currency: ctx.currency, computed: ctx.origins, coreRollUp: ctx.reading });
  const netCost: Money = plus(m.netCost, inner.netCostAdjustment); // s. 9(2)(a)(i)
  // s. 8(7)(a): with no positive net cost there is no RVC to meet an RVC alternative with.
  const positive = isPositive(netCost);
  const r = positive ? moneyRatio(minus(netCost, inner.vnm), netCost) : undefined;
  const noNetCost = `no positive net cost (${amountText(netCost)}${inner.netCostAdjustment.amount.isZero() ? '' : ", restated with its suppliers' statements, s. 9(2)(a)"}) to compute an RVC on`;
  const own = materialUnderOwnRule(ctx.rules, {
    hs: m.hs,
    use: 'aftermarket',
    counted: inner.counted,
    // The material's total cost is not in the claim: its net cost, never more, is the de minimis base (s. 5(1)).
    totalCost: positive ? netCost : zero(ctx.currency),
    rvc: { netCost: r, elected: 'net-cost' },
    tariffItems: ctx.tariffItems,
    nationalTariff: ctx.nationalTariff,
    selfProduced: { materials: m.children, origins: ctx.origins },
  });
  if (own.held && own.outcome.tariffItemsInPlay) ctx.inPlay.tariffItems = true;
  const figures = {
    netCost: text(netCost.amount),
    valueOfNonOriginatingMaterials: text(inner.vnm.amount),
    ...(r !== undefined ? { rvc: percentText(r, 'ROUND_FLOOR') } : {}),
  };
  if (!own.held) {
    // Nothing is known of its rule, not even whether it asks an RVC: the declared origin stands, as for a positive
    // net cost (and as for a designated material listed in no parts table inside a vehicle).
    return {
      ...declared(
        `declared: ${reading}, which the rule pack does not hold for HS ${m.hs} (${own.lookup.found})${positive ? '' : `; it has ${noNetCost}`}`,
      ),
      ...figures,
    };
  }
  const rule = { id: own.rule.ruleId, effectiveFrom: own.rule.effectiveFrom };
  let origin: ResolvedOrigin['origin'];
  let basis: string;
  if (own.outcome.status === 'undetermined') {
    // s. 8(7)(a): the designated material must itself qualify; a result that depends on unnamed goods proves nothing.
    origin = 'non-originating';
    basis = `not proven originating: ${own.outcome.reason} (${own.rule.rule.provision})`;
    if (m.origin !== 'non-originating')
      ctx.gaps.push({
        code: 'TARIFF_SHIFT_NOT_EVALUATED',
        subject: m.key,
        message: `${m.key}: designated intermediate material of an aftermarket part declared ${m.origin}, but its own rule (${own.rule.rule.provision}) cannot be decided: ${own.outcome.reason}; it counts as non-originating (s. 8(7)(a)): check the rule by hand`,
        valueAtStake: amountText(times(m.allocatedTotalCost ?? m.unitValue, product(parentMultiplier, m.quantity))),
      });
  } else {
    origin = own.outcome.status === 'pass' ? 'originating' : 'non-originating';
    basis = `computed: ${own.outcome.reason} (${own.rule.rule.provision}; ${reading})${positive ? '' : `; ${noNetCost}`}`;
  }
  recordOrigin(ctx, m, origin, basis);
  return {
    material: m.key,
    rule,
    ...figures,
    origin,
    basis,
    productSpecificRule: ruleAccount(own),
    citation: `${citation}; ${own.rule.citation}`,
  };
}
