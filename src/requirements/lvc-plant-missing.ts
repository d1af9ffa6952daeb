/**
 * LVC evidence: a line produced in the territory whose plant is not named (UR s. 12, s. 18(4), (7)). Whether a
 * material counts as a high-wage material depends on the plant it was produced in, so a BOM line whose `country`
 * is a CUSMA country but which names no `plant` is an evidence gap: naming the plant, with its wages, could add
 * the line's whole value to the high-wage material and manufacturing expenditures (s. 18(4), (21)). A line with
 * no country says nothing of where it was produced and draws no gap.
 */
import type { Material } from '../input/model.js';
import { amountText, type Money } from '../num/money.js';
import { moneyRatio, percentText } from '../num/ratio.js';
import type { EvidenceGap } from './result.js';

/** A line without a plant, and its value per unit of the good (reporting currency). */
export interface LineWithoutPlant {
  material: Material;
  value: Money;
}

/** Whether a line was produced in the territory but names no plant. `countries`: the CUSMA countries (rule data). */
export function producedInRegionWithoutPlant(m: Material, countries: readonly string[]): boolean {
  return m.plant === undefined && m.country !== undefined && countries.includes(m.country);
}

/**
 * One `LVC_PLANT_MISSING` gap per line, subject its key, `valueAtStake` its value per unit of the good, and the
 * points it could add to the first term of the formula: value / `base` x 100, rounded down to the display places
 * (ROUND_FLOOR: never more than it could add). `base` is the formula's denominator per unit (the net cost, or the
 * total purchase value plus high-wage labor costs); undefined where the formula is on annual figures the claim
 * declares (then only the money is given).
 */
export function plantMissingGaps(lines: readonly LineWithoutPlant[], base: Money | undefined): EvidenceGap[] {
  return lines.map(({ material: m, value }) => {
    const where =
      m.country !== undefined ? `produced in ${m.country}` : 'declared originating (produced in the territory)';
    const points = base ? `up to ${percentText(moneyRatio(value, base), 'ROUND_FLOOR')} points` : 'its value';
    return {
      code: 'LVC_PLANT_MISSING',
      subject: m.key,
      message: `${m.key} (${m.description || 'no description'}): produced in ${m.country ?? ''} but no plant is named, so it cannot count as a high-wage material; produced in a qualifying wage-rate plant it would add ${points} (${amountText(value)} ${value.currency} per unit) to the high-wage material and manufacturing expenditures (s. 12, s. 18(4), (7)): name its plant, with the plant's wages in the producer document`,
      valueAtStake: amountText(value),
    };
  });
}
