/** The command line: exit codes, help, JSON output, errors; in-process and through the real binary. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
// A worked example that is not originating: RVC 47.4 % against its 50 % (UR s. 9(8), Example 1, Situation A).
const OFFICIAL = join(ROOT, 'test', 'golden', 'official', 'USMCA-UR-09-EX1A.yaml');
const INVALID = join(ROOT, 'test', 'invalid', 'fixtures');

const cli = runCli;

describe('usmca-roo CLI', () => {
  it('prints help for the program and for every command, exit 0', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/Usage: usmca-roo/);
    expect(top.out).toMatch(/Exit codes/);
    for (const command of ['evaluate', 'replay', 'certificate', 'validate', 'import', 'evaluate-batch', 'keygen']) {
      const h = await cli(command, '--help');
      expect(h.code, command).toBe(0);
      expect(h.out).toMatch(new RegExp(`Usage: usmca-roo ${command}`));
    }
  });

  it('with no arguments, prints the help listing every command, exit 2', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    for (const command of ['evaluate', 'evaluate-batch', 'replay', 'keygen', 'certificate', 'validate', 'advise'])
      expect(none.err).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('evaluates a claim: worksheet, exit 1 for a not-originating verdict', async () => {
    const r = await cli('evaluate', OFFICIAL);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/VERDICT:\s+NOT ORIGINATING/);
    expect(r.out).toMatch(/\[FAIL\] rvc/);
    expect(r.out).toMatch(/value 47\.368421%, threshold >= 50%/); // (2.85 - 1.50) / 2.85
  });

  it('writes the decision as canonical JSON, identical across runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const a = await cli('evaluate', OFFICIAL, '--json', '--out', join(dir, 'a.json'));
    const b = await cli('evaluate', OFFICIAL, '--json');
    expect(a.out).toBe(b.out);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(a.out);
    const d = JSON.parse(a.out);
    expect(d.format).toBe('usmca-roo/decision@1');
    expect(d.verdict).toBe('not-originating');
  });

  it('lists input problems with file, line and field, exit 2; as JSON with --json', async () => {
    const r = await cli('evaluate', join(INVALID, 'DECIMAL_INVALID.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DECIMAL_INVALID\.yaml:11\s+materials\[0\]\.unitValue\s+DECIMAL_INVALID/);
    const j = await cli('evaluate', join(INVALID, 'DECIMAL_INVALID.yaml'), '--json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).problems[0]).toMatchObject({
      code: 'DECIMAL_INVALID',
      path: 'materials[0].unitValue',
      line: 11,
    });
    expect((await cli('evaluate', 'no/such/claim.yaml')).code).toBe(2);
  });

  it('rejects unknown options and commands with exit 2', async () => {
    expect((await cli('evaluate', OFFICIAL, '--bogus')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });

  it('runs as an installed binary', () => {
    const bin = join(ROOT, 'bin', 'usmca-roo.js');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const r = spawnSync(process.execPath, [bin, 'evaluate', OFFICIAL, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).claim.id).toBe('USMCA-UR-09-EX1A');
  });
});
