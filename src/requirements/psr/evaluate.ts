/**
 * The evaluator of a product-specific rule of origin (UR s. 3(2), s. 3(6), s. 5(1)-(2), (4), s. 13; Schedule 1 =
 * USMCA Annex 4-B): the alternatives of the rule are tried in the order of the text, and the good qualifies
 * under the first one it meets ("if the good is considered an originating good under one of those rules ...
 * the good need not satisfy the requirements of any alternative rule", s. 5(2)). An alternative is met when
 *
 * - every non-originating material makes the required change in tariff classification (tariff-change.ts), or the
 *   value of those that do not is not more than the de minimis share of the transaction value or the total cost
 *   of the good (s. 5(1)(a)); those materials still count in the RVC (s. 5(1)(b));
 * - and, where it requires one, the RVC is not less than its threshold (the alternative's own figure in force on
 *   the date, or the threshold of the part's table for original equipment, s. 14(13)-(17), s. 15(2)-(3)); the RVC
 *   need not be met where all non-originating materials are within de minimis (s. 5(4)).
 *
 * Pure: a function of the good's code, its non-originating materials and the rule (with the figures the caller
 * computed: RVC ratios, de minimis base). The same function decides a part claim and a material inside a
 * vehicle (a designated intermediate material, a Table B or C part).
 */
import { Dec } from '../../num/decimal.js';
import { compareMoney, sumMoney, type Money, money, amountText } from '../../num/money.js';
import { moneyRatio, notLessThan, notMoreThan, percentText, type Ratio } from '../../num/ratio.js';
import type { DatedPercent, NationalItems, ProductSpecificRule, PsrAlternative } from '../../rules/psr-schema.js';
import { nationalItemOf } from './national-items.js';
import {
  appliesUnder,
  readingsOf,
  readingText,
  tariffItemsOf,
  type Reading,
  type TariffItemReading,
} from './readings.js';
import { thresholdAmount } from '../limb.js';
import { describeChange, materialMakesChange } from './tariff-change.js';

/** A non-originating material of the good (value per unit of the good, in the reporting currency). */
export interface PsrMaterial {
  key: string;
  /** HS 2012 subheading; a material without one cannot be shown to make any change. */
  hs?: string | undefined;
  /** The code as the claim wrote it, where it is a national tariff number (8 or 10 digits). */
  hsAsWritten?: string | undefined;
  value: Money;
}

/** RVC thresholds in percent read from a parts table (s. 14(13)-(17), s. 15(2)-(3)), with the rule they come from. */
export interface TableThreshold {
  netCost: string;
  transactionValue?: string | undefined;
  rule: { id: string; effectiveFrom: string };
  citation: string;
}

/** What the evaluator needs besides the rule. */
export interface PsrInput {
  /** The good's HS 2012 subheading. */
  goodHs: string;
  rule: ProductSpecificRule;
  /** The citation of the rule's provision ("Uniform Regulations ... s. 13, 8708.10 (1)"). */
  citation: string;
  /** The citation of one alternative, by its paragraph (default: the rule's citation followed by the paragraph). */
  citeAlternative?: ((paragraph: string) => string) | undefined;
  /** The decision date (YYYY-MM-DD): picks the step of a dated threshold in force. */
  date: string;
  /** Every non-originating material, counted as the RVC counts it (s. 5(5): valued by s. 8(1)-(6)). */
  nonOriginating: readonly PsrMaterial[];
  /** s. 5(1), (4): the percentage and the base (the transaction value or the total cost, whichever is met). */
  deMinimis: { percent: string; base: Money; baseName: string; citation: string };
  /** The good's RVC under each method the caller could compute; `elected` is the claim's method. */
  rvc: { netCost?: Ratio | undefined; transactionValue?: Ratio | undefined; elected: 'net-cost' | 'transaction-value' };
  /** Original equipment listed in a parts table: the table's thresholds replace the rule's own figures. */
  tableThreshold?: TableThreshold | undefined;
  /**
   * The goods of the subheading the claim says the good is, in the words of the rule ("mounted brake linings"),
   * where the rule's alternatives are for named goods; without it such alternatives are `undetermined`.
   */
  goods?: string | undefined;
  /** The good's code as the claim wrote it: a national tariff number decides an alternative for a tariff item. */
  goodAsWritten?: string | undefined;
  /** The pack's correspondence of generic tariff items to national ones (s. 1(3)(e)). */
  nationalItems?: NationalItems | undefined;
  /** Whether a tariff item's alternatives take precedence over its subheading's (default: `every-alternative`). */
  tariffItems?: TariffItemReading | undefined;
}

