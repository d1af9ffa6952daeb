/**
 * Puts a GN 11 rule as the second reader transcribed it (gn11-transcription.yaml) beside the rule pack's rule for
 * the same subheading and use (rules/usmca/psr/), and lists every difference in words: the alternatives in order,
 * their goods, the change of classification required (level, codes allowed, exceptions, "whether or not"), and
 * the RVC. GN 11 prints the last step of a staged threshold; the pack's figure compared is its last step.
 *
 * GN 11 prints the United States' own tariff items where the rules print generic ones ("8708.99.aa", UR s.
 * 1(3)(e)); the pack's generic items are read as the US numbers its usmca.hs.national_items confirms, or, where
 * it confirms none, as the transcription's own list of the generic items the Uniform Regulations print.
 */
import type { RulePack } from '../../src/rules/pack.js';
import { hsSpan } from '../../src/rules/hs.js';
import type {
  DatedPercent,
  NationalItems,
  ProductSpecificRule,
  ProductSpecificRules,
  PsrAlternative,
  PsrUse,
} from '../../src/rules/psr-schema.js';
import type { Alternative, NationalItem, Source, TranscribedRule } from './gn11-fixture.js';

export const EVERY_USE: PsrUse[] = ['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle', 'aftermarket'];

/** A generic item of the pack ("8536.50.aa") and the US eight-digit numbers it is read as. */
export type ItemReading = Map<string, string[]>;

/** One alternative reduced to what both readings state: the same words give the same JSON. */
interface Plain {
  goods?: string;
  items?: string[];
  change: 'none' | 'unread' | { from: string | string[]; orFrom?: string; except?: string[] };
  rvc?: 'unread' | { transactionValue?: string; netCost?: string };
}

/** The pack's product-specific rules in force on `date`, from every chapter parameter. */
export function packRules(pack: RulePack, date: string): ProductSpecificRule[] {
  return [...pack.parameters.keys()]
    .filter((id) => id.startsWith('usmca.auto.psr.'))
    .flatMap((id) => (pack.at(id as 'usmca.auto.psr.chapter_87', date).value as ProductSpecificRules).rules);
}

/** The pack's correspondence of generic items to national numbers in force on `date`. */
export function packNationalItems(pack: RulePack, date: string): NationalItems {
  return pack.at('usmca.hs.national_items', date).value as NationalItems;
}

/** The eight-digit US numbers the pack confirms for each generic item (a ten-digit number cut to its item). */
export function packUsItems(table: NationalItems): ItemReading {
  const out: ItemReading = new Map();
  for (const i of table.items)
    for (const c of i.countries)
      if (c.country === 'US' && c.status === 'confirmed' && c.codes !== undefined)
        out.set(i.item, unique(c.codes.map((code) => eightDigits(code))));
  return out;
}

/**
 * How the comparison reads a generic item of the pack: as the US numbers the pack confirms, else as the numbers the
 * transcription lists for the generic item the Uniform Regulations print at the same place.
 */
