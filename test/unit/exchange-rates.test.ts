/**
 * Exchange rates as the banks publish them: a rate may say how it is quoted ("MXN per USD", as Banco de México
 * publishes pesos per dollar), and is then inverted once (20 places, half-even). A rate read the wrong way
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

  it('with quote "MXN per USD" is inverted once, to 20 places half-even, and shown as applied', async () => {
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
    // 6200 x 0.05450007085009210512 = 337.900439270571051744 USD, exact from there on.
    expect(d.bom.counted.find((l) => l.material === 'SEATS')?.value).toBe('337.900439270571051744');
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
