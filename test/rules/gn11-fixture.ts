/**
 * The second reader's transcription of HTSUS General Note 11(o) rules (test/rules/gn11-transcription.yaml):
 * its shape, and a reader of GN 11's fixed wording that restates each printed alternative from its words alone,
 * so the structured fields can be checked against the verbatim text they were written from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const FIXTURE_FILE = join(import.meta.dirname, 'gn11-transcription.yaml');

/** A tariff provision as GN 11 writes it: heading (4 digits), subheading (nnnn.nn), tariff item (nnnn.nn.nn). */
const CODE = /^\d{4}(\.\d{2}){0,2}$/;
/** A provision or a range of provisions ("8511.10-8511.80" for "8511.10 through 8511.80"). */
const provision = z.string().refine((s) => s.split('-').every((c) => CODE.test(c)), 'a tariff provision or range');
/**
 * An entry of a from-list or an exception: a provision ("8415.90.40"), some goods of one ({ hs: "8415.10", goods:
 * "split-systems" }), or goods the text names by description only ({ goods: "assemblies incorporating ..." }).
 */
const source = z.union([provision, z.strictObject({ hs: provision.optional(), goods: z.string().min(1) })]);
export type Source = z.infer<typeof source>;

/** The provision of a from-list or exception entry; undefined for goods named by description only. */
export function sourceCode(s: Source): string | undefined {
  return typeof s === 'string' ? s : s.hs;
}

const percent = z.string().regex(/^\d+(\.\d+)?$/, 'a percentage written as a decimal string');
const UNREAD = z.literal('unread');

const tariffShift = z.union([
  z.strictObject({ required: z.literal(false) }),
  z.strictObject({
    level: z.enum(['chapter', 'heading', 'subheading', 'tariff-item', 'good']).optional(),
    from: z.union([z.literal('any-other'), z.array(source).min(1)]),
    fromGoods: z.string().optional(),
    /** "except from ..." (or "excluding ...") wherever the alternative's words put it, also after "whether or not". */
    except: z.array(source).optional(),
    includingWithinGroup: z.literal(true).optional(),
    /** "from any subheading outside that group": with level and from any-other. */
    outsideGroup: z.literal(true).optional(),
    /** "from any other subheading within that group or ...": from lists the group, the good's own code aside. */
    otherWithinGroup: z.literal(true).optional(),
    whetherOrNotAlsoFrom: z.enum(['chapter', 'heading', 'subheading', 'tariff-item']).optional(),
    /** "whether or not there is also a change from any subheading outside that group". */
    whetherOrNotOutsideGroup: z.literal(true).optional(),
  }),
]);
export type TariffShift = z.infer<typeof tariffShift>;

const rvc = z.strictObject({
  transactionValue: z.union([percent, UNREAD]).optional(),
  netCost: z.union([percent, UNREAD]).optional(),
  /** The comparison words; "is" where the page prints "provided that the regional value content is:". */
  phrase: z.enum(['not less than', 'at least', 'is']),
});
export type Rvc = z.infer<typeof rvc>;

const alternative = z.strictObject({
  label: z.enum(['A', 'B', 'C', 'D']),
  goods: z.string().optional(),
  /** The national tariff items the alternative is for ("A change to tariff items 8708.99.03, 8708.99.27 or ..."). */
  items: z.array(provision).min(1).optional(),
  tariffShift: z.union([tariffShift, UNREAD]),
  rvc: z.union([rvc, UNREAD]).optional(),
});
export type Alternative = z.infer<typeof alternative>;

