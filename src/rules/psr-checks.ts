/**
 * Checks on the product-specific rules that a schema cannot express, run when the pack is loaded: each rule is
 * for a code of its file's chapter; every range runs from low to high; thresholds are percentages above 0 and
 * not above 100, on real dates no earlier than the rule's own effective date; a rule marked unconfirmed holds no
 * alternative (the pack must not pretend to know it) and a confirmed one holds at least one; and no two rules
 * cover the same subheading for the same use (an "ex" scope separates rules only when both name one); a rule that
 * names the parts tables of its scope (partTables) has a scope. Every problem names the file and the key.
 */
import { dec, PERCENT_SCALE, ZERO } from '../num/decimal.js';
import { hsSpan } from './hs.js';
import type { DatedPercent, ListedSource, ProductSpecificRules, PsrUse } from './psr-schema.js';

export interface PsrParameter {
  file: string;
  /** The effective date the rules are filed under (values.<date>). */
  from: string;
  value: ProductSpecificRules;
  locate: (path: (string | number)[]) => number | undefined;
}

export interface PsrProblem {
  file: string;
  line?: number | undefined;
  path: (string | number)[];
  message: string;
}

export function checkProductSpecificRules(params: PsrParameter[]): PsrProblem[] {
  const problems: PsrProblem[] = [];
  const seen: Array<{ p: PsrParameter; i: number; lo: string; hi: string; ex?: string | undefined; uses: PsrUse[] }> =
    [];
  for (const p of params) {
    const base: (string | number)[] = ['values', p.from, 'value'];
    const add = (path: (string | number)[], message: string) => {
      const full = [...base, ...path];
      problems.push({ file: p.file, line: p.locate(full), path: full, message });
    };
    p.value.rules.forEach((rule, i) => {
      const span = hsSpan(rule.hs);
      if (span.lo > span.hi) add(['rules', i, 'hs'], `the range ${rule.hs} runs from high to low`);
      if (span.lo.slice(0, 2) !== p.value.chapter || span.hi.slice(0, 2) !== p.value.chapter) {
        add(['rules', i, 'hs'], `${rule.hs} is not in chapter ${p.value.chapter}, the chapter of this file`);
      }
      if (rule.partTables !== undefined && rule.ex === undefined) {
        add(['rules', i, 'partTables'], 'partTables names the table entry of an "ex" scope: the rule needs ex');
      }
      const dup = rule.uses.find((u, k) => rule.uses.indexOf(u) !== k);
      if (dup) add(['rules', i, 'uses'], `the use ${dup} is listed twice`);
      if (rule.status === 'unconfirmed' && rule.alternatives.length > 0) {
        add(
          ['rules', i, 'alternatives'],
          'a rule marked unconfirmed must hold no alternatives: it was not read in its source',
        );
      }
      if (rule.status === 'confirmed' && rule.alternatives.length === 0) {
        add(['rules', i, 'alternatives'], 'a confirmed rule needs at least one alternative');
      }
      rule.alternatives.forEach((alt, j) => {
        const at = ['rules', i, 'alternatives', j];
        if (alt.change !== 'none') {
          const sources = Array.isArray(alt.change.from) ? alt.change.from : [];
          const check = (list: readonly ListedSource[], key: string) =>
            list.forEach((s, k) => {
              const code = sourceHs(s);
              if (code !== undefined) checkRange(code, [...at, 'change', key, k], add);
            });
          check(sources, 'from');
          check(alt.change.except ?? [], 'except');
          if (alt.change.orFrom !== undefined && !Array.isArray(alt.change.from)) {
            add(
              [...at, 'change', 'orFrom'],
              'orFrom ("whether or not there is also a change from ...") goes with a list of codes in from',
            );
          }
        }
        const item = alt.tariffItem === undefined ? undefined : hsSpan(alt.tariffItem).lo;
        if (alt.tariffItem !== undefined && item !== undefined && (item < span.lo || item > span.hi)) {
          add([...at, 'tariffItem'], `${alt.tariffItem} is not in ${rule.hs}`);
        }
        for (const key of ['netCost', 'transactionValue'] as const) {
          const v = alt.rvc?.[key];
          if (v !== undefined) checkDated(v, p.from, [...at, 'rvc', key], add);
        }
      });
      for (const other of seen) {
        if (other.lo > span.hi || span.lo > other.hi) continue;
        if (rule.ex !== undefined && other.ex !== undefined && rule.ex !== other.ex) continue;
        const common = rule.uses.filter((u) => other.uses.includes(u));
        if (common.length === 0) continue;
        const where = other.p === p ? `rules[${other.i}]` : `${other.p.file} rules[${other.i}]`;
        add(
          ['rules', i, 'hs'],
          `overlaps ${where} for ${rule.hs} and use ${common.join(', ')}: one rule per subheading and use`,
        );
      }
      seen.push({ p, i, lo: span.lo, hi: span.hi, ex: rule.ex, uses: rule.uses });
    });
  }
  return problems;
}

function sourceHs(s: ListedSource): string | undefined {
  return typeof s === 'string' ? s : s.hs;
}

function checkRange(
  selector: string,
  path: (string | number)[],
  add: (p: (string | number)[], m: string) => void,
): void {
  const { lo, hi } = hsSpan(selector);
  if (lo > hi) add(path, `the range ${selector} runs from high to low`);
}

function checkDated(
  v: DatedPercent,
  ruleFrom: string,
  path: (string | number)[],
  add: (p: (string | number)[], m: string) => void,
): void {
  const steps = typeof v === 'string' ? [[ruleFrom, v] as const] : Object.entries(v);
  for (const [date, pct] of steps) {
    const at = typeof v === 'string' ? path : [...path, date];
    if (!isCalendarDate(date)) add(at, `${date} is not a calendar date`);
    else if (date < ruleFrom) add(at, `the step begins on ${date}, before the rule itself (${ruleFrom})`);
    const n = dec(pct);
    if (!n.gt(ZERO) || n.gt(PERCENT_SCALE)) add(at, `${pct} is not a percentage above 0 and not above 100`);
  }
}

function isCalendarDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}
