/**
 * The kinds of good a product-specific rule tells apart (UR s. 5(2), s. 13; Schedule 1 = USMCA Annex 4-B): the
 * goods its alternatives name ("mounted brake linings", "any other good") and the national tariff items they are
 * for ("a change to tariff item 8708.99.aa", s. 1(3)(e)). Where the claim does not say which of them the good is,
 * each is a reading of the good: the good is originating if, whichever it is, an alternative for it is met, and is
 * not if none is, whichever it is; only a split leaves the rule undetermined. Pure: the rule and what the claim
 * says of the good in, the readings out.
 */
import type { NationalItems, ProductSpecificRule, PsrAlternative } from '../../rules/psr-schema.js';
import { ANY_OTHER_GOOD } from '../../rules/psr-lookup.js';
import { nationalItemOf } from './national-items.js';

/**
 * How an alternative for a national tariff item stands to the alternatives for its whole subheading
 * (usmca.interpretation.tariff_item_precedence): `every-alternative`, every good of the subheading may also meet
 * the subheading's alternatives; `item-rule-only`, a good of the item is decided by the item's alternatives only.
 */
export type TariffItemReading = 'item-rule-only' | 'every-alternative';

/**
 * One kind of good the good may be. `goods`: the goods named (or "any other good"); undefined where the rule names
 * none. `item`: a tariff item the rule names, null for a good of none of them, undefined where the rule names none.
 */
export interface Reading {
  goods?: string | undefined;
  item?: string | null | undefined;
}

/** What the claim says of the good, and the reading of tariff-item rules in force. */
export interface GoodFacts {
  goodHs: string;
  /** The goods the claim says the good is, in the words of the rule. */
  goods?: string | undefined;
  /** The good's code as the claim wrote it (a national tariff number decides a tariff item). */
  goodAsWritten?: string | undefined;
  nationalItems?: NationalItems | undefined;
  /** The Party whose tariff the claim's national numbers are read in (national-items.ts). */
  nationalTariff?: string | undefined;
  tariffItems: TariffItemReading;
}

function unique(values: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== undefined && !out.includes(v)) out.push(v);
  return out;
}

/** The tariff items the rule's alternatives are for, in the order of the text. */
export function tariffItemsOf(rule: ProductSpecificRule): string[] {
  return unique(rule.alternatives.map((a) => a.tariffItem));
}

/** Every kind of good the good may be under `rule`, in the order of the text; one where the claim settles it. */
export function readingsOf(rule: ProductSpecificRule, facts: GoodFacts): Reading[] {
  const goods = goodsReadings(rule, facts.goods);
  const items = itemReadings(rule, facts);
  return goods.flatMap((g) => items.map((i) => ({ goods: g, item: i })));
}

function goodsReadings(rule: ProductSpecificRule, claimed: string | undefined): Array<string | undefined> {
  if (claimed !== undefined) return [claimed];
  const named = unique(rule.alternatives.map((a) => (a.goods === ANY_OTHER_GOOD ? undefined : a.goods)));
  const other = rule.alternatives.some((a) => a.goods === ANY_OTHER_GOOD);
  if (named.length === 0 && !other) return [undefined];
  return other ? [...named, ANY_OTHER_GOOD] : named;
}

function itemReadings(rule: ProductSpecificRule, facts: GoodFacts): Array<string | null | undefined> {
  const items = tariffItemsOf(rule);
  if (items.length === 0) return [undefined];
  const answers = items.map((item) => ({
    item,
    status: nationalItemOf(item, facts.goodHs, facts.goodAsWritten, facts.nationalItems, facts.nationalTariff).status,
  }));
  const known = answers.find((a) => a.status === 'in');
  if (known !== undefined) return [known.item];
  return [...answers.filter((a) => a.status === 'unknown').map((a) => a.item), null];
}

/** Whether `alt` is for the good under `reading` (the goods it names, and its tariff item or subheading). */
export function appliesUnder(
  rule: ProductSpecificRule,
  alt: PsrAlternative,
  reading: Reading,
  tariffItems: TariffItemReading,
): boolean {
  const goods =
    alt.goods === undefined
      ? true
      : alt.goods === ANY_OTHER_GOOD
        ? reading.goods === ANY_OTHER_GOOD || !rule.alternatives.some((a) => a.goods === reading.goods)
        : alt.goods === reading.goods;
  // "A change to any other good of subheading 8536.50" after the alternatives for tariff item 8536.50.aa: the goods
  // of that item are named before it, so it is not for them, whatever the reading of tariffItemPrecedence.
  const item =
    alt.tariffItem !== undefined
      ? reading.item === alt.tariffItem
      : reading.item === undefined ||
        reading.item === null ||
        (tariffItems === 'every-alternative' && alt.goods !== ANY_OTHER_GOOD);
  return goods && item;
}

/** The reading in words: "mounted brake linings", "any other good of 8708.30", "tariff item 8708.99.aa". */
export function readingText(rule: ProductSpecificRule, reading: Reading): string {
  const parts: string[] = [];
  if (reading.goods !== undefined)
    parts.push(reading.goods === ANY_OTHER_GOOD ? `any other good of ${rule.hs}` : reading.goods);
  if (reading.item !== undefined)
    parts.push(
      reading.item === null
        ? `a good of ${rule.hs} not of tariff item ${tariffItemsOf(rule).join(' or ')}`
        : `tariff item ${reading.item}`,
    );
  return parts.join(', ') || `a good of ${rule.hs}`;
}
