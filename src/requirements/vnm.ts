/**
 * Value of non-originating materials (VNM) over a multi-level bill of materials, with the roll-up.
 *
 * UR s. 7(3)-(5), s. 8, s. 9(2), s. 14(1) (treaty Art. 4.5.4): an originating material contributes
 * nothing; a non-originating material its full value; a material of unknown origin counts as
 * non-originating and is an evidence gap. A self-produced material not designated as an intermediate
 * material counts only its own non-originating inputs (s. 7(5)(a)); a designated intermediate material
 * counts nothing if originating and, if not, its value: the total cost allocated to it (s. 8(8):
 * allocatedTotalCost), or its unit value where that is not given (warning INTERMEDIATE_VALUE_NOT_ALLOCATED). A supplier accumulation
 * statement replaces the material's value: s. 9(2)(a) counts the supplier's VNM and restates the good's net
 * cost with the supplier's net cost; s. 9(2)(b) counts the value less the stated regional content.
 * Core parts follow the interpretation switch (domain reference §3.5): `full` rolls an originating core
 * part up to nothing; `rvc-only` counts its non-originating materials whatever its origin.
 */
import type { Material } from '../input/model.js';
import { Dec, ONE, product } from '../num/decimal.js';
import { amountText, compareMoney, minus, plus, times, zero, type Money } from '../num/money.js';
import type { EvidenceGap, Warning } from './result.js';

export type OriginBasis = 'declared' | 'computed';

export interface ResolvedOrigin {
  origin: 'originating' | 'non-originating' | 'unknown';
  basis: OriginBasis;
  /** Why, for the trace (e.g. "core part: engines group RVC 78.2 >= 75"). */
  explanation?: string;
}

export type CountingReason =
  | 'non-originating'
  | 'unknown-origin'
  | 'accumulation-9-2-a'
  | 'accumulation-9-2-b'
  | 'intermediate-non-originating'
  | 'core-part-non-originating'
  | 'no-bom-declared'
  /** s. 3(8): a self-produced material considered itself for the change in tariff classification (never in VNM). */
  | 'self-produced-as-material';

/** A line whose value counts in VNM (or a line that is an evidence gap). */
export interface CountedLine {
  key: string;
  id: string;
  description: string;
  hs?: string | undefined;
  /** The code as written, where it was a national tariff number or had no dot. */
  hsAsWritten?: string | undefined;
  /** The goods named in a product-specific rule that the line is, as the claim says (`ruleGoods`). */
  ruleGoods?: readonly string[] | undefined;
  /** Units of this line per unit of the good. */
  quantityPerGood: Dec;
  /** What the line adds to VNM per unit of the good, reporting currency. */
  vnm: Money;
  /**
   * s. 5(5): the material's value under s. 8(1)-(6) per unit of the good, where the line adds less to VNM (an
   * accumulation statement, s. 9(2), which serves the RVC only); de minimis (s. 5(1), (4)) reads it (deMinimisValue).
   */
  value?: Money | undefined;
  reason: CountingReason;
}

export interface RollUpOptions {
  /** The reporting currency: every amount of the bill of materials is in it. */
  currency: string;
  /** Origins computed by the engine (core parts, intermediate materials); others use the declared origin. */
  computed: ReadonlyMap<Material, ResolvedOrigin>;
  /** How core parts count in the good's VNM; "none" where the core parts requirement does not apply. */
  coreRollUp: CoreRollUp;
  /** The good's RVC method: a statement of an amount of net cost (s. 9(2)(b)) serves the net cost method only (s. 9(3)). */
  method?: 'net-cost' | 'transaction-value';
}

export type CoreRollUp = 'full' | 'rvc-only' | 'none';

export interface RollUp {
  vnm: Money;
  /** s. 9(2)(a): change to the good's net cost from restating materials at their suppliers' net cost. */
  netCostAdjustment: Money;
  counted: CountedLine[];
  gaps: EvidenceGap[];
  warnings: Warning[];
  /** Value of lines declared or computed originating that count nothing (roll-up), for the trace. */
  originatingValue: Money;
  linesVisited: number;
  /** What each outermost core part added, so the other roll-up reading can be computed without a full pass. */
  coreSegments: CoreSegment[];
}

interface CoreSegment {
  material: Material;
  parentMultiplier: Dec;
  vnm: Money;
  netCostAdjustment: Money;
  originatingValue: Money;
  counted: [number, number];
  gaps: [number, number];
  lines: number;
}

