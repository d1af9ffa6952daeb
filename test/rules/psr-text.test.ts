/**
 * The chapter 87 rules of the pack against the official text of s. 13 (sources/SOR-2020-155.xml), by
 * scripts/check-psr-text.mjs: they agree as committed, and the check fails when a threshold, a date, a code a
 * change is allowed from, an exception, a use or a whole rule is changed in the pack.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the script is plain JavaScript, without types
import { compare, DEFAULT_RULES, DEFAULT_XML } from '../../scripts/check-psr-text.mjs';

type Result = { problems: string[]; rules: number; alternatives: number };
const xml = readFileSync(DEFAULT_XML as string, 'utf8');
const rules = readFileSync(DEFAULT_RULES as string, 'utf8');
const check = (text: string): Result => (compare as (x: string, r: string) => Result)(xml, text);

/** Replaces the first occurrence after `anchor` (so the edit lands in the rule named). */
function edit(anchor: string, from: string, to: string): string {
  const at = rules.indexOf(anchor);
  expect(at, anchor).toBeGreaterThanOrEqual(0);
  const i = rules.indexOf(from, at);
  expect(i, from).toBeGreaterThan(at);
  return rules.slice(0, i) + to + rules.slice(i + from.length);
}

describe('the chapter 87 rules against s. 13 of SOR/2020-155', () => {
  it('agree: 51 rules and 132 alternatives, with the 8708.94 step read as 2027 (a listed slip)', () => {
    const r = check(rules);
    expect(r.problems).toEqual([]);
    expect(r.rules).toBe(51);
    expect(r.alternatives).toBe(132);
  });

  it('disagree when a threshold changes (8708.10 (1)(b): 67.5 % written 67 %)', () => {
    const r = check(edit('provision: "s. 13, 8708.10 (1)"', '2022-07-01: "67.5"', '2022-07-01: "67"'));
    expect(r.problems).toEqual([
      expect.stringMatching(/^8708\.10 \(1\) \(1\)\(b\): net cost thresholds .*"67".*the text says .*"67\.5"/),
    ]);
  });

  it('disagree when a step begins on another date (87.06 (2): 64 % from 2024-01-01)', () => {
    const r = check(edit('provision: "s. 13, 87.06 (2)"', '2024-07-01: "64"', '2024-01-01: "64"'));
    expect(r.problems).toEqual([expect.stringMatching(/^87\.06 \(2\) \(2\): net cost thresholds/)]);
  });

  it('disagree when the pack "corrects" the 8708.94 slip differently (70 % from 2023-07-01 as printed)', () => {
    const r = check(edit('provision: "s. 13, 8708.94 (2)"', '2027-07-01: "70"', '2023-07-01: "70"'));
    expect(r.problems).toEqual([expect.stringMatching(/^8708\.94 \(2\) \(2\)\(b\): net cost thresholds/)]);
  });

  it('disagree when a change is allowed from another subheading (8708.10 (1)(b) from 8708.29)', () => {
    const r = check(edit('provision: "s. 13, 8708.10 (1)"', 'from: ["8708.99"]', 'from: ["8708.29"]'));
    expect(r.problems).toEqual([
      expect.stringMatching(/^8708\.10 \(1\) \(1\)\(b\): change .*8708\.29.*the text says .*8708\.99/),
    ]);
  });

  it('disagree when an exception is dropped (8708.99 (3)(b) without tariff item 8482.99.aa)', () => {
    const r = check(
      edit(
        'provision: "s. 13, 8708.99 (3)"',
        'except: ["8482.10..8482.80", "8482.99.aa"]',
        'except: ["8482.10..8482.80"]',
      ),
    );
    expect(r.problems).toEqual([expect.stringMatching(/^8708\.99 \(3\) \(3\)\(b\): change/)]);
  });

  it('disagree when "whether or not there is also a change from any other heading" is left out', () => {
    const r = check(
      edit('provision: "s. 13, 8708.21 (3)"', 'from: ["8708.99"], orFrom: any-other-heading', 'from: ["8708.99"]'),
    );
    expect(r.problems).toEqual([expect.stringMatching(/^8708\.21 \(3\) \(3\)\(b\): change/)]);
  });

  it('disagree when a rule covers other uses (87.06 (3) also for heavy trucks)', () => {
    const r = check(
      rules.replace(
        'uses: [other-vehicle, aftermarket]\n          provision: "s. 13, 87.06 (3)"',
        'uses: [heavy-truck, other-vehicle, aftermarket]\n          provision: "s. 13, 87.06 (3)"',
      ),
    );
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^87\.06 \(3\): uses heavy-truck, other-vehicle, aftermarket; the text says aftermarket, other-vehicle/,
      ),
    ]);
  });

  it('disagree when a printed rule is missing from the pack', () => {
    const start = rules.indexOf('        - hs: "8708.95"\n          uses: [heavy-truck]');
    const end = rules.indexOf('        - hs: "8708.95"\n          uses: [other-vehicle, aftermarket]');
    const r = check(rules.slice(0, start) + rules.slice(end));
    expect(r.problems).toEqual(['8708.95 (2): printed in s. 13 but missing from the pack']);
  });
});
