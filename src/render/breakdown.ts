/**
 * Where the value of non-originating materials comes from: the lines a decision counts in its VNM
 * (`decision.bom.counted`, the value of non-originating materials of s. 7(1) after roll-up), summed by country of
 * production and by supplier. A view for charts and for deciding whom to ask for evidence; it decides nothing.
 *
 * Each counted line is found in the claim by its key (ids from the top of the BOM down, joined by "/"). Its
 * country is its own `country`, else its plant's country, else "unknown". Its supplier is its plant's `operator`
 * (`self` is the producer, named), else the plant's name or id, else "not stated". Amounts are the counted
 * values, exact, in the decision's currency; groups are sorted by value, largest first, then by name.
 */
import { dec, moneyText, ZERO, compare, type Dec } from '../num/decimal.js';
import type { Material, NormalizedClaim } from '../input/model.js';
import type { Decision } from '../verdict/decision.js';

/** One group: its name, the sum of its counted values (money text, exact), and how many lines it holds. */
export interface BreakdownGroup {
  /** The country (ISO 3166 alpha-2, or "unknown") or the supplier's name ("not stated" where none is). */
  name: string;
  /** The sum of its counted values, exact, in the decision's currency (money text, e.g. "1234.50"). */
  value: string;
  /** How many counted lines it holds. */
  lines: number;
}

/** The counted VNM of one decision by country and by supplier (format usmca-roo/non-originating@1). */
export interface NonOriginatingBreakdown {
  /** `usmca-roo/non-originating@1`. */
  format: 'usmca-roo/non-originating@1';
  /** The decision's reporting currency (ISO 4217); every value is in it. */
  currency: string;
  /** The decision's `bom.valueOfNonOriginatingMaterials`: the sum of every group of each list. */
  total: string;
  /** By country of production (`unknown` where not stated), largest value first. */
  byCountry: BreakdownGroup[];
  /** By supplier (`not stated` where not stated), largest value first. */
  bySupplier: BreakdownGroup[];
}

export const UNKNOWN_COUNTRY = 'unknown';
export const SUPPLIER_NOT_STATED = 'not stated';

function materialsByKey(materials: readonly Material[], into = new Map<string, Material>()): Map<string, Material> {
  for (const m of materials) {
    into.set(m.key, m);
    materialsByKey(m.children, into);
  }
  return into;
}

function groups(sums: Map<string, { value: Dec; lines: number }>): BreakdownGroup[] {
  return [...sums.entries()]
    .sort(([a, x], [b, y]) => compare(y.value, x.value) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, s]) => ({ name, value: moneyText(s.value), lines: s.lines }));
}

function add(sums: Map<string, { value: Dec; lines: number }>, name: string, value: Dec): void {
  const s = sums.get(name) ?? { value: ZERO, lines: 0 };
  sums.set(name, { value: s.value.plus(value), lines: s.lines + 1 });
}

/** The breakdown of `decision`'s counted lines, looked up in the claim it was made from. */
export function nonOriginatingBreakdown(decision: Decision, claim: NormalizedClaim): NonOriginatingBreakdown {
  const byKey = materialsByKey(claim.materials);
  const byCountry = new Map<string, { value: Dec; lines: number }>();
  const bySupplier = new Map<string, { value: Dec; lines: number }>();
  for (const line of decision.bom.counted) {
    const m = byKey.get(line.material);
    const plant = m?.plant !== undefined ? claim.plants.get(m.plant) : undefined;
    const country = m?.country ?? plant?.country ?? UNKNOWN_COUNTRY;
    const supplier =
      plant === undefined
        ? SUPPLIER_NOT_STATED
        : plant.operator === 'self'
          ? claim.producer.name
          : (plant.operator ?? plant.name ?? plant.id);
    const value = dec(line.value);
    add(byCountry, country, value);
    add(bySupplier, supplier, value);
  }
  return {
    format: 'usmca-roo/non-originating@1',
    currency: decision.bom.currency,
    total: decision.bom.valueOfNonOriginatingMaterials,
    byCountry: groups(byCountry),
    bySupplier: groups(bySupplier),
  };
}
