/**
 * Puts a GN 11 rule as the second reader transcribed it (gn11-transcription.yaml) beside the rule pack's rule for
 * the same subheading and use (rules/usmca/psr/), and lists every difference in words: the alternatives in order,
 * their goods, the change of classification required (level, codes allowed, exceptions, "whether or not"), and
 * the RVC. GN 11 prints the last step of a staged threshold; the pack's figure compared is its last step.
 */
import type { RulePack } from '../../src/rules/pack.js';
import { hsSpan } from '../../src/rules/hs.js';
import type {
  DatedPercent,
  ProductSpecificRule,
  ProductSpecificRules,
  PsrAlternative,
  PsrUse,
} from '../../src/rules/psr-schema.js';
import type { Alternative, TranscribedRule } from './gn11-fixture.js';

export const EVERY_USE: PsrUse[] = ['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle', 'aftermarket'];

/** One alternative reduced to what both readings state: the same words give the same JSON. */
interface Plain {
  goods?: string;
  change: 'none' | 'unread' | { from: string | string[]; fromGoods?: string[]; orFrom?: string; except?: string[] };
  rvc?: 'unread' | { transactionValue?: string; netCost?: string };
}

/** The pack's product-specific rules in force on `date`, from every chapter parameter. */
export function packRules(pack: RulePack, date: string): ProductSpecificRule[] {
  return [...pack.parameters.keys()]
    .filter((id) => id.startsWith('usmca.auto.psr.'))
    .flatMap((id) => (pack.at(id as 'usmca.auto.psr.chapter_87', date).value as ProductSpecificRules).rules);
}

/** The pack's rules covering subheading `code` for `use`, limited to the described goods `ex` where both name some. */
export function packRulesFor(
  rules: ProductSpecificRule[],
  code: string,
  use: PsrUse,
  ex?: string,
): ProductSpecificRule[] {
  const c = hsSpan(code).lo;
  return rules.filter((r) => {
    const s = hsSpan(r.hs);
    return c >= s.lo && c <= s.hi && r.uses.includes(use) && (r.ex === undefined || ex === undefined || same(r.ex, ex));
  });
}

/** The subheadings of a transcribed rule to look up in the pack: its parts-table entries, else its own codes. */
export function lookupCodes(r: TranscribedRule): string[] {
  return r.tables ? Object.keys(r.tables) : r.goods.filter((g) => /^\d{4}\.\d{2}$/.test(g));
}

/** Every difference between a transcribed rule and the pack's rule, as sentences (empty when they agree). */
export function differences(mine: TranscribedRule, theirs: ProductSpecificRule): string[] {
  const out: string[] = [];
  const a = mine.alternatives.map((alt) => plainMine(alt, mine, theirs.hs));
  const b = theirs.alternatives.map(plainPack);
  if (mine.reading === 'complete' ? a.length !== b.length : a.length > b.length)
    out.push(`GN 11 prints ${a.length} alternative(s), the pack holds ${b.length}`);
  a.forEach((x, i) => {
    const y = b[i];
    if (y === undefined) return;
    const label = `(${mine.alternatives[i]!.label}) / ${theirs.alternatives[i]!.paragraph}`;
    if (x.goods !== y.goods) out.push(`${label}: goods "${x.goods ?? '-'}" vs "${y.goods ?? '-'}"`);
    if (x.change !== 'unread' && JSON.stringify(x.change) !== JSON.stringify(y.change))
      out.push(`${label}: change ${JSON.stringify(x.change)} vs ${JSON.stringify(y.change)}`);
    const xr = x.rvc === 'unread' ? undefined : x.rvc;
    if (x.rvc !== 'unread' && JSON.stringify(xr) !== JSON.stringify(partialLike(y.rvc, xr)))
      out.push(`${label}: RVC ${JSON.stringify(xr ?? null)} vs ${JSON.stringify(y.rvc ?? null)}`);
  });
  return out;
}

/**
 * Goods the rule's own scope already names ("a body stamping" of the rule for body stampings) are not repeated.
 * The group words are put as the pack writes them: "from any subheading outside that group" (and "whether or not
 * ... outside that group") is a change from any other subheading with the group excepted; "from any other
 * subheading within that group" lists the group and excepts the good's own subheading (`ownHs`, the pack rule's).
 */
