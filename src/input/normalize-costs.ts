/**
 * The claim's costs per unit, in the reporting currency: total cost, the four excluded costs and the net cost
 * they leave (UR s. 1 "net cost": total cost minus sales promotion, marketing and after-sales service, royalties,
 * shipping and packing, and non-allowable interest), and the transaction value where given.
 */
import { moneyText } from '../num/decimal.js';
import { isPositive, minus, sumMoney, type Money } from '../num/money.js';
import type { NormalizedClaim } from './model.js';
import { amountOf, type AmountInput } from './fields.js';
import type { NormalizeContext } from './normalize-context.js';
import { problemAt } from './validate.js';

/**
 * The costs of `ctx.input`, converted; a net cost that is not positive is a problem (NET_COST_NOT_POSITIVE), and so is
 * a transaction value given as zero (AMOUNT_NEGATIVE at costs.transactionValue).
 */
export function readCosts(ctx: NormalizeContext): NormalizedClaim['costs'] {
  const { input, doc } = ctx;
  const c = input.costs;
  // A cost is in the reporting currency unless written { amount, currency } (then converted at its rate).
  const cost = (v: AmountInput, ...path: string[]): Money => {
    const m = amountOf(v);
    return ctx.convert(doc, ['costs', ...path], m.amount, m.currency ?? ctx.input.currency);
  };
  const ex = c.excludedCosts;
  const salesPromotionMarketingAfterSalesService = cost(
    ex.salesPromotionMarketingAfterSalesService,
    'excludedCosts',
    'salesPromotionMarketingAfterSalesService',
  );
  const royalties = cost(ex.royalties, 'excludedCosts', 'royalties');
  const shippingAndPacking = cost(ex.shippingAndPacking, 'excludedCosts', 'shippingAndPacking');
  const nonAllowableInterest = cost(ex.nonAllowableInterest, 'excludedCosts', 'nonAllowableInterest');
  // UR s. 1 "net cost": total cost minus these four categories, computed here once.
  const excludedCosts = sumMoney(
    [salesPromotionMarketingAfterSalesService, royalties, shippingAndPacking, nonAllowableInterest],
    ctx.input.currency,
  );
  const totalCost = cost(c.totalCost, 'totalCost');
  const costs = {
    totalCost,
    salesPromotionMarketingAfterSalesService,
    royalties,
    shippingAndPacking,
    nonAllowableInterest,
    excludedCosts,
    netCost: minus(totalCost, excludedCosts),
    transactionValue: c.transactionValue === undefined ? undefined : cost(c.transactionValue, 'transactionValue'),
  };
  if (!isPositive(costs.netCost)) {
    ctx.problems.push(
      problemAt(
        doc,
        ['costs', 'totalCost'],
        'NET_COST_NOT_POSITIVE',
        `total cost ${moneyText(costs.totalCost.amount)} minus excluded costs ${moneyText(excludedCosts.amount)} leaves no positive net cost`,
      ),
    );
  }
  // UR s. 7(2): the transaction value is the divisor of the transaction value method and, for a good sold,
  // the base of de minimis (s. 5(1)(a)(i), (4)(a)(i)); a value of zero leaves nothing to divide by.
  if (costs.transactionValue !== undefined && !isPositive(costs.transactionValue)) {
    ctx.problems.push(
      problemAt(
        doc,
        ['costs', 'transactionValue'],
        'AMOUNT_NEGATIVE',
        `must be greater than zero, got ${moneyText(costs.transactionValue.amount)}: the transaction value divides the regional value content (s. 7(2)) and is the de minimis base (s. 5(1)); leave it out for a good not sold`,
      ),
    );
  }
  return costs;
}
