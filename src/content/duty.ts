/**
 * The duty of one measure on one vehicle for a customs value and a spared content: the value deducted under the
 * preference (with the measure's floor), the dutiable value, the duty with the preference and without it, what
 * the USMCA verdict is worth, and the entry lines as declared (rounded only where the measure's rounding policy
 * says, the exact figures beside them). Amounts are exact decimals in the claim's currency.
 */
import { dec, moneyText, PERCENT_SCALE, ZERO, type Dec } from '../num/decimal.js';
import type { EntryLine, Measure } from '../tariffs/catalog.js';
import { describeRounding, roundLineDuty, roundLineValues } from './rounding.js';

/**
 * One line of the customs entry. `value` and `duty` are as declared: rounded where the measure's rounding policy
 * says so (19 CFR 159.3(a) for the U.S. measures), else exact; `unrounded` holds the exact figures they come from.
 */
export interface EntryLineResult {
  label: string;
  heading: string | null;
  content: EntryLine['content'];
  quantity: string;
  value: string;
  rate: string;
  duty: string;
  unrounded: { value: string; duty: string };
}

/** `percent` % of `value`, exact (a duty rate, not an exchange rate). */
export const ofRate = (percent: string, value: Dec): Dec => value.times(dec(percent)).div(PERCENT_SCALE);

/** The value deducted under the preference: the spared content, or the measure's floor (at most the value). */
export function deductionFor(m: Measure, customsValue: Dec, spared: Dec): { deduction: Dec; floor?: Dec } {
  const min = m.preference.minimumDeduction;
  const floor = min ? ofRate(min.percent, customsValue) : undefined;
  // SOR/2025-118 s. 2(2) B: the claimed content if "greater than" the floor, else the floor.
  const d = floor !== undefined && !spared.greaterThan(floor) ? floor : spared;
  return { deduction: d.greaterThan(customsValue) ? customsValue : d, ...(floor !== undefined ? { floor } : {}) };
}

/** A measure's duty figures for one vehicle (decimal strings, in the measure's currency). */
export interface DutyFigures {
  deduction: string;
  dutiableValue: string;
  duty: string;
  withUsmca: { dutiableValue: string; duty: string };
  withoutUsmca: { dutiableValue: string; duty: string };
  /** Duty without the USMCA verdict less duty with it: what the verdict is worth on this vehicle. */
  usmcaWorth: string;
  entryLines: EntryLineResult[];
  /** The sum of the entry lines' duties, as declared (rounded where the policy says). */
  entryDuty: string;
  /** The measure's rounding policy in words, with its source (null: nothing is rounded). */
  rounding: string | null;
}

/**
 * The duty figures of a measure for a customs value and a spared content, with the preference and without. The
 * entry lines are rounded by the measure's policy only when the figures are in the measure's own currency
 * (`currency`, default the measure's): a policy in dollars says nothing about amounts in another currency.
 */
export function dutyFigures(
  m: Measure,
  customsValue: Dec,
  spared: Dec,
  eligible: boolean,
  currency: string = m.currency,
): DutyFigures {
  const policy = currency === m.currency ? m.rounding : undefined;
  const rate = m.rate.percent;
  const { deduction } = deductionFor(m, customsValue, spared);
  const dutiableWith = customsValue.minus(deduction);
  const dutyWith = ofRate(rate, dutiableWith);
  const dutyWithout = ofRate(rate, customsValue);
  const deducted = eligible ? deduction : ZERO;
  const dutiable = eligible ? dutiableWith : customsValue;
  const lines = eligible ? m.preference.lines : m.withoutPreference.lines;
  const exact = lines.map((line) =>
    line.content === 'full' ? customsValue : line.content === 'dutiable' ? dutiable : deducted,
  );
  const lineRate = (line: EntryLine) => (line.duty === 'rate' ? rate : '0');
  // Rounding only where the policy says: the declared line values, then each line's duty (never the figures above).
  const declared = policy?.lineValue
    ? roundLineValues(
        lines.map((line, i) => ({ value: exact[i] as Dec, rate: dec(lineRate(line)) })),
        policy.lineValue,
      )
    : exact;
  let entryDuty = ZERO;
  const entryLines = lines.map((line, i): EntryLineResult => {
    const value = declared[i] as Dec;
    const duty = roundLineDuty(ofRate(lineRate(line), value), policy?.lineDuty);
    entryDuty = entryDuty.plus(duty);
    return {
      label: line.label,
      heading: line.heading,
      content: line.content,
      quantity: line.quantity === 'entered' ? '1' : '0',
      value: moneyText(value),
      rate: lineRate(line),
      duty: moneyText(duty),
      unrounded: { value: moneyText(exact[i] as Dec), duty: moneyText(ofRate(lineRate(line), exact[i] as Dec)) },
    };
  });
  return {
    deduction: moneyText(deducted),
    dutiableValue: moneyText(dutiable),
    duty: moneyText(eligible ? dutyWith : dutyWithout),
    withUsmca: { dutiableValue: moneyText(dutiableWith), duty: moneyText(dutyWith) },
    withoutUsmca: { dutiableValue: moneyText(customsValue), duty: moneyText(dutyWithout) },
    usmcaWorth: moneyText(dutyWithout.minus(dutyWith)),
    entryLines,
    entryDuty: moneyText(entryDuty),
    rounding:
      m.rounding && !policy
        ? `not rounded: the figures are in ${currency}, the measure's rounding is for amounts in ${m.currency}`
        : describeRounding(policy),
  };
}
