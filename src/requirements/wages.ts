/**
 * High-wage status of a plant, UR s. 12 ("qualifying wage-rate production plant", "qualifying wage-rate
 * vehicle assembly plant", "average base hourly wage rate"; US 29 CFR 810.105(a)): a plant in a USMCA
 * country whose average base hourly wage for direct production work is at least the rate for its country,
 * in that country's currency. average = total base wages / total direct production hours; compared as
 * baseWages >= rate x hours, so nothing is divided before the comparison. Wages paid in another currency (a
 * Mexican plant paying in US dollars) are compared with the rate in the claim's reporting currency, both
 * converted at the claim's declared rates (exact products; the claim must declare both rates).
 */
import { amountOf } from '../input/fields.js';
import type { NormalizedClaim, Plant } from '../input/model.js';
import { Dec, dec, quotient, text } from '../num/decimal.js';
import { compareMoney, times, type Money } from '../num/money.js';
import type { RulesInForce } from '../rules/in-force.js';
import { DISPLAY_PLACES } from '../num/ratio.js';

/** A plant's high-wage status, with the rate it was compared with and why. */
export interface PlantWageStatus {
  plant: string;
  country: string;
  /** true / false, or undefined when the plant's wages are not given or support no certification on the date. */
  qualifies: boolean | undefined;
  /** Set where the plant qualified on wages whose certification has lapsed on the decision date (s. 18(5)). */
  lapsed?: { subject: string; message: string };
  averageBaseHourlyWage?: string;
  /** The currency the wages are paid in, where it is not the threshold's. */
  paidIn?: string;
  rate?: string;
  currency?: string;
  period?: { start: string; end: string };
  reason: string;
  rule: { id: string; effectiveFrom: string };
  citation: string;
}

/**
 * Whether `plant` is a qualifying wage-rate plant on the rules' date (qualifies undefined: no wage data); wages
 * paid in another currency than the rate's are compared in the reporting currency (`claim.toReporting`).
 */
export function plantWageStatus(
  rules: RulesInForce,
  plant: Plant,
  claim: Pick<NormalizedClaim, 'toReporting'>,
): PlantWageStatus {
  const territory = rules.at('usmca.general.territory');
  const rates = rules.at('usmca.auto.lvc.high_wage_rate');
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
  const written = amountOf((wages.averageBaseHourlyWage ?? wages.baseWages) as NonNullable<typeof wages.baseWages>);
  const paidIn = written.currency ?? rate.currency;
  // In the threshold's currency, compared as written; otherwise both in the reporting currency.
  const atLeast = (wage: string, hours: Dec | undefined): boolean => {
    if (paidIn === rate.currency) return dec(wage).greaterThanOrEqualTo(hours ? R.times(hours) : R);
    const paid: Money = claim.toReporting(wage, paidIn);
    const threshold = claim.toReporting(rate.amount, rate.currency);
    return compareMoney(paid, hours ? times(threshold, hours) : threshold) >= 0;
  };
  let qualifies: boolean;
  let average: string;
  if (wages.averageBaseHourlyWage !== undefined) {
    qualifies = atLeast(written.amount, undefined); // "at least"
    average = text(dec(written.amount));
  } else {
    const hours = new Dec(wages.directProductionHours as string);
    qualifies = atLeast(written.amount, hours); // "at least", cross-multiplied
    average = text(quotient(dec(written.amount), hours, DISPLAY_PLACES, 'ROUND_FLOOR'));
  }
  const compared =
    paidIn === rate.currency ? '' : " (compared in the reporting currency at the claim's exchange rates)";
  return {
    ...base,
    qualifies,
    averageBaseHourlyWage: average,
    ...(paidIn !== rate.currency ? { paidIn } : {}),
    rate: rate.amount,
    currency: rate.currency,
    period: wages.period,
    reason: `average base hourly wage ${average} ${paidIn} ${qualifies ? 'is at least' : 'is below'} ${rate.amount} ${rate.currency}${compared}`,
  };
}
