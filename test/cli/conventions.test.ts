/**
 * Command-line conventions: `-` is standard input; the progress bar shows only on a terminal unless asked for
 * (--progress, --no-progress); a PDF certificate goes to a file or a pipe, never to a terminal; a document of
 * another kind, a truncated JSON text and a mapping whose columns are not in the file each read as the few
 * problems they are.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadRulePack } from '../../src/rules/load.js';
import { packRelease } from '../../src/rules/release.js';
import { originatingClaim, writeClaim } from '../audit/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const AURORA = join(ROOT, 'examples', 'aurora-sedan');
const CERTIFIER = join(ROOT, 'examples', 'parties', 'certifier-aurora.yaml');
const ACCEPT = packRelease(loadRulePack()) === 'released' ? [] : ['--unreleased-rules'];

async function cli(args: string[], io: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const bytes: Uint8Array[] = [];
  const code = await run(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: ROOT,
    ...io,
    ...(io.stdoutBytes ? { stdoutBytes: (b: Uint8Array) => bytes.push(b) } : {}),
  });
  return { code, out, err, bytes: Buffer.concat(bytes) };
}

describe('command-line conventions', () => {
  it('evaluate - reads the claim from standard input, its producer document from the working folder', async () => {
    const fromFile = await cli(['evaluate', join(AURORA, 'claim.yaml'), '--json']);
    const fromStdin = await cli(['evaluate', '-', '--json'], {
      cwd: AURORA,
      stdin: () => readFileSync(join(AURORA, 'claim.yaml')),
    });
    expect(fromStdin.code, fromStdin.err).toBe(fromFile.code);
    expect(JSON.parse(fromStdin.out).verdict).toBe(JSON.parse(fromFile.out).verdict);
    expect(JSON.parse(fromStdin.out).input.sha256).toBe(JSON.parse(fromFile.out).input.sha256);
  });

  it('advise - reads the claim from standard input too', async () => {
    const r = await cli(['advise', '-', '--json'], {
      cwd: AURORA,
      stdin: () => readFileSync(join(AURORA, 'claim.yaml')),
    });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).claim.id).toBe('AURORA-2026-Q1');
  });

  it('the progress bar: only on a terminal, unless --progress or --no-progress says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    const batch = (extra: string[], isTTY: boolean, out: string) =>
      cli(['evaluate-batch', join(AURORA, 'claim.yaml'), '--out', join(dir, out), '--jobs', '1', ...extra], {
        isTTY,
      });
    expect((await batch([], false, 'a')).err).not.toContain('\r[');
    expect((await batch(['--no-progress'], true, 'b')).err).not.toContain('\r[');
    expect((await batch(['--progress'], false, 'c')).err).toContain('\r[');
    expect((await batch([], true, 'd')).err).toContain('\r[');
  });

  it('certificate --format pdf writes to a pipe or a file, and refuses a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-out-'));
    const record = join(dir, 'record.json');
    const evaluated = await cli(['evaluate', writeClaim(originatingClaim(), dir), '--record', record]);
    expect(evaluated.code, evaluated.err).toBe(0);
    const args = ['certificate', record, '--certifier', CERTIFIER, '--exporter', 'same', '--format', 'pdf'];
    const piped = await cli([...args, '--signed-on', '2026-03-20', ...ACCEPT], {
      stdoutBytes: () => {},
      stdoutIsTTY: false,
    });
    expect(piped.code, piped.err).toBe(0);
    expect(piped.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const terminal = await cli([...args, '--signed-on', '2026-03-20', ...ACCEPT], {
      stdoutBytes: () => {},
      stdoutIsTTY: true,
    });
    expect(terminal.code).toBe(2);
    expect(terminal.err).toContain('a PDF certificate is not written to a terminal');
  });

  it('a producer document given as the claim: one problem saying so', async () => {
    const r = await cli(['evaluate', join(AURORA, 'producer.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('1 problem in the input');
    expect(r.err).toContain(
      'DOCUMENT_FORMAT: this is a producer document (format "usmca-roo/producer@1"), not a claim document',
    );
  });

  it('a truncated JSON claim: one problem, saying the text ends too soon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truncated-'));
    const file = join(dir, 'claim.json');
    writeFileSync(
      file,
      '{ "format": "usmca-roo/claim@1", "good": { "kind": "vehicle", "hs": "8703.23", "attributes": {',
    );
    const r = await cli(['evaluate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('1 problem in the input');
    expect(r.err).toContain('JSON_SYNTAX: the JSON text ends before it is complete');
  });

  it("a mapping whose columns are not in the file: each named, the file's headers listed once", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headers-'));
    writeFileSync(join(dir, 'bom.csv'), 'Item,Desc,Qty,Price,Origin\nA,part,1,10.00,N\n');
    writeFileSync(
      join(dir, 'bom.mapping.yaml'),
      'format: usmca-roo/mapping@1\nkind: materials\ncolumns: { id: Part, parentId: Parent, description: Desc, quantity: Quantity, unitValue: Price, origin: Origin }\n',
    );
    const claim = readFileSync(join(AURORA, 'claim.yaml'), 'utf8')
      .replace(/^producer: .*$/m, `producer: ${join(AURORA, 'producer.yaml')}`)
      .replace(/^materials:[\s\S]*$/m, 'materials: { file: bom.csv, mapping: bom.mapping.yaml }\n');
    writeFileSync(join(dir, 'claim.yaml'), claim);
    const r = await cli(['evaluate', join(dir, 'claim.yaml'), '--root', '/']);
    expect(r.code).toBe(2);
    expect(r.err.match(/TABLE_COLUMN_MISSING/g)).toHaveLength(3);
    expect(r.err.match(/the headers are: "Item", "Desc", "Qty", "Price", "Origin"/g)).toHaveLength(1);
  });
});
