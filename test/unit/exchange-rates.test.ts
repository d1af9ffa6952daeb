/**
 * Exchange rates as the banks publish them: a rate may say how it is quoted ("MXN per USD", as Banco de México
 * publishes pesos per dollar), and amounts are then divided by it (20 places, half-even, exact where the division
 * ends). A rate read the wrong way
 * round no longer gives a confident wrong verdict in silence: the rate, a bill of materials worth more than
 * the total cost and a negative RVC are each flagged (engine plausibility settings, src/input/plausibility.ts).
 */
import { describe, expect, it } from 'vitest';
import { rateWarnings } from '../../src/input/plausibility.js';
import { dec } from '../../src/num/decimal.js';
import {
  claim,
  declaredEngine,
  decide,
  line,
  load,
  passingProducer,
  problemsOf,
  requirement,
  type Obj,
} from '../helpers.js';

const rate = (extra: Obj) => ({ currency: 'MXN', date: '2025-12-31', source: 'Banco de México FIX', ...extra });
const seats = () => line('SEATS', '6200.00', 'non-originating', { currency: 'MXN', hs: '9401.20' });
const withRate = (r: Obj) =>
  claim({ producer: passingProducer(), exchangeRates: [r], materials: [declaredEngine(), seats()] });
const codes = (ws: { code: string }[]) => ws.map((w) => w.code).filter((c) => /IMPLAUSIBLE|EXCEED|NEGATIVE/.test(c));

describe('a rate quoted the other way round', () => {
  it('read as written (18.3486 USD for 1 MXN) is flagged three ways', async () => {
    const d = await decide(withRate(rate({ rate: '18.3486' })));
    expect(codes(d.warnings).sort()).toEqual([
      'EXCHANGE_RATE_IMPLAUSIBLE',
      'MATERIALS_EXCEED_TOTAL_COST',
      'RVC_NEGATIVE',
    ]);
    const w = d.warnings.find((x) => x.code === 'EXCHANGE_RATE_IMPLAUSIBLE');
    expect(w?.message).toContain('1 MXN = 18.3486 USD, is about 336 times more than usual');
    expect(w?.message).toContain('write quote: "MXN per USD"');
    // 6200 MXN x 18.3486 = 113,761.32 USD of seats against a net cost of 10,000.
    expect(requirement(d, 'rvc').value?.startsWith('-')).toBe(true);
  });

  it('with quote "MXN per USD" divides the amounts by the rate, to 20 places half-even; the inverted rate is shown', async () => {
    const d = await decide(withRate(rate({ rate: '18.3486', quote: 'MXN per USD' })));
    expect(codes(d.warnings)).toEqual([]);
    expect(d.exchangeRates).toEqual([
      {
        currency: 'MXN',
        date: '2025-12-31',
        quote: 'MXN per USD',
        rate: '18.3486',
        rateApplied: '0.05450007085009210512',
        source: 'Banco de México FIX',
      },
    ]);
    // 6200 / 18.3486 = 337.900439270571051742368... USD, to 20 places half-even.
    expect(d.bom.counted.find((l) => l.material === 'SEATS')?.value).toBe('337.90043927057105174237');
  });

  it('converts exactly where the quoted rate divides the amount: a vehicle at exactly 75 % passes', async () => {
    // 43,750 MXN / 17.5 MXN per USD = 2,500 USD exactly: RVC (10,000 - 2,500) / 10,000 = 75 %, not less than 75 %.
    // Multiplying by 1 / 17.5 rounded to 20 places would give 2500.000000000000000125 and fail by that much.
    const seatsAt = (mxn: string) => line('SEATS', mxn, 'non-originating', { currency: 'MXN', hs: '9401.20' });
    const at = (mxn: string) =>
      decide(
        claim({
          producer: passingProducer(),
          exchangeRates: [rate({ rate: '17.5', quote: 'MXN per USD' })],
          materials: [declaredEngine(), seatsAt(mxn)],
        }),
      );
    const exact = await at('43750.00');
    expect(exact.bom.counted.find((l) => l.material === 'SEATS')?.value).toBe('2500.00');
    expect(requirement(exact, 'rvc')).toMatchObject({ status: 'pass', value: '75' });
    // One centavo more is 2,500.00057142857142857143 USD (half-even at 20 places): below 75 %.
    const over = await at('43750.01');
    expect(over.bom.counted.find((l) => l.material === 'SEATS')?.value).toBe('2500.00057142857142857143');
    expect(requirement(over, 'rvc').status).toBe('fail');
  });

  it('with quote "USD per MXN" is the default reading, applied as written', async () => {
    const d = await decide(withRate(rate({ rate: '0.0545', quote: 'USD per MXN' })));
    expect(d.exchangeRates[0]).toMatchObject({ rate: '0.0545', quote: 'USD per MXN' });
    expect('rateApplied' in (d.exchangeRates[0] ?? {})).toBe(false);
    expect(d.bom.counted.find((l) => l.material === 'SEATS')?.value).toBe('337.90');
    expect(codes(d.warnings)).toEqual([]);
  });

  it('must name the pair it converts', () => {
    const problems = problemsOf(() => load(withRate(rate({ rate: '18.3486', quote: 'MXN per EUR' }))));
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual(['VALUE_NOT_ALLOWED@exchangeRates[0].quote']);
    expect(problems[0]?.message).toBe(
      'expected "USD per MXN" (the rate is USD for 1 MXN) or "MXN per USD" (MXN for 1 USD), got "MXN per EUR"',
    );
  });
});

describe('the plausibility band of a rate (factor 1.6 around the pair reference)', () => {
  const cad = (r: string) => ({ from: 'CAD', to: 'USD', rate: dec(r), rateText: r, date: 'd', source: 's' });
  it('flags a rate above 1.6 x the reference, not one at it', () => {
    // Reference 0.730 USD for 1 CAD: 0.730 x 1.6 = 1.168.
    expect(rateWarnings([cad('1.168')])).toEqual([]);
    expect(rateWarnings([cad('1.1681')]).map((w) => w.code)).toEqual(['EXCHANGE_RATE_IMPLAUSIBLE']);
    // The inverted reading of CAD/USD (1.37 USD for 1 CAD) is caught, with the hint.
    expect(rateWarnings([cad('1.37')])[0]?.message).toContain('quote: "CAD per USD"');
  });

  it('flags a rate below reference / 1.6, not one at it', () => {
    // 0.730 / 1.6 = 0.45625.
    expect(rateWarnings([cad('0.45625')])).toEqual([]);
    expect(rateWarnings([cad('0.4562')]).map((w) => w.code)).toEqual(['EXCHANGE_RATE_IMPLAUSIBLE']);
  });

  it('leaves a currency it has no reference for alone', () => {
    expect(rateWarnings([{ ...cad('1000'), from: 'XAF' }])).toEqual([]);
  });
});