/** A material as one counted line: `perGood` units per good, worth `vnm` (US$) in all, counted for `reason`. */
export function countedLine(m: Material, perGood: Dec, vnm: Money, reason: CountingReason): CountedLine {
  return {
    key: m.key,
    id: m.id,
    description: m.description,
    hs: m.hs,
    ...(m.hsAsWritten !== undefined ? { hsAsWritten: m.hsAsWritten } : {}),
    ...(m.ruleGoods !== undefined ? { ruleGoods: m.ruleGoods } : {}),
    quantityPerGood: perGood,
    vnm,
    reason,
  };
}

export function originOf(m: Material, options: Pick<RollUpOptions, 'computed'>): ResolvedOrigin {
  return options.computed.get(m) ?? { origin: m.origin, basis: 'declared' };
}

/** Rolls up a list of materials (the BOM of one unit of the good, or of one unit of a part). */
export function rollUp(materials: readonly Material[], options: RollUpOptions, multiplier: Dec = ONE): RollUp {
  const nothing = zero(options.currency);
  const acc: RollUp = {
    vnm: nothing,
    netCostAdjustment: nothing,
    counted: [],
    gaps: [],
    warnings: [],
    originatingValue: nothing,
    linesVisited: 0,
    coreSegments: [],
  };
  let insideCore = false;
  const visit = (m: Material, parentMultiplier: Dec): void => {
    if (m.corePart !== undefined && options.coreRollUp !== 'none' && !insideCore) {
      const before = {
        vnm: acc.vnm,
        adj: acc.netCostAdjustment,
        orig: acc.originatingValue,
        counted: acc.counted.length,
        gaps: acc.gaps.length,
        lines: acc.linesVisited,
      };
      insideCore = true;
      visitLine(m, parentMultiplier);
      insideCore = false;
      acc.coreSegments.push({
        material: m,
        parentMultiplier,
        vnm: minus(acc.vnm, before.vnm),
        netCostAdjustment: minus(acc.netCostAdjustment, before.adj),
        originatingValue: minus(acc.originatingValue, before.orig),
        counted: [before.counted, acc.counted.length],
        gaps: [before.gaps, acc.gaps.length],
        lines: acc.linesVisited - before.lines,
      });
      return;
    }
    visitLine(m, parentMultiplier);
  };
  const count = (m: Material, perGood: Dec, vnmPerUnit: Money, reason: CountingReason, s8Value = false): void => {
    const vnm = times(vnmPerUnit, perGood);
    acc.vnm = plus(acc.vnm, vnm);
    const line = countedLine(m, perGood, vnm, reason);
    // s. 5(5): a line counted by a supplier's statement keeps its s. 8 value for de minimis.
    if (s8Value) line.value = times(m.unitValue, perGood);
    acc.counted.push(line);
  };
  const visitLine = (m: Material, parentMultiplier: Dec): void => {
    acc.linesVisited++;
    const computed = options.computed.get(m);
    const origin = computed ? computed.origin : m.origin;
    const children = m.children;
    const hasBom = children.length > 0;

    // Core parts under the RVC-only reading: the part's own non-originating content counts.
    let recurse = m.corePart !== undefined && options.coreRollUp === 'rvc-only' && hasBom;
    if (!recurse && origin === 'originating') {
      const coreRolledUp = m.corePart !== undefined && computed !== undefined && options.coreRollUp !== 'none';
      if (m.selfProduced && !m.intermediate && hasBom && !coreRolledUp) {
        recurse = true; // s. 7(5)(a)
      } else {
        if (m.statement) {
          acc.warnings.push({
            code: 'STATEMENT_ON_ORIGINATING',
            subject: m.key,
            message: `${m.key}: a supplier statement is given for a material declared originating; the statement is not needed and was not used`,
          });
        }
        acc.originatingValue = plus(acc.originatingValue, times(m.value, parentMultiplier));
        return;
      }
    }
    // Per unit of the good; an originating line counted above needs only its parent's multiplier.
    const perGood = product(parentMultiplier, m.quantity);
    // Non-originating or unknown: a self-produced material counts only its own non-originating inputs.
    if (recurse || (m.selfProduced && !m.intermediate && hasBom)) {
      for (let i = 0; i < children.length; i++) visit(children[i] as Material, perGood);
      return;
    }
    if (m.selfProduced && !m.intermediate) {
      acc.warnings.push({
        code: 'SELF_PRODUCED_WITHOUT_BOM',
        subject: m.key,
        message: `${m.key}: self-produced but its own materials are not listed; it is counted at its declared origin and value`,
      });
    }
    const s = m.statement;
    if (
      s &&
      s.regionalContentAmount !== undefined &&
      s.valueOfNonOriginatingMaterials === undefined &&
      options.method === 'transaction-value'
    ) {
      acc.warnings.push({
        code: 'STATEMENT_NOT_FOR_TRANSACTION_VALUE',
        subject: m.key,
        message: `${m.key}: a statement of an amount of net cost (s. 9(2)(b)) serves the net cost method only; under the transaction value method only a statement of the value of non-originating materials counts (s. 9(3)), so the material counts at its value`,
      });
    } else if (s) {
      // A statement settles the material's content whatever origin is declared for it (s. 9(2), (3)).
      if (s.valueOfNonOriginatingMaterials !== undefined) {
        count(m, perGood, s.valueOfNonOriginatingMaterials, 'accumulation-9-2-a', true);
        // s. 9(2)(a)(i): the net cost restated with the supplier's; a statement without one (allowed only under the
        // transaction value method, s. 9(3)) leaves the net cost as it is.
        if (s.netCost !== undefined) {
          const restated = s.additionalCosts ? plus(s.netCost, s.additionalCosts) : s.netCost;
          acc.netCostAdjustment = plus(acc.netCostAdjustment, times(minus(restated, m.unitValue), perGood));
        }
        return;
      }
      if (s.regionalContentAmount !== undefined) {
        count(m, perGood, minus(m.unitValue, s.regionalContentAmount), 'accumulation-9-2-b', true);
        return;
      }
    }
    if (origin === 'unknown') {
      count(m, perGood, m.unitValue, 'unknown-origin');
      acc.gaps.push({
        code: 'ORIGIN_UNKNOWN',
        subject: m.key,
        message: `${m.key} (${m.description || 'no description'}): origin unknown, counted as non-originating; a supplier's certification or statement would settle it`,
        valueAtStake: amountText(times(m.value, parentMultiplier)),
      });
      return;
    }
    if (m.intermediate && m.selfProduced) {
      // s. 8(8): "the total cost ... that can be reasonably allocated to that intermediate material".
      if (m.allocatedTotalCost === undefined)
        acc.warnings.push({
          code: 'INTERMEDIATE_VALUE_NOT_ALLOCATED',
          subject: m.key,
          message: `${m.key}: a non-originating designated intermediate material is valued at the total cost allocated to it, without profit (s. 8(8)); allocatedTotalCost is not given, so its unit value (${amountText(m.unitValue)}) stands in`,
        });
      count(m, perGood, m.allocatedTotalCost ?? m.unitValue, 'intermediate-non-originating');
      return;
    }
    const reason: CountingReason =
      m.corePart !== undefined && computed !== undefined ? 'core-part-non-originating' : 'non-originating';
    count(m, perGood, m.unitValue, reason);
  };
  for (const m of materials) visit(m, multiplier);
  return acc;
}

