/**
 * Builds the limb of a percentage test: exact comparison by cross-multiplication, the value shown rounded
 * toward the failing side, and the margin in points and in money.
 */
import { Dec, PERCENT_SCALE, moneyText } from '../num/decimal.js';
import { compareToPercent, displayModeFor, fractionText, percentText, pointsAbove, type Ratio } from '../num/ratio.js';
import type { InForce } from '../rules/pack.js';
import type { Comparator, Limb, Margin } from './result.js';

export interface PercentTest {
  id: string;
  title: string;
  ratio: Ratio;
  threshold: Dec;
  thresholdText: string;
  /** ">=" for "not less than" / "at least"; "<=" for "does not exceed"; ">" for "exceeds". */
  comparator: Comparator;
  rule: InForce<unknown>;
  currency?: string;
  /** Explains the money margin, e.g. "non-originating value that could be added". */
  marginMeaning?: string;
}

export function passes(comparator: Comparator, sign: number): boolean {
  switch (comparator) {
    case '>=':
      return sign >= 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '=':
      return sign === 0;
  }
}

export function percentLimb(t: PercentTest): Limb {
  const sign = compareToPercent(t.ratio, t.threshold);
  const ok = passes(t.comparator, sign);
  const cmp = t.comparator === '<=' ? '<=' : '>=';
  const mode = displayModeFor(cmp);
  const above = pointsAbove(t.ratio, t.threshold);
  // For a minimum the margin is value - threshold; for a maximum it is threshold - value (positive = room).
  const direction = t.comparator === '<=' ? -1 : 1;
  const marginRatio: Ratio = { numerator: above.numerator.times(direction), denominator: above.denominator };
  const margin: Margin = { points: percentText(marginRatio, 'ROUND_FLOOR') };
  if (t.currency !== undefined) {
    margin.amount = moneyText(marginRatio.numerator);
    margin.currency = t.currency;
    if (t.marginMeaning) margin.meaning = t.marginMeaning;
  }
  return {
    id: t.id,
    title: t.title,
    status: ok ? 'pass' : 'fail',
    value: percentText(t.ratio, mode),
    threshold: t.thresholdText,
    comparator: t.comparator,
    unit: 'percent',
    margin,
    rule: { id: t.rule.ruleId, effectiveFrom: t.rule.effectiveFrom, value: t.thresholdText },
    citation: t.rule.citation,
    details: {
      fraction: fractionText(t.ratio),
      rounding: `${mode} to 6 decimal places (display only; the test compares exact values)`,
    },
  };
}

/** (a x 100) / b as the exact amount of `a` that a threshold requires: threshold x b / 100. */
export function thresholdAmount(threshold: Dec, base: Dec): Dec {
  return threshold.times(base).div(PERCENT_SCALE);
}
