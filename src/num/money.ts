/**
 * Exchange rates: converting needs an explicit rate (1 unit of `currency` = `rate` units of the reporting
 * currency), whose date and source travel with it into the decision.
 */
import type { Dec } from './decimal.js';

export interface ExchangeRate {
  readonly currency: string;
  readonly rate: Dec;
  readonly rateText: string;
  readonly date: string;
  readonly source: string;
}
