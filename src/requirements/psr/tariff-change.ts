/**
 * Whether one non-originating material undergoes the change in tariff classification an alternative of a
 * product-specific rule requires (UR s. 3(2), s. 13; Schedule 1 = USMCA Annex 4-B, section A: "a change to
 * subheading X from any other heading" means each non-originating material is classified outside the heading
 * of the good). Pure: codes and what the claim says of the material in, an answer with its reason out. The words of
 * the law map onto the rule data:
 *
 * - "from any other chapter / heading / subheading"   -> the material's chapter / heading / subheading differs
 * - "from any other tariff item"                       -> another subheading, or, within the good's subheading, another
 *                                                        eight-digit national number, both as the claim wrote them
 * - "from any other good within that subheading"       -> another subheading, or, within the good's subheading, a
 *                                                        material the claim says is another good (its `ruleGoods`)
 * - "from subheading 8708.99" (a list of codes)       -> the material is classified in one of the codes
 * - "whether or not there is also a change from any other heading" (orFrom) -> either of the two qualifies
 * - "except from ..."                                  -> a material of an excepted code (or of the excepted goods of
 *                                                        a code, or of goods named by description) never qualifies
 *
 * What the claim leaves unsaid is never guessed: whether a material is of a national tariff item (its national
 * number), of the goods an entry names (its `ruleGoods`), or another good of the good's subheading. The answer is
 * worked out under every possibility of what is unsaid: where all give the same answer it is that answer; where they
 * differ the material is `undetermined`, the reason naming what the claim would have to say. The one exception, kept
 * from the first version of the rules: a material of a code listed in `from` with a description ("parts thereof of
 * 8708.80") that the claim does not describe is taken to be those goods, and the decision says so (`assumedGoods`).
 */
import { hsMatches, hsPrefix, type HsLevel } from '../../rules/hs.js';
import type { AnyOther, ListedSource, TariffChange } from '../../rules/psr-schema.js';

/** The answer for one material: whether it makes the change, and why, in the words of the rule. */
export interface MaterialChange {
  makes: boolean;
  /** Set where the answer turns on what the claim does not say (`makes` is then false). */
  undetermined?: true | undefined;
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
  // Within one subheading the claim's words for the material decide (see outside).
  'any-other-good': 'subheading',
};

/** The codes as the claim wrote them (national tariff numbers of 8 or 10 digits where given). */
export interface Written {
  good?: string | undefined;
  material?: string | undefined;
}

/**
 * What the claim says of the goods: `material`, the goods named in the rule that the material is (its `ruleGoods`;
 * an empty list: none of them; undefined: not said); `good`, the words naming the good itself where the rule
 * compares goods within a subheading ("trash compactors"; undefined: not said).
 */
export interface GoodsSaid {
  material?: readonly string[] | undefined;
  good?: string | undefined;
}

/** Whether the material is of a national tariff item ("8482.99.aa", s. 1(3)(e)), as far as its written code says. */
export type ItemOf = (item: string) => 'in' | 'out' | 'unknown';

const GENERIC_ITEM = /^\d{4}\.\d{2}\.[a-z]{2}$/;

/** The first eight digits of a national tariff number written with 8 or 10 digits ("8536.50.4000" -> "85365040"). */
function tariffItemDigits(written: string | undefined): string | undefined {
  const digits = written?.replace(/\./g, '');
  return digits !== undefined && /^\d{8}(?:\d{2})?$/.test(digits) ? digits.slice(0, 8) : undefined;
}

/** "from any other heading" read for a material: outside the good's heading (chapter, subheading, tariff item). */
export function outsideLevel(goodHs: string, materialHs: string, level: AnyOther, written: Written = {}): boolean {
  return outside({ goodHs, materialHs, itemOf: () => 'unknown', written, goods: {} }, level, () => false);
}

const UNKNOWN_ITEM = (materialHs: string) =>
  `${materialHs} is of the good's subheading, and a change of tariff item cannot be shown without the eight-digit national tariff numbers of both (s. 1(3)(d))`;

