/**
 * Patches of the claim as read: `evaluate --patch FILE` and `--set PATH=VALUE`. A patch applies to the claim with
 * its producer document and tables inlined, in file order; the decision's input hash is that of the patched
 * claim and the decision names the patch; a bad patch is an input problem naming the operation and its path.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from '../../src/canonical/json.js';
import { evaluate } from '../../src/evaluate.js';
import { loadClaimFile } from '../../src/input/load-claim.js';
import { InputError } from '../../src/input/problems.js';
import { applyPatch, setOperations } from '../../src/advise/patch.js';
import { evaluatePatched, patchClaim } from '../../src/advise/patched.js';
import { claimView, fieldPathOf, toPointer } from '../../src/advise/view.js';
import { loadRulePack } from '../../src/rules/load.js';
import { runCli } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BOREALIS = join(ROOT, 'examples', 'borealis-hatchback', 'claim.yaml');
const pack = loadRulePack();

/** The index of a top-level BOM line of the Borealis claim, by id (file order). */
function lineIndex(id: string): number {
  const view = claimView(loadClaimFile(BOREALIS));
  return (view.materials as Array<{ id: string }>).findIndex((m) => m.id === id);
}

function problemsOf(fn: () => unknown): InputError['problems'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('accepted');
}

describe('paths: a JSON Pointer or a field path as problems write it', () => {
  it('converts both ways, escaping "~" and "/" (RFC 6901)', () => {
    expect(toPointer('materials[3].origin')).toBe('/materials/3/origin');
    expect(toPointer('producer.plants[0].wages')).toBe('/producer/plants/0/wages');
    expect(toPointer('/materials/3/origin')).toBe('/materials/3/origin');
    expect(toPointer('materials[x]')).toBeUndefined();
    expect(toPointer('/a~2b')).toBeUndefined();
    expect(fieldPathOf('/materials/0/materials/12/unitValue')).toBe('materials[0].materials[12].unitValue');
  });
});

describe('--set PATH=VALUE', () => {
  it('reads VALUE as one YAML value: numbers stay their text, booleans, mappings; null removes', () => {
    const { operations, problems } = setOperations([
      'costs.totalCost=25100.10',
      'materials[2].origin=originating',
      '/materials/2/selfProduced=true',
      'materials[2].unitValue={ amount: "12.50", currency: MXN }',
      'materials[2].plant=null',
      'materials[2]={ id: X, quantity: "1", unitValue: "1", origin: unknown }',
    ]);
    expect(problems).toEqual([]);
    expect(operations).toEqual([
      { op: 'add', path: '/costs/totalCost', value: '25100.10' },
      { op: 'add', path: '/materials/2/origin', value: 'originating' },
      { op: 'add', path: '/materials/2/selfProduced', value: true },
      { op: 'add', path: '/materials/2/unitValue', value: { amount: '12.50', currency: 'MXN' } },
      { op: 'remove', path: '/materials/2/plant' },
      { op: 'replace', path: '/materials/2', value: { id: 'X', quantity: '1', unitValue: '1', origin: 'unknown' } },
    ]);
  });

  it('refuses what is not PATH=VALUE, naming the assignment', () => {
    const { problems } = setOperations(['origin', 'materials[x]=1', '=1', '/__proto__/a=1']);
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual([
      'PATCH_INVALID@[0]',
      'PATCH_INVALID@[1]',
      'PATCH_INVALID@[2]',
      'PATCH_INVALID@[3]',
    ]);
  });
});