export function itemReading(pack: ItemReading, mine: NationalItem[]): ItemReading {
  const out: ItemReading = new Map(pack);
  for (const i of mine) if (i.generic !== undefined && !out.has(i.generic)) out.set(i.generic, [...i.codes]);
  return out;
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

/**
 * The pack's alternatives that answer to a transcribed rule: for a rule written for national tariff items (its
 * goods, or its alternatives' `items`), those whose tariff item is read as those numbers; for any other rule, those
 * for no tariff item. Empty when the pack rule holds nothing for these goods.
 */
export function answeringAlternatives(mine: TranscribedRule, theirs: ProductSpecificRule, items: ItemReading) {
  const numbers = (a: PsrAlternative) => (a.tariffItem === undefined ? [] : (items.get(a.tariffItem) ?? []));
  if (mine.alternatives.some((a) => a.items !== undefined)) return theirs.alternatives.filter((a) => a.tariffItem);
  if (mine.goods.every((g) => /^\d{4}\.\d{2}\.\d{2}$/.test(g)))
    return theirs.alternatives.filter((a) => mine.goods.every((g) => numbers(a).includes(g)));
  return theirs.alternatives.filter((a) => a.tariffItem === undefined);
}

/**
 * Every difference between a transcribed rule and the pack's rule, as sentences (empty when they agree); undefined
 * when the pack rule holds no alternative for the transcribed rule's goods (see answeringAlternatives).
 */
export function differences(
  mine: TranscribedRule,
  theirs: ProductSpecificRule,
  items: ItemReading = new Map(),
): string[] | undefined {
  const answering = answeringAlternatives(mine, theirs, items);
  if (answering.length === 0) return undefined;
  const out: string[] = [];
  const a = mine.alternatives.map((alt) => plainMine(alt, mine, theirs.hs));
  const b = answering.map((alt) => plainPack(alt, items));
  if (mine.reading === 'complete' ? a.length !== b.length : a.length > b.length)
    out.push(`GN 11 prints ${a.length} alternative(s), the pack holds ${b.length}`);
  a.forEach((x, i) => {
    const y = b[i];
    if (y === undefined) return;
    const label = `(${mine.alternatives[i]!.label}) / ${answering[i]!.paragraph}`;
    if (x.goods !== y.goods) out.push(`${label}: goods "${x.goods ?? '-'}" vs "${y.goods ?? '-'}"`);
    if (JSON.stringify(x.items) !== JSON.stringify(y.items))
      out.push(`${label}: tariff items ${JSON.stringify(x.items ?? null)} vs ${JSON.stringify(y.items ?? null)}`);
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
  const forItems = alt.items ?? (rule.goods.every((g) => /^\d{4}\.\d{2}\.\d{2}$/.test(g)) ? rule.goods : undefined);
  const group = range(rule.goods[0]!);
  const except =
    t === 'unread' || 'required' in t
      ? []
      : [
          ...(t.outsideGroup || t.whetherOrNotOutsideGroup ? [group] : []),
          ...(t.except ?? []).map((s) => entry(s)),
          ...(t.otherWithinGroup ? [ownHs] : []),
        ];
  const change: Plain['change'] =
    t === 'unread'
      ? 'unread'
      : 'required' in t
        ? 'none'
        : {
            from: t.from === 'any-other' ? `any-other-${t.level}` : unique(t.from.map((s) => entry(s, t.fromGoods))),
            ...(t.whetherOrNotAlsoFrom && { orFrom: `any-other-${t.whetherOrNotAlsoFrom}` }),
            ...(except.length > 0 && { except: unique(except).sort() }),
          };
  const rvc: Plain['rvc'] =
    alt.rvc === 'unread' || alt.rvc === undefined
      ? alt.rvc
      : {
          ...(alt.rvc.transactionValue !== undefined && { transactionValue: alt.rvc.transactionValue }),
          ...(alt.rvc.netCost !== undefined && { netCost: alt.rvc.netCost }),
        };
  return {
    ...(goods !== undefined && { goods: words(goods) }),
    ...(forItems !== undefined && { items: [...forItems].sort() }),
    change,
    ...(rvc !== undefined && { rvc }),
  };
}

function plainPack(alt: PsrAlternative, items: ItemReading): Plain {
  const c = alt.change;
  const read = (code: string) => items.get(code) ?? [code];
  const listed = (s: string | { hs?: string; goods?: string }): string[] =>
    typeof s === 'string'
      ? read(s)
      : s.hs === undefined
        ? [entry({ goods: s.goods ?? '' })]
        : read(s.hs).map((h) => entry({ hs: h, goods: s.goods ?? '' }));
  const change: Plain['change'] =
    c === 'none'
      ? 'none'
      : {
          from: typeof c.from === 'string' ? c.from : unique(c.from.flatMap(listed)),
          ...(c.orFrom && { orFrom: c.orFrom }),
          ...(c.except && {
            except: unique((c.except as (string | { hs?: string; goods?: string })[]).flatMap(listed)).sort(),
          }),
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
  return {
    ...(alt.goods !== undefined && { goods: words(alt.goods) }),
    ...(alt.tariffItem !== undefined && { items: [...read(alt.tariffItem)].sort() }),
    change,
    ...(rvc !== undefined && { rvc }),
  };
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
 * A from-list or exception entry as one string: the provision as the pack writes it, then "|" and the goods words
 * where the entry names goods ("8415.10|split-systems", "|assemblies incorporating ...").
 */
function entry(s: Source, goods?: string): string {
  const hs = typeof s === 'string' ? s : s.hs;
  const g = typeof s === 'string' ? goods : s.goods;
  const code = hs === undefined ? '' : range(hs);
  return g === undefined ? code : `${code}|${words(g)}`;
}

/** Goods words compared without case, quotes or punctuation ("“Split-systems”," and "split-systems" agree). */
function words(g: string): string {
  return g
    .toLowerCase()
    .replace(/[“”"‘’',;:()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "8511.10-8511.80" as the pack writes it, "8511.10..8511.80"; a heading "7408" as "74.08". */
function range(p: string): string {
  return p
    .split('-')
    .map((c) => (/^\d{4}$/.test(c) ? `${c.slice(0, 2)}.${c.slice(2)}` : c))
    .join('..');
}

/** "8708.99.8180" or "8708.99.81.80" as its tariff item "8708.99.81". */
function eightDigits(code: string): string {
  const d = code.replace(/\./g, '');
  return `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function same(x: string, y: string): boolean {
  return x.trim().toLowerCase() === y.trim().toLowerCase();
}