/** A material that does not make the change, with why. */
export interface FailingMaterial {
  material: string;
  hs: string;
  value: string;
  reason: string;
}

/** One alternative, tried: whether it qualifies the good and why, in figures. */
export interface AlternativeOutcome {
  paragraph: string;
  citation: string;
  /** `undetermined`: met in figures, but the alternative is only for goods (or a national item) the claim does not name. */
  status: 'pass' | 'fail' | 'undetermined';
  reason: string;
  goods?: string | undefined;
  tariffItem?: string | undefined;
  change: {
    required: string;
    status: 'pass' | 'fail';
    failing: FailingMaterial[];
    failingValue: string;
    deMinimisLimit?: string | undefined;
    /** The materials that fail the change are within de minimis (s. 5(1)). */
    byDeMinimis: boolean;
  };
  rvc?:
    | {
        method: 'net-cost' | 'transaction-value';
        value?: string | undefined;
        threshold: string;
        status: 'pass' | 'fail';
        /** The threshold's source: the rule's own figure or the part's table. */
        thresholdFrom: string;
        /** All non-originating materials within de minimis (s. 5(4)): the RVC need not be met. */
        byDeMinimis: boolean;
      }
    | undefined;
  /** What the evaluator took as given: a listed source the text narrows to some goods of its code. */
  assumptions: string[];
}

/**
 * The rule decided: the alternative that qualified the good (the first met), and every alternative tried. Where
 * the claim leaves open which of the goods the rule tells apart the good is, `readings` gives, for each, the first
 * alternative met that is for it (or null): the good qualifies if each has one, whichever it is; `qualifiedBy`
 * then names them all ("(3)(a) or (3)(c)").
 */
export interface PsrOutcome {
  status: 'pass' | 'fail' | 'undetermined';
  qualifiedBy?: string | undefined;
  reason: string;
  alternatives: AlternativeOutcome[];
  readings?: Array<{ reading: string; qualifiedBy: string | null }> | undefined;
  /**
   * The rule has alternatives for a tariff item the good may be of: the reading of tariffItemPrecedence may decide
   * it (the decision evaluates the claim again under the other reading). Not part of the decision.
   */
  tariffItemsInPlay?: boolean | undefined;
}

