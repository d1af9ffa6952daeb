/** `usmca-roo advise` end to end: plans written as patches that `evaluate --patch` accepts, exit codes, JSON. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { partShortBy850, partWithQuoteOrTwoCertificates, suvWithLowWageAssembly } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BOREALIS = join(ROOT, 'examples', 'borealis-hatchback', 'claim.yaml');

describe('usmca-roo advise', () => {
  const dir = mkdtempSync(join(tmpdir(), 'advise-cli-'));

  it('writes each plan as a patch; evaluate --patch then finds the claim originating', async () => {
    const r = await runCli('advise', BOREALIS, '--patch-out', join(dir, 'plans'), '--max-plans', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^PLAN 1: 2 changes {2}-- PROVED OPTIMAL/m);
    expect(r.out).toMatch(/PROVEN by evaluating the changed claim: ORIGINATING/);
    expect(r.out).toMatch(/^ {2}NOTE: the verdict turns on a disputed point: under the other reading of coreRollUp/m);
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
    // The changed claim passes under the default core-part roll-up (full); under rvc-only it would not: said.
    expect(a.plans[0].proof.readings).toEqual([
      expect.stringMatching(/under the other reading of coreRollUp \(rvc-only\) the good would be not-originating/),
    ]);
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

  it('--objective lines|cost: the fewest changes first, or the least added cost first', async () => {
    const file = join(dir, 'two-ways.json');
    writeFileSync(file, JSON.stringify(partWithQuoteOrTwoCertificates()));
    const plans = async (...flags: string[]) => {
      const r = await runCli('advise', file, '--json', ...flags);
      expect(r.code, r.err).toBe(0);
      const a = JSON.parse(r.out) as {
        objective: string;
        plans: Array<{
          changes: Array<{ id: string }>;
          objective: { changes: number; addedCost: string };
          proof: { requirements: Array<{ id: string; value: string }> };
        }>;
      };
      return a.plans.map((p) => ({
        ids: p.changes.map((c) => c.id).join('+'),
        addedCost: p.objective.addedCost,
        rvc: p.proof.requirements.find((q) => q.id === 'rvc')?.value,
      }));
    };
    const quote = { ids: 'quote:PISTON:0', addedCost: '4.50', rvc: '88.516746' };
    const certificates = { ids: 'origin:SEAL1+origin:SEAL2', addedCost: '0.00', rvc: '73.5' };
    expect(await plans()).toEqual([quote, certificates]);
    expect(await plans('--objective', 'lines')).toEqual([quote, certificates]);
    expect(await plans('--objective', 'cost')).toEqual([certificates, quote]);
    expect(await plans('--objective', 'cost', '--max-plans', '1')).toEqual([certificates]);
  });

  it('--min-margin: a claim passing by 3.5 points is left alone at 3.5, and advised at 4; --patch-out writes each plan', async () => {
    const doc = partShortBy850();
    (doc.materials as Array<Record<string, unknown>>)[2] = {
      ...(doc.materials as Array<Record<string, unknown>>)[2],
      origin: 'originating',
    };
    const file = join(dir, 'passing.json');
    writeFileSync(file, JSON.stringify(doc));
    const met = await runCli('advise', file, '--min-margin', '3.5');
    expect(met.code).toBe(0);
    expect(met.out).toMatch(/Nothing to advise: every requirement passes with at least 3\.5 points of margin/);
    const out = join(dir, 'margin-plans');
    const more = await runCli('advise', file, '--min-margin', '4', '--json', '--patch-out', out);
    expect(more.code, more.err).toBe(0);
    const a = JSON.parse(more.out) as { status: string; plans: Array<{ rank: number; patch: unknown[] }> };
    expect(a.status).toBe('plans');
    expect(readdirSync(out).sort()).toEqual(a.plans.map((p) => `plan-${p.rank}.json`).sort());
    for (const p of a.plans)
      expect(JSON.parse(readFileSync(join(out, `plan-${p.rank}.json`), 'utf8'))).toEqual(p.patch);
    // Re-sourcing PISTON (26.50) leaves VNM 0 of 100.00: RVC 100 %, 30 points of margin.
    const e = await runCli('evaluate', file, '--patch', join(out, 'plan-1.json'), '--json');
    expect(JSON.parse(e.out).requirements.find((q: { id: string }) => q.id === 'rvc').value).toBe('100');
    expect((await runCli('advise', file, '--min-margin', 'two')).code).toBe(2);
  });

  it('writes the solicitation list next to the advice', async () => {
    const file = join(dir, 'part3.json');
    writeFileSync(file, JSON.stringify(partShortBy850()));
    const r = await runCli('advise', file, '--solicit', join(dir, 'requests.csv'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'requests.csv'), 'utf8')).toMatch(/^rank,supplier/);
  });
});