function sourceCode(s: ListedSource): string | undefined {
  return typeof s === 'string' ? s : s.hs;
}

/** "8708.99", "parts thereof of 8708.80", or goods named by description only. */
export function sourceText(s: ListedSource): string {
  if (typeof s === 'string') return s;
  return s.hs === undefined ? s.goods : `${s.goods} of ${s.hs}`;
}

/** "any other heading" -> "any other heading"; a list of codes -> "subheading 8708.99 or 8708.80". */
export function describeChange(change: TariffChange): string {
  const level = (l: AnyOther) =>
    l === 'any-other-good' ? 'any other good within that subheading or any other subheading' : l.replace(/-/g, ' ');
  const from = Array.isArray(change.from) ? change.from.map(sourceText).join(' or ') : level(change.from);
  const orFrom = change.orFrom ? `, whether or not there is also a change from ${level(change.orFrom)}` : '';
  const except = change.except ? `, except from ${change.except.map(sourceText).join(', ')}` : '';
  return `a change from ${from}${orFrom}${except}`;
}

/** What is known of the material and the good while the change is worked out. */
interface Facts {
  goodHs: string;
  materialHs: string;
  itemOf: ItemOf;
  written: Written;
  goods: GoodsSaid;
}

/**
 * One thing the answer may turn on that the claim does not say (`key`), with the words for the reason: asked only
 * where it is unknown; returns the possibility being worked out.
 */
type Ask = (key: string, words: string) => boolean;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Is the material of `s` (a code, some goods of a code, goods by description)? `assumed`: goods taken as given. */
function isOf(f: Facts, s: ListedSource, role: 'from' | 'except', ask: Ask): { of: boolean; assumed?: string } {
  const code = sourceCode(s);
  const goods = typeof s === 'string' ? undefined : s.goods;
  if (code !== undefined) {
    if (!hsMatches(f.materialHs, code)) return { of: false };
    if (GENERIC_ITEM.test(code)) {
      const status = f.itemOf(code);
      if (status === 'out') return { of: false };
      if (status === 'unknown') {
        const words =
          f.written.material === undefined
            ? `the claim gives only its subheading ${f.materialHs}, not the national tariff number that shows whether it is of tariff item ${code} (s. 1(3)(e))`
            : `the rule pack cannot tell from ${f.written.material} whether it is of tariff item ${code}: the item's national numbers are not confirmed for every Party (usmca.hs.national_items, s. 1(3)(e))`;
        if (!ask(`item ${code}`, words)) return { of: false };
      }
    }
  }
  if (goods === undefined) return { of: true };
  if (f.goods.material !== undefined) return { of: f.goods.material.some((g) => same(g, goods)) };
  // A described source in `from` of a code the material is of: taken to be those goods (the first version's reading).
  if (role === 'from' && code !== undefined) return { of: true, assumed: goods };
  return {
    of: ask(
      `goods ${goods}`,
      `the claim does not say whether it is ${goods} (the material's ruleGoods)${code === undefined ? '' : ` of ${code}`}`,
    ),
  };
}

/** Outside the good's level (chapter, heading, subheading, tariff item, or another good of its subheading). */
function outside(f: Facts, level: AnyOther, ask: Ask): boolean {
  if (hsPrefix(f.goodHs, LEVEL[level]) !== hsPrefix(f.materialHs, LEVEL[level])) return true;
  if (level === 'any-other-tariff-item') {
    const good = tariffItemDigits(f.written.good);
    const material = tariffItemDigits(f.written.material);
    if (good === undefined || material === undefined) return ask('tariff item', UNKNOWN_ITEM(f.materialHs));
    return good !== material;
  }
  if (level === 'any-other-good') {
    const said = f.goods.material;
    const good = f.goods.good;
    if (said !== undefined && said.length === 0) return true;
    if (said !== undefined && good !== undefined) return !said.some((g) => same(g, good));
    return !ask(
      'same good',
      `${f.materialHs} is of the good's subheading, and the claim does not say whether it is another good than ${good ?? 'the good'} (the material's ruleGoods)`,
    );
  }
  return false;
}

