/**
 * Tabular import: realistic bills of materials and purchase lists in CSV and XLSX, through column mappings,
 * into the lists the claim format expects; and one broken file per problem, each reported with its code,
 * file, row and column.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimSchema, type MaterialInput } from '../../src/input/documents.js';
import type { InputProblem } from '../../src/input/problems.js';
import {
  columnHeader,
  importTable,
  importTableAsync,
  loadMapping,
  tableProblemAt,
  withTableLocation,
  type Mapping,
  type ResolvedMapping,
} from '../../src/input/tabular/index.js';
import { validateDocument } from '../../src/input/validate.js';

const DIR = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => join(DIR, name);

function mapping(name: string): ResolvedMapping {
  const loaded = loadMapping(fixture(name));
  expect(loaded.problems).toEqual([]);
  if (!loaded.mapping) throw new Error(`mapping ${name} not loaded`);
  return loaded.mapping;
}

function imported(table: string, mappingName: string) {
  return importTable(fixture(table), mapping(mappingName), fixture(mappingName));
}

function ids(list: MaterialInput[]): unknown[] {
  return list.map((m) => (m.materials ? { [m.id]: ids(m.materials) } : m.id));
}

/** The one problem with this code; asserts where it is. */
function expectProblem(
  problems: InputProblem[],
  expected: { code: string; file: string; line: number; column?: string; sheet?: string; path?: string },
): InputProblem {
  const found = problems.filter((p) => p.code === expected.code);
  expect(found, JSON.stringify(problems, null, 1)).toHaveLength(1);
  const p = found[0] as InputProblem;
  expect(p.file.endsWith(expected.file), p.file).toBe(true);
  expect(p.line).toBe(expected.line);
  expect(p.column).toBe(expected.column);
  expect(p.sheet).toBe(expected.sheet);
  if (expected.path !== undefined) expect(p.path).toBe(expected.path);
  expect(p.message.length).toBeGreaterThan(10);
  return p;
}

describe('a bill of materials with a parent-id column', () => {
  const { document, problems } = imported('bom-parent.csv', 'bom-parent.mapping.yaml');
  const data = document.data as MaterialInput[];

  it('builds the tree, whatever the order of the rows, children in row order', () => {
    expect(problems).toEqual([]);
    expect(ids(data)).toEqual([{ ENG: [{ HEAD: ['CASTING', 'VALVES'] }, 'BLOCK', 'CRANK'] }, 'SEATS', 'WHEEL', 'TIRE']);
  });

  it('writes MaterialInput-shaped lines: decimal strings as written, mapped values, no empty fields', () => {
    const eng = data[0] as MaterialInput;
    expect(eng).toMatchObject({
      id: 'ENG',
      description: '2.0L turbocharged I4 gasoline engine, direct injection',
      hs: '8407.34',
      quantity: '1',
      unitValue: '3180.00',
      currency: 'USD',
      origin: 'originating',
      country: 'US',
      plant: 'DUN-ENG',
      selfProduced: true,
      corePart: 'engines',
      netCost: '3180.00',
    });
    const block = eng.materials?.[1];
    expect(block).toEqual({
      id: 'BLOCK',
      description: 'aluminum cylinder block, cast and machined',
      hs: '8409.91',
      quantity: '1',
      unitValue: '6950.00',
      currency: 'MXN',
      origin: 'originating',
      country: 'MX',
      plant: 'SLT-CAST',
      coreComponent: 'blocks',
    });
    expect(data[1]?.origin).toBe('unknown'); // an empty cell, mapped by values.origin[""]
    expect(data[2]?.description).toBe('17" alloy wheel'); // a quote inside an unquoted cell is kept
    expect(eng.materials?.[0]?.materials?.[1]?.unitValue).toBe('4.25');
    // The data is what the claim format expects.
    const claim = validateDocument(
      { file: 'x.json', format: 'json', data: { materials: data }, locate: () => undefined },
      claimSchema.pick({ materials: true }),
    );
    expect(claim.ok).toBe(true);
  });

  it('locates paths at spreadsheet rows and 1-based columns, relative to the list or as the claim writes them', () => {
    // HEAD is row 2, its VALVES row 6; "Unit Price" is column 6, "Curr." column 7.
    expect(document.file).toBe(fixture('bom-parent.csv'));
    expect(document.locate([0, 'materials', 0, 'unitValue'])).toEqual({ line: 2, column: 6 });
    expect(document.locate(['materials', 0, 'materials', 0, 'materials', 1, 'quantity'])).toEqual({
      line: 6,
      column: 5,
    });
    expect(document.locate([0, 'materials', 1, 'unitValue', 'currency'])).toEqual({ line: 4, column: 7 });
    expect(document.locate([3])).toEqual({ line: 11, column: 1 });
    expect(document.locate([42])).toBeUndefined();
    expect(columnHeader(document, [0, 'materials', 0, 'unitValue'])).toBe('Unit Price');
    expect(columnHeader(document, ['materials', 0, 'netCost'])).toBe('Net Cost');
    expect(columnHeader(document, [0, 'supplierStatement'])).toBeUndefined();
    expect(
      tableProblemAt(
        document,
        ['materials', 0, 'materials', 2, 'plant'],
        'PLANT_UNKNOWN',
        'plant "MI-FORGE" is not among the plants',
      ),
    ).toEqual({
      code: 'PLANT_UNKNOWN',
      path: 'materials[0].materials[2].plant',
      message: 'plant "MI-FORGE" is not among the plants',
      file: fixture('bom-parent.csv'),
      line: 7,
      column: 'Plant',
    });
  });
});

