/**
 * A supplier statement in an evidence file needs `netCost` only where the calculation uses it, as a claim's own
 * `supplierStatement` does: a statement of the value of non-originating materials (s. 9(2)(a), (4)(a)) used under
 * the net cost method. The file is read without it; where the net cost method needs it, the claim it is applied to
 * is refused (FIELD_REQUIRED), and evaluated from the store the problem names the evidence item and its field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyEvidence } from '../../src/evidence/apply.js';
import { readEvidenceFile } from '../../src/evidence/read.js';
import { withEvidence } from '../../src/store/evaluate.js';
import { claim, line, load, problemsOf, type Obj } from '../helpers.js';

function evidenceFile(statement: Obj): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evidence-')), 'seats.evidence.yaml');
  writeFileSync(
    file,
    stringify({
      format: 'usmca-roo/evidence@1',
      evidence: [
        {
          id: 'SEATS-2026',
          kind: 'statement',
          supplier: { name: 'Asientos del Norte', country: 'MX' },
          period: { start: '2026-01-01', end: '2026-12-31' },
          covers: { partNumbers: ['SEAT'] },
          statement: { currency: 'USD', ...statement },
        },
      ],
    }),
  );
  return file;
}

/** The test claim with line SEAT (non-originating, 500.00) covered by the file's statement. */
function claimWith(file: string, elections: Obj = {}): Obj {
  const items = readEvidenceFile(file).map((item, i) => ({ seq: i + 1, item }));
  const doc = claim({ elections, materials: [line('SEAT', '500.00', 'non-originating')] });
  const applied = applyEvidence(doc, items);
  expect(applied.uses.map((u) => `${u.evidenceId} ${u.line} ${u.use}`)).toEqual(['SEATS-2026 SEAT statement']);
  return applied.claim;
}

const statementOf = (doc: Obj) => ((doc.materials as Obj[])[0] as Obj).supplierStatement as Obj;

describe('an evidence statement without netCost', () => {
  it('a statement of regional content (s. 9(2)(b)) is read and applied without one', () => {
    const doc = claimWith(evidenceFile({ regionalContentAmount: '300.00' }));
    expect(statementOf(doc)).not.toHaveProperty('netCost');
    expect(statementOf(doc).regionalContentAmount).toEqual({ amount: '300.00', currency: 'USD' });
    expect(() => load(doc)).not.toThrow();
  });

  it('a statement of non-originating value is read; under the transaction value method (s. 9(3)) it needs none', () => {
    const doc = claimWith(evidenceFile({ valueOfNonOriginatingMaterials: '200.00' }), {
      rvcMethod: 'transaction-value',
    });
    expect(statementOf(doc)).not.toHaveProperty('netCost');
    expect(() => load(doc)).not.toThrow();
  });

  it('under the net cost method (s. 9(4)(a), the evidence period) the claim is refused with the claim wording', () => {
    const doc = claimWith(evidenceFile({ valueOfNonOriginatingMaterials: '200.00' }));
    const problems = problemsOf(() => load(doc));
    expect(problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'FIELD_REQUIRED materials[0].supplierStatement.netCost',
    ]);
    expect(problems[0]?.message).toMatch(
      /^supplierStatement\.netCost is required for a statement of the value of non-originating materials under the net cost method \(s\. 9\(4\)\(a\), averaged over a period\)/,
    );
  });

  it("evaluated from the store, the problem is the evidence item's: its id and version, at statement.netCost", () => {
    const file = evidenceFile({ valueOfNonOriginatingMaterials: '200.00' });
    const items = readEvidenceFile(file).map((item, i) => ({ seq: i + 7, version: 2, item }));
    const original = load(claim({ materials: [line('SEAT', '500.00', 'non-originating')] }), 'claim.yaml');
    const problems = problemsOf(() => withEvidence(original, items, 'claim.yaml'));
    expect(problems.map((p) => `${p.file} ${p.path} ${p.code}`)).toEqual([
      'evidence SEATS-2026 v2 statement.netCost FIELD_REQUIRED',
    ]);
    expect(problems[0]?.message).toContain('line SEAT (materials[0] of claim.yaml)');
    expect(problems[0]?.message).toContain('s. 9(2)(a)');
  });

  it('given, it is carried to the claim as before', () => {
    const doc = claimWith(evidenceFile({ netCost: '480.00', valueOfNonOriginatingMaterials: '200.00' }));
    expect(statementOf(doc).netCost).toEqual({ amount: '480.00', currency: 'USD' });
    expect(() => load(doc)).not.toThrow();
  });
});
