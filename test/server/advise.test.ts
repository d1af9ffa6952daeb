/**
 * POST /v1/advise answers what `usmca-roo advise` prints, byte for byte (the advice JSON, its text, the
 * solicitation list), with every flag as a parameter; a plan's patch sent to /v1/evaluate gives the decision it
 * promises; bad parameters are 400 with a problem per parameter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partWithQuoteOrTwoCertificates, partWithThreeSuppliers, suvWithLowWageAssembly } from '../advise/fixtures.js';
import { cli, EXAMPLES, form, post, problemCodes, startServer, type Running } from './helpers.js';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const BOREALIS = join(EXAMPLES, 'borealis-hatchback');
const borealisForm = () =>
  form([
    ['claim', join(BOREALIS, 'claim.yaml')],
    ['files', join(BOREALIS, 'producer.yaml')],
  ]);
const json = (doc: unknown) => ({ body: JSON.stringify(doc), headers: { 'content-type': 'application/json' } });

describe('advise: the same bytes as usmca-roo advise', () => {
  it('the Borealis hatchback: the advice JSON, its text, and the plan applied by /v1/evaluate', async () => {
    const api = await post(`${server.url}/v1/advise`, borealisForm());
    const local = await cli(BOREALIS, 'advise', 'claim.yaml', '--json');
    expect(api.status).toBe(200);
    expect(api.text).toBe(local.out);
    expect(api.headers.get('usmca-roo-advice')).toBe('plans');
    const advice = JSON.parse(api.text) as { plans: Array<{ patch: unknown[]; proof: { inputSha256: string } }> };
    expect(advice.plans[0]?.proof).toMatchObject({ verdict: 'originating' });

    const text = await post(`${server.url}/v1/advise?output=text`, borealisForm());
    expect(text.type).toMatch(/^text\/plain/);
    expect(text.text).toBe((await cli(BOREALIS, 'advise', 'claim.yaml')).out);
    expect(text.text).toMatch(/^PLAN 1: 2 changes {2}-- PROVED OPTIMAL/m);

    // The first plan's patch, uploaded with the claim: the claim as changed is originating, with the proven hash.
    const dir = mkdtempSync(join(tmpdir(), 'api-advise-'));
    writeFileSync(join(dir, 'plan-1.json'), JSON.stringify(advice.plans[0]?.patch));
    const changed = await post(
      `${server.url}/v1/evaluate`,
      form([
        ['claim', join(BOREALIS, 'claim.yaml')],
        ['files', join(BOREALIS, 'producer.yaml')],
        ['patch', join(dir, 'plan-1.json')],
      ]),
    );
    expect(changed.headers.get('usmca-roo-verdict')).toBe('originating');
    expect(JSON.parse(changed.text).input.sha256).toBe(advice.plans[0]?.proof.inputSha256);
  });

  it('objective, maxPlans and minMargin as parameters: the order of two ways out, as the flags give it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-advise-flags-'));
    const doc = partWithQuoteOrTwoCertificates();
    writeFileSync(join(dir, 'claim.json'), JSON.stringify(doc));
    for (const [query, flags] of [
      ['', []],
      ['?objective=cost', ['--objective', 'cost']],
      ['?objective=cost&maxPlans=1&minMargin=2.5', ['--objective', 'cost', '--max-plans', '1', '--min-margin', '2.5']],
    ] as const) {
      const api = await post(`${server.url}/v1/advise${query}`, json(doc).body, json(doc).headers);
      const local = await cli(dir, 'advise', 'claim.json', '--json', ...flags);
      expect(api.status).toBe(200);
      expect(api.text).toBe(local.out);
    }
    const cost = JSON.parse(
      (await post(`${server.url}/v1/advise?objective=cost&maxPlans=1`, json(doc).body, json(doc).headers)).text,
    );
    expect(cost.plans.map((p: { changes: Array<{ id: string }> }) => p.changes.map((c) => c.id))).toEqual([
      ['origin:SEAL1', 'origin:SEAL2'],
    ]);
  });

  it('sensitivity, and the solicitation list as CSV: what --sensitivity and --solicit give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-advise-solicit-'));
    const doc = partWithThreeSuppliers();
    writeFileSync(join(dir, 'claim.json'), JSON.stringify(doc));
    const sens = await post(`${server.url}/v1/advise?sensitivity=true`, json(doc).body, json(doc).headers);
    expect(sens.text).toBe((await cli(dir, 'advise', 'claim.json', '--json', '--sensitivity')).out);
    expect(JSON.parse(sens.text).sensitivity).toBeDefined();
    const csv = await post(`${server.url}/v1/advise?output=solicit-csv`, json(doc).body, json(doc).headers);
    await cli(dir, 'advise', 'claim.json', '--solicit', 'requests.csv');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="requests.csv"');
    expect(csv.text).toBe(readFileSync(join(dir, 'requests.csv'), 'utf8'));
    expect(csv.text).toMatch(/^rank,supplier/);
    const xlsx = await post(`${server.url}/v1/advise?output=solicit-xlsx`, json(doc).body, json(doc).headers);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('a claim that passes: 200, status passes, no plan; one no change can save: 200, no-plan, and why', async () => {
    const pass = await post(
      `${server.url}/v1/advise`,
      form([
        ['claim', join(EXAMPLES, 'aurora-sedan', 'claim.yaml')],
        ['files', join(EXAMPLES, 'aurora-sedan', 'producer.yaml')],
      ]),
    );
    expect(pass.headers.get('usmca-roo-advice')).toBe('passes');
    expect(JSON.parse(pass.text)).toMatchObject({ status: 'passes', plans: [] });
    const doc = suvWithLowWageAssembly();
    const none = await post(`${server.url}/v1/advise`, json(doc).body, json(doc).headers);
    expect(none.status).toBe(200);
    expect(none.headers.get('usmca-roo-advice')).toBe('no-plan');
    expect(JSON.parse(none.text).noPlan.reasons.join('\n')).toMatch(
      /the assembly plant ASM pays less than the high-wage rate/,
    );
  });

  it('bad parameters: 400, one problem per parameter; a claim with problems: 422 as the command reports them', async () => {
    const bad = await post(
      `${server.url}/v1/advise?objective=fastest&maxPlans=0&minMargin=two&colour=red`,
      borealisForm(),
    );
    expect(bad.status).toBe(400);
    expect(problemCodes(bad).sort()).toEqual([
      'FIELD_UNKNOWN',
      'PARAMETER_INVALID',
      'PARAMETER_INVALID',
      'PARAMETER_INVALID',
    ]);
    const text = 'format: usmca-roo/claim@1\nid: X\ncolour: red\n';
    const invalid = await post(`${server.url}/v1/advise`, text, { 'content-type': 'application/yaml' });
    expect(invalid.status).toBe(422);
    expect(problemCodes(invalid)).toContain('FIELD_UNKNOWN');
  });
});
