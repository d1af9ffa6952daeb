/**
 * The parts of a BOM line beyond its own value, read into the reporting currency: its other money fields, its
 * quotes from other suppliers (`alternatives`, for advise) and its supplier statement (accumulation, s. 9(2)).
 */
import { dec } from '../num/decimal.js';
import { compareMoney, money, type Money } from '../num/money.js';
import type { Path } from '../documents/source.js';
import type { MaterialInput } from './documents.js';
import type { Alternative, Material, Plant, SupplierStatement } from './model.js';
import { linePath, type NormalizeContext } from './normalize-context.js';
import { problemAt } from './validate.js';

/** A money field of a BOM line (`field` its path under the line), in the reporting currency. */
export function lineMoney(
  ctx: NormalizeContext,
  material: Material,
  lineCurrency: string,
  v: { amount: string; currency?: string | undefined },
  ...field: string[]
): Money {
  const c = v.currency ?? lineCurrency;
  return c === ctx.input.currency
    ? money(dec(v.amount), c)
    : ctx.convert(ctx.materialsDoc, () => linePath(material, ...field), v.amount, c);
}

/** A line's quotes from other suppliers: prices in the reporting currency, plants known. */
export function readAlternatives(
  ctx: NormalizeContext,
  m: MaterialInput,
  material: Material,
  lineCurrency: string,
  plants: Map<string, Plant>,
): Alternative[] {
  return (m.alternatives ?? []).map((a, index) => {
    const currency = a.unitValue.currency ?? a.currency ?? lineCurrency;
    const where = () => linePath(material, 'alternatives', index, 'unitValue');
    const unitValue =
      currency === ctx.input.currency
        ? money(dec(a.unitValue.amount), currency)
        : ctx.convert(ctx.materialsDoc, where, a.unitValue.amount, currency);
    if (a.plant !== undefined && !plants.has(a.plant)) {
      ctx.problems.push(
        problemAt(
          ctx.materialsDoc,
          linePath(material, 'alternatives', index, 'plant'),
          'PLANT_UNKNOWN',
          `plant "${a.plant}" is not among the producer document's plants`,
        ),
      );
    }
    return {
      index,
      supplier: a.supplier,
      unitValue,
      origin: a.origin,
      country: a.country,
      plant: a.plant,
      reference: a.reference,
    };
  });
}

/**
 * A line's supplier statement (s. 9(2)(a): net cost and value of non-originating materials; s. 9(2)(b): an amount of
 * net cost free of non-originating materials; s. 9(3): the value of non-originating materials, under the transaction
 * value method), in the reporting currency; a statement giving both or neither, without the net cost where the
 * net cost method uses it (s. 9(2)(a)), or stating more regional content than the line is worth, is a problem.
 */
export function readStatement(
  ctx: NormalizeContext,
  m: MaterialInput,
  material: Material,
  lineCurrency: string,
): SupplierStatement {
  const here = (...rest: (string | number)[]): Path => linePath(material, ...rest);
  const amount = (field: string, v: { amount: string; currency?: string | undefined }, ...sub: string[]): Money =>
    lineMoney(ctx, material, lineCurrency, v, field, ...sub);
  const s = m.supplierStatement as NonNullable<MaterialInput['supplierStatement']>;
  const hasVnm = s.valueOfNonOriginatingMaterials !== undefined;
  const hasRca = s.regionalContentAmount !== undefined;
  if (hasVnm === hasRca) {
    ctx.problems.push(
      problemAt(
        ctx.materialsDoc,
        here('supplierStatement'),
        hasVnm ? 'FIELD_UNKNOWN' : 'FIELD_REQUIRED',
        'a supplier statement gives either valueOfNonOriginatingMaterials (s. 9(2)(a)) or regionalContentAmount (s. 9(2)(b)), exactly one',
      ),
    );
  }
  // s. 9(2)(a), (4)(a): under the net cost method, the good's net cost with respect to the material is the
  // supplier's; a statement of an amount of net cost (s. 9(2)(b)) or the transaction value method (s. 9(3)) uses none.
  const method = ctx.input.elections?.rvcMethod ?? 'net-cost';
  if (s.netCost === undefined && hasVnm && method === 'net-cost') {
    const kind = s.period !== undefined ? 's. 9(4)(a), averaged over a period' : 's. 9(2)(a)';
    ctx.problems.push(
      problemAt(
        ctx.materialsDoc,
        here('supplierStatement', 'netCost'),
        'FIELD_REQUIRED',
        `supplierStatement.netCost is required for a statement of the value of non-originating materials under the net cost method (${kind}): the good's net cost with respect to the material is the supplier's net cost. A statement of an amount of net cost (regionalContentAmount, s. 9(2)(b)) or one under the transaction value method (s. 9(3)) needs none`,
      ),
    );
  }
  const statement: SupplierStatement = {
    netCost: s.netCost && amount('supplierStatement', s.netCost, 'netCost'),
    valueOfNonOriginatingMaterials:
      s.valueOfNonOriginatingMaterials &&
      amount('supplierStatement', s.valueOfNonOriginatingMaterials, 'valueOfNonOriginatingMaterials'),
    regionalContentAmount:
      s.regionalContentAmount && amount('supplierStatement', s.regionalContentAmount, 'regionalContentAmount'),
    additionalCosts: s.additionalCosts && amount('supplierStatement', s.additionalCosts, 'additionalCosts'),
    reference: s.reference,
  };
  if (statement.regionalContentAmount && compareMoney(statement.regionalContentAmount, material.unitValue) > 0) {
    ctx.problems.push(
      problemAt(
        ctx.materialsDoc,
        here('supplierStatement', 'regionalContentAmount'),
        'SUPPLIER_STATEMENT_INCONSISTENT',
        `the stated regional content (${s.regionalContentAmount?.amount}) exceeds the material's unit value (${m.unitValue.amount})`,
      ),
    );
  }
  if (
    statement.valueOfNonOriginatingMaterials &&
    statement.netCost &&
    compareMoney(statement.valueOfNonOriginatingMaterials, statement.netCost) > 0
  ) {
    ctx.problems.push(
      problemAt(
        ctx.materialsDoc,
        here('supplierStatement', 'valueOfNonOriginatingMaterials'),
        'SUPPLIER_STATEMENT_INCONSISTENT',
        'the stated value of non-originating materials exceeds the stated net cost',
      ),
    );
  }
  return statement;
}