describe('a bill of materials with a level column', () => {
  it('makes a row at level n+1 a child of the nearest row above at level n', () => {
    const { document, problems } = imported('bom-level.csv', 'bom-level.mapping.yaml');
    expect(problems).toEqual([]);
    const data = document.data as MaterialInput[];
    expect(ids(data)).toEqual([{ ENG: ['BLOCK', { HEAD: ['CASTING', 'VALVES'] }, 'CRANK'] }, 'SEATS', 'WHEEL', 'TIRE']);
    expect(data[1]?.origin).toBe('unknown');
    expect(data[0]?.materials?.[1]?.materials?.[1]).toMatchObject({
      id: 'VALVES',
      origin: 'non-originating',
      quantity: '16',
    });
    expect(document.locate([0, 'materials', 1, 'materials', 1, 'origin'])).toEqual({ line: 6, column: 8 });
  });

  it('gives the same materials as the parent-id export of the same bill', () => {
    const level = imported('bom-level.csv', 'bom-level.mapping.yaml').document.data as MaterialInput[];
    const parent = imported('bom-parent.csv', 'bom-parent.mapping.yaml').document.data as MaterialInput[];
    const flat = (list: MaterialInput[]): string[] =>
      list
        .flatMap((m) => [`${m.id} ${m.quantity} ${m.unitValue} ${m.currency} ${m.origin}`, ...flat(m.materials ?? [])])
        .sort();
    expect(flat(level)).toEqual(flat(parent));
  });
});

describe('steel and aluminum purchases', () => {
  it('imports a list in the producer document shape, amounts with their currency', () => {
    const { document, problems } = imported('purchases.csv', 'purchases.mapping.yaml');
    expect(problems).toEqual([]);
    const data = document.data as Record<string, unknown>[];
    expect(data).toHaveLength(6);
    expect(data[0]).toEqual({
      id: 'ST-001',
      metal: 'steel',
      hs: '7208.25',
      description: 'hot-rolled coil, pickled and oiled',
      value: { amount: '1250000.00', currency: 'USD' },
      origin: 'originating',
      meltedAndPouredInRegion: true,
      channel: 'direct',
      country: 'US',
    });
    expect(data[4]).not.toHaveProperty('meltedAndPouredInRegion');
    expect(document.locate(['steelAluminum', 'purchases', 3, 'value', 'amount'])).toEqual({ line: 5, column: 5 });
    expect(document.locate(['steelAluminum', 'purchases', 3, 'value', 'currency'])).toEqual({ line: 5, column: 6 });
    expect(columnHeader(document, [3, 'meltedAndPouredInRegion'])).toBe('Melted & poured in region');
  });

  it('reports a purchase id used twice', () => {
    const { problems } = imported('purchases-duplicate.csv', 'purchases.mapping.yaml');
    expectProblem(problems, {
      code: 'PURCHASE_DUPLICATE_ID',
      file: 'purchases-duplicate.csv',
      line: 4,
      column: 'Purchase ID',
      path: 'steelAluminum.purchases[2].id',
    });
  });
});

