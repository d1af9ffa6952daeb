/**
 * De minimis, UR s. 5(1) and (4) (treaty Art. 4.12): non-originating materials that do not undergo the required
 * change of tariff classification, or all non-originating materials of a good that fails its RVC, may be
 * disregarded when their value is not more than the stated percentage of the good's transaction value or
 * total cost.
 */
import { compareMoney, minus, plus, type Money } from '../num/money.js';
import type { CountedLine, RollUp } from './vnm.js';

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

/**
 * A counted line's value for de minimis: s. 5(5), "the value of non-originating materials is to be determined in
 * accordance with subsections 8 (1) to (6)", so a material counted in VNM by its supplier's statement (s. 9(2)) counts
 * here at its own value; every other line at what it adds to VNM. Per unit of the good, reporting currency.
 */
export function deMinimisValue(line: CountedLine): Money {
  return line.value ?? line.vnm;
}

/** s. 5(4), (5): the value of all non-originating materials of a roll-up for de minimis (its VNM, statements undone). */
export function deMinimisTotal(bom: Pick<RollUp, 'vnm' | 'counted'>): Money {
  let total = bom.vnm;
  for (const c of bom.counted) if (c.value !== undefined) total = plus(total, minus(c.value, c.vnm));
  return total;
}
