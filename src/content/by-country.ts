/**
 * Content by country of production, on the same bill of materials as the RVC roll-up: a bought-in line counts at
 * its value for the country where it was produced; a self-produced line with its own materials is looked
 * through (its materials count for their countries, as in the RVC roll-up, s. 7(5)(a)), and what its own
 * production adds (its value less its materials) counts for the country where it was made. The designation of an
 * intermediate material, an RVC election, does not stop the look-through: where the inputs were made is a fact.
 * A line whose country is not known is `unknown`, and never U.S. content. Quantities multiply down the tree.
 */
import type { Material } from '../input/model.js';
import { moneyText, ONE, ZERO, type Dec } from '../num/decimal.js';
import type { Warning } from '../requirements/result.js';

export const BUCKETS = ['US', 'CA', 'MX', 'other', 'unknown'] as const;
/** Where content was produced: US, CA, MX, `other` (any other country) or `unknown` (no country declared). */
export type Bucket = (typeof BUCKETS)[number];

/** One part of the vehicle's value, by where it was produced: a bought line, or a self-produced line's added value. */
export interface ContentLine {
  /** The line's key (ids from the top of the BOM), with "(own production)" for a self-produced line's added value. */
  key: string;
  /** The key of the BOM line it belongs to (for evidence and origin). */
  lineKey: string;
  /** The line's description, as the claim writes it. */
  description: string;
  /** Its HS subheading, where declared. */
  hs?: string | undefined;
  /** A bought material, or the value the producer added to a self-produced line (its value less its materials). */
  kind: 'bought' | 'own-production';
  /** Country of production (ISO 3166 alpha-2), where declared. */
  country?: string | undefined;
  /** The country bucket its value counts in. */
  bucket: Bucket;
  /** Declared USMCA origin of the line (for an own-production value: of the self-produced line). */
  origin: Material['origin'];
  /** Units of it in one vehicle (the quantities down its branch multiplied). */
  quantityPerGood: Dec;
  /** Value per vehicle, reporting currency. */
  value: Dec;
  /** The BOM line, as the legal tests read it. */
  material: Material;
}

export interface CountryRollUp {
  lines: ContentLine[];
  byCountry: Record<Bucket, Dec>;
  /** Sum of the lines: the materials of one vehicle, looked through. */
  materialsValue: Dec;
  warnings: Warning[];
}

export function bucketOf(country: string | undefined): Bucket {
  if (country === undefined) return 'unknown';
  return country === 'US' || country === 'CA' || country === 'MX' ? country : 'other';
}

export function contentByCountry(
  materials: readonly Material[],
  countryOf: (m: Material) => string | undefined,
): CountryRollUp {
  const lines: ContentLine[] = [];
  const warnings: Warning[] = [];
  const add = (m: Material, kind: ContentLine['kind'], perGood: Dec, value: Dec): void => {
    const country = countryOf(m);
    lines.push({
      key: kind === 'own-production' ? `${m.key} (own production)` : m.key,
      lineKey: m.key,
      description: m.description,
      hs: m.hs,
      kind,
      country,
      bucket: bucketOf(country),
      origin: m.origin,
      quantityPerGood: perGood,
      value,
      material: m,
    });
  };
  const visit = (m: Material, multiplier: Dec): void => {
    const perGood = multiplier.times(m.quantity);
    if (!(m.selfProduced && m.children.length > 0)) {
      add(m, 'bought', perGood, m.unitValue.amount.times(perGood));
      return;
    }
    let inputs = ZERO;
    for (const c of m.children) {
      inputs = inputs.plus(c.value.amount);
      visit(c, perGood);
    }
    const added = m.unitValue.amount.minus(inputs);
    if (added.isNegative()) {
      warnings.push({
        code: 'CONTENT_INPUTS_EXCEED_VALUE',
        subject: m.key,
        message: `${m.key}: its materials (${moneyText(inputs)} per unit) are worth more than the line (${moneyText(m.unitValue.amount)}); they are counted at their values and no own production is added`,
      });
    } else if (!added.isZero()) add(m, 'own-production', perGood, added.times(perGood));
  };
  for (const m of materials) visit(m, ONE);
  const byCountry = { US: ZERO, CA: ZERO, MX: ZERO, other: ZERO, unknown: ZERO } as Record<Bucket, Dec>;
  let materialsValue = ZERO;
  for (const l of lines) {
    byCountry[l.bucket] = byCountry[l.bucket].plus(l.value);
    materialsValue = materialsValue.plus(l.value);
  }
  return { lines, byCountry, materialsValue, warnings };
}