/** Decides the good under its rule: every alternative tried in order, the first met qualifies it. */
export function evaluateProductSpecificRule(input: PsrInput): PsrOutcome {
  if (input.rule.status !== 'confirmed' || input.rule.alternatives.length === 0) {
    return {
      status: 'undetermined',
      reason: `the rule for ${input.rule.hs} was not read into the rule pack`,
      alternatives: [],
    };
  }
  const currency = input.deMinimis.base.currency;
  const limit = money(thresholdAmount(new Dec(input.deMinimis.percent), input.deMinimis.base.amount), currency);
  const allValue = sumMoney(
    input.nonOriginating.map((m) => m.value),
    currency,
  );
  // s. 5(4): "the value of all non-originating materials ... is not more than 10%"
  const allWithinDeMinimis = notMoreThan(moneyRatio(allValue, input.deMinimis.base), new Dec(input.deMinimis.percent));
  const tariffItems = input.tariffItems ?? 'every-alternative';
  const readings = readingsOf(input.rule, { ...input, tariffItems });
  const tried = input.rule.alternatives.map((alt) =>
    tryAlternative(input, alt, { limit, allWithinDeMinimis }, { readings, tariffItems }),
  );
  const alternatives = tried.map((t) => t.outcome);
  const inPlay = readings.some((r) => typeof r.item === 'string') ? { tariffItemsInPlay: true } : {};
  const qualified = alternatives.find((a) => a.status === 'pass');
  if (qualified) {
    return {
      status: 'pass',
      qualifiedBy: qualified.paragraph,
      reason: `qualifies under ${qualified.paragraph}: ${qualified.reason}`,
      alternatives,
      ...inPlay,
    };
  }
  // s. 5(2), for each kind of good the claim leaves open: the first alternative met that is for it.
  const byReading = readings.map((r) => {
    const k = tried.findIndex((t) => t.met && appliesUnder(input.rule, t.alt, r, tariffItems));
    return { reading: readingText(input.rule, r), qualifiedBy: alternatives[k]?.paragraph ?? null };
  });
  if (readings.length > 1 && byReading.every((r) => r.qualifiedBy !== null)) {
    const paragraphs = [...new Set(byReading.map((r) => r.qualifiedBy))];
    return {
      status: 'pass',
      qualifiedBy: paragraphs.join(' or '),
      reason: `qualifies whichever of the goods of ${input.rule.hs} the rule tells apart it is (s. 5(2)): ${byReading.map((r) => `as ${r.reading}, under ${r.qualifiedBy ?? ''}`).join('; ')}`,
      alternatives,
      readings: byReading,
      ...inPlay,
    };
  }
  const open = alternatives.filter((a) => a.status === 'undetermined');
  if (open.length > 0) {
    return {
      status: 'undetermined',
      reason: `no alternative is met for every good of ${input.rule.hs}; ${open.map((a) => a.paragraph).join(', ')} would qualify the good only if it is the goods that alternative names`,
      alternatives,
      readings: byReading,
      ...inPlay,
    };
  }
  return { status: 'fail', reason: 'no alternative of the rule is met', alternatives, ...inPlay };
}

/** One alternative tried: its outcome, whether it is met in figures (whatever goods it is for), and the alternative. */
interface Tried {
  outcome: AlternativeOutcome;
  met: boolean;
  alt: PsrAlternative;
}

function tryAlternative(
  input: PsrInput,
  alt: PsrAlternative,
  dm: { limit: Money; allWithinDeMinimis: boolean },
  open: { readings: readonly Reading[]; tariffItems: TariffItemReading },
): Tried {
  const currency = dm.limit.currency;
  const failing: FailingMaterial[] = [];
  const assumptions: string[] = [];
  let required = 'no required change in tariff classification';
  if (alt.change !== 'none') {
    const change = alt.change;
    required = describeChange(change);
    for (const m of input.nonOriginating) {
      if (m.hs === undefined) {
        failing.push({
          material: m.key,
          hs: '',
          value: amountText(m.value),
          reason: 'no HS code: the change cannot be shown',
        });
        continue;
      }
      const materialHs = m.hs;
      const answer = materialMakesChange(
        input.goodHs,
        materialHs,
        change,
        (item) => nationalItemOf(item, materialHs, m.hsAsWritten, input.nationalItems).status,
        { good: input.goodAsWritten, material: m.hsAsWritten },
      );
      if (!answer.makes) failing.push({ material: m.key, hs: m.hs, value: amountText(m.value), reason: answer.reason });
      else if (answer.assumedGoods)
        assumptions.push(`${m.key} (${m.hs}) is taken to be ${answer.assumedGoods}, as the text requires`);
    }
  }
  const failingValue = sumMoney(
    input.nonOriginating.filter((m) => failing.some((f) => f.material === m.key)).map((m) => m.value),
    currency,
  );
  // s. 5(1)(a): "is not more than 10%"
  const byDeMinimis = failing.length > 0 && compareMoney(failingValue, dm.limit) <= 0;
  const changeOk = failing.length === 0 || byDeMinimis;
  const rvc = alt.rvc ? rvcOf(input, alt, dm.allWithinDeMinimis) : undefined;
  const met = changeOk && (rvc === undefined || rvc.status === 'pass');
  const { scope, why } = goodsScope(input, alt, open.readings, open.tariffItems);
  if (scope === 'applies' && why !== undefined) assumptions.push(why);
  const status = scope === 'other-goods' || !met ? 'fail' : scope === 'unknown' ? 'undetermined' : 'pass';
  const outcome: AlternativeOutcome = {
    paragraph: alt.paragraph,
    citation: input.citeAlternative ? input.citeAlternative(alt.paragraph) : `${input.citation}, ${alt.paragraph}`,
    status,
    reason:
      scope === 'other-goods'
        ? (why ?? `the alternative is for ${alt.goods ?? ''}, and the good is ${input.goods ?? ''}`)
        : reasonOf({ required, failing, failingValue, byDeMinimis, rvc, status, alt, limit: dm.limit, why }),
    ...(alt.goods !== undefined ? { goods: alt.goods } : {}),
    ...(alt.tariffItem !== undefined ? { tariffItem: alt.tariffItem } : {}),
    change: {
      required,
      status: changeOk ? 'pass' : 'fail',
      failing,
      failingValue: amountText(failingValue),
      ...(alt.change !== 'none' ? { deMinimisLimit: amountText(dm.limit) } : {}),
      byDeMinimis,
    },
    rvc,
    assumptions,
  };
  return { outcome, met, alt };
}

