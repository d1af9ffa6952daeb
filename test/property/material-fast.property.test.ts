/**
 * The fast BOM-line check (material-fast.ts) against the declared reference schema: on generated lines,
 * valid and broken, both accept the same lines with the same output (key order included) and report the
 * same problems.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { materialReferenceSchema, materialSchema } from '../../src/input/documents.js';

const decimalText = fc.oneof(
  fc.constantFrom('0', '1', '2', '0.00', '-0', '3150.00', '12.5', '007'),
  fc.integer({ min: 0, max: 10 ** 9 }).map((n) => (n / 100).toFixed(2)),
);
const badValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(true),
  fc.constant(''),
  fc.constant('x'),
  fc.constant('-5'),
  fc.constant('1e3'),
  fc.constant('1,5'),
  fc.constant(1.5),
  fc.constant(-2),
  fc.constant(42),
  fc.constant(-0),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ amount: '1', currency: 'usd' }),
  fc.constant({ amount: '1', extra: 1 }),
  fc.constant('8703'),
  fc.constant('MEX'),
  fc.constant('ORIGINATING'),
  fc.constant('engine'),
);
const money = fc.oneof(
  decimalText,
  fc.record({ amount: decimalText, currency: fc.constantFrom('USD', 'MXN', 'CAD') }, { requiredKeys: ['amount'] }),
  fc.integer({ min: 0, max: 1000 }),
);

const line: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  line: fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 5 }),
      description: fc.string({ maxLength: 8 }),
      hs: fc.constantFrom('8703.23', '8708.99', '8409.91'),
      quantity: fc.oneof(decimalText, fc.integer({ min: 0, max: 50 })),
      unitValue: money,
      currency: fc.constantFrom('USD', 'MXN'),
      origin: fc.constantFrom('originating', 'non-originating', 'unknown'),
      country: fc.constantFrom('US', 'MX', 'DE'),
      plant: fc.constantFrom('P1', 'P2'),
      selfProduced: fc.boolean(),
      intermediate: fc.boolean(),
      supplierStatement: fc.oneof(
        fc.record({ netCost: decimalText, valueOfNonOriginatingMaterials: decimalText }),
        fc.record({ netCost: decimalText, regionalContentAmount: decimalText, reference: fc.string() }),
      ),
      corePart: fc.constantFrom('engines', 'transmissions', 'advanced-batteries'),
      coreComponent: fc.constantFrom('blocks', 'pistons'),
      netCost: money,
      partTable: fc.constantFrom('A.1', 'B', 'E'),
      evidence: fc.oneof(fc.record({ ref: fc.string({ minLength: 1, maxLength: 6 }) }), fc.constant({ ref: '' })),
      materials: fc.array(tie('line'), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'quantity', 'unitValue', 'origin'] },
  ),
})).line as fc.Arbitrary<Record<string, unknown>>;

const FIELDS = [
  'id',
  'description',
  'hs',
  'quantity',
  'unitValue',
  'currency',
  'origin',
  'country',
  'plant',
  'selfProduced',
  'intermediate',
  'supplierStatement',
  'corePart',
  'coreComponent',
  'netCost',
  'partTable',
  'evidence',
  'materials',
  'bogus',
];

/** Break one field of the line or of one of its descendants. */
const broken = fc.tuple(line, fc.constantFrom(...FIELDS), badValue, fc.nat()).map(([l, field, bad, pick]) => {
  const copy = structuredClone(l);
  const all: Record<string, unknown>[] = [];
  const walk = (x: Record<string, unknown>) => {
    all.push(x);
    for (const c of (x.materials as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  walk(copy);
  const target = all[pick % all.length] as Record<string, unknown>;
  target[field] = bad;
  return copy;
});

function compare(input: unknown[]): void {
  const fast = z.array(materialSchema).safeParse(input);
  const reference = z.array(materialReferenceSchema).safeParse(input);
  expect(fast.success).toBe(reference.success);
  if (fast.success && reference.success) expect(JSON.stringify(fast.data)).toBe(JSON.stringify(reference.data));
  if (!fast.success && !reference.success) {
    const show = (issues: z.core.$ZodIssue[]) =>
      issues
        .map(
          (i) =>
            `${i.path.join('.')}|${i.code}|${i.message}|${JSON.stringify((i as { params?: unknown }).params ?? null)}`,
        )
        .sort();
    expect(show(fast.error.issues)).toEqual(show(reference.error.issues));
  }
}

describe('fast BOM-line check', () => {
  it('accepts the same valid lines with the same output', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 3 }), (lines) => compare(lines)),
      { numRuns: 400 },
    );
  });

  it('rejects the same broken lines with the same problems', () => {
    fc.assert(
      fc.property(fc.array(broken, { minLength: 1, maxLength: 2 }), (lines) => compare(lines)),
      { numRuns: 600 },
    );
  });
});
