/**
 * Money: an amount with its currency. Converting needs an explicit rate (1 unit of `from` = rate units of
 * the reporting currency), whose date and source travel with it into the trace.
 */
import { Dec } from './decimal.js';

export interface Money {
  readonly amount: Dec;
  readonly currency: string;
}

export interface ExchangeRate {
  readonly currency: string;
  readonly rate: Dec;
  readonly rateText: string;
  readonly date: string;
  readonly source: string;
}

export function convert(amount: Dec, rate: ExchangeRate | undefined): Dec {
  return rate === undefined ? amount : amount.times(rate.rate);
}
