/**
 * Every problem at once: the checks between fields and documents (plants named, ids unique, rates declared,
 * periods in order, core parts complete, statements consistent, HS codes in the nomenclature) run on every part
 * of a claim that can be read, also when another part breaks the schema; and a bare JSON number refused in a
 * file does not stop the rest of that file from being checked. One test per kind of cross-check, each with a
 * schema problem elsewhere in the same claim.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadClaimFile, type LoadOptions } from '../../src/input/load-claim.js';
import { InputError, type InputProblem } from '../../src/input/problems.js';
import { loadRulePack } from '../../src/rules/load.js';
import { ruleFacts } from '../../src/rules/facts.js';
import { claim, line, producer, type Obj } from '../helpers.js';

function problemsOf(files: Record<string, string>, main = 'claim.yaml', options: LoadOptions = {}): InputProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'cross-checks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    loadClaimFile(join(dir, main), options);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('the claim was accepted');
}

/** `path code` of each problem. */
const found = (problems: InputProblem[]) => problems.map((p) => `${p.path} ${p.code}`);

/** A claim with the producer inline and one schema problem (an impossible decision date) besides `extra`. */
function broken(extra: Obj): Record<string, string> {
  return { 'claim.yaml': stringify({ ...claim(extra), decisionDate: '2026-02-30' }) };
}

const DATE = 'decisionDate DATE_INVALID';

