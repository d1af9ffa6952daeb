/**
 * Net cost of the good per unit, UR s. 1 ("net cost", "total cost") and s. 7(11), (13): the total cost less
 * the excluded costs (sales promotion, marketing and after-sales service; royalties; shipping and packing;
 * non-allowable interest), which the claim reader computes once from the claim's costs, restated for
 * accumulation where a supplier's statement gives a material's net cost (s. 9(2)(a)). RVC's denominator and
 * the base of the LVC net-cost formula.
 */
import type { TraceNode } from '../explain/trace.js';
import type { NormalizedClaim } from '../input/model.js';
import { amountText, isPositive, plus, type Money } from '../num/money.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { ClaimProblem } from './result.js';

/** Net cost per unit of the good and its parts, in the reporting currency. */
export interface NetCost {
  totalCost: Money;
  excludedCosts: Money;
  /** s. 9(2)(a) restatement of accumulated materials at their suppliers' net cost. */
  accumulationAdjustment: Money;
  /** totalCost - excludedCosts + accumulationAdjustment. */
  value: Money;
}

/** The good's net cost figures, restated by `accumulationAdjustment` (may be zero or negative: see netCostOfGood). */
export function netCostOf(claim: NormalizedClaim, accumulationAdjustment: Money): NetCost {
  const c = claim.costs;
  return {
    totalCost: c.totalCost,
    excludedCosts: c.excludedCosts,
    accumulationAdjustment,
    value: plus(c.netCost, accumulationAdjustment),
  };
}

/**
 * The good's net cost, with `accumulationAdjustment` from the roll-up of its bill of materials, and its trace
 * node; or the problem NET_COST_NOT_POSITIVE where the restatement leaves no positive net cost.
 */
export function netCostOfGood(
  claim: NormalizedClaim,
  rules: RulesInForce,
  accumulationAdjustment: Money,
): { ok: true; netCost: NetCost; trace: TraceNode } | { ok: false; problem: ClaimProblem } {
  const netCost = netCostOf(claim, accumulationAdjustment);
  if (!isPositive(netCost.value)) {
    return {
      ok: false,
      problem: {
        field: 'costs.totalCost',
        code: 'NET_COST_NOT_POSITIVE',
        message:
          "after restating accumulated materials at their suppliers' net cost (s. 9(2)(a)), no positive net cost is left",
      },
    };
  }
  return { ok: true, netCost, trace: netCostTrace(claim, rules, netCost) };
}

/** The trace node of the net cost (id rvc.netCost): its formula and every input. */
export function netCostTrace(claim: NormalizedClaim, rules: RulesInForce, netCost: NetCost): TraceNode {
  const c = claim.costs;
  return {
    id: 'rvc.netCost',
    description:
      'net cost per unit: total cost minus excluded costs (sales promotion, marketing and after-sales service; royalties; shipping and packing; non-allowable interest), restated for accumulation',
    value: amountText(netCost.value),
    unit: 'money',
    currency: claim.currency,
    formula:
      'totalCost - (salesPromotionMarketingAfterSalesService + royalties + shippingAndPacking + nonAllowableInterest) + accumulationAdjustment',
    inputs: {
      totalCost: amountText(c.totalCost),
      salesPromotionMarketingAfterSalesService: amountText(c.salesPromotionMarketingAfterSalesService),
      royalties: amountText(c.royalties),
      shippingAndPacking: amountText(c.shippingAndPacking),
      nonAllowableInterest: amountText(c.nonAllowableInterest),
      accumulationAdjustment: amountText(netCost.accumulationAdjustment),
    },
    citation: rules.cite('UR', 's. 1 "net cost", "total cost", s. 7(11), (13), s. 9(2)(a)'),
  };
}
