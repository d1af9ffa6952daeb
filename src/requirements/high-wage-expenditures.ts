/**
 * The high-wage expenditures of the LVC's first term, per unit of the vehicle (UR s. 18(3)-(4), (7), (21); s. 12;
 * treaty Appendix Art. 7):
 * - HWM: the whole value of each material produced in a qualifying wage-rate plant, originating or not, and of the
 *   sub-tier materials of a part whose own plant does not qualify (s. 18(4), (7), (21)); a plant without wage data
 *   is an evidence gap with the value at stake;
 * - HWLC: the declared high-wage labor costs, counted only at a qualifying vehicle assembly plant (s. 12, s. 18(3));
 * - HWT: the declared high-wage transport costs (s. 18(3)(c)).
 * Amounts in the claim's currency. Also the lines produced in the territory without a plant named (lvc.ts reports
 * what each could add).
 */
import { listSome } from '../explain/trace.js';
import type { Material, NormalizedClaim } from '../input/model.js';
import { ONE, product, type Dec } from '../num/decimal.js';
import { amountText, isPositive, plus, sumMoney, times, zero, type Money } from '../num/money.js';
import type { RulesInForce } from '../rules/in-force.js';
import { producedInRegionWithoutPlant, type LineWithoutPlant } from './lvc-plant-missing.js';
import { noFindings, type Findings } from './result.js';
import type { PlantWageStatus } from './wages.js';

/** The expenditures, the lines they count, and the gaps and warnings found on the way. */
export interface HighWageExpenditures extends Findings {
  /** Each material counted in HWM: its key, its plant, and its whole value per unit of the good. */
  counted: Array<{ material: string; plant: string; value: Money }>;
  /** HWM: the sum of `counted`, per unit of the good. */
  hwm: Money;
  /** HWLC: the declared high-wage labor costs if the assembly plant qualifies, otherwise zero (and a gap). */
  hwlc: Money;
  /** HWT: the declared high-wage transport costs. */
  hwt: Money;
  /** Lines produced in the territory with no plant named, and their value per unit of the good. */
  withoutPlant: LineWithoutPlant[];
}

/**
 * HWM, HWLC and HWT of `claim`, given each plant's wage status (`statuses`, by plant id) and `money`, which restates
 * a declared amount (in its currency, or the producer's) in the claim's currency (zero where none is declared).
 */
export function highWageExpenditures(
  claim: NormalizedClaim,
  rules: RulesInForce,
  statuses: ReadonlyMap<string, PlantWageStatus>,
  money: (m: { amount: string; currency?: string | undefined } | undefined) => Money,
): HighWageExpenditures {
  const findings = noFindings();
  const cur = claim.currency;
  const lvc = claim.producer.laborValueContent;
  const nothing = zero(cur);
  // High-wage materials, s. 18(4), (7), (21).
  const counted: Array<{ material: string; plant: string; value: Money }> = [];
  const unknownPlants = new Map<string, Money>();
  const sameAsAssembly: string[] = [];
  const withoutPlant: LineWithoutPlant[] = [];
  const territory = rules.at('usmca.general.territory').value.countries;
  const walk = (list: readonly Material[], mult: Dec): void => {
    for (const m of list) {
      const status = m.plant !== undefined ? statuses.get(m.plant) : undefined;
      if (status?.qualifies === true) {
        counted.push({
          material: m.key,
          plant: m.plant as string,
          value: times(m.unitValue, product(mult, m.quantity)),
        });
        if (m.plant === claim.good.plant) sameAsAssembly.push(m.key);
        continue;
      }
      // Per unit of the good, computed only where a figure or the line's own materials need it.
      let perGood: Dec | undefined;
      if (status && status.qualifies === undefined) {
        perGood = product(mult, m.quantity);
        unknownPlants.set(status.plant, plus(unknownPlants.get(status.plant) ?? nothing, times(m.unitValue, perGood)));
      }
      if (producedInRegionWithoutPlant(m, territory)) {
        perGood ??= product(mult, m.quantity);
        withoutPlant.push({ material: m, value: times(m.unitValue, perGood) });
      }
      if (m.children.length > 0) walk(m.children, perGood ?? product(mult, m.quantity));
    }
  };
  walk(claim.materials, ONE);
  for (const [plant, value] of [...unknownPlants].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lapsed = statuses.get(plant)?.lapsed;
    findings.gaps.push(
      lapsed
        ? { code: 'WAGE_PERIOD_NOT_CURRENT', ...lapsed, valueAtStake: amountText(value) }
        : {
            code: 'PLANT_WAGES_MISSING',
            subject: `plants.${plant}`,
            message: `plant ${plant} has no wage data, so its materials cannot count as high-wage (s. 12, s. 18(4))`,
            valueAtStake: amountText(value),
          },
    );
  }
  const hwm = sumMoney(
    counted.map((c) => c.value),
    cur,
  );

  // High-wage labor costs count only at a qualifying vehicle assembly plant.
  const declaredHwlc = money(lvc?.highWageLaborCosts);
  const assembly = claim.good.plant !== undefined ? statuses.get(claim.good.plant) : undefined;
  let hwlc = nothing;
  if (isPositive(declaredHwlc)) {
    if (assembly?.qualifies === true) hwlc = declaredHwlc;
    else {
      const why = !assembly
        ? 'the claim names no assembly plant (good.plant)'
        : assembly.lapsed
          ? `assembly plant ${assembly.plant} is not shown to be a qualifying wage-rate plant: ${assembly.reason}`
          : assembly.qualifies === undefined
            ? `assembly plant ${assembly.plant} has no wage data`
            : `assembly plant ${assembly.plant} is not a qualifying wage-rate plant (${assembly.reason})`;
      findings.gaps.push({
        code: 'ASSEMBLY_PLANT_NOT_QUALIFYING',
        subject: 'producer.laborValueContent.highWageLaborCosts',
        message: `high-wage labor costs are not counted: ${why}`,
        valueAtStake: amountText(declaredHwlc),
      });
    }
  }
  const hwt = money(lvc?.highWageTransportCosts);
  if (isPositive(hwlc) && sameAsAssembly.length > 0) {
    findings.warnings.push({
      code: 'LVC_POSSIBLE_DOUBLE_COUNT',
      subject: 'producer.laborValueContent.highWageLaborCosts',
      message: `materials made at the assembly plant ${claim.good.plant ?? ''} count in full as high-wage materials (${listSome([...sameAsAssembly].sort())}) while the plant's wages count as high-wage labor costs: make sure the same wages are not in both`,
    });
  }

  return { counted, hwm, hwlc, hwt, withoutPlant, ...findings };
}