describe('cross-checks run beside a schema problem', () => {
  it('PLANT_UNKNOWN: a line names a plant the producer document lacks', () => {
    const problems = problemsOf(broken({ materials: [line('A', '10.00', 'originating', { plant: 'NOPE' })] }));
    expect(found(problems)).toEqual([DATE, 'materials[0].plant PLANT_UNKNOWN']);
  });

  it('PLANT_UNKNOWN: the good names a plant the producer document lacks', () => {
    const doc = claim();
    const problems = problemsOf(broken({ good: { ...(doc.good as Obj), plant: 'NOPE' } }));
    expect(found(problems)).toEqual([DATE, 'good.plant PLANT_UNKNOWN']);
  });

  it('BOM_DUPLICATE_ID: two lines of one list share an id, a third line breaks the schema', () => {
    const problems = problemsOf({
      'claim.yaml': stringify(
        claim({
          materials: [
            line('A', '10.00', 'originating'),
            line('A', '20.00', 'originating'),
            line('B', 'ten', 'originating'),
          ],
        }),
      ),
    });
    expect(found(problems)).toEqual(['materials[1].id BOM_DUPLICATE_ID', 'materials[2].unitValue DECIMAL_INVALID']);
  });

  it('EXCHANGE_RATE_MISSING: a line in a currency without a rate', () => {
    const problems = problemsOf(
      broken({ materials: [line('A', '10.00', 'originating', { unitValue: { amount: '10.00', currency: 'EUR' } })] }),
    );
    expect(found(problems)).toEqual([DATE, 'materials[0].unitValue EXCHANGE_RATE_MISSING']);
  });

  it('EXCHANGE_RATE_DUPLICATE: two rates for one currency', () => {
    const rate = { currency: 'MXN', rate: '0.05', date: '2025-12-31', source: 'bank' };
    const problems = problemsOf(broken({ exchangeRates: [rate, rate] }));
    expect(found(problems)).toContain('exchangeRates[1].currency EXCHANGE_RATE_DUPLICATE');
    expect(found(problems)).toContain(DATE);
  });

  it('PERIOD_INVALID: the period ends before it starts', () => {
    const problems = problemsOf(broken({ period: { start: '2025-12-31', end: '2025-01-01' } }));
    expect(found(problems)).toEqual([DATE, 'period.end PERIOD_INVALID']);
  });

  it('NET_COST_NOT_POSITIVE: the excluded costs leave no net cost, a line breaks the schema', () => {
    const doc = claim();
    const costs = doc.costs as Obj;
    const problems = problemsOf({
      'claim.yaml': stringify(
        claim({
          costs: { ...costs, totalCost: '0.00' },
          materials: [line('A', 'ten', 'originating')],
        }),
      ),
    });
    expect(found(problems)).toEqual([
      'costs.totalCost NET_COST_NOT_POSITIVE',
      'materials[0].unitValue DECIMAL_INVALID',
    ]);
  });

  it('AMOUNT_NEGATIVE: a core part of quantity 0, its own or a line above it, accounts for no group (s. 14(4))', () => {
    const engine = (quantity: string) => ({
      ...line('ENG', '100.00', 'originating', { corePart: 'engines' }),
      quantity,
    });
    expect(found(problemsOf(broken({ materials: [engine('0')] })))).toEqual([
      DATE,
      'materials[0].quantity AMOUNT_NEGATIVE',
    ]);
    const inside = {
      ...line('PT', '100.00', 'originating', { selfProduced: true, materials: [engine('1')] }),
      quantity: '0.00',
    };
    expect(found(problemsOf(broken({ materials: [inside] })))).toEqual([
      DATE,
      'materials[0].materials[0].quantity AMOUNT_NEGATIVE',
    ]);
    // Any quantity above zero is a part of the vehicle; a line of quantity 0 that is no core part is accepted.
    expect(
      found(
        problemsOf(broken({ materials: [engine('0.001'), { ...line('X', '1.00', 'originating'), quantity: '0' }] })),
      ),
    ).toEqual([DATE]);
  });

  it('CORE_PART_INCOMPLETE: a core part with materials but no net cost', () => {
    const engine = line('ENG', '100.00', 'originating', {
      corePart: 'engines',
      materials: [line('BLK', '10.00', 'non-originating')],
    });
    const problems = problemsOf(broken({ materials: [engine] }));
    expect(found(problems)).toEqual([DATE, 'materials[0].netCost CORE_PART_INCOMPLETE']);
  });

  it('INTERMEDIATE_NOT_SELF_PRODUCED: an intermediate material bought in', () => {
    const problems = problemsOf(broken({ materials: [line('A', '10.00', 'originating', { intermediate: true })] }));
    expect(found(problems)).toEqual([DATE, 'materials[0].intermediate INTERMEDIATE_NOT_SELF_PRODUCED']);
  });

  it('SUPPLIER_STATEMENT_INCONSISTENT: a statement states more regional content than the line is worth', () => {
    const statement = { netCost: '10.00', regionalContentAmount: '50.00' };
    const problems = problemsOf(
      broken({ materials: [line('A', '10.00', 'non-originating', { supplierStatement: statement })] }),
    );
    expect(found(problems)).toEqual([
      DATE,
      'materials[0].supplierStatement.regionalContentAmount SUPPLIER_STATEMENT_INCONSISTENT',
    ]);
  });

  it('FIELD_REQUIRED: a statement of non-originating value under the net cost method without its net cost (s. 9(2)(a))', () => {
    const statement = { valueOfNonOriginatingMaterials: '2.00' };
    const problems = problemsOf(
      broken({ materials: [line('A', '10.00', 'non-originating', { supplierStatement: statement })] }),
    );
    expect(found(problems)).toEqual([DATE, 'materials[0].supplierStatement.netCost FIELD_REQUIRED']);
    const message = problems[1]!.message;
    expect(message).toContain('supplierStatement.netCost is required');
    expect(message).toContain('net cost method (s. 9(2)(a))');
    // Averaged over a period, the statement is one of s. 9(4)(a).
    const averaged = problemsOf(
      broken({
        materials: [
          line('A', '10.00', 'non-originating', {
            supplierStatement: { ...statement, period: { start: '2025-01-01', end: '2025-12-31' } },
          }),
        ],
      }),
    );
    expect(averaged[1]!.message).toContain('s. 9(4)(a)');
  });

  it('no net cost is needed by an s. 9(2)(b) statement, nor by an s. 9(3) one under the transaction value method', () => {
    const amount = { regionalContentAmount: '7.00' };
    const vnm = { valueOfNonOriginatingMaterials: '2.00' };
    expect(
      found(problemsOf(broken({ materials: [line('A', '10.00', 'non-originating', { supplierStatement: amount })] }))),
    ).toEqual([DATE]);
    expect(
      found(
        problemsOf(
          broken({
            elections: { rvcMethod: 'transaction-value' },
            materials: [line('A', '10.00', 'non-originating', { supplierStatement: vnm })],
          }),
        ),
      ),
    ).toEqual([DATE]);
  });

  it('FIELD_REQUIRED: a line whose origin the engine does not compute gives none', () => {
    const { origin: _left, ...noOrigin } = line('A', '10.00', 'originating');
    const problems = problemsOf(broken({ materials: [noOrigin] }));
    expect(found(problems)).toEqual([DATE, 'materials[0].origin FIELD_REQUIRED']);
  });

  it('HS_UNKNOWN: a well-formed code outside the nomenclature, checked against the rule pack', () => {
    const rules = ruleFacts(loadRulePack());
    const problems = problemsOf(
      broken({ materials: [line('A', '10.00', 'originating', { hs: '8703.80' })] }),
      'claim.yaml',
      { rules },
    );
    expect(found(problems)).toEqual([DATE, 'materials[0].hs HS_UNKNOWN']);
  });

  describe("VALUE_NOT_ALLOWED: a part's ruleGoods that its product-specific rule does not name, checked against the rule pack", () => {
    const rules = ruleFacts(loadRulePack());
    // The schema problem beside it is a line's unit value: the decision date must be read to find the rule in force.
    const LINE = 'materials[0].unitValue DECIMAL_INVALID';
    const problems = (good: Obj) =>
      problemsOf(
        {
          'claim.yaml': stringify(
            claim({
              good: { kind: 'part', description: 'brake', hs: '8708.30', ...good },
              materials: [line('A', 'ten', 'originating')],
            }),
          ),
        },
        'claim.yaml',
        { rules },
      );
    const refused = (good: Obj) => {
      const all = problems(good);
      expect(found(all)).toEqual(['good.ruleGoods VALUE_NOT_ALLOWED', LINE]);
      return all[0]?.message ?? '';
    };
    const accepted = (good: Obj) => expect(found(problems(good))).toEqual([LINE]);

    it('a misspelling is refused with the goods of s. 13, 8708.30 (3), never read as "any other good"', () => {
      const message = refused({ use: 'aftermarket', ruleGoods: 'mounted brake lining' });
      expect(message).toContain('"mounted brake lining"');
      expect(message).toContain('HS 8708.30 as an aftermarket part (s. 13, 8708.30 (3))');
      expect(message).toContain('expected one of "mounted brake linings", "any other good"');
      expect(message).toContain('did you mean "mounted brake linings"?');
    });

    it('the goods of the rule, and "any other good", are accepted as written', () => {
      accepted({ use: 'aftermarket', ruleGoods: 'mounted brake linings' });
      accepted({ use: 'aftermarket', ruleGoods: 'any other good' });
      accepted({ use: 'original-equipment', forVehicleClass: 'other-vehicle', ruleGoods: 'any other good' });
    });

    it('the rule of the use decides: for a passenger vehicle 8708.30 (1) names no goods', () => {
      const message = refused({
        use: 'original-equipment',
        forVehicleClass: 'passenger-vehicle',
        ruleGoods: 'any other good',
      });
      expect(message).toContain('as original equipment in a passenger vehicle (s. 13, 8708.30 (1)) names no goods');
    });

    it('an "ex" scope is goods the rules name (8708.29 body stampings)', () => {
      const good = { hs: '8708.29', use: 'original-equipment', forVehicleClass: 'passenger-vehicle' };
      accepted({ ...good, ruleGoods: 'body stampings' });
      expect(refused({ ...good, ruleGoods: 'body stamping' })).toContain(
        '"body stampings", "goods other than body stampings"',
      );
    });

    it('left to the evaluation where the pack holds no read rule for the code, or the claim gives no use', () => {
      accepted({ hs: '8714.10', use: 'aftermarket', ruleGoods: 'motors' });
      accepted({ ruleGoods: 'mounted brake lining' });
    });
  });

  it("PLANT_DUPLICATE_ID: the producer document's plants, checked beside its own schema problem", () => {
    const plant = { id: 'ASM', country: 'MX' };
    const files = {
      'producer.yaml': stringify(
        producer({ plants: [plant, plant], fiscalYear: { start: '2025-13-01', end: '2025-12-31' } }),
      ),
      'claim.yaml': stringify(claim({ producer: 'producer.yaml' })),
    };
    expect(found(problemsOf(files))).toEqual(['plants[1].id PLANT_DUPLICATE_ID', 'fiscalYear.start DATE_INVALID']);
  });

  it('PURCHASE_DUPLICATE_ID: two purchases share an id, a third breaks the schema', () => {
    const purchase = { id: 'P1', metal: 'steel', hs: '7208.10', value: '10.00', origin: 'originating' };
    const steelAluminum = {
      period: { start: '2025-01-01', end: '2025-12-31', kind: 'previous-calendar-year' },
      basis: 'all-vehicles-produced',
      purchases: [purchase, purchase, { ...purchase, id: 'P2', metal: 'tin' }],
    };
    const problems = problemsOf(broken({ producer: producer({ steelAluminum }) }));
    expect(found(problems)).toEqual([
      DATE,
      'producer.steelAluminum.purchases[1].id PURCHASE_DUPLICATE_ID',
      'producer.steelAluminum.purchases[2].metal VALUE_NOT_ALLOWED',
    ]);
  });

  it('the lines inside a broken line are still checked', () => {
    const parent = line('ENG', 'ten', 'originating', {
      selfProduced: true,
      materials: [line('BLK', '10.00', 'originating', { plant: 'NOPE' })],
    });
    expect(found(problemsOf({ 'claim.yaml': stringify(claim({ materials: [parent] })) }))).toEqual([
      'materials[0].unitValue DECIMAL_INVALID',
      'materials[0].materials[0].plant PLANT_UNKNOWN',
    ]);
  });
});

