/** `usmca-roo advise` end to end: plans written as patches that `evaluate --patch` accepts, exit codes, JSON. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { partShortBy850, suvWithLowWageAssembly } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BOREALIS = join(ROOT, 'examples', 'borealis-hatchback', 'claim.yaml');

describe('usmca-roo advise', () => {
  const dir = mkdtempSync(join(tmpdir(), 'advise-cli-'));

  it('writes each plan as a patch; evaluate --patch then finds the claim originating', async () => {
    const r = await runCli('advise', BOREALIS, '--patch-out', join(dir, 'plans'), '--max-plans', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^PLAN 1: 2 changes {2}-- PROVED OPTIMAL/m);
    expect(r.out).toMatch(/PROVEN by evaluating the changed claim: ORIGINATING/);
    for (const n of [1, 2]) {
      const e = await runCli('evaluate', BOREALIS, '--patch', join(dir, 'plans', `plan-${n}.json`));
      expect(e.code, e.err).toBe(0);
      expect(e.out).toMatch(/VERDICT: {3}ORIGINATING/);
    }
  });

  it('prints the advice as JSON (usmca-roo/advice@1), with the proven figures beside each plan', async () => {
    const r = await runCli('advise', BOREALIS, '--json', '--max-plans', '1');
    const a = JSON.parse(r.out);
    expect(a.format).toBe('usmca-roo/advice@1');
    expect(a.status).toBe('plans');
    expect(a.plans[0].proof.verdict).toBe('originating');
    expect(a.plans[0].proof.requirements.find((x: { id: string }) => x.id === 'rvc').status).toBe('pass');
  });

  it('exits 0 with nothing to advise for a claim that passes, 1 when no plan exists, 2 on bad options', async () => {
    const pass = await runCli('advise', join(ROOT, 'examples', 'aurora-sedan', 'claim.yaml'));
    expect(pass.code).toBe(0);
    expect(pass.out).toMatch(/Nothing to advise/);
    const file = join(dir, 'suv.json');
    writeFileSync(file, JSON.stringify(suvWithLowWageAssembly()));
    const none = await runCli('advise', file);
    expect(none.code, none.out).toBe(1);
    expect(none.out).toMatch(/NO PLAN/);
    expect((await runCli('advise', BOREALIS, '--objective', 'fastest')).code).toBe(2);
    expect((await runCli('advise', BOREALIS, '--max-plans', '0')).code).toBe(2);
    expect((await runCli('advise', BOREALIS, '--solicit', 'list.pdf')).code).toBe(2);
  });

  it('writes the solicitation list next to the advice', async () => {
    const file = join(dir, 'part3.json');
    writeFileSync(file, JSON.stringify(partShortBy850()));
    const r = await runCli('advise', file, '--solicit', join(dir, 'requests.csv'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'requests.csv'), 'utf8')).toMatch(/^rank,supplier/);
  });
});
