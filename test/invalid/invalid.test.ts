/**
 * One broken input per problem code: each fixture must be rejected with exactly that code, at that path,
 * file and line, and the CLI must exit with code 2.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentReport } from '../../src/content/report.js';
import { evaluate } from '../../src/evaluate.js';
import type { ReadPolicy } from '../../src/documents/files.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { InputError, PROBLEM_CODES, type ProblemCode } from '../../src/input/problems.js';
import { patchClaim } from '../../src/advise/patched.js';
import { readPatchAndSets } from '../../src/advise/read-patch.js';
import { readEvidenceFile } from '../../src/evidence/read.js';
import { readActualsFile, unmatchedEntries } from '../../src/reconcile/actuals.js';

const DIR = join(import.meta.dirname, 'fixtures');

/** code -> [fixture file, path, file the problem is in, line, read policy (limits lowered to test them)] */
const EXPECTED: Record<ProblemCode, [string, string, string, number | undefined, ReadPolicy?]> = {
  FILE_NOT_READABLE: ['FILE_NOT_READABLE.yaml', 'producer', 'FILE_NOT_READABLE.yaml', 5],
  FILE_FORMAT_UNKNOWN: ['FILE_FORMAT_UNKNOWN.txt', '(document)', 'FILE_FORMAT_UNKNOWN.txt', undefined],
  FILE_OUTSIDE_ROOT: ['FILE_OUTSIDE_ROOT.yaml', 'producer', 'FILE_OUTSIDE_ROOT.yaml', 5],
  FILE_NOT_REGULAR: ['FILE_NOT_REGULAR.yaml', 'producer', 'FILE_NOT_REGULAR.yaml', 5],
  FILE_TOO_LARGE: ['FILE_TOO_LARGE.yaml', 'producer', 'FILE_TOO_LARGE.yaml', 5, { limits: { maxFileBytes: 2048 } }],
  TEXT_ENCODING: ['TEXT_ENCODING.yaml', '(document)', 'TEXT_ENCODING.yaml', 11],
  YAML_SYNTAX: ['YAML_SYNTAX.yaml', '(document)', 'YAML_SYNTAX.yaml', 12],
  JSON_SYNTAX: ['JSON_SYNTAX.json', '(document)', 'JSON_SYNTAX.json', 5],
  DUPLICATE_KEY: ['DUPLICATE_KEY.yaml', '(document)', 'DUPLICATE_KEY.yaml', 11],
  YAML_ALIAS: ['YAML_ALIAS.yaml', '(document)', 'YAML_ALIAS.yaml', 10],
  TEXT_CHARACTER_NOT_ALLOWED: [
    'TEXT_CHARACTER_NOT_ALLOWED.yaml',
    'materials[0].description',
    'TEXT_CHARACTER_NOT_ALLOWED.yaml',
    11,
  ],
  DOCUMENT_FORMAT: ['DOCUMENT_FORMAT.yaml', 'format', 'DOCUMENT_FORMAT.yaml', 1],
  FIELD_REQUIRED: ['FIELD_REQUIRED.yaml', 'materials[0].origin', 'FIELD_REQUIRED.yaml', 11],
  FIELD_UNKNOWN: ['FIELD_UNKNOWN.yaml', 'materials[0].unitvalue', 'FIELD_UNKNOWN.yaml', 11],
  FIELD_TYPE: ['FIELD_TYPE.yaml', 'materials', 'FIELD_TYPE.yaml', 10],
  VALUE_NOT_ALLOWED: ['VALUE_NOT_ALLOWED.yaml', 'materials[0].origin', 'VALUE_NOT_ALLOWED.yaml', 11],
  DECIMAL_INVALID: ['DECIMAL_INVALID.yaml', 'materials[0].unitValue', 'DECIMAL_INVALID.yaml', 11],
  BARE_JSON_NUMBER: ['BARE_JSON_NUMBER.json', 'materials[0].unitValue', 'BARE_JSON_NUMBER.json', 13],
  AMOUNT_NEGATIVE: ['AMOUNT_NEGATIVE.yaml', 'materials[0].unitValue', 'AMOUNT_NEGATIVE.yaml', 11],
  DATE_INVALID: ['DATE_INVALID.yaml', 'decisionDate', 'DATE_INVALID.yaml', 3],
  HS_INVALID: ['HS_INVALID.yaml', 'materials[0].hs', 'HS_INVALID.yaml', 11],
  HS_UNKNOWN: ['HS_UNKNOWN.yaml', 'materials[0].hs', 'HS_UNKNOWN.yaml', 11],
  HS_EDITION_UNKNOWN: ['HS_EDITION_UNKNOWN.yaml', 'good.hsEdition', 'HS_EDITION_UNKNOWN.yaml', 6],
  COUNTRY_INVALID: ['COUNTRY_INVALID.yaml', 'materials[0].country', 'COUNTRY_INVALID.yaml', 11],
  CURRENCY_INVALID: ['CURRENCY_INVALID.yaml', 'materials[0].unitValue.currency', 'CURRENCY_INVALID.yaml', 11],
  EXCHANGE_RATE_MISSING: ['EXCHANGE_RATE_MISSING.yaml', 'materials[0].unitValue', 'EXCHANGE_RATE_MISSING.yaml', 11],
  EXCHANGE_RATE_DUPLICATE: [
    'EXCHANGE_RATE_DUPLICATE.yaml',
    'exchangeRates[1].currency',
    'EXCHANGE_RATE_DUPLICATE.yaml',
    12,
  ],
  PERIOD_INVALID: ['PERIOD_INVALID.yaml', 'period.end', 'PERIOD_INVALID.yaml', 10],
  BOM_DUPLICATE_ID: ['BOM_DUPLICATE_ID.yaml', 'materials[1].id', 'BOM_DUPLICATE_ID.yaml', 12],
  BOM_CYCLE: ['BOM_CYCLE.yaml', 'materials[0].materials[0]', 'BOM_CYCLE.yaml', 17],
  BOM_TOO_DEEP: ['BOM_TOO_DEEP.yaml', `${'materials[0].'.repeat(66)}materials`, 'BOM_TOO_DEEP.yaml', 407],
  PLANT_UNKNOWN: ['PLANT_UNKNOWN.yaml', 'materials[0].plant', 'PLANT_UNKNOWN.yaml', 11],
  PLANT_OUTSIDE_TERRITORY: ['PLANT_OUTSIDE_TERRITORY.yaml', 'good.plant', 'PLANT_OUTSIDE_TERRITORY.yaml', 6],
  PLANT_DUPLICATE_ID: ['PLANT_DUPLICATE_ID.yaml', 'plants[1].id', '_producer-duplicate-plant.yaml', 6],
  PURCHASE_DUPLICATE_ID: [
    'PURCHASE_DUPLICATE_ID.yaml',
    'steelAluminum.purchases[1].id',
    '_producer-duplicate-purchase.yaml',
    11,
  ],
  VEHICLE_CLASS_UNDETERMINED: ['VEHICLE_CLASS_UNDETERMINED.yaml', 'good.hs', 'VEHICLE_CLASS_UNDETERMINED.yaml', 6],
  VEHICLE_CLASS_CONTRADICTS_HS: [
    'VEHICLE_CLASS_CONTRADICTS_HS.yaml',
    'good.vehicleClass',
    'VEHICLE_CLASS_CONTRADICTS_HS.yaml',
    6,
  ],
  NET_COST_NOT_POSITIVE: ['NET_COST_NOT_POSITIVE.yaml', 'costs.totalCost', 'NET_COST_NOT_POSITIVE.yaml', 8],
  ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL: [
    'ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL.yaml',
    'producer.laborValueContent.annualPurchaseValue',
    'ANNUAL_PURCHASE_VALUE_EXCEEDS_TOTAL.yaml',
    11,
  ],
  INTERMEDIATE_NOT_SELF_PRODUCED: [
    'INTERMEDIATE_NOT_SELF_PRODUCED.yaml',
    'materials[0].intermediate',
    'INTERMEDIATE_NOT_SELF_PRODUCED.yaml',
    11,
  ],
  INTERMEDIATE_NESTED: [
    'INTERMEDIATE_NESTED.yaml',
    'materials[0].materials[0].intermediate',
    'INTERMEDIATE_NESTED.yaml',
    19,
  ],
  SUPPLIER_STATEMENT_INCONSISTENT: [
    'SUPPLIER_STATEMENT_INCONSISTENT.yaml',
    'materials[0].supplierStatement.regionalContentAmount',
    'SUPPLIER_STATEMENT_INCONSISTENT.yaml',
    11,
  ],
  CORE_PART_INCOMPLETE: ['CORE_PART_INCOMPLETE.yaml', 'materials[0].materials', 'CORE_PART_INCOMPLETE.yaml', 11],
  PART_CLAIM_INCOMPLETE: ['PART_CLAIM_INCOMPLETE.yaml', 'good.partTable', 'PART_CLAIM_INCOMPLETE.yaml', 6],
  CSV_QUOTE_UNCLOSED: ['CSV_QUOTE_UNCLOSED.yaml', 'materials[0].description', 'tab-open-quote.csv', 2],
  XLSX_INVALID: ['XLSX_INVALID.yaml', '(document)', 'tab-no-shared-strings.xlsx', undefined],
  TABLE_TOO_LARGE: ['TABLE_TOO_LARGE.yaml', '(document)', 'tab-bom-parent.csv', 2, { limits: { maxCells: 20 } }],
  TABLE_COLUMN_MISSING: ['TABLE_COLUMN_MISSING.yaml', 'unitValue', 'tab-missing-column.csv', 1],
  TABLE_PARENT_UNKNOWN: ['TABLE_PARENT_UNKNOWN.yaml', 'parentId', 'tab-unknown-parent.csv', 4],
  TABLE_STRUCTURE: ['TABLE_STRUCTURE.yaml', 'level', 'tab-level-skip.csv', 4],
  MAPPING_INVALID: ['MAPPING_INVALID.yaml', 'columns', 'tab-broken.mapping.yaml', 4],
  RULE_NOT_HELD: ['RULE_NOT_HELD.yaml', 'good.hs', 'RULE_NOT_HELD.yaml', 6],
  RULE_NOT_IN_FORCE: ['RULE_NOT_IN_FORCE.yaml', 'decisionDate', 'RULE_NOT_IN_FORCE.yaml', 3],
  // Problems of the content command (run through it, after the claims it is given with the fixture).
  CUSTOMS_VALUE_REQUIRED: ['CUSTOMS_VALUE_REQUIRED.yaml', 'customsValue', 'CUSTOMS_VALUE_REQUIRED.yaml', 1],
  MODEL_LINE_MEASURES_DIFFER: ['MODEL_LINE_MEASURES_DIFFER.yaml', 'entryDate', 'MODEL_LINE_MEASURES_DIFFER.yaml', 4],
  // Problems of a patch (evaluate --patch), applied to _patch-base.yaml.
  PATCH_INVALID: ['PATCH_INVALID.json', '[1].path', 'PATCH_INVALID.json', 3],
  PATCH_NOT_APPLICABLE: ['PATCH_NOT_APPLICABLE.json', '[1].path', 'PATCH_NOT_APPLICABLE.json', 3],
  EVIDENCE_DUPLICATE_ID: [
    'EVIDENCE_DUPLICATE_ID.evidence.yaml',
    'evidence[1].id',
    'EVIDENCE_DUPLICATE_ID.evidence.yaml',
    9,
  ],
  // Problems of an actuals file (reconcile --actuals), matched against a store holding TERN-A on estimates.
  ACTUALS_DUPLICATE_CLAIM: [
    'ACTUALS_DUPLICATE_CLAIM.actuals.yaml',
    'actuals[1].claim',
    'ACTUALS_DUPLICATE_CLAIM.actuals.yaml',
    7,
  ],
  ACTUALS_BEFORE_YEAR_END: [
    'ACTUALS_BEFORE_YEAR_END.actuals.yaml',
    'determinedOn',
    'ACTUALS_BEFORE_YEAR_END.actuals.yaml',
    3,
  ],
  ACTUALS_NOTHING_TO_RECONCILE: [
    'ACTUALS_NOTHING_TO_RECONCILE.actuals.yaml',
    'actuals[1].claim',
    'ACTUALS_NOTHING_TO_RECONCILE.actuals.yaml',
    7,
  ],
};