describe('a European export: ";" delimiter, decimal commas, "." between thousands, windows-1252', () => {
  it('reads numbers exactly as the mapping declares them', () => {
    const { document, problems } = imported('bom-eu.csv', 'bom-eu.mapping.yaml');
    expect(problems).toEqual([]);
    const data = document.data as MaterialInput[];
    expect(ids(data)).toEqual([{ MOTOR: ['BLOCK', 'KOLBEN'] }, 'SITZ']);
    expect(data[0]).toMatchObject({ description: 'Motor 2,0 l, Benzin', unitValue: '3180.00', origin: 'originating' });
    expect(data[0]?.materials?.[1]).toMatchObject({ unitValue: '27.50', origin: 'non-originating', quantity: '4' });
    expect(data[1]).toMatchObject({ unitValue: '1012450.75', origin: 'unknown' });
    expect(columnHeader(document, [0, 'unitValue'])).toBe('Stückpreis');
  });

  it('reports text that is not in the declared encoding, never replacing characters', () => {
    const m = { ...mapping('bom-eu.mapping.yaml'), csv: { delimiter: ';', encoding: 'utf-8' } } as Mapping;
    const { problems, document } = importTable(fixture('bom-eu.csv'), m, 'inline');
    expect(document.data).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'TEXT_ENCODING', line: 1 });
    expect(problems[0]?.message).toMatch(/windows-1252/i);
    expect(problems[0]?.message).toMatch(/byte 0xDC at line 1 \(byte offset 12\)/);
  });
});

