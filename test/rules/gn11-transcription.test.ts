/**
 * The second reader's transcription of HTSUS General Note 11(o) (issue 14, deliverable 4): each rule is cited to
 * its printed page, and its structured alternatives say what its verbatim words say. The comparison with the rule
 * pack's product-specific rules lives in gn11-pack.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  alternativeTexts,
  codesIn,
  covers,
  loadTranscription,
  readWording,
  sourceCode,
  type Source,
  type TranscribedRule,
} from './gn11-fixture.js';

const transcription = loadTranscription();
const { rules, source } = transcription;
const complete = rules.filter((r) => r.reading === 'complete');

describe('the GN 11 transcription', () => {
  it('holds at least 40 fully read rules, each once', () => {
    expect(complete.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.rule)).size).toBe(rules.length);
  });

  it('cites every rule as GN 11(o)/chapter.subdivision, to a printed page it read, at a copy it names', () => {
    for (const r of rules) {
      expect(r.cite, r.rule).toBe(`GN 11(o)/${r.rule}`);
      expect(source.pagesRead, r.rule).toContain(r.page);
      expect(
        source.copies.map((c) => c.replace('page=N', `page=${r.page}`)),
        r.rule,
      ).toContain(r.url);
    }
  });

  it('quotes each rule from its own number, and the chapter matches the provisions it is for', () => {
    for (const r of rules) {
      const [chapter, subdivision] = r.rule.split('.');
      if (!r.text.startsWith('[...]')) expect(r.text, r.rule).toMatch(new RegExp(`^${subdivision}[.,] `));
      for (const g of r.goods) expect(g.slice(0, 2), r.rule).toBe(chapter);
    }
  });

  it('names in its text every provision it is for, and lists a parts table only for a provision it covers', () => {
    for (const r of rules) {
      const inText = codesIn(r.text);
      for (const g of r.goods) expect(inText, r.rule).toContain(g);
      for (const code of Object.keys(r.tables ?? {}))
        expect(
          r.goods.some((g) => covers(g, code)),
          `${r.rule} ${code}`,
        ).toBe(true);
    }
  });

  it('marks what it could not read, and only there', () => {
    for (const r of rules) {
      const cut = r.text.includes('[...]');
      const unreadField = JSON.stringify(r.alternatives).includes('"unread"') || r.scope === 'unread';
      expect({ rule: r.rule, partial: r.reading === 'partial', note: r.unread !== undefined }).toEqual({
        rule: r.rule,
        partial: cut,
        note: cut,
      });
      if (unreadField) expect(r.reading, r.rule).toBe('partial');
    }
  });

  it('has one structured alternative per lettered alternative of the text, in order', () => {
    for (const r of complete)
      expect(
        r.alternatives.map((a) => a.label),
        r.rule,
      ).toEqual([...alternativeTexts(r.text).keys()]);
    for (const r of rules.filter((x) => x.reading === 'partial'))
      for (const a of r.alternatives) expect([...alternativeTexts(r.text).keys()], r.rule).toContain(a.label);
  });

  it('structures each alternative as its words say: shift level, from-list, exceptions, "whether or not", RVC', () => {
    for (const r of rules) for (const a of r.alternatives) expectAsWorded(r, a.label);
  });

  it('writes every threshold as a decimal string in percent, TV above NC where both are printed', () => {
    for (const r of rules)
      for (const a of r.alternatives) {
        if (a.rvc === undefined || a.rvc === 'unread') continue;
        const { transactionValue: tv, netCost: nc } = a.rvc;
        expect(tv !== undefined || nc !== undefined, r.rule).toBe(true);
        if (tv && nc && tv !== 'unread' && nc !== 'unread') expect(Number(tv) - Number(nc), r.rule).toBe(10);
      }
  });

  it('prints every national tariff item it lists in each rule it names, and names every tariff item of those rules', () => {
    const items = transcription.nationalItems ?? [];
    for (const item of items)
      for (const cite of item.printedIn) {
        const r = rules.find((x) => x.cite === cite);
        expect(r, cite).toBeDefined();
        for (const code of item.codes) expect(codesIn(r!.text), `${cite} ${code}`).toContain(code);
      }
    const listed = new Set(items.flatMap((i) => i.codes));
    for (const r of rules.filter((x) => items.some((i) => i.printedIn.includes(x.cite))))
      for (const code of codesIn(r.text).filter((c) => /^\d{4}\.\d{2}\.\d{2}$/.test(c)))
        expect(listed.has(code), `${r.rule} ${code}`).toBe(true);
  });

  it('states the items of an alternative written for national tariff items as one listed group', () => {
    const groups = (transcription.nationalItems ?? []).map((i) => [...i.codes].sort().join());
    for (const r of rules)
      for (const a of r.alternatives.filter((x) => x.items !== undefined))
        expect(groups, `${r.rule}(${a.label})`).toContain([...a.items!].sort().join());
  });

  it('covers these Table A.1-E provisions with a fully read rule', () => {
    const covered = new Set(complete.flatMap((r) => Object.keys(r.tables ?? {})));
    expect([...covered].sort()).toEqual([
      '4009.12',
      '4009.22',
      '4009.32',
      '4009.42',
      '8301.20',
      '8407.31',
      '8407.32',
      '8407.33',
      '8407.34',
      '8408.20',
      '8409.91',
      '8409.99',
      '8413.30',
      '8413.50',
      '8414.59',
      '8414.80',
      '8415.20',
      '8421.39',
      '8479.89',
      '8481.20',
      '8481.30',
      '8481.80',
      '8482.10',
      '8482.20',
      '8482.30',
      '8482.40',
      '8482.50',
      '8482.80',
      '8483.10',
      '8483.20',
      '8483.30',
      '8483.40',
      '8483.50',
      '8483.60',
      '8501.10',
      '8501.20',
      '8501.31',
      '8501.32',
      '8501.33',
      '8505.20',
      '8505.90',
      '8507.20',
      '8507.30',
      '8507.40',
      '8507.60',
      '8507.80',
      '8511.30',
      '8511.40',
      '8511.50',
      '8511.80',
      '8511.90',
      '8512.20',
      '8512.40',
      '8519.81',
      '8536.50',
      '8536.90',
      '8537.10',
      '8539.10',
      '8539.21',
      '8544.30',
      '8708.21',
      '8708.29',
      '8708.30',
      '8708.40',
      '8708.95',
      '9031.80',
      '9032.89',
      '9401.20',
    ]);
  });
});

/** Compares one structured alternative with what readWording makes of its words (skipping what the copy cut off). */
function expectAsWorded(r: TranscribedRule, label: string): void {
  const a = r.alternatives.find((x) => x.label === label)!;
  const words = alternativeTexts(r.text).get(label)!;
  const read = readWording(words);
  const where = `${r.rule}(${label})`;
  if (a.tariffShift === 'unread') expect(read.tariffShift, where).toBeUndefined();
  else expect(asCodes(a.tariffShift), where).toEqual(withoutFromGoods(read.tariffShift, a.tariffShift));
  if (a.tariffShift !== 'unread' && 'from' in a.tariffShift) {
    const t = a.tariffShift;
    const described = [t.fromGoods, ...[...(t.from === 'any-other' ? [] : t.from), ...(t.except ?? [])].map(goodsOf)];
    for (const g of described)
      for (const w of (g ?? '').split(/[ ,:]+/).filter((x) => /^[a-z]{5,}$/.test(x)))
        expect(words, `${where} goods "${w}"`).toContain(w);
  }
  for (const item of a.items ?? []) expect(codesIn(words.split(/\sfrom\s/)[0]!), `${where} items`).toContain(item);
  if (a.rvc === 'unread' || a.rvc === undefined) {
    if (a.rvc === undefined) expect(read.rvc, where).toBeUndefined();
    return;
  }
  const printed = read.rvc ?? {};
  for (const key of ['transactionValue', 'netCost', 'phrase'] as const) {
    if (a.rvc[key] === 'unread' || (r.reading === 'partial' && printed[key] === undefined)) continue;
    expect(a.rvc[key], `${where} ${key}`).toBe(printed[key]);
  }
}

/** The goods words of a from-list or exception entry, if it has any. */
function goodsOf(s: Source): string | undefined {
  return typeof s === 'string' ? undefined : s.goods;
}

/**
 * The structured change with each from-list and exception entry reduced to its provision, as the reading of the
 * words gives it (goods named by description only have none and drop out; their words are checked apart).
 */
function asCodes(t: Exclude<TranscribedRule['alternatives'][number]['tariffShift'], 'unread'>): unknown {
  if (!('from' in t)) return t;
  const codes = (xs: Source[]) => xs.map(sourceCode).filter((c): c is string => c !== undefined);
  return {
    ...t,
    ...(t.from !== 'any-other' && { from: codes(t.from) }),
    ...(t.except !== undefined && { except: codes(t.except) }),
  };
}

/** The reading of the words has no fromGoods (free words); carry the transcription's over for the comparison. */
function withoutFromGoods(read: ReturnType<typeof readWording>['tariffShift'], mine: object): unknown {
  if (read === undefined || !('from' in read) || !('fromGoods' in mine)) return read;
  return { ...read, fromGoods: (mine as { fromGoods: string }).fromGoods };
}