const table = z.enum(['A.1', 'B', 'C', 'D', 'E']);
const rule = z.strictObject({
  rule: z.string().regex(/^\d{2}\.\d+$/),
  cite: z.string(),
  page: z.number().int(),
  url: z.string().url(),
  goods: z.array(provision).min(1),
  scope: z.string().optional(),
  uses: z.array(z.enum(['passenger-vehicle', 'light-truck', 'heavy-truck', 'other-vehicle', 'aftermarket'])).optional(),
  ex: z.string().optional(),
  tables: z.record(z.string().regex(CODE), z.array(table).min(1)).optional(),
  automotive: z.string().optional(),
  text: z.string(),
  reading: z.enum(['complete', 'partial']),
  unread: z.string().optional(),
  disputed: z.string().optional(),
  /** Slips of the page and how they were read (the text keeps them as printed). */
  notes: z.string().optional(),
  alternatives: z.array(alternative).min(1),
});
export type TranscribedRule = z.infer<typeof rule>;

/**
 * One Party's own tariff numbers, printed together in the rules named in `printedIn`: where the Uniform Regulations
 * print a generic item at that place ("8708.99.aa"), `generic` names it and `where` the paragraph that prints it.
 */
const nationalItem = z.strictObject({
  generic: z
    .string()
    .regex(/^\d{4}\.\d{2}\.[a-z]{2}$/)
    .optional(),
  where: z.string().optional(),
  party: z.enum(['US']),
  codes: z.array(z.string().regex(/^\d{4}\.\d{2}\.\d{2}$/)).min(1),
  printedIn: z.array(z.string().regex(/^GN 11\(o\)\/\d{2}\.\d+$/)).min(1),
});
export type NationalItem = z.infer<typeof nationalItem>;

const fixture = z.strictObject({
  format: z.literal('usmca-roo/gn11-transcription@1'),
  title: z.string(),
  source: z.strictObject({
    instrument: z.string(),
    copies: z.array(z.string()).min(1),
    revision: z.string(),
    readingLimits: z.string(),
    pagesRead: z.array(z.number().int()).min(1),
  }),
  rules: z.array(rule).min(1),
  nationalItems: z.array(nationalItem).min(1).optional(),
});
export type Transcription = z.infer<typeof fixture>;

/** Reads and validates the fixture; throws zod's issues (with their paths) on a malformed entry. */
export function loadTranscription(file: string = FIXTURE_FILE): Transcription {
  return fixture.parse(parse(readFileSync(file, 'utf8'), { uniqueKeys: true }));
}

/** "8511.10 through 8511.80" and "8511.10" as the fixture writes them ("8511.10-8511.80", "8511.10"). */
export function codesIn(words: string): string[] {
  const out: string[] = [];
  for (const m of words.matchAll(/(\d{4}(?:\.\d{2}){0,2})(?:\s+through\s+(\d{4}(?:\.\d{2}){0,2}))?/g))
    out.push(m[2] ? `${m[1]}-${m[2]}` : m[1]!);
  return out;
}

/** Whether `code` falls under the provision or range `p` (by prefix, or inside the range at its own length). */
export function covers(p: string, code: string): boolean {
  const [lo, hi] = p.split('-') as [string, string | undefined];
  if (!hi) return code.startsWith(lo) || lo.startsWith(code);
  const cut = (c: string) => c.slice(0, lo.length);
  return cut(code) >= lo && cut(code) <= hi;
}

/** The text of each lettered alternative, keyed by its letter; a rule without letters is one alternative, A. */
export function alternativeTexts(text: string): Map<string, string> {
  const body = text.replace(/^\s*(\[\.\.\.\]\s*)?(\d+[.,])?\s*/, '');
  const marks = [...body.matchAll(/\(([A-D])\)\s/g)];
  if (marks.length === 0) return new Map([['A', body]]);
  return new Map(marks.map((m, i) => [m[1]!, body.slice(m.index! + m[0].length, marks[i + 1]?.index ?? body.length)]));
}

const LEVEL: Record<string, 'chapter' | 'heading' | 'subheading' | 'tariff-item'> = {
  chapter: 'chapter',
  heading: 'heading',
  subheading: 'subheading',
  'tariff item': 'tariff-item',
};

/**
 * What GN 11's fixed phrases in one alternative's words say, restated in the fixture's terms. Parts of the rule
 * that the copy cut off come out as `undefined`.
 */