describe('XLSX workbooks', () => {
  let dir: string;
  const bomMapping: Mapping = {
    format: 'usmca-roo/mapping@1',
    kind: 'materials',
    sheet: 'BOM',
    header: 3,
    columns: {
      level: 'Level',
      id: 'Part',
      description: 'Description',
      hs: 'HS',
      quantity: 'Qty',
      unitValue: 'Unit price',
      currency: 'Currency',
      origin: 'Origin',
      selfProduced: 'In-house',
    },
    defaults: { currency: 'USD' },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-xlsx-'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cover').getCell('A1').value = 'Aurora 2.0T: bill of materials, exported 2026-03-02';
    const ws = wb.addWorksheet('BOM');
    ws.getCell('A1').value = 'Bill of materials, one vehicle';
    ws.getRow(3).values = ['Level', 'Part', 'Description', 'HS', 'Qty', 'Unit price', 'Currency', 'Origin', 'In-house'];
    ws.getRow(4).values = [1, 'ENG', '2.0L engine', '8407.34', 1, 3180, null, 'originating', true];
    // A computed price whose cached result carries a binary artefact: read as Excel shows it.
    ws.getRow(5).values = [
      2,
      'BLOCK',
      'cylinder block',
      '8409.91',
      1,
      { formula: '410.1+0.2', result: 410.1 + 0.2 },
      null,
      'non-originating',
      false,
    ];
    ws.getRow(6).values = [2, 'VALVES', 'valves', '8409.91', 16, 4.25, null, 'non-originating'];
    ws.getCell('F6').numFmt = '#,##0.0'; // displayed "4.3": the display format is not applied
    ws.getRow(7).values = [1, 'SEATS', 'front seats', '9401.20', 2, '6200.00', 'MXN', 'unknown'];
    ws.getRow(8).values = [1, 'TINY', 'washers', '7318.22', 1000, 0.0000125, null, 'originating'];
    ws.getCell('F8').numFmt = '0.00';
    await wb.xlsx.writeFile(join(dir, 'bom.xlsx'));

    const bad = new ExcelJS.Workbook();
    const bs = bad.addWorksheet('BOM');
    bs.getRow(3).values = ['Level', 'Part', 'Description', 'HS', 'Qty', 'Unit price', 'Currency', 'Origin', 'In-house'];
    bs.getRow(4).values = [1, 'ENG', 'engine', '8407.34', 1, { formula: 'E4*3180' }, null, 'originating'];
    bs.getRow(5).values = [1, 'CAMS', 'camshafts', 8483.1, 2, 74, null, 'non-originating'];
    bs.getRow(6).values = [
      1,
      'SEATS',
      'seats',
      '9401.20',
      { formula: 'NA()', result: { error: '#N/A' } },
      6200,
      null,
      'unknown',
    ];
    await bad.xlsx.writeFile(join(dir, 'bad.xlsx'));
  });

  it('reads the named sheet below its header row; numbers as Excel shows them at full precision, not as displayed', () => {
    const { document, problems } = importTable(join(dir, 'bom.xlsx'), bomMapping, 'bom.mapping.yaml');
    expect(problems).toEqual([]);
    const data = document.data as MaterialInput[];
    expect(ids(data)).toEqual([{ ENG: ['BLOCK', 'VALVES'] }, 'SEATS', 'TINY']);
    expect(data[0]).toMatchObject({ unitValue: '3180', quantity: '1', currency: 'USD', selfProduced: true });
    expect(data[0]?.materials?.[0]).toMatchObject({ unitValue: '410.3', selfProduced: false });
    expect(data[0]?.materials?.[1]).toMatchObject({ unitValue: '4.25', quantity: '16' });
    expect(data[1]).toMatchObject({ unitValue: '6200.00', currency: 'MXN' });
    expect(data[2]).toMatchObject({ unitValue: '0.0000125', quantity: '1000' });
    expect(document.locate([0, 'materials', 1, 'unitValue'])).toEqual({ line: 6, column: 6 });
    expect(tableProblemAt(document, [1, 'unitValue'], 'EXCHANGE_RATE_MISSING', 'no rate for MXN')).toMatchObject({
      line: 7,
      sheet: 'BOM',
      column: 'Unit price',
    });
  });

  it('reads the same in a worker (importTable) as in-process (importTableAsync)', async () => {
    const a = importTable(join(dir, 'bom.xlsx'), bomMapping, 'm');
    const b = await importTableAsync(join(dir, 'bom.xlsx'), bomMapping, 'm');
    expect(b.document.data).toEqual(a.document.data);
    expect(b.problems).toEqual(a.problems);
    const c = importTable(join(dir, 'bad.xlsx'), bomMapping, 'm');
    const d = await importTableAsync(join(dir, 'bad.xlsx'), bomMapping, 'm');
    expect(d.problems).toEqual(c.problems);
  });

  it('rejects a formula with no cached result, an error value, and an HS code stored as a number', () => {
    const { problems } = importTable(join(dir, 'bad.xlsx'), bomMapping, 'm');
    expect(problems.map((p) => `${p.code} ${p.line} ${p.column}`)).toEqual([
      'FIELD_TYPE 4 Unit price',
      'HS_INVALID 5 HS',
      'FIELD_TYPE 6 Qty',
    ]);
    for (const p of problems) expect(p.sheet).toBe('BOM');
    expect(problems[0]?.message).toMatch(/formula with no saved result/);
    expect(problems[1]?.message).toMatch(/8483\.1\b/);
    expect(problems[2]?.message).toMatch(/#N\/A/);
  });

  it('reports a sheet the workbook does not have, naming the sheets it has', () => {
    const { problems } = importTable(join(dir, 'bom.xlsx'), { ...bomMapping, sheet: 'Bill' }, 'm');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'TABLE_STRUCTURE', sheet: 'Bill' });
    expect(problems[0]?.message).toMatch(/"Cover", "BOM"/);
  });

  it('reads the first sheet when the mapping names none', () => {
    const { problems } = importTable(join(dir, 'bom.xlsx'), { ...bomMapping, sheet: undefined, header: 1 }, 'm');
    expect(problems[0]).toMatchObject({ code: 'TABLE_COLUMN_MISSING', sheet: 'Cover', line: 1 });
  });
});

