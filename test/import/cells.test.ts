/** How single cells and rows are read: declared number formats, spreadsheet numbers, row numbering, depth. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaterialInput } from '../../src/input/documents.js';
import { decimalReader, importTable, spreadsheetNumberText, type Mapping } from '../../src/input/tabular/index.js';
import { plainDecimal } from '../../src/input/tabular/numbers.js';

describe('numbers in text cells: only the declared separators', () => {
  it('default: decimal point, no thousands separator', () => {
    const read = decimalReader({ decimalSeparator: '.', thousandsSeparator: '' });
    expect(['3150.00', '0', '-12.5', '007'].map(read)).toEqual(['3150.00', '0', '-12.5', '007']);
    expect(['1,234.50', '1 234', '12,5', '1e3', '+1', '.5', '5.', ''].map(read)).toEqual(Array(8).fill(undefined));
  });

  it('declared thousands separators, in groups of three only', () => {
    const comma = decimalReader({ decimalSeparator: '.', thousandsSeparator: ',' });
    expect(['1,234.50', '1234.50', '12,345,678', '-1,000'].map(comma)).toEqual([
      '1234.50',
      '1234.50',
      '12345678',
      '-1000',
    ]);
    expect(['12,34.5', '1,2345', ',123', '1.234,50'].map(comma)).toEqual(Array(4).fill(undefined));
    const space = decimalReader({ decimalSeparator: ',', thousandsSeparator: ' ' });
    expect(['1 234,50', '1\u00a0234,50', '1\u202f234', '1234,5'].map(space)).toEqual([
      '1234.50',
      '1234.50',
      '1234',
      '1234.5',
    ]);
    expect(space('1234.5')).toBeUndefined();
  });

  it('a declared decimal comma; a point is then not a decimal separator', () => {
    const eu = decimalReader({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(['1.012.450,75', '27,50', '3180'].map(eu)).toEqual(['1012450.75', '27.50', '3180']);
    expect(['27.50', '1.2', '1,2,3'].map(eu)).toEqual([undefined, undefined, undefined]);
  });
});

describe('numeric spreadsheet cells', () => {
  it('as Excel shows them at full precision: 15 significant digits, no exponent, no trailing zeros', () => {
    expect(spreadsheetNumberText(3180)).toBe('3180');
    expect(spreadsheetNumberText(4.25)).toBe('4.25');
    expect(spreadsheetNumberText(0.1 + 0.2)).toBe('0.3');
    expect(spreadsheetNumberText(410.1 + 0.2)).toBe('410.3');
    expect(spreadsheetNumberText(1234567.891)).toBe('1234567.891');
    expect(spreadsheetNumberText(0.0000125)).toBe('0.0000125');
    expect(spreadsheetNumberText(-0)).toBe('0');
    expect(spreadsheetNumberText(-2.5)).toBe('-2.5');
    expect(spreadsheetNumberText(9007199254740991)).toBe('9007199254740991');
    expect(spreadsheetNumberText(1e21)).toBe('1000000000000000000000');
    expect(spreadsheetNumberText(Number.NaN)).toBeUndefined();
  });

  it('expands exponent notation by moving digits, never by arithmetic', () => {
    expect(plainDecimal('1.50000000000000e-7')).toBe('0.00000015');
    expect(plainDecimal('3465.00000000000')).toBe('3465');
    expect(plainDecimal('-1.2e+3')).toBe('-1200');
    expect(plainDecimal('0.000')).toBe('0');
  });
});

describe('rows', () => {
  const mapping: Mapping = {
    format: 'usmca-roo/mapping@1',
    kind: 'materials',
    columns: { level: 'Level', id: 'Id', description: 'Description', quantity: 'Qty', unitValue: 'Value' },
    defaults: { origin: 'unknown' },
  };
  const write = (name: string, text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'import-rows-')), name);
    writeFileSync(file, text);
    return file;
  };

  it('are numbered as a spreadsheet numbers them (a quoted cell may span lines); blank rows are skipped', () => {
    const file = write(
      'rows.csv',
      'Level,Id,Description,Qty,Value,Notes\r\n1,A,a,1,1.00,"two\r\nlines"\r\n\r\n,,,,\r\n1,B,b,1,x\r\n',
    );
    const { document, problems } = importTable(file, mapping, 'm');
    expect((document.data as MaterialInput[]).map((m) => m.id)).toEqual(['A', 'B']);
    // A column the mapping does not read may hold line breaks.
    expect((document.data as MaterialInput[])[0]).toEqual({
      id: 'A',
      description: 'a',
      quantity: '1',
      unitValue: '1.00',
      origin: 'unknown',
    });
    expect(problems).toMatchObject([
      { code: 'DECIMAL_INVALID', line: 5, column: 'Value', path: 'materials[1].unitValue' },
    ]);
    // A field from defaults has no column: its path points at the row's id cell.
    expect(document.locate([1, 'origin'])).toEqual({ line: 5, column: 2 });
  });

  it('a mapped cell that runs over several lines is a quote left open (CSV_QUOTE_UNCLOSED), at its row', () => {
    // The quote opened before "wheel" closes only at "seat": three lines become one description and the
    // 700 USD brake line would vanish.
    const file = write(
      'open-quote.csv',
      'Level,Id,Description,Qty,Value\n1,A,"17 wheel,1,10.00\n1,B,brake,1,700.00\n1,C,"seat",1,5.00\n',
    );
    const { problems } = importTable(file, mapping, 'm');
    expect(problems).toMatchObject([
      { code: 'CSV_QUOTE_UNCLOSED', line: 2, column: 'Description', path: 'materials[0].description' },
    ]);
    expect(problems[0]?.message).toMatch(/lines 2 to 4/);
    const never = write(
      'never-closed.csv',
      'Level,Id,Description,Qty,Value\n1,A,a,1,1.00\n1,B,"brake,1,700.00\n1,C,c,1,5.00\n',
    );
    expect(importTable(never, mapping, 'm').problems).toMatchObject([{ code: 'CSV_QUOTE_UNCLOSED', line: 3 }]);
  });

  it('a UTF-8 byte-order mark is skipped; UTF-16 and tab-separated files are read when declared', () => {
    const bom = write('bom.csv', '\ufeffLevel,Id,Description,Qty,Value\n1,A,a,1,2\n');
    expect(importTable(bom, mapping, 'm').problems).toEqual([]);
    const utf16 = join(mkdtempSync(join(tmpdir(), 'import-rows-')), 'u16.tsv');
    writeFileSync(
      utf16,
      Buffer.from('\ufeffLevel\tId\tDescription\tQty\tValue\r\n1\tÄ-1\tZündkerze\t4\t2,50\r\n', 'utf16le'),
    );
    const declared: Mapping = {
      ...mapping,
      csv: { delimiter: '\t', encoding: 'utf-16le' },
      numbers: { decimalSeparator: ',' },
    };
    const { document, problems } = importTable(utf16, declared, 'm');
    expect(problems).toEqual([]);
    expect(document.data).toEqual([
      { id: 'Ä-1', description: 'Zündkerze', quantity: '4', unitValue: '2.50', origin: 'unknown' },
    ]);
  });

  it('headers are matched with spaces collapsed; a header in two columns is ambiguous', () => {
    const ok = write('h.csv', ' Level ,Id,"Description",Qty,"Value"\n1,A,a,1,2\n');
    expect(importTable(ok, mapping, 'm').problems).toEqual([]);
    const twice = write('h2.csv', 'Level,Id,Description,Qty,Value,Value\n1,A,a,1,2,3\n');
    expect(importTable(twice, mapping, 'm').problems).toMatchObject([
      { code: 'TABLE_STRUCTURE', line: 1, column: 'Value' },
    ]);
    const none = write('h3.csv', '\n\n');
    expect(importTable(none, { ...mapping, header: 2 }, 'm').problems).toMatchObject([
      { code: 'TABLE_STRUCTURE', line: 2 },
    ]);
  });

  it('BOM_TOO_DEEP: nesting deeper than the engine accepts, reported once at the first row too deep', () => {
    const lines = ['Level,Id,Description,Qty,Value'];
    for (let l = 1; l <= 70; l++) lines.push(`${l},L${l},level ${l},1,1`);
    const { problems } = importTable(write('deep.csv', lines.join('\n')), mapping, 'm');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'BOM_TOO_DEEP', line: 66, column: 'Level' });
  });

  it('a row without a level, and a level that is not a whole number', () => {
    const file = write('lv.csv', 'Level,Id,Description,Qty,Value\n1,A,a,1,1\n,B,b,1,1\n1.5,C,c,1,1\n');
    const { problems } = importTable(file, mapping, 'm');
    expect(problems.map((p) => `${p.code} ${p.line} ${p.column} ${p.path}`)).toEqual([
      'TABLE_STRUCTURE 3 Level level',
      'TABLE_STRUCTURE 4 Level level',
    ]);
  });
});
