/**
 * `usmca-roo import`, run in-process on a program that registers only this command (main.ts registers it
 * alongside the others): a claim from a template and imported tables, that the claim loader then accepts.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Command, CommanderError } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { registerImport } from '../../src/cli/import.js';
import { loadClaimFile } from '../../src/input/load-claim.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(import.meta.dirname, 'fixtures');
const rel = (name: string) => relative(ROOT, join(DIR, name));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = 0;
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), cwd: ROOT };
  const program = new Command()
    .name('usmca-roo')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerImport({ program, io, setCode: (n) => (code = n), setJson: () => {} });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.code === 'commander.helpDisplayed' ? 0 : 2;
  }
  return { code, out, err };
}

describe('usmca-roo import', () => {
  it('has help with a description, its options and examples', async () => {
    const h = await cli('import', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/Usage: usmca-roo import \[options\]/);
    expect(h.out).toMatch(/--purchases-mapping <file>/);
    expect(h.out).toMatch(/Examples:/);
  });

  it('writes the imported materials as a claim fragment on standard output', async () => {
    const r = await cli('import', '--materials', rel('bom-parent.csv'), '--mapping', rel('bom-parent.mapping.yaml'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = parse(r.out);
    expect(doc.format).toBe('usmca-roo/claim@1');
    expect(doc.materials).toHaveLength(4);
    expect(doc.materials[0].materials[0].materials[1]).toMatchObject({
      id: 'VALVES',
      unitValue: '4.25',
      quantity: '16',
    });
    expect(r.out).toMatch(/unitValue: "3180\.00"/); // amounts stay quoted decimal strings
  });

  it('fills a template claim; the producer path is rewritten relative to the output; the loader accepts the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const out = join(dir, 'claim.yaml');
    const r = await cli(
      'import',
      '--materials',
      rel('bom-level.csv'),
      '--mapping',
      rel('bom-level.mapping.yaml'),
      '--claim',
      rel('template-claim.yaml'),
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*claim\.yaml: 9 materials \(4 top-level\)/);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(doc.id).toBe('AURORA-2026-Q1');
    expect(doc.producer).toBe(relative(dir, join(DIR, 'template-producer.yaml')));
    // The claim names a producer outside its own folder: refused unless a root holds both.
    expect(() => loadClaimFile(out)).toThrow(/1 input problem/);
    const loaded = loadClaimFile(out, { root: '/' });
    expect(loaded.claim.materials.map((m) => m.id)).toEqual(['ENG', 'SEATS', 'WHEEL', 'TIRE']);
    expect(loaded.claim.materials[0]?.children.map((m) => m.id)).toEqual(['BLOCK', 'HEAD', 'CRANK']);
  });

  it('imports purchases into the producer, written inline; JSON for a .json output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const out = join(dir, 'claim.json');
    const r = await cli(
      'import',
      '--materials',
      rel('bom-parent.csv'),
      '--mapping',
      rel('bom-parent.mapping.yaml'),
      '--claim',
      rel('template-claim.yaml'),
      '--purchases',
      rel('purchases.csv'),
      '--purchases-mapping',
      rel('purchases.mapping.yaml'),
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.producer.name).toBe('Aurora Motors North America, Inc.');
    expect(doc.producer.steelAluminum.basis).toBe('all-vehicles-produced');
    expect(doc.producer.steelAluminum.purchases.map((p: { id: string }) => p.id)).toEqual([
      'ST-001',
      'ST-002',
      'ST-003',
      'ST-004',
      'AL-001',
      'AL-002',
    ]);
    const loaded = loadClaimFile(out);
    expect(loaded.claim.materials).toHaveLength(4);
  });

  it('lists every problem with file, row, column and sheet; writes nothing; exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const out = join(dir, 'claim.yaml');
    const r = await cli(
      'import',
      '--materials',
      rel('bad-number.csv'),
      '--mapping',
      rel('bom-parent.mapping.yaml'),
      '--purchases',
      rel('purchases-duplicate.csv'),
      '--purchases-mapping',
      rel('purchases.mapping.yaml'),
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.err).toMatch(/3 problems in the input; nothing was written/);
    expect(r.err).toMatch(
      /bad-number\.csv:3 \(column "Unit Price"\)\s+materials\[0\]\.materials\[0\]\.unitValue\s+DECIMAL_INVALID:/,
    );
    expect(r.err).toMatch(
      /purchases-duplicate\.csv:4 \(column "Purchase ID"\)\s+steelAluminum\.purchases\[2\]\.id\s+PURCHASE_DUPLICATE_ID/,
    );
  });

  it('rejects a mapping of the wrong kind, and mismatched or missing options, with exit 2', async () => {
    const wrongKind = await cli(
      'import',
      '--materials',
      rel('bom-parent.csv'),
      '--mapping',
      rel('purchases.mapping.yaml'),
    );
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.err).toMatch(/MAPPING_INVALID: this mapping is for purchases/);
    expect((await cli('import', '--materials', rel('bom-parent.csv'))).code).toBe(2);
    const half = await cli(
      'import',
      '--materials',
      rel('bom-parent.csv'),
      '--mapping',
      rel('bom-parent.mapping.yaml'),
      '--purchases',
      rel('purchases.csv'),
    );
    expect(half.code).toBe(2);
    expect(half.err).toMatch(/--purchases needs --purchases-mapping/);
    const badOut = await cli(
      'import',
      '--materials',
      rel('bom-parent.csv'),
      '--mapping',
      rel('bom-parent.mapping.yaml'),
      '--out',
      'claim.txt',
    );
    expect(badOut.code).toBe(2);
  });
});