export function readWording(words: string): { tariffShift?: TariffShift; rvc?: Partial<Rvc> } {
  const out: { tariffShift?: TariffShift; rvc?: Partial<Rvc> } = {};
  const tv = /(\d+(?:\.\d+)?) percent where the transaction value method/.exec(words);
  const nc = /(\d+(?:\.\d+)?) percent (?:where|under) the net cost method/.exec(words);
  const after = words.split('regional value content')[1] ?? '';
  const phrase = /(not less than|at least)/.exec(after) ?? /^\s*(is):/.exec(after);
  if (/regional value content/.test(words)) {
    out.rvc = {};
    if (tv) out.rvc.transactionValue = tv[1];
    if (nc) out.rvc.netCost = nc[1];
    if (phrase) out.rvc.phrase = phrase[1] as Rvc['phrase'];
  }
  if (/No change in tariff classification/.test(words)) {
    out.tariffShift = { required: false };
    return out;
  }
  const target = words.split(/\sfrom\s/)[0] ?? '';
  const end = /(,\s*whether or not|,\s*provided|;|\.(?=\s|$)|,\s*or\s*$)/;
  const clause = /\sfrom\s(.*?)(?:,\s*whether or not|,\s*provided|;|\.(?=\s|$)|,\s*or\s*$|$)/s.exec(words)?.[1];
  if (clause === undefined || !end.test(words)) return out;
  const [fromPart, exceptPart] = clause.split(/,?\s*(?:except from|excluding)\s/);
  const shift: Record<string, unknown> = {};
  const otherWithin = /^any other (?:heading|subheading) within that\s?group(.*)$/s.exec(fromPart!);
  const outside = /^any (heading|subheading) outside that\s?group/.exec(fromPart!);
  const anyOther = /^any other (good within|chapter|heading|subheading|tariff item)/.exec(fromPart!);
  if (otherWithin) {
    shift.from = [...codesIn(target), ...codesIn(otherWithin[1]!)];
    shift.otherWithinGroup = true;
  } else if (outside) {
    shift.level = LEVEL[outside[1]!];
    shift.from = 'any-other';
    shift.outsideGroup = true;
  } else if (anyOther) {
    shift.level = anyOther[1] === 'good within' ? 'good' : LEVEL[anyOther[1]!];
    shift.from = 'any-other';
  } else {
    const own = /within that subheading/.test(fromPart!) ? codesIn(target).slice(-1) : [];
    shift.from = [...own, ...codesIn(fromPart!)];
  }
  // "except from any subheading within that group": the group the rule is written for.
  if (exceptPart)
    shift.except = /^any (?:heading|subheading) within that\s?group/.test(exceptPart)
      ? codesIn(target)
      : codesIn(exceptPart);
  if (/including\s?another subheading within that\s?group/.test(words)) shift.includingWithinGroup = true;
  const also = /whether or not there is also a change from any other (chapter|heading|subheading|tariff item)/.exec(
    words,
  );
  const alsoOutside = /whether or not there is also a change from any (heading|subheading) outside that\s?group/.exec(
    words,
  );
  // "whether or not there is also a change from any other heading, except from tariff items ...": the exception
  // limits the materials of that other change.
  const exceptAfter =
    /whether or not there is also a change from [^,]*?,\s*except from\s(.*?)(?:,\s*provided|;|\.(?=\s|$)|$)/s.exec(
      words,
    );
  if (exceptAfter) shift.except = [...((shift.except as string[] | undefined) ?? []), ...codesIn(exceptAfter[1]!)];
  if (also) shift.whetherOrNotAlsoFrom = LEVEL[also[1]!];
  else if (alsoOutside) {
    shift.whetherOrNotAlsoFrom = LEVEL[alsoOutside[1]!];
    shift.whetherOrNotOutsideGroup = true;
  }
  out.tariffShift = shift as TariffShift;
  return out;
}