describe('one broken file per problem', () => {
  it('TABLE_COLUMN_MISSING: a mapped header the file does not have', () => {
    const { problems, document } = imported('missing-column.csv', 'bom-parent.mapping.yaml');
    const p = expectProblem(problems, {
      code: 'TABLE_COLUMN_MISSING',
      file: 'missing-column.csv',
      line: 1,
      column: 'Unit Price',
      path: 'unitValue',
    });
    expect(p.message).toMatch(/did you mean "Unit price"/);
    expect(p.message).toMatch(/column for unitValue, bom-parent\.mapping\.yaml line 10\)/);
    expect(problems).toHaveLength(1);
    expect(document.data).toEqual([]);
  });

  it('DECIMAL_INVALID: an undeclared thousands separator, and a number with a unit', () => {
    const { problems } = imported('bad-number.csv', 'bom-parent.mapping.yaml');
    expect(problems.map((p) => `${p.code} ${p.line} ${p.column} ${p.path}`)).toEqual([
      'DECIMAL_INVALID 3 Unit Price materials[0].materials[0].unitValue',
      'DECIMAL_INVALID 4 Qty per materials[0].materials[1].quantity',
    ]);
    expect(problems[0]?.message).toMatch(/"1,234\.50".*thousandsSeparator/);
    expect(problems[1]?.message).toMatch(/"4 pcs"/);
    // Declared, the same thousands separator is read.
    const declared = {
      ...mapping('bom-parent.mapping.yaml'),
      numbers: { decimalSeparator: '.', thousandsSeparator: ',' },
    } as Mapping;
    const again = importTable(fixture('bad-number.csv'), declared, 'inline');
    expect(again.problems.map((p) => p.line)).toEqual([4]);
    expect((again.document.data as MaterialInput[])[0]?.materials?.[0]?.unitValue).toBe('1234.50');
  });

  it('TABLE_PARENT_UNKNOWN: a parent id no row has', () => {
    const { problems, document } = imported('unknown-parent.csv', 'bom-parent.mapping.yaml');
    expectProblem(problems, {
      code: 'TABLE_PARENT_UNKNOWN',
      file: 'unknown-parent.csv',
      line: 4,
      column: 'Parent Item',
      path: 'parentId',
    });
    expect(problems).toHaveLength(1);
    expect(ids(document.data as MaterialInput[])).toEqual([{ ENG: ['BLOCK'] }]);
  });

  it('BOM_CYCLE: parent links that go round', () => {
    const { problems } = imported('cycle.csv', 'bom-parent.mapping.yaml');
    const p = expectProblem(problems, { code: 'BOM_CYCLE', file: 'cycle.csv', line: 3, column: 'Parent Item' });
    expect(p.message).toMatch(/"HEAD" \(row 3\) is in "VALVETRAIN" \(row 4\) is in "HEAD" \(row 3\)/);
    expect(problems).toHaveLength(1); // CAMS, under the cycle, is not reported again
  });

  it('TABLE_STRUCTURE: a level column that skips a level', () => {
    const { problems, document } = imported('level-skip.csv', 'bom-level.mapping.yaml');
    const p = expectProblem(problems, { code: 'TABLE_STRUCTURE', file: 'level-skip.csv', line: 4, column: 'Level' });
    expect(p.message).toMatch(/level 4 skips a level/);
    expect(problems).toHaveLength(1);
    expect(ids(document.data as MaterialInput[])).toEqual([{ ENG: ['HEAD'] }, 'SEATS']);
  });

  it('BOM_DUPLICATE_ID: with a parent-id column, ids are unique in the whole file', () => {
    const { problems } = imported('duplicate-id.csv', 'bom-parent.mapping.yaml');
    const p = expectProblem(problems, {
      code: 'BOM_DUPLICATE_ID',
      file: 'duplicate-id.csv',
      line: 5,
      column: 'Item No.',
      path: 'materials[1].materials[0].id',
    });
    expect(p.message).toMatch(/row 4/);
  });

  it('BOM_DUPLICATE_ID: with a level column, ids are unique among siblings', () => {
    const { problems } = imported('duplicate-id-level.csv', 'bom-level.mapping.yaml');
    expectProblem(problems, {
      code: 'BOM_DUPLICATE_ID',
      file: 'duplicate-id-level.csv',
      line: 6,
      column: 'Component',
      path: 'materials[1].materials[1].id',
    });
  });

  it("the claim format's own checks, at their cells: HS, country, currency, allowed values, booleans", () => {
    const { problems } = imported('bad-values.csv', 'bom-parent.mapping.yaml');
    expect(problems.map((p) => `${p.code} ${p.line} ${p.column} ${p.path}`)).toEqual([
      'FIELD_TYPE 2 Made in-house materials[0].selfProduced',
      'HS_INVALID 3 HS Code materials[0].materials[0].hs',
      'COUNTRY_INVALID 3 Country of Origin materials[0].materials[0].country',
      'CURRENCY_INVALID 4 Curr. materials[0].materials[1].currency',
      'VALUE_NOT_ALLOWED 4 Originating materials[0].materials[1].origin',
    ]);
  });

  it('MAPPING_INVALID: every mistake in a mapping, at its line', () => {
    const { mapping: m, problems } = loadMapping(fixture('broken.mapping.yaml'));
    expect(m).toBeUndefined();
    expect(problems.every((p) => p.code === 'MAPPING_INVALID' && p.file.endsWith('broken.mapping.yaml'))).toBe(true);
    expect(problems.map((p) => `${p.line} ${p.path}`).sort()).toEqual([
      '10 values.origin.Y',
      '4 columns',
      '4 columns',
      '5 columns.unitPrice',
      '8 numbers.thousandsSeparator',
    ]);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/parentId column .* or a level column/);
  });

  it('FILE_NOT_READABLE and FILE_FORMAT_UNKNOWN', () => {
    const m = mapping('bom-parent.mapping.yaml');
    expect(importTable(fixture('nope.csv'), m, 'm').problems[0]).toMatchObject({
      code: 'FILE_NOT_READABLE',
      file: fixture('nope.csv'),
    });
    expect(importTable(fixture('nope.xlsx'), m, 'm').problems[0]).toMatchObject({ code: 'FILE_NOT_READABLE' });
    expect(importTable(fixture('bom.xls'), m, 'm').problems[0]).toMatchObject({ code: 'FILE_FORMAT_UNKNOWN' });
    expect(loadMapping(fixture('nope.yaml')).problems[0]).toMatchObject({ code: 'FILE_NOT_READABLE' });
  });

  it('validates a mapping given by a program, reporting against the mapping file name', () => {
    const { problems } = importTable(
      fixture('bom-parent.csv'),
      { format: 'usmca-roo/mapping@1', kind: 'materials', columns: { id: 'Item No.' } },
      'inline.yaml',
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'MAPPING_INVALID' && p.file === 'inline.yaml')).toBe(true);
  });

  it('reports every problem of a file together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-many-'));
    const text =
      readFileSync(fixture('bad-values.csv'), 'utf8') + 'CAMS,GHOST,camshafts,8483.10,2,"74,00",USD,N,DE,,,,,\n';
    writeFileSync(join(dir, 'many.csv'), text);
    const { problems } = importTable(join(dir, 'many.csv'), mapping('bom-parent.mapping.yaml'), 'm');
    expect(new Set(problems.map((p) => p.code))).toEqual(
      new Set([
        'FIELD_TYPE',
        'HS_INVALID',
        'COUNTRY_INVALID',
        'CURRENCY_INVALID',
        'VALUE_NOT_ALLOWED',
        'TABLE_PARENT_UNKNOWN',
        'DECIMAL_INVALID',
      ]),
    );
    expect(problems.find((p) => p.code === 'DECIMAL_INVALID')).toMatchObject({
      line: 5,
      column: 'Unit Price',
      path: 'unitValue',
    });
  });

  it('withTableLocation adds sheet and column to problems a caller found by validating the data itself', () => {
    const { document } = imported('bad-values.csv', 'bom-parent.mapping.yaml');
    const checked = validateDocument(document, claimSchema.shape.materials, ['materials']);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const located = withTableLocation(document, checked.problems);
    expect(located.find((p) => p.code === 'COUNTRY_INVALID')).toMatchObject({
      line: 3,
      column: 'Country of Origin',
      path: 'materials[0].materials[0].country',
    });
  });
});