/** The answer under one possibility of what the claim does not say. */
function judge(f: Facts, change: TariffChange, ask: Ask): Omit<MaterialChange, 'undetermined'> {
  const { materialHs, goodHs } = f;
  const excepted = change.except?.find((e) => isOf(f, e, 'except', ask).of);
  if (excepted !== undefined)
    return { makes: false, reason: `${materialHs} is excepted ("except from ${sourceText(excepted)}")` };
  if (Array.isArray(change.from)) {
    for (const s of change.from) {
      const answer = isOf(f, s, 'from', ask);
      if (!answer.of) continue;
      // Goods taken as given only where nothing else qualifies the material.
      if (answer.assumed !== undefined && change.orFrom !== undefined && outside(f, change.orFrom, ask)) break;
      return {
        makes: true,
        reason: `${materialHs} is a listed source (${sourceText(s)})`,
        ...(answer.assumed !== undefined ? { assumedGoods: answer.assumed } : {}),
      };
    }
    if (change.orFrom !== undefined && outside(f, change.orFrom, ask))
      return { makes: true, reason: `${materialHs} is from ${describeLevel(change.orFrom)} than ${goodHs}` };
    const also = change.orFrom ? ` nor from ${describeLevel(change.orFrom)}` : '';
    return { makes: false, reason: `${materialHs} is not from ${change.from.map(sourceText).join(', ')}${also}` };
  }
  if (outside(f, change.from, ask))
    return { makes: true, reason: `${materialHs} is from ${describeLevel(change.from)} than ${goodHs}` };
  const level =
    change.from === 'any-other-tariff-item'
      ? 'tariff item'
      : change.from === 'any-other-good'
        ? 'good'
        : LEVEL[change.from];
  return { makes: false, reason: `${materialHs} is of the same ${level} as the good (${goodHs})` };
}

function describeLevel(l: AnyOther): string {
  return l === 'any-other-good' ? 'another good or another subheading' : l.replace(/-/g, ' ');
}

/** At most this many unsaid things are worked out for one material (each doubles the work). */
const MAX_UNSAID = 8;

/**
 * Does a non-originating material of `materialHs` make the change `change` requires for a good of `goodHs`?
 * Codes are HS 2012 headings or subheadings ("8708.10", "7604.21"); an excepted source wins over every listed one.
 * A national tariff item listed or excepted ("8482.99.aa") is decided by the material's national number read through
 * the pack's correspondence (`itemOf`); goods named in an entry by what the claim says the material is (`goods`).
 */
export function materialMakesChange(
  goodHs: string,
  materialHs: string,
  change: TariffChange,
  itemOf: ItemOf = () => 'unknown',
  written: Written = {},
  goods: GoodsSaid = {},
): MaterialChange {
  const f: Facts = { goodHs, materialHs, itemOf, written, goods };
  const unsaid = new Map<string, string>();
  const under = (assign: ReadonlySet<string>) =>
    judge(f, change, (key, words) => {
      if (!unsaid.has(key)) unsaid.set(key, words);
      return assign.has(key);
    });
  const first = under(new Set());
  if (unsaid.size === 0) return first;
  // Every possibility of what is unsaid (each thing true or false); asking may bring up more things, worked out too.
  const answers = [first];
  for (let mask = 1; mask < 1 << Math.min(unsaid.size, MAX_UNSAID); mask++) {
    const keys = [...unsaid.keys()];
    answers.push(under(new Set(keys.filter((_, i) => (mask >> i) & 1))));
  }
  const words = [...unsaid.values()];
  if (answers.every((a) => a.makes))
    return {
      makes: true,
      reason: `${materialHs} makes ${describeChange(change)} whatever the claim leaves unsaid (${words.join('; ')})`,
    };
  if (answers.every((a) => !a.makes)) return { makes: false, reason: first.reason };
  return {
    makes: false,
    undetermined: true,
    reason: `whether ${materialHs} makes ${describeChange(change)} turns on what the claim does not say: ${words.join('; ')}`,
  };
}
