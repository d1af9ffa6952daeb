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
  /** The line's label, as the tariff pack names it. */
  label: string;
  /** Its chapter 99 heading (e.g. "9903.94.03"), or null where the line has none. */
  heading: string | null;
  /** Which value it declares: the full customs value, the dutiable value, or the value deducted. */
  content: EntryLine['content'];
  /** The quantity reported on it: "1" where the measure enters the vehicle on it, else "0". */
  quantity: string;
  /** Its declared value, in the measure's currency (a decimal string). */
  value: string;
  /** The rate applied to it, in percent: the measure's, or "0". */
  rate: string;
  /** Its duty, `rate` % of `value`, in the measure's currency. */
  duty: string;
  /** The exact value and duty, before the measure's rounding (equal to them where nothing is rounded). */
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
  /** The value deducted under the preference: the spared content, or the measure's floor; "0" without the preference. */
  deduction: string;
  /** The value the rate applies to: the customs value less the deduction. */
  dutiableValue: string;
  /** The duty on the dutiable value (exact, before any entry-line rounding). */
  duty: string;
  /** The figures with the USMCA preference, whether or not the vehicle has it. */
  withUsmca: { dutiableValue: string; duty: string };
  /** The figures without it: the whole customs value dutiable. */
  withoutUsmca: { dutiableValue: string; duty: string };
  /** Duty without the USMCA verdict less duty with it: what the verdict is worth on this vehicle. */
  usmcaWorth: string;
  /** The lines of the customs entry the measure asks for, with their declared values and duties. */
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