describe('a patched claim', () => {
  it('is evaluated as changed: the input hash is of the patched claim, and the decision names the patch', async () => {
    const loaded = loadClaimFile(BOREALIS);
    const base = await evaluate(loaded, { pack });
    expect(base.verdict).toBe('not-originating');
    const ops = [
      { op: 'replace' as const, path: `/materials/${lineIndex('COCKPITDC')}/origin`, value: 'originating' },
      { op: 'replace' as const, path: `/materials/${lineIndex('ADAS')}/origin`, value: 'originating' },
    ];
    const patched = patchClaim(loaded, ops, [{ kind: 'plan', name: 'test', count: 2 }]);
    const d = await evaluatePatched(patched, pack);
    // RVC: VNM 7308.30 - 1171.50 - 778.80 = 5358.00 on a net cost of 23235: (23235 - 5358) / 23235 = 76.939961%.
    expect(d.verdict).toBe('originating');
    expect(d.requirements.find((r) => r.id === 'rvc')?.value).toBe('76.939961');
    expect(d.input.sha256).toBe(canonicalHash(patched.loaded.canonicalInput));
    expect(d.input.sha256).not.toBe(base.input.sha256);
    expect(d.input.patch).toEqual({ baseSha256: base.input.sha256, sha256: canonicalHash(ops), operations: ops });
  });

  it('leaves the claim as read untouched, whether the patch copies the whole view or only the changed paths', async () => {
    const loaded = loadClaimFile(BOREALIS);
    const before = canonicalJson(claimView(loaded));
    const ops = [
      { op: 'replace' as const, path: '/materials/0/origin', value: 'unknown' },
      { op: 'add' as const, path: '/producer/plants/0/name', value: 'renamed' },
      { op: 'remove' as const, path: '/period' },
    ];
    const deep = applyPatch(claimView(loaded), ops, [], 'deep');
    const path = applyPatch(claimView(loaded), ops, [], 'path');
    expect(deep.problems).toEqual([]);
    expect(canonicalJson(path.document)).toBe(canonicalJson(deep.document));
    expect(canonicalJson(claimView(loaded))).toBe(before);
  });

  it('reads a producer document and a table of materials into the view, in file order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patch-table-'));
    const fixtures = join(ROOT, 'test', 'import', 'fixtures');
    for (const f of ['template-producer.yaml', 'bom-parent.csv', 'bom-parent.mapping.yaml'])
      copyFileSync(join(fixtures, f), join(dir, f));
    const template = readFileSync(join(fixtures, 'template-claim.yaml'), 'utf8').replace(
      'materials: []   # imported',
      'materials: { file: bom-parent.csv, mapping: bom-parent.mapping.yaml }',
    );
    writeFileSync(join(dir, 'claim.yaml'), template);
    const loaded = loadClaimFile(join(dir, 'claim.yaml'));
    const view = claimView(loaded);
    const lines = view.materials as Array<{ id: string; origin: string; selfProduced?: boolean; corePart?: string }>;
    const i = lines.findIndex((m) => m.origin === 'originating' && !m.selfProduced && m.corePart === undefined);
    const id = lines[i]?.id as string;
    const plant = ((view.producer as { plants: Array<{ id: string }> }).plants[0] as { id: string }).id;
    const d = await evaluatePatched(
      patchClaim(
        loaded,
        [
          { op: 'test', path: `/materials/${i}/id`, value: id },
          { op: 'test', path: '/producer/plants/0/id', value: plant },
          { op: 'replace', path: `/materials/${i}/origin`, value: 'unknown' },
        ],
        [{ kind: 'plan', name: 'test', count: 3 }],
      ),
      pack,
    );
    const unknown = (x: typeof d) => x.evidenceGaps.filter((g) => g.code === 'ORIGIN_UNKNOWN').map((g) => g.subject);
    const before = unknown(await evaluate(loaded, { pack }));
    expect(unknown(d).filter((k) => !before.includes(k))).toEqual([id]);
  });

  it('names the operation a problem of the changed claim comes from', () => {
    const loaded = loadClaimFile(BOREALIS);
    const problems = problemsOf(() =>
      patchClaim(
        loaded,
        [
          { op: 'replace', path: '/currency', value: 'USD' },
          { op: 'replace', path: '/materials/1/unitValue', value: 'twelve' },
        ],
        [{ kind: 'plan', name: 'test', count: 2 }],
      ),
    );
    expect(problems.map((p) => `${p.code}@${p.path}`)).toEqual(['DECIMAL_INVALID@materials[1].unitValue']);
    expect(problems[0]?.message).toContain('patch operation 1: replace /materials/1/unitValue');
  });

  it('may not make the claim name another file', () => {
    const problems = problemsOf(() =>
      patchClaim(
        loadClaimFile(BOREALIS),
        [{ op: 'replace', path: '/producer', value: '/etc/passwd.yaml' }],
        [{ kind: 'plan', name: 'test', count: 1 }],
      ),
    );
    expect(problems.map((p) => p.code)).toEqual(['PATCH_NOT_APPLICABLE']);
  });
});

describe('evaluate --patch and --set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patch-cli-'));
  const cockpit = lineIndex('COCKPITDC');
  const adas = lineIndex('ADAS');

  it('evaluates the changed claim: the same decision from a patch file as from --set', async () => {
    const file = join(dir, 'plan.json');
    writeFileSync(
      file,
      JSON.stringify([
        { op: 'add', path: `/materials/${cockpit}/origin`, value: 'originating' },
        { op: 'add', path: `/materials/${adas}/origin`, value: 'originating' },
      ]),
    );
    const viaPatch = await runCli('evaluate', BOREALIS, '--patch', file, '--json');
    const viaSet = await runCli(
      'evaluate',
      BOREALIS,
      '--set',
      `materials[${cockpit}].origin=originating`,
      '--set',
      `/materials/${adas}/origin=originating`,
      '--json',
    );
    expect(viaPatch.code, viaPatch.err).toBe(0);
    expect(viaSet.out).toBe(viaPatch.out);
    const worksheet = await runCli('evaluate', BOREALIS, '--patch', file);
    expect(worksheet.out).toMatch(/AS CHANGED by a patch of 2 operations/);
  });

  it('records and replays a patched decision identically (the patch travels with the decision)', async () => {
    const record = join(dir, 'record.json');
    const r = await runCli(
      'evaluate',
      BOREALIS,
      '--set',
      `materials[${cockpit}].origin=originating`,
      '--record',
      record,
    );
    expect(r.code, r.err).toBe(1);
    const replayed = await runCli('replay', record, '--unreleased-rules');
    expect(replayed.out).toMatch(/^IDENTICAL/);
  });

  it('refuses a bad patch with exit 2, naming each operation and its path', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      `[
  {"op": "replace", "path": "/materials/${cockpit}/origin", "value": "originating"},
  {"op": "remove", "path": "/materials/999"},
  {"op": "test", "path": "/currency", "value": "EUR"}
]`,
    );
    const r = await runCli('evaluate', BOREALIS, '--patch', file, '--json');
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.out).problems as Array<{ code: string; path: string; line: number }>;
    expect(problems.map((p) => `${p.code}@${p.path}:${p.line}`)).toEqual([
      'PATCH_NOT_APPLICABLE@[1].path:3',
      'PATCH_NOT_APPLICABLE@[2].path:4',
    ]);
  });
});