type Scope = { scope: 'applies' | 'other-goods' | 'unknown'; why?: string | undefined };

/**
 * Whether an alternative is for the good: under every reading of the good the claim leaves open (readings.ts), under
 * none, or under some (unknown). An alternative for every good of the subheading is for all of them, or, where
 * tariff items take precedence, only for the goods of none of the items. An alternative for a national tariff item
 * is decided by the good's national tariff number through the pack's correspondence (national-items.ts), `why`
 * saying how.
 */
function goodsScope(
  input: PsrInput,
  alt: PsrAlternative,
  readings: readonly Reading[],
  tariffItems: TariffItemReading,
): Scope {
  const count = readings.filter((r) => appliesUnder(input.rule, alt, r, tariffItems)).length;
  const scope = count === readings.length ? 'applies' : count === 0 ? 'other-goods' : 'unknown';
  const first = readings[0];
  const knownItem = readings.every((r) => r.item === first?.item) ? first?.item : undefined;
  if (alt.tariffItem !== undefined) {
    if (typeof knownItem === 'string' && knownItem !== alt.tariffItem)
      return { scope, why: `the good is of tariff item ${knownItem}, not ${alt.tariffItem}` };
    return {
      scope,
      why: nationalItemOf(alt.tariffItem, input.goodHs, input.goodAsWritten, input.nationalItems).reason,
    };
  }
  const items = tariffItemsOf(input.rule);
  if (tariffItems === 'item-rule-only' && items.length > 0 && (alt.goods === undefined || scope !== 'unknown')) {
    const precedence = `the alternatives for tariff item ${items.join(' or ')} take precedence over those of subheading ${input.rule.hs} for the goods of ${items.length === 1 ? 'that item' : 'those items'} (tariffItemPrecedence: item-rule-only)`;
    if (typeof knownItem === 'string') return { scope, why: `the good is of tariff item ${knownItem}: ${precedence}` };
    if (scope === 'unknown') {
      const open = items
        .map((item) => nationalItemOf(item, input.goodHs, input.goodAsWritten, input.nationalItems))
        .find((a) => a.status === 'unknown');
      return { scope, why: `${precedence}, and ${open?.reason ?? 'the good may be of one of them'}` };
    }
  }
  return { scope };
}

/** Whether a rule provides a transaction value method in any of its alternatives (s. 7(6)). */
export function hasTransactionValueMethod(rule: ProductSpecificRule): boolean {
  return rule.alternatives.some((a) => a.rvc?.transactionValue !== undefined || a.rvc?.transactionValueMethod === true);
}

/** The step of a dated threshold in force on `date` (the latest step beginning on or before it). */
export function thresholdOn(v: DatedPercent | undefined, date: string): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  let chosen: string | undefined;
  for (const step of Object.keys(v).sort()) if (step <= date) chosen = v[step];
  return chosen;
}

