/**
 * Whether one non-originating material undergoes the change in tariff classification an alternative of a
 * product-specific rule requires (UR s. 3(2), s. 13; Schedule 1 = USMCA Annex 4-B, section A: "a change to
 * subheading X from any other heading" means each non-originating material is classified outside the heading
 * of the good). Pure: HS codes in, an answer with its reason out. The words of the law map onto the rule data:
 *
 * - "from any other chapter / heading / subheading"   -> the material's chapter / heading / subheading differs
 * - "from any other tariff item"                       -> another subheading, or, within the good's subheading, another
 *                                                        eight-digit national number, both as the claim wrote them
 * - "from subheading 8708.99" (a list of codes)       -> the material is classified in one of the codes
 * - "whether or not there is also a change from any other heading" (orFrom) -> either of the two qualifies
 * - "except from ..."                                  -> a material of an excepted code never qualifies
 */
import { hsMatches, hsPrefix, type HsLevel } from '../../rules/hs.js';
import type { AnyOther, ListedSource, TariffChange } from '../../rules/psr-schema.js';

/** The answer for one material: whether it makes the change, and why, in the words of the rule. */
export interface MaterialChange {
  makes: boolean;
  reason: string;
  /** Set when the material qualified through a listed source the text narrows to some goods of that code. */
  assumedGoods?: string | undefined;
}

const LEVEL: Record<AnyOther, HsLevel> = {
  'any-other-chapter': 'chapter',
  'any-other-heading': 'heading',
  'any-other-subheading': 'subheading',
  // Within one subheading the national numbers decide (see outside).
  'any-other-tariff-item': 'subheading',
};

/** The codes as the claim wrote them (national tariff numbers of 8 or 10 digits where given). */
export interface Written {
  good?: string | undefined;
  material?: string | undefined;
}

/** The first eight digits of a national tariff number written with 8 or 10 digits ("8536.50.4000" -> "85365040"). */
function tariffItemDigits(written: string | undefined): string | undefined {
  const digits = written?.replace(/\./g, '');
  return digits !== undefined && /^\d{8}(?:\d{2})?$/.test(digits) ? digits.slice(0, 8) : undefined;
}

/**
 * "from any other heading" read for a material: outside the good's heading (chapter, subheading); `unknown` only for
 * a tariff item within the good's subheading where either national number is not written.
 */
function outside(goodHs: string, materialHs: string, level: AnyOther, written: Written): 'yes' | 'no' | 'unknown' {
  const l = LEVEL[level];
  if (hsPrefix(goodHs, l) !== hsPrefix(materialHs, l)) return 'yes';
  if (level !== 'any-other-tariff-item') return 'no';
  const good = tariffItemDigits(written.good);
  const material = tariffItemDigits(written.material);
  if (good === undefined || material === undefined) return 'unknown';
  return good !== material ? 'yes' : 'no';
}

/** "from any other heading" read for a material: outside the good's heading (chapter, subheading, tariff item). */
export function outsideLevel(goodHs: string, materialHs: string, level: AnyOther, written: Written = {}): boolean {
  return outside(goodHs, materialHs, level, written) === 'yes';
}

const UNKNOWN_ITEM = (materialHs: string) =>
  `${materialHs} is of the good's subheading, and a change of tariff item cannot be shown without the eight-digit national tariff numbers of both (s. 1(3)(d))`;

function sourceCode(s: ListedSource): string {
  return typeof s === 'string' ? s : s.hs;
}

/** "any other heading" -> "any other heading"; a list of codes -> "subheading 8708.99 or 8708.80". */
export function describeChange(change: TariffChange): string {
  const from = Array.isArray(change.from)
    ? change.from.map((s) => (typeof s === 'string' ? s : `${s.goods} of ${s.hs}`)).join(' or ')
    : change.from.replace(/-/g, ' ');
  const orFrom = change.orFrom
    ? `, whether or not there is also a change from ${change.orFrom.replace(/-/g, ' ')}`
    : '';
  const except = change.except ? `, except from ${change.except.join(', ')}` : '';
  return `a change from ${from}${orFrom}${except}`;
}

/** Whether the material is of a national tariff item ("8482.99.aa", s. 1(3)(e)), as far as its written code says. */
export type ItemOf = (item: string) => 'in' | 'out' | 'unknown';

const GENERIC_ITEM = /^\d{4}\.\d{2}\.[a-z]{2}$/;

/**
 * Does a non-originating material of `materialHs` make the change `change` requires for a good of `goodHs`?
 * Codes are HS 2012 headings or subheadings ("8708.10", "7604.21"); an excepted code wins over every source.
 * A national tariff item listed or excepted ("8482.99.aa") is matched by its subheading unless `itemOf` (the
 * material's national number read through the pack's correspondence) says the material is not of it; where it
 * cannot say, a listed item is an assumption and an excepted one is excepted.
 */
export function materialMakesChange(
  goodHs: string,
  materialHs: string,
  change: TariffChange,
  itemOf: ItemOf = () => 'unknown',
  written: Written = {},
): MaterialChange {
  const isOf = (code: string): boolean =>
    hsMatches(materialHs, code) && !(GENERIC_ITEM.test(code) && itemOf(code) === 'out');
  const excepted = change.except?.find(isOf);
  if (excepted !== undefined) {
    const open = GENERIC_ITEM.test(excepted) && itemOf(excepted) === 'unknown';
    return {
      makes: false,
      reason: `${materialHs} is excepted ("except from ${excepted}")${open ? `: its national tariff number does not show that it is not of tariff item ${excepted}` : ''}`,
    };
  }
  if (Array.isArray(change.from)) {
    const listed = change.from.find((s) => isOf(sourceCode(s)));
    if (listed !== undefined) {
      // A national tariff item ("8482.99.aa") the material's number does not place: taken to be of that item.
      const item =
        GENERIC_ITEM.test(sourceCode(listed)) && itemOf(sourceCode(listed)) === 'unknown'
          ? `goods of tariff item ${sourceCode(listed)}`
          : undefined;
      const goods = typeof listed === 'string' ? item : listed.goods;
      return {
        makes: true,
        reason: `${materialHs} is a listed source (${sourceCode(listed)}${goods ? `: ${goods}` : ''})`,
        assumedGoods: goods,
      };
    }
    if (change.orFrom !== undefined && outsideLevel(goodHs, materialHs, change.orFrom, written)) {
      return { makes: true, reason: `${materialHs} is from ${change.orFrom.replace(/-/g, ' ')} than ${goodHs}` };
    }
    const also = change.orFrom ? ` nor from ${change.orFrom.replace(/-/g, ' ')}` : '';
    return {
      makes: false,
      reason: `${materialHs} is not from ${change.from.map(sourceCode).join(', ')}${also}`,
    };
  }
  const l = change.from === 'any-other-tariff-item' ? 'tariff item' : LEVEL[change.from];
  const answer = outside(goodHs, materialHs, change.from, written);
  if (answer === 'yes') {
    return { makes: true, reason: `${materialHs} is from ${change.from.replace(/-/g, ' ')} than ${goodHs}` };
  }
  if (answer === 'unknown') return { makes: false, reason: UNKNOWN_ITEM(materialHs) };
  return { makes: false, reason: `${materialHs} is of the same ${l} as the good (${goodHs})` };
}