/**
 * The same roll-up under another core-part reading: only the core parts' contributions change, so they are
 * recomputed and swapped in, and the rest of the bill of materials is not walked again.
 */
export function rollUpUnderReading(base: RollUp, options: RollUpOptions): RollUp {
  if (base.coreSegments.length === 0) return base;
  let vnm = base.vnm;
  let adj = base.netCostAdjustment;
  let orig = base.originatingValue;
  const counted: CountedLine[] = [];
  const gaps: EvidenceGap[] = [];
  let countedAt = 0;
  let gapsAt = 0;
  const segments: CoreSegment[] = [];
  for (const seg of base.coreSegments) {
    const alt = rollUp([seg.material], options, seg.parentMultiplier);
    vnm = plus(minus(vnm, seg.vnm), alt.vnm);
    adj = plus(minus(adj, seg.netCostAdjustment), alt.netCostAdjustment);
    orig = plus(minus(orig, seg.originatingValue), alt.originatingValue);
    counted.push(...base.counted.slice(countedAt, seg.counted[0]), ...alt.counted);
    gaps.push(...base.gaps.slice(gapsAt, seg.gaps[0]), ...alt.gaps);
    countedAt = seg.counted[1];
    gapsAt = seg.gaps[1];
    segments.push(...alt.coreSegments);
  }
  counted.push(...base.counted.slice(countedAt));
  gaps.push(...base.gaps.slice(gapsAt));
  return { ...base, vnm, netCostAdjustment: adj, originatingValue: orig, counted, gaps, coreSegments: segments };
}

/** Largest contributors first; ties broken by path so the order never depends on input order. */
export function byContribution(a: CountedLine, b: CountedLine): number {
  const c = compareMoney(b.vnm, a.vnm);
  if (c !== 0) return c;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