function rvcOf(input: PsrInput, alt: PsrAlternative, allWithinDeMinimis: boolean): AlternativeOutcome['rvc'] {
  const r = alt.rvc;
  if (r === undefined) return undefined;
  const hasTv = r.transactionValue !== undefined || r.transactionValueMethod === true;
  const table = input.tableThreshold;
  // s. 7(6): the transaction value method only where the rule provides one.
  const method =
    input.rvc.elected === 'transaction-value' && hasTv && input.rvc.transactionValue ? 'transaction-value' : 'net-cost';
  const own =
    method === 'transaction-value' ? thresholdOn(r.transactionValue, input.date) : thresholdOn(r.netCost, input.date);
  const threshold = table ? (method === 'transaction-value' ? table.transactionValue : table.netCost) : own;
  const thresholdFrom = table ? `${table.rule.id} (${table.citation})` : 'the rule';
  const ratio = method === 'transaction-value' ? input.rvc.transactionValue : input.rvc.netCost;
  if (threshold === undefined || ratio === undefined) {
    return {
      method,
      threshold: threshold ?? '',
      status: allWithinDeMinimis ? 'pass' : 'fail',
      thresholdFrom,
      byDeMinimis: allWithinDeMinimis,
      ...(ratio ? { value: percentText(ratio, 'ROUND_FLOOR') } : {}),
    };
  }
  const meets = notLessThan(ratio, new Dec(threshold)); // "not less than"
  return {
    method,
    value: percentText(ratio, 'ROUND_FLOOR'),
    threshold,
    status: meets || allWithinDeMinimis ? 'pass' : 'fail',
    thresholdFrom,
    byDeMinimis: !meets && allWithinDeMinimis,
  };
}

function reasonOf(o: {
  required: string;
  failing: FailingMaterial[];
  failingValue: Money;
  byDeMinimis: boolean;
  rvc: AlternativeOutcome['rvc'];
  status: AlternativeOutcome['status'];
  alt: PsrAlternative;
  limit: Money;
  /** Why an alternative for a national tariff item is undetermined. */
  why?: string | undefined;
}): string {
  const parts: string[] = [];
  if (o.alt.change === 'none') parts.push('no change in tariff classification required');
  else if (o.failing.length === 0) parts.push(`every non-originating material makes ${o.required}`);
  else {
    const list = o.failing.map((f) => `${f.material} (${f.hs || 'no HS code'}, ${f.value})`).join(', ');
    const verb = o.failing.length === 1 ? 'does not make' : 'do not make';
    parts.push(
      o.byDeMinimis
        ? `${list} ${verb} ${o.required}, but ${amountText(o.failingValue)} is within de minimis (not more than ${amountText(o.limit)}, s. 5(1))`
        : `${list} ${verb} ${o.required}: ${amountText(o.failingValue)} is more than de minimis (${amountText(o.limit)}, s. 5(1))`,
    );
  }
  if (o.rvc) {
    const m = o.rvc.method === 'transaction-value' ? 'transaction value' : 'net cost';
    if (o.rvc.byDeMinimis)
      parts.push(`the RVC need not be met: all non-originating materials are within de minimis (s. 5(4))`);
    else if (o.rvc.value === undefined) parts.push(`no RVC by the ${m} method could be computed`);
    else parts.push(`RVC (${m}) ${o.rvc.value}% ${o.rvc.status === 'pass' ? '>=' : '<'} ${o.rvc.threshold}%`);
  }
  if (o.status === 'undetermined') {
    parts.push(
      o.alt.tariffItem
        ? `but the alternative is only for tariff item ${o.alt.tariffItem}: ${o.why ?? 'the claim does not name it'}`
        : o.alt.goods === undefined
          ? `but the alternative is only for the goods of none of the tariff items: ${o.why ?? ''}`
          : `but the alternative is only for ${o.alt.goods === 'any other good' ? 'goods other than those the rule names before it' : o.alt.goods}; the claim does not say the good is one`,
    );
  }
  return parts.join('; ');
}