/** The store an actuals fixture is matched against: TERN-A decided on estimates in 2026. */
const ESTIMATED = new Map([['TERN-A', ['2026-03-15']]]);

/** Codes of a patch: the fixture is the patch, applied to this claim. */
const PATCH_BASE = '_patch-base.yaml';
const PATCHES = new Set<ProblemCode>(['PATCH_INVALID', 'PATCH_NOT_APPLICABLE']);

/** Codes only the content command reports: the claims given before the fixture. */
const CONTENT: Partial<Record<ProblemCode, string[]>> = {
  CUSTOMS_VALUE_REQUIRED: [],
  MODEL_LINE_MEASURES_DIFFER: ['_content-model-line-first.yaml'],
};

async function problemsFor(file: string, code: string, policy?: ReadPolicy): Promise<InputError['problems']> {
  const before = CONTENT[code as ProblemCode];
  try {
    if (before) await contentReport([...before, file].map((f) => join(DIR, f)));
    else if (PATCHES.has(code as ProblemCode)) {
      const { operations, sources } = readPatchAndSets(join(DIR, file), []);
      patchClaim(loadClaimFile(join(DIR, PATCH_BASE)), operations, sources);
    }
    // Supplier evidence files (*.evidence.yaml) are read by their own reader, as `evidence add` reads them.
    else if (file.endsWith('.evidence.yaml')) readEvidenceFile(join(DIR, file));
    // Actuals files (*.actuals.yaml) are read by their own reader, then matched against the store's decisions.
    else if (file.endsWith('.actuals.yaml')) {
      const problems = unmatchedEntries(readActualsFile(join(DIR, file)), ESTIMATED);
      if (problems.length > 0) throw new InputError(problems);
    } else await evaluate(loadClaimFile(join(DIR, file), policy));
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`${file} was accepted`);
}

