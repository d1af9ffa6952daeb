/**
 * The rule pack's product-specific rules (rules/usmca/psr/) against the second reader's transcription of HTSUS
 * General Note 11(o) (gn11-transcription.yaml): for every transcribed rule the pack holds, for every use the rule
 * covers, the alternatives must say the same (goods, change required, codes allowed and excepted, "whether or not",
 * the printed RVC figures). The differences that remain after both texts were read again are listed below with
 * their reason; any other difference, or a changed pack threshold or from-list, fails.
 */
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/rules/load.js';
import { differences, EVERY_USE, lookupCodes, packRules, packRulesFor } from './gn11-compare.js';
import { loadTranscription } from './gn11-fixture.js';

const rules = packRules(loadRulePack(), '2026-01-01');
const { rules: transcribed } = loadTranscription();

/**
 * Differences that stay, each explained. 87.30: GN 11(o)/87.30 prints only "no change in tariff classification
 * ... 70 percent under the net cost method" for a good of 8708.40 for use in a heavy truck; s. 13 of the Uniform
 * Regulations, 8708.40 (2) (the pack's source for chapter 87), also allows (a) "a change to subheading 8708.40
 * from any other heading". For a gear box, s. 15(4) (Appendix Art. 4.4) makes the RVC the only way, so the texts
 * agree; for parts of gear boxes for heavy trucks they do not. Marked disputed in the transcription.
 */
const KNOWN: Record<string, string[]> = {
  '87.30 8708.40 heavy-truck': [
    'GN 11 prints 1 alternative(s), the pack holds 2',
    '(A) / (2)(a): change "none" vs {"from":"any-other-heading"}',
    '(A) / (2)(a): RVC {"netCost":"70"} vs null',
  ],
  // GN 11(o)/84.236: (A) is for trash compactors, "from any other good within that subheading", a level of change the
  // rule data cannot hold; the pack holds (B) as the rule for the other goods of 8479.89 (those Tables B and E list)
  // and the rule for trash compactors as unconfirmed.
  ...Object.fromEntries(
    EVERY_USE.map((use) => [
      `84.236 8479.89 ${use}`,
      [
        'GN 11 prints 2 alternative(s), the pack holds 1',
        '(A) / (B): goods "trash compactors" vs "-"',
        '(A) / (B): change {"from":"any-other-good"} vs {"from":"any-other-subheading"}',
      ],
    ]),
  ),
};

/** What the `disputed` note of each rule with an explained difference must name. */
const DISPUTED: Record<string, RegExp> = { '87.30': /s\. 13/, '84.236': /trash compactors/ };

/** The transcribed rules the pack holds a confirmed rule for (every other one is outside the pack or unconfirmed). */
const COMPARED = [
  '85.29',
  '85.30',
  '85.31',
  '84.250',
  '84.251',
  '87.22',
  '87.23',
  '87.24',
  '87.25',
  '87.28',
  '87.29',
  '87.30',
  '87.31',
  '87.47',
  '87.48',
  '87.49',
  '90.76',
  '90.80',
  '40.6',
  '40.8',
  '40.10',
  '40.12',
  '83.1',
  '84.17',
  '84.18',
  '84.19',
  '84.22',
  '84.23',
  '84.24',
  '84.27',
  '84.28',
  '84.29',
  '84.30',
  '84.31',
  '84.32',
  '84.40',
  '84.47',
  '84.70',
  '84.236',
  '84.243',
  '84.244',
  '84.246',
  '84.248',
  '84.249',
  '85.11',
  '85.12',
  '85.91',
  '85.114',
  '94.1',
];

/**
 * Subheadings the pack holds as unconfirmed (no alternative) although a GN 11 rule for them was transcribed. 8536.50
 * stays so: GN 11(o)/85.84 is for the US national item 8536.50.40 only, and 85.85 (its other goods) was read in part.
 */
const UNCONFIRMED_IN_PACK = ['8536.50 (GN 11(o)/85.84)', '8536.50 (GN 11(o)/85.85, read in part)'];

describe('the pack against the GN 11 transcription', () => {
  const found: Record<string, string[]> = {};
  const unconfirmed: string[] = [];
  const compared = new Set<string>();
  for (const mine of transcribed)
    for (const code of lookupCodes(mine))
      for (const use of mine.uses ?? EVERY_USE)
        for (const theirs of packRulesFor(rules, code, use, mine.ex)) {
          if (theirs.status === 'unconfirmed') {
            const what = `${code} (GN 11(o)/${mine.rule}${mine.reading === 'partial' ? ', read in part' : ''})`;
            if (!unconfirmed.includes(what)) unconfirmed.push(what);
            continue;
          }
          compared.add(mine.rule);
          const diff = differences(mine, theirs);
          if (diff.length > 0) found[`${mine.rule} ${code} ${use}`] = diff;
        }

  it('compares the transcribed rules the pack holds, for each use they cover', () => {
    expect([...compared]).toEqual(COMPARED);
  });

  it('finds no difference but the ones explained', () => {
    expect(found).toEqual(KNOWN);
  });

  it('holds a rule for every transcribed parts-table subheading, confirmed unless listed', () => {
    expect(unconfirmed).toEqual(UNCONFIRMED_IN_PACK);
    for (const mine of transcribed)
      for (const code of Object.keys(mine.tables ?? {}))
        for (const use of mine.uses ?? EVERY_USE)
          expect(packRulesFor(rules, code, use, mine.ex).length, `${mine.rule} ${code} ${use}`).toBeGreaterThan(0);
  });

  it('marks the explained differences as disputed in the transcription, with a note', () => {
    for (const key of Object.keys(KNOWN)) {
      const id = key.split(' ')[0]!;
      const rule = transcribed.find((r) => r.rule === id);
      expect(rule?.disputed, key).toMatch(DISPUTED[id]!);
    }
  });
});
