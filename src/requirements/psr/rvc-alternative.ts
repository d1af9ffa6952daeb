/**
 * The RVC an alternative of a product-specific rule requires (UR s. 7(6), s. 5(4), s. 13; s. 14(13)-(17), s.
 * 15(2)-(3)): the method (transaction value only where the rule has one), the threshold in force on the date (the
 * alternative's own step, or the part's table for original equipment) and the comparison "not less than".
 */
import { Dec } from '../../num/decimal.js';
import { notLessThan, percentText } from '../../num/ratio.js';
import type { DatedPercent, ProductSpecificRule, PsrAlternative } from '../../rules/psr-schema.js';
import type { AlternativeOutcome, PsrInput } from './types.js';

/** Whether a rule provides a transaction value method in any of its alternatives (s. 7(6)). */
export function hasTransactionValueMethod(rule: ProductSpecificRule): boolean {
  return rule.alternatives.some((a) => a.rvc?.transactionValue !== undefined || a.rvc?.transactionValueMethod === true);
}

/** The step of a dated threshold in force on `date` (the latest step beginning on or before it). */
export function thresholdOn(v: DatedPercent | undefined, date: string): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  let chosen: string | undefined;
  for (const step of Object.keys(v).sort()) if (step <= date) chosen = v[step];
  return chosen;
}

/** The RVC of one alternative: method, value, threshold and whether it is met (s. 5(4): all within de minimis). */
export function rvcOf(input: PsrInput, alt: PsrAlternative, allWithinDeMinimis: boolean): AlternativeOutcome['rvc'] {
  const r = alt.rvc;
  if (r === undefined) return undefined;
  const hasTv = r.transactionValue !== undefined || r.transactionValueMethod === true;
  const table = input.tableThreshold;
  // s. 7(6): the transaction value method only where the rule provides one.
  const method =
    input.rvc.elected === 'transaction-value' && hasTv && input.rvc.transactionValue ? 'transaction-value' : 'net-cost';
  const own =
    method === 'transaction-value' ? thresholdOn(r.transactionValue, input.date) : thresholdOn(r.netCost, input.date);
  const threshold = table ? (method === 'transaction-value' ? table.transactionValue : table.netCost) : own;
  const thresholdFrom = table ? `${table.rule.id} (${table.citation})` : 'the rule';
  const ratio = method === 'transaction-value' ? input.rvc.transactionValue : input.rvc.netCost;
  if (threshold === undefined || ratio === undefined) {
    return {
      method,
      threshold: threshold ?? '',
      status: allWithinDeMinimis ? 'pass' : 'fail',
      thresholdFrom,
      byDeMinimis: allWithinDeMinimis,
      ...(ratio ? { value: percentText(ratio, 'ROUND_FLOOR') } : {}),
    };
  }
  const meets = notLessThan(ratio, new Dec(threshold)); // "not less than"
  return {
    method,
    value: percentText(ratio, 'ROUND_FLOOR'),
    threshold,
    status: meets || allWithinDeMinimis ? 'pass' : 'fail',
    thresholdFrom,
    byDeMinimis: !meets && allWithinDeMinimis,
  };
}