describe('one broken input per problem code', () => {
  it('has a fixture for every code in the registry', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
    for (const [file] of Object.values(EXPECTED)) expect(existsSync(join(DIR, file)), file).toBe(true);
    const used = new Set(Object.values(EXPECTED).map(([f]) => f));
    for (const f of readdirSync(DIR).filter((x) => !x.startsWith('_') && !x.startsWith('tab-')))
      expect(used.has(f), `unused fixture ${f}`).toBe(true);
  });

  for (const [code, [fixture, path, file, line, policy]] of Object.entries(EXPECTED)) {
    it(`${code}: ${fixture}`, async () => {
      const problems = await problemsFor(fixture, code, policy);
      const p = problems.find((x) => x.code === code);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(p?.path).toBe(path);
      expect(p?.file.endsWith(file)).toBe(true);
      expect(p?.line).toBe(line);
      expect(p?.message.length).toBeGreaterThan(10);
      // Nothing else is wrong with the fixture: the code is the only kind of problem reported.
      expect(new Set(problems.map((x) => x.code))).toEqual(new Set([code]));
    });
  }

  it('reports every problem in a file at once', async () => {
    const { loadClaimDocument } = await import('../../src/input/load-claim.js');
    const { parseText } = await import('../../src/documents/read.js');
    const text = [
      'format: usmca-roo/claim@1',
      'id: X',
      'decisionDate: 2026-13-01',
      'currency: usd',
      'producer: { format: usmca-roo/producer@1, name: P, currency: USD }',
      'good: { kind: vehicle, description: d, hs: "8703.23" }',
      'costs: { totalCost: "1,000", excludedCosts: { salesPromotionMarketingAfterSalesService: "0", royalties: "0", shippingAndPacking: "0", nonAllowableInterest: "0" } }',
      'materials:',
      '  - { id: A, quantity: "x", unitValue: "1", origin: nope }',
      '  - { id: B, quantity: "1", unitValue: "1", origin: originating, colour: red }',
    ].join('\n');
    try {
      loadClaimDocument(parseText('many.yaml', text), () => {
        throw new Error('inline');
      });
      expect.unreachable();
    } catch (e) {
      const codes = (e as InputError).problems.map((p) => `${p.code}@${p.path}:${p.line}`).sort();
      expect(codes).toEqual([
        'CURRENCY_INVALID@currency:4',
        'DATE_INVALID@decisionDate:3',
        'DECIMAL_INVALID@costs.totalCost:7',
        'DECIMAL_INVALID@materials[0].quantity:9',
        'FIELD_UNKNOWN@materials[1].colour:10',
        'VALUE_NOT_ALLOWED@materials[0].origin:9',
      ]);
    }
  });

  it('checks the HS code of a steel or aluminum purchase like any other (a typo must not drop it from Table S)', async () => {
    const { loadClaimDocument } = await import('../../src/input/load-claim.js');
    const { parseText } = await import('../../src/documents/read.js');
    const text = [
      'format: usmca-roo/claim@1',
      'id: X',
      'decisionDate: 2026-03-15',
      'currency: USD',
      'producer:',
      '  format: usmca-roo/producer@1',
      '  name: P',
      '  currency: USD',
      '  steelAluminum:',
      '    period: { start: 2025-01-01, end: 2025-12-31, kind: previous-calendar-year }',
      '    basis: all-vehicles-produced',
      '    purchases:',
      '      - { id: S1, metal: steel, hs: "7225 99", value: "100.00", origin: originating }',
      '      - { id: S2, metal: steel, hs: "7225.99", value: "100.00", origin: originating }',
      'good: { kind: vehicle, description: d, hs: "8703.23" }',
      'costs: { totalCost: "1000", excludedCosts: { salesPromotionMarketingAfterSalesService: "0", royalties: "0", shippingAndPacking: "0", nonAllowableInterest: "0" } }',
      'materials: []',
    ].join('\n');
    try {
      loadClaimDocument(parseText('purchase.yaml', text), () => {
        throw new Error('inline');
      });
      expect.unreachable();
    } catch (e) {
      const problems = (e as InputError).problems;
      expect(problems.map((p) => `${p.code}@${p.path}:${p.line}`)).toEqual([
        'HS_INVALID@producer.steelAluminum.purchases[0].hs:13',
      ]);
      expect(problems[0]?.message).toMatch(/7225 99/);
    }
  });
});
