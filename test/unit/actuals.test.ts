/**
 * Actual figures for the year-end reconciliation: the documented example reads, and an entry's lines (by id,
 * at any depth), purchases (by id) and assignments become operations on the stored claim, whose lists are
 * sorted by id. A line the claim does not have is placed at its key, with the ids the claim has.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActualsFile } from '../../src/reconcile/actuals.js';
import { entryChanges } from '../../src/reconcile/changes.js';

const ROOT = join(import.meta.dirname, '..', '..');

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'actuals-')), 'actuals.yaml');
  writeFileSync(file, text);
  return file;
}

const claim = {
  materials: [
    { id: 'CAM', unitValue: { amount: '1100.00' } },
    { id: 'ENG', materials: [{ id: 'BLK', unitValue: { amount: '300.00' } }, { id: 'HEAD' }] },
  ],
  producer: { steelAluminum: { purchases: [{ id: 'AL-1' }, { id: 'ST-1' }] } },
};

describe('actuals files', () => {
  it('reads the example of docs/actuals-format.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'actuals-format.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const read = readActualsFile(write(example));
    expect(read.actuals.actuals.map((e) => e.claim)).toEqual(['AURORA-2026-Q1', 'SIERRA-2026']);
  });

  it('turns lines, purchases and assignments into operations on the stored claim, by id', () => {
    const file = readActualsFile(
      write(`format: usmca-roo/actuals@1
fiscalYear: { start: 2026-01-01, end: 2026-12-31 }
determinedOn: 2027-01-20
actuals:
  - claim: X
    lines:
      ENG/BLK: { unitValue: "320.00", origin: null }
      CAM: { unitValue: { amount: "1200.00", currency: MXN } }
    purchases:
      ST-1: { value: "1830000.00" }
    set:
      costs.totalCost: "10400.00"
`),
    );
    const made = entryChanges(file, 0, file.actuals.actuals[0]!, claim);
    expect(made.problems).toEqual([]);
    expect(made.changes.operations).toEqual([
      { op: 'add', path: '/materials/1/materials/0/unitValue', value: '320.00' },
      { op: 'remove', path: '/materials/1/materials/0/origin' },
      { op: 'add', path: '/materials/0/unitValue', value: { amount: '1200.00', currency: 'MXN' } },
      { op: 'add', path: '/producer/steelAluminum/purchases/1/value', value: '1830000.00' },
      { op: 'add', path: '/costs/totalCost', value: '10400.00' },
    ]);
  });

  it('places a line or purchase the claim does not have at its key, with the ids it has', () => {
    const file = readActualsFile(
      write(`format: usmca-roo/actuals@1
fiscalYear: { start: 2026-01-01, end: 2026-12-31 }
determinedOn: 2027-01-20
actuals:
  - claim: X
    lines:
      ENG/CRANK: { unitValue: "1.00" }
    purchases:
      ST-9: { value: "1.00" }
`),
    );
    const made = entryChanges(file, 0, file.actuals.actuals[0]!, claim);
    expect(made.usable).toBe(true);
    expect(made.problems.map((p) => [p.path, p.line, p.code, p.message])).toEqual([
      [
        'actuals[0].lines.ENG/CRANK',
        7,
        'PATCH_NOT_APPLICABLE',
        'the stored claim has no BOM line ENG/CRANK (there: BLK, HEAD)',
      ],
      [
        'actuals[0].purchases.ST-9',
        9,
        'PATCH_NOT_APPLICABLE',
        'the stored claim has no steel or aluminum purchase ST-9 (there: AL-1, ST-1)',
      ],
    ]);
  });
});
