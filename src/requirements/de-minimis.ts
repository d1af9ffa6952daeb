/**
 * De minimis, UR s. 5(1) and (4) (treaty Art. 4.12): non-originating materials that do not undergo the required
 * change of tariff classification, or all non-originating materials of a good that fails its RVC, may be
 * disregarded when their value is not more than the stated percentage of the good's transaction value or
 * total cost.
 */
import { compareMoney, type Money } from '../num/money.js';

/**
 * The base of the de minimis rules (s. 5(1), (4)): not more than the percentage of the transaction value "or" of
 * the total cost, so the larger of the two where both are given.
 */
export function deMinimisBase(
  totalCost: Money,
  transactionValue: Money | undefined,
): { value: Money; name: 'transaction value' | 'total cost' } {
  return transactionValue !== undefined && compareMoney(transactionValue, totalCost) > 0
    ? { value: transactionValue, name: 'transaction value' }
    : { value: totalCost, name: 'total cost' };
}
