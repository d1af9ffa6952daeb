/**
 * A claim whose bill of materials is a CSV or XLSX export evaluates to the same decision as the same claim
 * written in YAML (only the input hash, which covers the documents as given, may differ).
 */
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { prettyJson } from '../../src/canonical/json.js';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { run } from '../../src/cli/main.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'aurora-sedan');
const HEAD = [
  'Item',
  'Parent',
  'Description',
  'HS',
  'Qty',
  'Unit price',
  'Currency',
  'Origin',
  'Country',
  'Plant',
  'In-house',
  'Intermediate',
  'Core part',
  'Core component',
  'Net cost',
];
type Line = Record<string, any>;

function rows(materials: Line[], parent = ''): string[][] {
  const out: string[][] = [];
  for (const m of materials) {
    const money = typeof m.unitValue === 'object' ? m.unitValue : { amount: m.unitValue, currency: m.currency ?? '' };
    const net = m.netCost === undefined ? '' : typeof m.netCost === 'object' ? m.netCost.amount : m.netCost;
    out.push([
      m.id,
      parent,
      m.description ?? '',
      m.hs ?? '',
      m.quantity,
      money.amount,
      money.currency ?? '',
      m.origin,
      m.country ?? '',
      m.plant ?? '',
      m.selfProduced ? 'X' : '',
      m.intermediate ? 'X' : '',
      m.corePart ?? '',
      m.coreComponent ?? '',
      net,
    ]);
    if (m.materials) out.push(...rows(m.materials, m.id));
  }
  return out;
}

const mapping = {
  format: 'usmca-roo/mapping@1',
  kind: 'materials',
  columns: {
    id: 'Item',
    parentId: 'Parent',
    description: 'Description',
    hs: 'HS',
    quantity: 'Qty',
    unitValue: 'Unit price',
    currency: 'Currency',
    origin: 'Origin',
    country: 'Country',
    plant: 'Plant',
    selfProduced: 'In-house',
    intermediate: 'Intermediate',
    corePart: 'Core part',
    coreComponent: 'Core component',
    netCost: 'Net cost',
  },
  values: { selfProduced: { X: true, '': false }, intermediate: { X: true, '': false } },
};

describe('a bill of materials from a CSV or XLSX file', () => {
  let dir: string;
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'table-claim-'));
    const claim = parse(readFileSync(join(EXAMPLE, 'claim.yaml'), 'utf8'));
    copyFileSync(join(EXAMPLE, 'producer.yaml'), join(dir, 'producer.yaml'));
    const table = rows(claim.materials);
    const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    writeFileSync(join(dir, 'bom.csv'), [HEAD, ...table].map((r) => r.map(csvCell).join(',')).join('\n'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('BOM');
    ws.addRow(HEAD);
    for (const r of table) ws.addRow(r);
    await wb.xlsx.writeFile(join(dir, 'bom.xlsx'));
    writeFileSync(join(dir, 'mapping.yaml'), stringify(mapping));
    writeFileSync(
      join(dir, 'claim-csv.yaml'),
      stringify({ ...claim, producer: 'producer.yaml', materials: { file: 'bom.csv', mapping: 'mapping.yaml' } }),
    );
    writeFileSync(
      join(dir, 'claim-xlsx.yaml'),
      stringify({ ...claim, producer: 'producer.yaml', materials: { file: 'bom.xlsx', mapping: 'mapping.yaml' } }),
    );
    expected = JSON.parse(prettyJson(await evaluate(loadClaimFile(join(EXAMPLE, 'claim.yaml')))));
  });

  const withoutInputHash = (d: Record<string, unknown>) => ({ ...d, input: undefined });

  for (const kind of ['csv', 'xlsx']) {
    it(`evaluates a claim whose materials point to a ${kind.toUpperCase()} file, to the same decision`, async () => {
      const d = JSON.parse(prettyJson(await evaluate(loadClaimFile(join(dir, `claim-${kind}.yaml`)))));
      expect(withoutInputHash(d)).toEqual(withoutInputHash(expected));
    });
  }

  it('imports the CSV into a claim document with the import command, which then evaluates the same', async () => {
    const out = join(dir, 'imported.yaml');
    let err = '';
    const code = await run(
      [
        'import',
        '--materials',
        join(dir, 'bom.csv'),
        '--mapping',
        join(dir, 'mapping.yaml'),
        '--claim',
        join(dir, 'claim-csv.yaml'),
        '--out',
        out,
      ],
      { stdout: () => {}, stderr: (t) => (err += t), cwd: dir },
    );
    expect(code, err).toBe(0);
    const d = JSON.parse(prettyJson(await evaluate(loadClaimFile(out))));
    expect(withoutInputHash(d)).toEqual(withoutInputHash(expected));
  });
});
