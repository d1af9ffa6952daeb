/**
 * The producer document's own checks once it validates: its plants (ids unique, wage periods in order, wages
 * written in another currency noted for the rule pack's check, s. 12 and s. 18), the plant the good names, the
 * fiscal year and the steel and aluminum purchases (ids unique, HS codes read, values converted, s. 17), and the
 * labor value content figures converted to the reporting currency.
 */
import { amountText, compareMoney, isPositive, type Money } from '../num/money.js';
import type { Path } from '../documents/source.js';
import { problemAt } from './validate.js';
import type { Plant } from './model.js';
import type { NormalizeContext } from './normalize-context.js';

/** The producer's plants by id, checked; problems go to `ctx.problems`. */
export function readPlants(ctx: NormalizeContext): Map<string, Plant> {
  const out = new Map<string, Plant>();
  ctx.producer.plants.forEach((p, i) => {
    const path = [...ctx.producerBase, 'plants', i];
    if (out.has(p.id)) {
      ctx.problems.push(
        problemAt(ctx.producerDoc, [...path, 'id'], 'PLANT_DUPLICATE_ID', `plant id "${p.id}" is declared twice`),
      );
      return;
    }
    if (p.wages && p.wages.period.end < p.wages.period.start) {
      ctx.problems.push(
        problemAt(
          ctx.producerDoc,
          [...path, 'wages', 'period', 'end'],
          'PERIOD_INVALID',
          'the wage period ends before it starts',
        ),
      );
    }
    // Wages are in the plant's own currency unless written { amount, currency } (s. 12); whether another
    // currency can be compared with the plant's rate is checked with the rule pack (rule-checks.ts).
    for (const field of ['baseWages', 'averageBaseHourlyWage'] as const) {
      const w = p.wages?.[field];
      if (w !== undefined && typeof w !== 'string')
        ctx.wageCurrencies.push({
          plant: p.id,
          country: p.country,
          currency: w.currency,
          doc: ctx.producerDoc,
          path: [...path, 'wages', field],
        });
    }
    out.set(p.id, {
      id: p.id,
      name: p.name,
      country: p.country,
      operator: p.operator,
      role: p.role,
      path: `plants[${i}]`,
      input: p,
    });
  });
  const goodPlant = ctx.input.good.plant;
  if (goodPlant !== undefined && !out.has(goodPlant)) {
    ctx.problems.push(
      problemAt(
        ctx.doc,
        ['good', 'plant'],
        'PLANT_UNKNOWN',
        `plant "${goodPlant}" is not among the producer document's plants`,
      ),
    );
  }
  return out;
}

/** The producer document's periods, purchases and labor value content figures, checked and converted. */
export function checkProducer(ctx: NormalizeContext): void {
  const p = ctx.producer;
  const base = ctx.producerBase;
  if (p.fiscalYear && p.fiscalYear.end < p.fiscalYear.start) {
    ctx.problems.push(
      problemAt(
        ctx.producerDoc,
        [...base, 'fiscalYear', 'end'],
        'PERIOD_INVALID',
        'the fiscal year ends before it starts',
      ),
    );
  }
  const sa = p.steelAluminum;
  if (sa) {
    if (sa.period.end < sa.period.start) {
      ctx.problems.push(
        problemAt(
          ctx.producerDoc,
          [...base, 'steelAluminum', 'period', 'end'],
          'PERIOD_INVALID',
          'the purchase period ends before it starts',
        ),
      );
    }
    const ids = new Set<string>();
    sa.purchases.forEach((pu, i) => {
      const purchasesDoc = ctx.purchasesDoc ?? ctx.producerDoc;
      const path = ctx.purchasesDoc ? ['steelAluminum', 'purchases', i] : [...base, 'steelAluminum', 'purchases', i];
      if (ids.has(pu.id))
        ctx.problems.push(
          problemAt(purchasesDoc, [...path, 'id'], 'PURCHASE_DUPLICATE_ID', `purchase id "${pu.id}" appears twice`),
        );
      ids.add(pu.id);
      const subheading = ctx.subheading(purchasesDoc, [...path, 'hs'], pu.hs, true);
      ctx.purchaseCodes.push({ doc: purchasesDoc, path: [...path, 'hs'], written: pu.hs, subheading });
      ctx.convert(purchasesDoc, [...path, 'value'], pu.value.amount, pu.value.currency ?? p.currency);
    });
  }
  const lvc = p.laborValueContent;
  if (lvc) {
    const lbase = [...base, 'laborValueContent'];
    const converted: Partial<Record<'annualPurchaseValue' | 'totalAnnualPurchaseValue', Money>> = {};
    for (const key of [
      'highWageLaborCosts',
      'highWageTransportCosts',
      'annualPurchaseValue',
      'totalAnnualPurchaseValue',
    ] as const) {
      const m = lvc[key];
      if (!m) continue;
      const money = ctx.convert(ctx.producerDoc, [...lbase, key], m.amount, m.currency ?? p.currency);
      if (key === 'annualPurchaseValue' || key === 'totalAnnualPurchaseValue') converted[key] = money;
    }
    annualPurchaseProblems(ctx, lbase, converted.annualPurchaseValue, converted.totalAnnualPurchaseValue);
    if (lvc.technology) {
      for (const key of [
        'researchAndDevelopmentWages',
        'informationTechnologyWages',
        'directProductionWages',
      ] as const) {
        const m = lvc.technology[key];
        ctx.convert(ctx.producerDoc, [...lbase, 'technology', key], m.amount, m.currency ?? p.currency);
      }
    }
  }
}

/**
 * The annual figures of the LVC's annual-purchase-value formula (s. 18(6)(b)): the total annual purchase value is
 * what the formula divides by, so under that formula it must be more than zero (AMOUNT_NEGATIVE); and the annual
 * purchase value of high-wage materials is part of it (s. 12 definitions), so it cannot exceed it
 * (ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL). Amounts in the reporting currency.
 */
function annualPurchaseProblems(
  ctx: NormalizeContext,
  base: Path,
  apv: Money | undefined,
  tapv: Money | undefined,
): void {
  if (!apv || !tapv) return;
  if (ctx.input.elections?.lvcFormula === 'annual-purchase-value' && !isPositive(tapv))
    ctx.problems.push(
      problemAt(
        ctx.producerDoc,
        [...base, 'totalAnnualPurchaseValue'],
        'AMOUNT_NEGATIVE',
        'must be more than zero: the annual-purchase-value formula the claim elects divides by it (s. 18(6)(b))',
      ),
    );
  else if (compareMoney(apv, tapv) > 0)
    ctx.problems.push(
      problemAt(
        ctx.producerDoc,
        [...base, 'annualPurchaseValue'],
        'ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL',
        `the annual purchase value of high-wage materials (${amountText(apv)} ${apv.currency}) exceeds the total annual purchase value (${amountText(tapv)} ${tapv.currency}) it is part of (s. 12, s. 18(6)(b))`,
      ),
    );
}
