/**
 * The claim's exchange rates (`exchangeRates[]`), each `1 <currency> = rate <reporting currency>` unless its
 * `quote` says the source writes it the other way ("MXN per USD": pesos for one dollar, as Banco de México
 * publishes it), in which case it is inverted once (num/money.ts, `invertedRate`). One rate per currency; the
 * reporting currency's own rate can only be 1.
 */
import type { SourceDocument } from '../documents/source.js';
import { dec, ONE } from '../num/decimal.js';
import { invertedRate, type ExchangeRate } from '../num/money.js';
import type { ClaimInput } from './documents.js';
import type { InputProblem } from './problems.js';
import { problemAt } from './validate.js';

/** The two ways a rate between `currency` and the reporting currency may be quoted: direct first. */
export function quotes(currency: string, reporting: string): [direct: string, inverse: string] {
  return [`${reporting} per ${currency}`, `${currency} per ${reporting}`];
}

export function readExchangeRates(
  input: Pick<ClaimInput, 'currency' | 'exchangeRates'>,
  doc: SourceDocument,
  problems: InputProblem[],
): Map<string, ExchangeRate> {
  const rates = new Map<string, ExchangeRate>();
  const reporting = input.currency;
  input.exchangeRates.forEach((r, i) => {
    if (r.currency === reporting) {
      if (!dec(r.rate).equals(ONE))
        problems.push(
          problemAt(
            doc,
            ['exchangeRates', i, 'rate'],
            'VALUE_NOT_ALLOWED',
            `${r.currency} is the reporting currency; its rate can only be "1"`,
          ),
        );
      return;
    }
    if (rates.has(r.currency)) {
      problems.push(
        problemAt(
          doc,
          ['exchangeRates', i, 'currency'],
          'EXCHANGE_RATE_DUPLICATE',
          `a second exchange rate for ${r.currency}; declare one rate per currency`,
        ),
      );
      return;
    }
    const [direct, inverse] = quotes(r.currency, reporting);
    const quote = r.quote?.replace(/\s+/g, ' ').trim();
    if (r.quote !== undefined && quote !== direct && quote !== inverse) {
      problems.push(
        problemAt(
          doc,
          ['exchangeRates', i, 'quote'],
          'VALUE_NOT_ALLOWED',
          `expected "${direct}" (the rate is ${reporting} for 1 ${r.currency}) or "${inverse}" (${r.currency} for 1 ${reporting}), got "${r.quote}"`,
        ),
      );
      // Kept as written, so the amounts in this currency are not also reported as lacking a rate.
    }
    rates.set(r.currency, {
      from: r.currency,
      to: reporting,
      rate: quote === inverse ? invertedRate(dec(r.rate)) : dec(r.rate),
      ...(quote === inverse ? { quoted: dec(r.rate) } : {}),
      rateText: r.rate,
      date: r.date,
      source: r.source,
      ...(r.quote !== undefined ? { quote } : {}),
    });
  });
  return rates;
}
