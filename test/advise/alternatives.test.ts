/** The `alternatives` of a BOM line: quotes advice may re-source the line at; checked on reading, not evaluated. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate.js';
import { load, problemsOf, type Obj } from '../helpers.js';
import { sedanWithNonOriginatingTransmission } from './fixtures.js';

const withQuote = (quote: Obj): Obj => {
  const doc = sedanWithNonOriginatingTransmission();
  (doc.materials as Obj[])[1] = { ...(doc.materials as Obj[])[1], alternatives: [quote] };
  return doc;
};

describe('alternatives', () => {
  it('are read with their price in the reporting currency, and change nothing evaluate decides', async () => {
    const plain = await evaluate(load(sedanWithNonOriginatingTransmission()));
    const quoted = load(
      withQuote({ supplier: 'Norte', unitValue: { amount: '1900.00', currency: 'USD' }, origin: 'originating' }),
    );
    expect(quoted.claim.materials[1]?.alternatives?.[0]?.unitValue.amount.toFixed()).toBe('1900');
    const d = await evaluate(quoted);
    expect({ ...d, input: undefined }).toEqual({ ...plain, input: undefined });
  });

  it('are checked like any line: a plant the producer does not declare, a currency without a rate', () => {
    const problems = problemsOf(() =>
      load(
        withQuote({
          supplier: 'Norte',
          unitValue: { amount: '30000', currency: 'MXN' },
          origin: 'originating',
          plant: 'NOWHERE',
        }),
      ),
    );
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'EXCHANGE_RATE_MISSING@materials[1].alternatives[0].unitValue',
      'PLANT_UNKNOWN@materials[1].alternatives[0].plant',
    ]);
    expect(problemsOf(() => load(withQuote({ unitValue: '1', origin: 'originating' }))).map((p) => p.code)).toEqual([
      'FIELD_REQUIRED',
    ]);
  });
});
