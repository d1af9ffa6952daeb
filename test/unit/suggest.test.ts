/** "Did you mean": the allowed value closest to one written, offered by VALUE_NOT_ALLOWED and similar messages. */
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/input/suggest.js';
import { claim, line, load, passingProducer, problemsOf } from '../helpers.js';

describe('didYouMean', () => {
  it('the same value but for case, spaces, hyphens or underscores', () => {
    expect(didYouMean('Non_Originating', ['originating', 'non-originating', 'unknown'])).toBe('non-originating');
    expect(didYouMean('previous fiscal year', ['previous-fiscal-year', 'quarter-to-date'])).toBe(
      'previous-fiscal-year',
    );
  });

  it('a value a few edits away, at most one per four characters', () => {
    expect(didYouMean('orginating', ['originating', 'non-originating'])).toBe('originating');
    expect(didYouMean('transmision', ['engines', 'transmissions'])).toBe('transmissions');
    expect(didYouMean('blcks', ['blocks', 'heads'])).toBe('blocks');
    expect(didYouMean('blok', ['blocks', 'heads'])).toBeUndefined();
    expect(didYouMean('xyz', ['engines', 'axles'])).toBeUndefined();
    expect(didYouMean('', ['engines'])).toBeUndefined();
  });
});

describe('VALUE_NOT_ALLOWED offers the closest allowed value', () => {
  it('in a claim', () => {
    const problems = problemsOf(() =>
      load(claim({ producer: passingProducer(), materials: [line('A', '1.00', 'orginating')] })),
    );
    expect(problems.find((p) => p.path === 'materials[0].origin')?.message).toBe(
      'expected one of "originating", "non-originating", "unknown", got "orginating"; did you mean "originating"?',
    );
  });

  it('in a producer document (steelAluminum.period.kind)', () => {
    const producer = passingProducer();
    const sa = producer.steelAluminum as { period: { kind: string } };
    sa.period.kind = 'previous fiscal year';
    const problems = problemsOf(() => load(claim({ producer, materials: [line('A', '1.00', 'originating')] })));
    expect(problems.find((p) => p.path === 'producer.steelAluminum.period.kind')?.message).toContain(
      'did you mean "previous-fiscal-year"?',
    );
  });
});

describe('FIELD_UNKNOWN offers the closest field the document format has at that place', () => {
  it('in the claim, the good and a BOM line', () => {
    const doc = claim({ producer: passingProducer(), materials: [line('A', '1.00', 'originating')] });
    (doc.good as Record<string, unknown>).plnt = 'ASM';
    const bom = doc.materials as Array<Record<string, unknown>>;
    (bom[0] as Record<string, unknown>).unitvalue = (bom[0] as Record<string, unknown>).unitValue;
    delete (bom[0] as Record<string, unknown>).unitValue;
    doc.exchangeRate = [];
    const messages = Object.fromEntries(
      problemsOf(() => load(doc))
        .filter((p) => p.code === 'FIELD_UNKNOWN')
        .map((p) => [p.path, p.message]),
    );
    expect(messages).toEqual({
      exchangeRate:
        'unknown field "exchangeRate" (check its spelling against the document format); did you mean "exchangeRates"?',
      'good.plnt': 'unknown field "plnt" (check its spelling against the document format); did you mean "plant"?',
      'materials[0].unitvalue':
        'unknown field "unitvalue" (check its spelling against the document format); did you mean "unitValue"?',
    });
  });
});
