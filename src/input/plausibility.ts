/**
 * Plausibility: input that is valid but probably misread, flagged with a warning (the verdict stands as
 * computed). These are engine settings, not law: a rate far from the usual order of its currency pair (a rate
 * quoted the other way round: pesos per dollar for dollars per peso), a bill of materials worth more than the
 * total cost, a negative RVC. docs/claim-format.md describes them.
 */
import { dec, quotient, text } from '../num/decimal.js';
import { compareMoney, sumMoney, type ExchangeRate, type Money } from '../num/money.js';
import type { Material } from './model.js';

/** The engine's plausibility settings. */
export const PLAUSIBILITY = {
  /** A rate more than this factor above, or below, the reference of its pair is flagged. */
  rateFactor: '1.6',
  /**
   * About how many US dollars one unit of a currency was worth: 2024 annual averages of the Federal Reserve's
   * H.10 release, to three significant digits. Only a reference for the order of magnitude of a pair's rate
   * (a rate quoted the wrong way round lands far outside the band, except for pairs near parity, such as EUR and
   * USD); never used to convert. A currency not listed is not checked.
   */
  usdPerUnit: {
    USD: '1',
    CAD: '0.730',
    MXN: '0.0546',
    EUR: '1.08',
    GBP: '1.28',
    CHF: '1.14',
    SEK: '0.0946',
    JPY: '0.00660',
    CNY: '0.139',
    KRW: '0.000733',
    TWD: '0.0311',
    THB: '0.0283',
    INR: '0.0120',
    BRL: '0.186',
  } as Readonly<Record<string, string>>,
} as const;

export interface PlausibilityWarning {
  code: 'EXCHANGE_RATE_IMPLAUSIBLE' | 'MATERIALS_EXCEED_TOTAL_COST' | 'RVC_NEGATIVE';
  subject: string;
  message: string;
}

/** A warning for each rate more than the factor away from its pair's reference (compared cross-multiplied). */
export function rateWarnings(rates: Iterable<ExchangeRate>): PlausibilityWarning[] {
  const f = dec(PLAUSIBILITY.rateFactor);
  const out: PlausibilityWarning[] = [];
  for (const r of rates) {
    const fromUsd = PLAUSIBILITY.usdPerUnit[r.from];
    const toUsd = PLAUSIBILITY.usdPerUnit[r.to];
    if (fromUsd === undefined || toUsd === undefined) continue;
    const from = dec(fromUsd);
    const to = dec(toUsd);
    // The rate against its reference from/to: x = rate x to / from; flagged when x > f or x < 1/f.
    const scaled = r.rate.times(to);
    const high = scaled.greaterThan(from.times(f));
    const low = scaled.times(f).lessThan(from);
    if (!high && !low) continue;
    const times = high ? quotient(scaled, from, 0, 'ROUND_HALF_EVEN') : quotient(from, scaled, 0, 'ROUND_HALF_EVEN');
    const usual = quotient(from, to, 6, 'ROUND_HALF_EVEN');
    // Read the other way round (1 / rate), would it be within the band? 1/f < to / (rate x from) < f.
    const other = r.rate.times(from);
    const looksInverted = to.lessThan(f.times(other)) && other.lessThan(f.times(to));
    out.push({
      code: 'EXCHANGE_RATE_IMPLAUSIBLE',
      subject: `exchangeRates.${r.from}`,
      message: `the rate applied, 1 ${r.from} = ${text(r.rate)} ${r.to}, is about ${text(times)} times ${high ? 'more' : 'less'} than usual for this pair (about ${text(usual)} ${r.to} for 1 ${r.from})${looksInverted ? `; it looks quoted the other way round: if the source gives ${r.from} for 1 ${r.to} (as Banco de México publishes pesos per dollar), write quote: "${r.from} per ${r.to}"` : ''}`,
    });
  }
  return out;
}

/** A warning when the bill of materials of one unit is worth more than the unit's total cost. */
export function materialsWarning(materials: readonly Material[], totalCost: Money): PlausibilityWarning[] {
  if (materials.length === 0) return [];
  const total = sumMoney(
    materials.map((m) => m.value),
    totalCost.currency,
  );
  if (compareMoney(total, totalCost) <= 0) return [];
  return [
    {
      code: 'MATERIALS_EXCEED_TOTAL_COST',
      subject: 'materials',
      message: `the bill of materials is worth ${text(total.amount)} ${total.currency} per unit, more than the total cost of the unit (${text(totalCost.amount)} ${totalCost.currency}): check the exchange rates (and their quote), the quantities (per unit of the good) and the total cost`,
    },
  ];
}

/** A warning when a regional value content comes out negative. */
export function rvcWarning(value: string | undefined): PlausibilityWarning[] {
  if (value === undefined || !value.startsWith('-')) return [];
  return [
    {
      code: 'RVC_NEGATIVE',
      subject: 'rvc',
      message: `the regional value content is ${value} %: the non-originating materials are worth more than the net cost, which a real good cannot be; check the exchange rates (and their quote), the quantities and the costs`,
    },
  ];
}
