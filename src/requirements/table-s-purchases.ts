/**
 * The steel or aluminum purchases of s. 17 sorted against Table S (UR s. 17(2), (5); treaty Appendix Art. 6): those
 * outside the table are listed and ignored; each one within it is counted at its value in the claim's currency,
 * originating or not. A purchase of unknown origin counts as non-originating (a gap); where the rule requires it
 * (s. 17(5)(b)), originating steel not shown melted and poured in the region counts as non-originating (a gap).
 * The purchase of a part listed "ex" in Table S counts only for its metal: a warning names those not marked so.
 */
import { listSome } from '../explain/trace.js';
import type { NormalizedClaim } from '../input/model.js';
import { amountText, type Money } from '../num/money.js';
import { hsMatchesAny } from '../rules/hs.js';
import type { RulesInForce } from '../rules/in-force.js';
import type { InForce } from '../rules/pack.js';
import type { TableRow } from '../rules/values.js';
import { noFindings, type Findings } from './result.js';

/** A purchase as the producer document lists it. */
type Purchase = NonNullable<NormalizedClaim['producer']['steelAluminum']>['purchases'][number];

/** A Table S purchase as counted. */
export interface Counted {
  /** The purchase's id. */
  id: string;
  /** Its HS code as written ("ex 8708.29" for a part). */
  hs: string;
  /** Its value in the claim's currency. */
  value: Money;
  /** Whether it counts as originating (s. 17(5)). */
  originating: boolean;
  /** Why an originating purchase does not count as one, or that its origin is unknown. */
  note?: string;
}

/** The purchases counted and ignored, with the gaps and warnings found. */
export interface TableSPurchases extends Findings {
  /** The purchases of the metal within Table S, in the order listed. */
  counted: Counted[];
  /** The purchases of the metal outside Table S: id, HS code as written, value (money text). */
  ignored: Array<{ id: string; hs: string; value: string }>;
}

/**
 * The `metal` purchases of `purchases` against the Table S `rows` of that metal, with the melted-and-poured rule for
 * the period (`meltedRequired`, from `meltedRule`).
 */
export function tableSPurchases(
  claim: NormalizedClaim,
  rules: RulesInForce,
  metal: 'steel' | 'aluminum',
  purchases: readonly Purchase[],
  table: { rows: readonly TableRow[]; meltedRequired: boolean; meltedRule: InForce<boolean> },
): TableSPurchases {
  const findings = noFindings();
  const { rows, meltedRequired, meltedRule } = table;
  const selectors = rows.map((r) => r.hs);
  // Table S's "ex" entries are parts (body-in-white stampings, chassis-frame components): only their metal counts.
  const partSelectors = rows.filter((r) => r.ex).map((r) => r.hs);
  const parts: string[] = [];
  const counted: Counted[] = [];
  const ignored: Array<{ id: string; hs: string; value: string }> = [];
  purchases.forEach((p) => {
    if (p.metal !== metal) return;
    const value = valueOf(claim, p.value, claim.producer.currency);
    const hs = p.hs.replace(/^ex\s+/i, '');
    if (!hsMatchesAny(hs, selectors)) {
      ignored.push({ id: p.id, hs: p.hs, value: amountText(value) });
      return;
    }
    let originating = p.origin === 'originating';
    let note: string | undefined;
    if (p.origin === 'unknown') {
      note = 'origin unknown: counted as non-originating';
      findings.gaps.push({
        code: 'PURCHASE_ORIGIN_UNKNOWN',
        subject: `steelAluminum.purchases.${p.id}`,
        message: `${metal} purchase ${p.id}: origin unknown, counted as non-originating`,
        valueAtStake: amountText(value),
      });
    }
    if (meltedRequired && originating && p.meltedAndPouredInRegion !== true) {
      originating = false;
      note =
        p.meltedAndPouredInRegion === false
          ? 'not melted and poured in the region: non-originating'
          : 'melted and poured not shown: counted as non-originating';
      if (p.meltedAndPouredInRegion === undefined) {
        findings.gaps.push({
          code: 'MELTED_AND_POURED_NOT_SHOWN',
          subject: `steelAluminum.purchases.${p.id}`,
          message: `steel purchase ${p.id}: from ${meltedRule.effectiveFrom} steel is originating only if melted and poured in the region (s. 17(5)(b)); the purchase does not say so and is counted as non-originating`,
          valueAtStake: amountText(value),
        });
      }
    }
    counted.push({ id: p.id, hs: p.hs, value, originating, ...(note ? { note } : {}) });
    if (p.metalContent !== true && partSelectors.length > 0 && hsMatchesAny(hs, partSelectors)) parts.push(p.id);
  });
  if (parts.length > 0) {
    findings.warnings.push({
      code: 'PURCHASE_PART_METAL_VALUE',
      subject: 'producer.steelAluminum.purchases',
      message: `${metal} purchases of parts (${listSome(parts.sort())}): for a part of ${[...new Set(partSelectors)].join(' or ')} only the value of the Table S ${metal} used to produce it counts (${rules.citation('usmca.auto.table.s', 's. 17(2)')}); enter that value and mark the purchase metalContent: true`,
    });
  }
  return { counted, ignored, ...findings };
}

function valueOf(
  claim: NormalizedClaim,
  m: { amount: string; currency?: string | undefined },
  fallback: string,
): Money {
  return claim.toReporting(m.amount, m.currency ?? fallback);
}
