/**
 * Every per-line field of the claim format can come from a column: a supplier statement (s. 9(2)) with its
 * period and reference, the evidence of a line's origin (a certificate number), a designated intermediate
 * material's allocated total cost (s. 8(8)), and quotes from other suppliers (`alternatives`, for advise), in CSV
 * and in XLSX alike; a broken cell of any of them is named by its file, sheet, row, column and path.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MaterialInput } from '../../src/input/documents.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { InputError, type InputProblem } from '../../src/input/problems.js';
import { importTable, loadMapping, type ResolvedMapping } from '../../src/input/tabular/index.js';

const DIR = join(import.meta.dirname, 'fixtures');
const CSV = readFileSync(join(DIR, 'bom-evidence.csv'), 'utf8');
const [HEADER, ...ROWS] = CSV.trimEnd().split('\n') as [string, ...string[]];

function mapping(): ResolvedMapping {
  const loaded = loadMapping(join(DIR, 'bom-evidence.mapping.yaml'));
  expect(loaded.problems).toEqual([]);
  return loaded.mapping as ResolvedMapping;
}

/** The rows of the CSV fixture as an XLSX sheet "BOM" (every cell as text, as an ERP export writes them). */
async function workbook(dir: string, rows: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BOM');
  for (const [i, row] of [HEADER, ...rows].entries()) ws.getRow(i + 1).values = row.split(',');
  const file = join(dir, 'bom.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const EXPECTED: Record<string, object> = {
  MOD: { selfProduced: true, intermediate: true, allocatedTotalCost: '850.00' },
  PUMP: {
    supplierStatement: {
      netCost: '100.00',
      valueOfNonOriginatingMaterials: '30.00',
      additionalCosts: '2.50',
      period: { start: '2025-01-01', end: '2025-12-31' },
      reference: 'ST-77',
    },
    // Quote 1 is empty in this row: quote 2 is the row's only quote, with the mapping's default currency.
    alternatives: [{ supplier: 'Bajío Bombas', unitValue: '110.00', currency: 'USD', origin: 'originating' }],
  },
  SEAT: {
    evidence: { ref: 'CERT-9' },
    alternatives: [
      {
        supplier: 'Asientos del Norte',
        unitValue: '6100.00',
        currency: 'MXN',
        origin: 'originating',
        country: 'MX',
        plant: 'SLT-CAST',
        reference: 'Q-2026-4',
      },
    ],
  },
};

function expectLines(data: MaterialInput[]): void {
  expect(data.map((m) => m.id)).toEqual(['MOD', 'PUMP', 'SEAT']);
  for (const m of data) expect(m, m.id).toMatchObject(EXPECTED[m.id] as object);
  expect(data[0]).not.toHaveProperty('alternatives');
  expect(data[0]).not.toHaveProperty('supplierStatement');
  expect(data[1]?.supplierStatement).not.toHaveProperty('regionalContentAmount');
}

function problemsOf(run: () => unknown): InputProblem[] {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('accepted');
}

/** `row column path code` of each problem. */
const where = (problems: InputProblem[]) => problems.map((p) => `${p.line} ${p.column} ${p.path} ${p.code}`);

/** The fixture's rows with cells replaced: `{ row (0-based data row): { column index: text } }`. */
function edited(changes: Record<number, Record<number, string>>): string[] {
  return ROWS.map((row, r) => {
    const cells = row.split(',');
    for (const [c, text] of Object.entries(changes[r] ?? {})) cells[Number(c)] = text;
    return cells.join(',');
  });
}

const col = (header: string) => HEADER.split(',').indexOf(header);

/** Broken cells: a statement amount, a statement date, a quote's origin, and quote 2's price where quote 1 is empty. */
const BROKEN = edited({
  1: { [col('Stmt Net Cost')]: '1OO.00', [col('Stmt To')]: '2025-12-32', [col('Quote 2 Price')]: '1.10.0' },
  2: { [col('Quote 1 Origin')]: 'maybe', [col('Cert No.')]: '' },
});
const BROKEN_PROBLEMS = [
  '3 Stmt Net Cost materials[1].supplierStatement.netCost DECIMAL_INVALID',
  '3 Stmt To materials[1].supplierStatement.period.end DATE_INVALID',
  '3 Quote 2 Price materials[1].alternatives[0].unitValue DECIMAL_INVALID',
  '4 Quote 1 Origin materials[2].alternatives[0].origin VALUE_NOT_ALLOWED',
];

describe('every per-line field from a column', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'line-fields-'));
  });

  it('CSV: supplier statement, evidence, allocated total cost and quotes are read into their places', () => {
    const { document, problems } = importTable(join(DIR, 'bom-evidence.csv'), mapping(), 'bom-evidence.mapping.yaml');
    expect(problems).toEqual([]);
    expectLines(document.data as MaterialInput[]);
  });

  it('XLSX: the same rows give the same lines', async () => {
    const file = await workbook(dir, ROWS);
    const { document, problems } = importTable(file, { ...mapping(), sheet: 'BOM' }, 'bom-evidence.mapping.yaml');
    expect(problems).toEqual([]);
    expectLines(document.data as MaterialInput[]);
  });

  it('a claim naming the table is evaluated with them: the statement and the quotes reach the normalised lines', () => {
    for (const f of ['template-claim.yaml', 'template-producer.yaml', 'bom-evidence.csv', 'bom-evidence.mapping.yaml'])
      copyFileSync(join(DIR, f), join(dir, f));
    const claim = join(dir, 'claim.yaml');
    writeFileSync(
      claim,
      readFileSync(join(dir, 'template-claim.yaml'), 'utf8').replace(
        /^materials: \[\].*$/m,
        'materials: { file: bom-evidence.csv, mapping: bom-evidence.mapping.yaml }',
      ),
    );
    const { claim: loaded } = loadClaimFile(claim);
    const [mod, pump, seat] = loaded.materials;
    expect(mod?.allocatedTotalCost?.amount.toString()).toBe('850');
    expect(pump?.statement?.netCost?.amount.toString()).toBe('100');
    expect(pump?.statement?.valueOfNonOriginatingMaterials?.amount.toString()).toBe('30');
    expect(pump?.statement?.reference).toBe('ST-77');
    expect(pump?.alternatives?.map((a) => [a.supplier, a.unitValue.amount.toString()])).toEqual([
      ['Bajío Bombas', '110'],
    ]);
    // 6100 MXN at the template's 0.0545 USD per MXN.
    expect(seat?.alternatives?.[0]?.unitValue.amount.toString()).toBe('332.45');
    expect(seat?.alternatives?.[0]?.plant).toBe('SLT-CAST');
  });

  it('CSV: each broken cell is named by its file, row, column and path, all at once', () => {
    writeFileSync(join(dir, 'broken.csv'), [HEADER, ...BROKEN].join('\n') + '\n');
    const { problems } = importTable(join(dir, 'broken.csv'), mapping(), 'bom-evidence.mapping.yaml');
    expect(where(problems)).toEqual(BROKEN_PROBLEMS);
    expect(problems.every((p) => p.file.endsWith('broken.csv') && p.sheet === undefined)).toBe(true);
  });

  it('XLSX: likewise, with the sheet', async () => {
    const file = await workbook(dir, BROKEN);
    const { problems } = importTable(file, { ...mapping(), sheet: 'BOM' }, 'bom-evidence.mapping.yaml');
    expect(where(problems)).toEqual(BROKEN_PROBLEMS);
    expect(problems.every((p) => p.file.endsWith('bom.xlsx') && p.sheet === 'BOM')).toBe(true);
  });

  it('a cross-check of a statement read from the table is reported at its cell', () => {
    const rows = edited({ 1: { [col('Stmt VNM')]: '', [col('Stmt RCA')]: '500.00' } });
    writeFileSync(join(dir, 'rca.csv'), [HEADER, ...rows].join('\n') + '\n');
    const claim = join(dir, 'claim-rca.yaml');
    writeFileSync(
      claim,
      readFileSync(join(dir, 'template-claim.yaml'), 'utf8').replace(
        /^materials: \[\].*$/m,
        'materials: { file: rca.csv, mapping: bom-evidence.mapping.yaml }',
      ),
    );
    expect(where(problemsOf(() => loadClaimFile(claim)))).toEqual([
      '3 Stmt RCA materials[1].supplierStatement.regionalContentAmount SUPPLIER_STATEMENT_INCONSISTENT',
    ]);
  });

  it('a mapping naming a field the line does not have is refused, with the fields it may name', () => {
    const text = readFileSync(join(DIR, 'bom-evidence.mapping.yaml'), 'utf8')
      .replace('supplierStatement.reference:', 'supplierStatement.ref:')
      .replace('alternatives[1].supplier:', 'alternatives[10].supplier:');
    writeFileSync(join(dir, 'bad.mapping.yaml'), text);
    const { problems } = loadMapping(join(dir, 'bad.mapping.yaml'));
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'columns.supplierStatement.ref MAPPING_INVALID',
      'columns.alternatives[10].supplier MAPPING_INVALID',
    ]);
    expect(problems[0]?.message).toContain('supplierStatement.reference');
    expect(problems[0]?.message).toContain('alternatives[N].supplier');
  });
});