function plainMine(alt: Alternative, rule: TranscribedRule, ownHs: string): Plain {
  const named = alt.goods?.replace(/ of subheading \d{4}\.\d{2}$/, '');
  const goods = named !== undefined && rule.ex?.toLowerCase().startsWith(named.toLowerCase()) ? undefined : named;
  const t = alt.tariffShift;
  const group = range(rule.goods[0]!);
  const except =
    t === 'unread' || 'required' in t
      ? []
      : [
          ...(t.outsideGroup || t.whetherOrNotOutsideGroup ? [group] : []),
          ...(t.except ?? []).map(range),
          ...(t.otherWithinGroup ? [ownHs] : []),
        ];
  const change: Plain['change'] =
    t === 'unread'
      ? 'unread'
      : 'required' in t
        ? 'none'
        : {
            from: t.from === 'any-other' ? `any-other-${t.level}` : unique(t.from.map(range)),
            ...(t.fromGoods !== undefined && t.from !== 'any-other' && { fromGoods: t.from.map(() => t.fromGoods!) }),
            ...(t.whetherOrNotAlsoFrom && { orFrom: `any-other-${t.whetherOrNotAlsoFrom}` }),
            ...(except.length > 0 && { except: unique(except) }),
          };
  const rvc: Plain['rvc'] =
    alt.rvc === 'unread' || alt.rvc === undefined
      ? alt.rvc
      : {
          ...(alt.rvc.transactionValue !== undefined && { transactionValue: alt.rvc.transactionValue }),
          ...(alt.rvc.netCost !== undefined && { netCost: alt.rvc.netCost }),
        };
  return { ...(goods !== undefined && { goods }), change, ...(rvc !== undefined && { rvc }) };
}

function plainPack(alt: PsrAlternative): Plain {
  const c = alt.change;
  const change: Plain['change'] =
    c === 'none'
      ? 'none'
      : {
          from: typeof c.from === 'string' ? c.from : c.from.map((s) => (typeof s === 'string' ? s : s.hs)),
          ...(typeof c.from !== 'string' &&
            c.from.some((s) => typeof s !== 'string') && {
              fromGoods: c.from.map((s) => (typeof s === 'string' ? '' : s.goods)),
            }),
          ...(c.orFrom && { orFrom: c.orFrom }),
          ...(c.except && { except: c.except }),
        };
  const r = alt.rvc;
  const rvc: Plain['rvc'] =
    r === undefined
      ? undefined
      : r.table !== undefined
        ? { netCost: `table ${r.table}` }
        : {
            ...(r.transactionValue !== undefined && { transactionValue: lastStep(r.transactionValue) }),
            ...(r.netCost !== undefined && { netCost: lastStep(r.netCost) }),
          };
  return { ...(alt.goods !== undefined && { goods: alt.goods }), change, ...(rvc !== undefined && { rvc }) };
}

/** The figure of the last step (the one GN 11 prints), or the single figure. */
function lastStep(d: DatedPercent): string {
  if (typeof d === 'string') return d;
  const dates = Object.keys(d).sort();
  return d[dates[dates.length - 1]!]!;
}

/** The pack's RVC with a figure the transcription marks unread dropped, so only what was read is compared. */
function partialLike(theirs: Plain['rvc'], mine: { transactionValue?: string; netCost?: string } | undefined): unknown {
  if (theirs === undefined || theirs === 'unread' || mine === undefined) return theirs;
  const out = { ...theirs };
  if (mine.netCost === 'unread') out.netCost = 'unread';
  if (mine.transactionValue === 'unread') out.transactionValue = 'unread';
  return out;
}

/**
 * The United States' own eight-digit numbers GN 11 prints where the Uniform Regulations print a generic item:
 * GN 11(o)/87.52 and 87.54 (HTSUS 2025 Rev. 7, GN p.121-122) print "tariff items 8482.99.05, 8482.99.15 or
 * 8482.99.25" where s. 13, 8708.99 (3)(b)-(c) and (4)(b)-(c) print "tariff item 8482.99.aa".
 */
const GENERIC_ITEM: Record<string, string> = {
  '8482.99.05': '8482.99.aa',
  '8482.99.15': '8482.99.aa',
  '8482.99.25': '8482.99.aa',
};

/** "8511.10-8511.80" as the pack writes it, "8511.10..8511.80"; a heading "7408" as "74.08". */
function range(p: string): string {
  return p
    .split('-')
    .map((c) => GENERIC_ITEM[c] ?? (/^\d{4}$/.test(c) ? `${c.slice(0, 2)}.${c.slice(2)}` : c))
    .join('..');
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function same(x: string, y: string): boolean {
  return x.trim().toLowerCase() === y.trim().toLowerCase();
}