describe('what stands in for a broken field is never reported', () => {
  it('a line whose selfProduced cannot be read is not also "intermediate but not self-produced"', () => {
    const bad = line('A', '10.00', 'originating', { selfProduced: 'yes', intermediate: true });
    expect(found(problemsOf({ 'claim.yaml': stringify(claim({ materials: [bad] })) }))).toEqual([
      'materials[0].selfProduced FIELD_TYPE',
    ]);
  });

  it('a rate whose currency cannot be read does not make every amount in that currency "without a rate"', () => {
    const problems = problemsOf({
      'claim.yaml': stringify(
        claim({
          exchangeRates: [{ currency: 'pesos', rate: '0.05', date: '2025-12-31', source: 'bank' }],
          materials: [line('A', '10.00', 'originating', { unitValue: { amount: '10.00', currency: 'MXN' } })],
        }),
      ),
    });
    expect(found(problems)).toEqual(['exchangeRates[0].currency CURRENCY_INVALID']);
  });

  it('a producer document that cannot be read does not make every plant unknown', () => {
    const files = {
      'claim.yaml': stringify(
        claim({ producer: 'missing.yaml', materials: [line('A', '10.00', 'originating', { plant: 'ASM' })] }),
      ),
    };
    expect(found(problemsOf(files)).map((p) => p.split(' ')[1])).toEqual(['FILE_NOT_READABLE']);
  });
});

