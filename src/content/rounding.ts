/**
 * Rounding of a measure's entry-line amounts, only where the tariff pack's `rounding` policy says so and with the
 * mode it names: the value each entry line declares (`lineValue`) and the duty of each line (`lineDuty`). Every
 * other figure (content, dutiable value, the duty with and without the USMCA preference) stays exact, and each
 * entry line keeps its exact figures beside the rounded ones.
 *
 * `keepInvoiceTotal` is 19 CFR 159.3(a): ad valorem rates apply to values in even dollars, fractions under 50 cents
 * disregarded and 50 cents or more taken as a dollar, but the invoice's total dutiable value may not move by more
 * than the rounding of that total; where it would, fractions are dropped (the lowest first) or taken up (the
 * largest first), and between two equal fractions the one at the lower rate of duty is the one dropped or taken up.
 */
import { dec, round, ZERO, type Dec } from '../num/decimal.js';
import type { Rounding, RoundingStep } from '../tariffs/catalog.js';

/** One entry line's exact value and the rate of duty (percent) that applies to it. */
export interface LineToRound {
  value: Dec;
  rate: Dec;
}

/** The entry lines' values rounded by `step`, in the order given. Throws only on an internal inconsistency. */
export function roundLineValues(lines: readonly LineToRound[], step: RoundingStep): Dec[] {
  const places = Number(step.places);
  const rounded = lines.map((l) => round(l.value, places, step.mode));
  if (!step.keepInvoiceTotal) return rounded;
  const unit = dec(places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`);
  let total = ZERO;
  for (const l of lines) total = total.plus(l.value);
  let sumRounded = ZERO;
  for (const r of rounded) sumRounded = sumRounded.plus(r);
  let steps = round(total, places, step.mode).minus(sumRounded).div(unit).toNumber();
  const fraction = (i: number) => {
    const v = (lines[i] as LineToRound).value;
    return v.minus(round(v, places, 'ROUND_DOWN')).abs();
  };
  const adjusted = new Set<number>();
  // Orders candidates: by fraction (largest first to take up, lowest first to drop), then the lower rate first.
  const pick = (takeUp: boolean): number => {
    const candidates = lines
      .map((l, i) => i)
      .filter((i) => !adjusted.has(i))
      .filter((i) =>
        takeUp
          ? (rounded[i] as Dec).lessThan((lines[i] as LineToRound).value)
          : (rounded[i] as Dec).greaterThan((lines[i] as LineToRound).value),
      )
      .sort((a, b) => {
        const byFraction = takeUp ? fraction(b).comparedTo(fraction(a)) : fraction(a).comparedTo(fraction(b));
        return byFraction || (lines[a] as LineToRound).rate.comparedTo((lines[b] as LineToRound).rate) || a - b;
      });
    const first = candidates[0];
    if (first === undefined) throw new Error('internal: no entry line can absorb the rounding of the invoice total');
    return first;
  };
  while (steps !== 0) {
    const i = pick(steps > 0);
    rounded[i] = (rounded[i] as Dec).plus(steps > 0 ? unit : unit.negated());
    adjusted.add(i);
    steps += steps > 0 ? -1 : 1;
  }
  return rounded;
}

/** The duty of one entry line, rounded by `step` if the policy rounds duties, else exact. */
export function roundLineDuty(duty: Dec, step: RoundingStep | undefined): Dec {
  return step ? round(duty, Number(step.places), step.mode) : duty;
}

/** The policy in words, with its sources, for the output (null: the measure rounds nothing). */
export function describeRounding(r: Rounding | undefined): string | null {
  if (!r) return null;
  const part = (what: string, s: RoundingStep | undefined) =>
    s
      ? `${what} ${s.mode} to ${s.places} decimal place${s.places === '1' ? '' : 's'}${s.keepInvoiceTotal ? ', the invoice total kept' : ''} (${s.source.provision}, ${s.source.instrument}${s.source.confidence !== 'confirmed' ? `, ${s.source.confidence}` : ''})`
      : `${what} exact`;
  return `${part('entry-line values', r.lineValue)}; ${part('entry-line duties', r.lineDuty)}; every other figure exact`;
}
