/**
 * Every money field takes both documented forms, a decimal in the document's (or plant's) currency and
 * `{ amount, currency }` (docs/claim-format.md): costs, excluded costs, the transaction value, and a plant's
 * wages, so that a Mexican plant paying in US dollars can be expressed (s. 12: its rate is MXN 294.22).
 */
import { describe, expect, it } from 'vitest';
import {
  claim,
  declaredEngine,
  decide,
  line,
  load,
  passingProducer,
  problemsOf,
  problemsOfAsync,
  requirement,
  type Obj,
} from '../helpers.js';

const period = { start: '2025-01-01', end: '2025-12-31' };
const MXN = { currency: 'MXN', rate: '0.0545', date: '2025-12-31', source: 'Banco de México FIX' };

describe('costs as { amount, currency }', () => {
  it('are read like the bare form, and in another currency at its rate', async () => {
    const bare = await decide(claim({ producer: passingProducer(), materials: [declaredEngine()] }));
    const asObject = await decide(
      claim({
        producer: passingProducer(),
        exchangeRates: [MXN],
        materials: [declaredEngine()],
        costs: {
          totalCost: { amount: '10000.00', currency: 'USD' },
          excludedCosts: {
            salesPromotionMarketingAfterSalesService: { amount: '0' },
            royalties: { amount: '1000.00', currency: 'MXN' }, // 54.50 USD
            shippingAndPacking: '0',
            nonAllowableInterest: '0',
          },
        },
      }),
    );
    expect(bare.netCost.netCost).toBe('10000.00');
    expect(asObject.netCost.totalCost).toBe('10000.00');
    expect(asObject.netCost.excludedCosts).toBe('54.50');
    expect(asObject.netCost.netCost).toBe('9945.50');
  });

  it('hash alike when they say the same thing: "x" and { amount: "x" }', () => {
    const a = load(claim({ materials: [declaredEngine()] }));
    const doc = claim({ materials: [declaredEngine()] });
    (doc.costs as Obj).totalCost = { amount: '10000.00' };
    expect(load(doc).inputSha256).toBe(a.inputSha256);
  });

  it('need a rate for their currency, and a valid amount', () => {
    const doc = claim({ materials: [declaredEngine()] });
    (doc.costs as Obj).totalCost = { amount: '10000.00', currency: 'CAD' };
    (doc.costs as Obj).transactionValue = { amount: '-1', currency: 'USD' };
    const problems = problemsOf(() => load(doc));
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'AMOUNT_NEGATIVE@costs.transactionValue.amount',
    ]);
    (doc.costs as Obj).transactionValue = { amount: '1', currency: 'USD' };
    expect(problemsOf(() => load(doc)).map((p) => `${p.code}@${p.path}`)).toEqual([
      'EXCHANGE_RATE_MISSING@costs.totalCost',
    ]);
  });
});

/** An assembly plant in Mexico paying `wages`, with LVC data that makes its status decide the LVC. */
function mexicanPlant(wages: Obj, rates: Obj[] = [MXN]): Obj {
  const producer = passingProducer();
  const plants = producer.plants as Obj[];
  plants[0] = { ...plants[0], wages: { period, ...wages } };
  return claim({ producer, exchangeRates: rates, materials: [declaredEngine(), line('A', '100.00', 'originating')] });
}

const assembly = async (doc: Obj) => {
  const lvc = requirement(await decide(doc), 'lvc');
  const plants = (lvc.details?.plants ?? []) as { plant: string; qualifies: boolean; reason: string }[];
  return plants.find((p) => p.plant === 'ASM');
};

describe('a Mexican plant paying in US dollars', () => {
  // 294.22 MXN x 0.0545 = 16.03499 USD: the rate in the reporting currency.
  it('qualifies at 16.03499 USD an hour, not at 16.03498 ("at least", s. 12)', async () => {
    const at = await assembly(mexicanPlant({ averageBaseHourlyWage: { amount: '16.03499', currency: 'USD' } }));
    expect(at?.qualifies).toBe(true);
    expect(at?.reason).toMatch(/16\.03499 USD is at least 294\.22 MXN \(compared in the reporting currency/);
    const below = await assembly(mexicanPlant({ averageBaseHourlyWage: { amount: '16.03498', currency: 'USD' } }));
    expect(below?.qualifies).toBe(false);
  });

  it('is compared the same way from its totals (base wages / hours, cross-multiplied)', async () => {
    // 1,603,499 USD / 100,000 h = 16.03499 USD/h: qualifies; one dollar less does not.
    const ok = await assembly(
      mexicanPlant({ baseWages: { amount: '1603499', currency: 'USD' }, directProductionHours: '100000' }),
    );
    expect(ok?.qualifies).toBe(true);
    const short = await assembly(
      mexicanPlant({ baseWages: { amount: '1603498', currency: 'USD' }, directProductionHours: '100000' }),
    );
    expect(short?.qualifies).toBe(false);
  });

  it('in its own currency, written as an object, is compared as written', async () => {
    const at = await assembly(mexicanPlant({ averageBaseHourlyWage: { amount: '294.22', currency: 'MXN' } }, []));
    expect(at?.qualifies).toBe(true);
    expect(at?.reason).toBe('average base hourly wage 294.22 MXN is at least 294.22 MXN');
  });

  it('needs an exchange rate for the peso to be compared with its rate', async () => {
    const doc = mexicanPlant({ averageBaseHourlyWage: { amount: '17.00', currency: 'USD' } }, []);
    const problems = await problemsOfAsync(() => decide(doc));
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual([
      'EXCHANGE_RATE_MISSING@producer.plants[0].wages.averageBaseHourlyWage',
    ]);
    expect(problems[0]?.message).toMatch(/pays its wages in USD, but its high-wage rate is written in MXN/);
  });
});
