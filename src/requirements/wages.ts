/**
 * High-wage status of a plant, UR s. 12 ("qualifying wage-rate production plant", "qualifying wage-rate
 * vehicle assembly plant", "average base hourly wage rate"; US 29 CFR 810.105(a)): a plant in a USMCA
 * country whose average base hourly wage for direct production work is at least the rate for its country,
 * in that country's currency. average = total base wages / total direct production hours; compared as
 * baseWages >= rate x hours, so nothing is divided before the comparison.
 */
import type { Plant } from '../input/model.js';
import { Dec, quotient, text } from '../num/decimal.js';
import type { RulePack } from '../rules/pack.js';
import { DISPLAY_PLACES } from '../num/ratio.js';

export interface PlantWageStatus {
  plant: string;
  country: string;
  /** true / false, or undefined when the plant's wages are not given. */
  qualifies: boolean | undefined;
  averageBaseHourlyWage?: string;
  rate?: string;
  currency?: string;
  period?: { start: string; end: string };
  reason: string;
  rule: { id: string; effectiveFrom: string };
  citation: string;
}

export function plantWageStatus(pack: RulePack, date: string, plant: Plant): PlantWageStatus {
  const territory = pack.at('usmca.general.territory', date);
  const rates = pack.at('usmca.auto.lvc.high_wage_rate', date);
  const base = {
    plant: plant.id,
    country: plant.country,
    rule: { id: rates.ruleId, effectiveFrom: rates.effectiveFrom },
    citation: rates.citation,
  };
  if (!territory.value.countries.includes(plant.country)) {
    return { ...base, qualifies: false, reason: `the plant is in ${plant.country}, outside the USMCA countries` };
  }
  const rate = rates.value[plant.country];
  const currency = territory.value.currencies[plant.country];
  if (!rate || !currency) throw new Error(`internal: no high-wage rate for ${plant.country} in the pack`);
  const wages = plant.input.wages;
  if (!wages) {
    return {
      ...base,
      qualifies: undefined,
      rate: rate.amount,
      currency: rate.currency,
      reason: 'no wage data for the plant',
    };
  }
  const R = new Dec(rate.amount);
  let qualifies: boolean;
  let average: string;
  if (wages.averageBaseHourlyWage !== undefined) {
    const avg = new Dec(wages.averageBaseHourlyWage);
    qualifies = avg.greaterThanOrEqualTo(R); // "at least"
    average = text(avg);
  } else {
    const total = new Dec(wages.baseWages as string);
    const hours = new Dec(wages.directProductionHours as string);
    qualifies = total.greaterThanOrEqualTo(R.times(hours)); // "at least", cross-multiplied
    average = text(quotient(total, hours, DISPLAY_PLACES, 'ROUND_FLOOR'));
  }
  return {
    ...base,
    qualifies,
    averageBaseHourlyWage: average,
    rate: rate.amount,
    currency: rate.currency,
    period: wages.period,
    reason: `average base hourly wage ${average} ${rate.currency} ${qualifies ? 'is at least' : 'is below'} ${rate.amount} ${rate.currency}`,
  };
}
