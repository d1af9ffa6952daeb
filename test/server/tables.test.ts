/**
 * A claim whose bill of materials is an ERP export, uploaded with it: the claim, its producer document, the table
 * (CSV, or XLSX) and its column mapping as one multipart request. The API answers the decision the command line
 * prints for the same files in a folder, byte for byte; a problem in a row of the table is 422, naming the
 * uploaded file, its row and column, as the command line names them.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, form, post, problemCodes, ROOT, startServer, type Running } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'import', 'fixtures');
const DIR = mkdtempSync(join(tmpdir(), 'api-tables-'));

let server: Running;
beforeAll(async () => {
  server = await startServer();
  copyFileSync(join(FIXTURES, 'template-producer.yaml'), join(DIR, 'template-producer.yaml'));
  copyFileSync(join(FIXTURES, 'bom-parent.mapping.yaml'), join(DIR, 'bom.mapping.yaml'));
  const csv = readFileSync(join(FIXTURES, 'bom-parent.csv'), 'utf8');
  writeFileSync(join(DIR, 'bom.csv'), csv);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('BOM');
  for (const row of parse(csv, { skip_empty_lines: true, relax_quotes: true }) as string[][]) sheet.addRow(row);
  await wb.xlsx.writeFile(join(DIR, 'bom.xlsx'));
  const template = readFileSync(join(FIXTURES, 'template-claim.yaml'), 'utf8');
  for (const kind of ['csv', 'xlsx'])
    writeFileSync(
      join(DIR, `claim-${kind}.yaml`),
      template.replace(/^materials: .*$/m, `materials: { file: bom.${kind}, mapping: bom.mapping.yaml }`),
    );
  // A row with an amount that is not a number.
  writeFileSync(join(DIR, 'broken.csv'), csv.replace(',585.00,', ',five hundred,'));
  writeFileSync(
    join(DIR, 'claim-broken.yaml'),
    template.replace(/^materials: .*$/m, 'materials: { file: broken.csv, mapping: bom.mapping.yaml }'),
  );
});
afterAll(async () => {
  await server.close();
});

const upload = (claim: string, table: string) =>
  form([
    ['claim', join(DIR, claim)],
    ['files', join(DIR, 'template-producer.yaml')],
    ['files', join(DIR, table)],
    ['files', join(DIR, 'bom.mapping.yaml')],
  ]);

describe('evaluate: a claim with its CSV or XLSX bill of materials, uploaded together', () => {
  it.each(['csv', 'xlsx'])('%s: the decision as evaluate --json prints it', async (kind) => {
    const api = await post(`${server.url}/v1/evaluate`, upload(`claim-${kind}.yaml`, `bom.${kind}`));
    const local = await cli(DIR, 'evaluate', `claim-${kind}.yaml`, '--json');
    expect(api.status, api.text).toBe(200);
    expect(api.text).toBe(local.out);
    expect(JSON.parse(api.text).claim.id).toBe('AURORA-2026-Q1');
  });

  it('the two tables give the same decision but for the input hash', async () => {
    const [a, b] = await Promise.all(
      ['csv', 'xlsx'].map(async (k) =>
        JSON.parse((await post(`${server.url}/v1/evaluate`, upload(`claim-${k}.yaml`, `bom.${k}`))).text),
      ),
    );
    expect({ ...a, input: undefined }).toEqual({ ...b, input: undefined });
  });

  it('a bad cell: 422 naming the uploaded table, its row and column, as the command line does', async () => {
    const api = await post(`${server.url}/v1/evaluate`, upload('claim-broken.yaml', 'broken.csv'));
    const local = await cli(DIR, 'evaluate', 'claim-broken.yaml', '--json');
    expect(api.status).toBe(422);
    expect(local.code).toBe(2);
    expect(api.text).toBe(local.out);
    const problem = JSON.parse(api.text).problems[0];
    expect(problem).toMatchObject({ file: 'broken.csv', column: 'Unit Price' });
    expect(problemCodes(api).length).toBeGreaterThan(0);
  });

  it('the mapping not uploaded: 422 FILE_NOT_UPLOADED at the claim line naming it', async () => {
    const api = await post(
      `${server.url}/v1/evaluate`,
      form([
        ['claim', join(DIR, 'claim-csv.yaml')],
        ['files', join(DIR, 'template-producer.yaml')],
        ['files', join(DIR, 'bom.csv')],
      ]),
    );
    expect(api.status).toBe(422);
    expect(problemCodes(api)).toEqual(['FILE_NOT_UPLOADED']);
    expect(JSON.parse(api.text).problems[0]).toMatchObject({ file: 'claim-csv.yaml', path: 'materials.mapping' });
  });
});
