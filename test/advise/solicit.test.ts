/** The supplier solicitation: evidence gaps by supplier, those whose answers settle the verdict first. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { solicitation, writeSolicitation } from '../../src/advise/solicit.js';
import { writeFileAtomic } from '../../src/cli/write.js';
import { loadRulePack } from '../../src/rules/load.js';
import { load } from '../helpers.js';
import { partWithThreeSuppliers } from './fixtures.js';

const pack = loadRulePack();

describe('advise --solicit', () => {
  it('puts first the fewest suppliers whose evidence settles the verdict, proven; the others by value at stake', async () => {
    const s = await solicitation(load(partWithThreeSuppliers()), { pack });
    expect(s.settledBy).toBe('proven');
    expect(s.groups.map((g) => [g.rank, g.supplier, g.settles, g.valueAtStake])).toEqual([
      [1, 'Sellos SA', true, '12.00'],
      [2, 'Tornillos', false, '8.00'],
      [3, 'supplier of GASKET (no plant named)', false, '4.00'],
    ]);
    expect(s.groups[1]?.items.map((i) => [i.subject, i.code, i.valueAtStake])).toEqual([
      ['BOLTS', 'ORIGIN_UNKNOWN', '5.00'],
      ['CLIP', 'ORIGIN_UNKNOWN', '3.00'],
    ]);
  });

  it('writes the list as CSV and as XLSX, one row per item', async () => {
    const s = await solicitation(load(partWithThreeSuppliers()), { pack });
    const dir = mkdtempSync(join(tmpdir(), 'solicit-'));
    await writeSolicitation(s, join(dir, 'requests.csv'), writeFileAtomic);
    const csv = readFileSync(join(dir, 'requests.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('rank,supplier,settles the verdict,request,subject,gap,value at stake,currency,why');
    expect(
      csv.slice(1).map((r) =>
        r
          .split(',')
          .slice(0, 3)
          .concat(r.split(',')[4] ?? ''),
      ),
    ).toEqual([
      ['1', 'Sellos SA', 'yes (with the others marked yes)', 'SEALS'],
      ['2', 'Tornillos', 'no', 'BOLTS'],
      ['2', 'Tornillos', 'no', 'CLIP'],
      ['3', 'supplier of GASKET (no plant named)', 'no', 'GASKET'],
    ]);
    await writeSolicitation(s, join(dir, 'requests.xlsx'), writeFileAtomic);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'requests.xlsx'));
    const sheet = book.getWorksheet('Requests');
    expect(sheet?.rowCount).toBe(5);
    expect(sheet?.getRow(2).getCell(2).value).toBe('Sellos SA');
    expect(sheet?.getRow(5).getCell(7).value).toBe('4.00');
  });
});