describe('a bare JSON number does not stop the checks of the rest of its file', () => {
  const json = (doc: Obj) =>
    JSON.stringify(doc, null, 2)
      .replace('"unitValue": "100.10"', '"unitValue": 100.10')
      .replace('"hs": "8708.10"', '"hs": 8708.10');

  it('the numbers are reported as written, beside the schema and cross-check problems of the same file', () => {
    const doc = claim({
      decisionDate: '2026-02-30',
      materials: [
        line('A', '100.10', 'originating', { hs: '8708.99' }),
        line('B', '10.00', 'originating', { hs: '8708.10', plant: 'NOPE' }),
      ],
    });
    const problems = problemsOf({ 'claim.json': json(doc) }, 'claim.json');
    expect(found(problems)).toEqual([
      DATE,
      'materials[0].unitValue BARE_JSON_NUMBER',
      'materials[1].hs BARE_JSON_NUMBER',
      'materials[1].plant PLANT_UNKNOWN',
    ]);
    // The text as written, and the advice to quote it; never the value a double makes of it (8708.1).
    const hs = problems.find((p) => p.path === 'materials[1].hs');
    expect(hs?.message).toContain('8708.10');
    expect(hs?.message).toContain('"8708.10"');
    expect(hs?.message).not.toMatch(/8708\.1(?!0)/);
  });

  it('in a producer document the claim names, likewise', () => {
    const files = {
      'producer.json': JSON.stringify(producer({ plants: [{ id: 'ASM', country: 'MX' }], fiscalYear: 7 })).replace(
        '"name":"Test Motors"',
        '"name":"Test Motors","capacityNote":1.5',
      ),
      'claim.yaml': stringify(claim({ producer: 'producer.json' })),
    };
    const problems = problemsOf(files);
    expect(found(problems)).toEqual(['capacityNote BARE_JSON_NUMBER', 'fiscalYear FIELD_TYPE']);
  });
});
