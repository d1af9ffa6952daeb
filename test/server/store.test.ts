/**
 * The decision store over HTTP (serve --store), on PGlite and (when USMCA_ROO_TEST_PG names one) PostgreSQL:
 * /v1/records, /v1/records/{ref}, /v1/records/replay and /v1/impact answer what `records list|show|replay --json`
 * and `impact --json` print for the same store, byte for byte (the command line's answers are taken before the
 * server opens the store: it keeps it open while it runs); impact takes a rule pack only by a name the operator
 * gave it (serve --rules-dir NAME=DIR); evaluate?store=true keeps the decision as the next version; a record not
 * there is 404, bad parameters 400, and a server without a store says so.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.js';
import { cli, EXAMPLES, form, post, problemCodes, ROOT, startServer, type Running } from './helpers.js';

const DIR = mkdtempSync(join(tmpdir(), 'api-store-'));
const AURORA = join(EXAMPLES, 'aurora-sedan');
const BOREALIS = join(EXAMPLES, 'borealis-hatchback');
const SCENARIO = `format: usmca-roo/scenario@1
title: Passenger-vehicle RVC at 66 % from 2026-01-01
changes:
  - { rule: usmca.auto.rvc.passenger_vehicle, from: 2026-01-01, value: "66" }
`;
writeFileSync(join(DIR, 'scenario.yaml'), SCENARIO);
/** The bundled rule pack with the passenger-vehicle RVC of s. 13 at 66 % from 2023-07-01 instead of 75 %. */
const PACK66 = join(DIR, 'pack66');
cpSync(join(ROOT, 'rules', 'usmca'), PACK66, { recursive: true });
const rvc = join(PACK66, 'rvc', 'passenger-vehicle.yaml');
writeFileSync(rvc, readFileSync(rvc, 'utf8').replace('2023-07-01: { value: "75"', '2023-07-01: { value: "66"'));

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), headers: res.headers };
};
const asAnswer = (r: { status: number; text: string; headers: Headers }) => ({
  ...r,
  type: '',
  bytes: Buffer.from(r.text),
});

describe.each(BACKENDS)('the decision store over HTTP ($name)', ({ fresh }) => {
  let store: string;
  let server: Running;
  const local: Record<string, { code: number; out: string; err: string }> = {};
  beforeAll(async () => {
    store = await fresh();
    for (const example of [AURORA, BOREALIS]) {
      const r = await cli(example, 'evaluate', 'claim.yaml', '--store', store);
      expect(r.code, r.err).toBeLessThanOrEqual(1);
    }
    // What the command line prints for this store, taken before the server opens it.
    const stored = ['--store', store, '--json'];
    local.list = await cli(DIR, 'records', 'list', ...stored);
    local.filtered = await cli(
      DIR,
      'records',
      'list',
      ...stored,
      '--verdict',
      'originating',
      '--hs',
      '8703',
      '--latest',
    );
    local.show = await cli(DIR, 'records', 'show', 'AURORA-2026-Q1', ...stored);
    local.replay = await cli(DIR, 'records', 'replay', ...stored, '--unreleased-rules');
    local.scenario = await cli(DIR, 'impact', '--scenario', 'scenario.yaml', ...stored);
    local.rules = await cli(DIR, 'impact', '--rules', 'pack66', ...stored);
    local.without = await cli(DIR, 'impact', '--without-evidence', 'SEATS-2026', ...stored);
    server = await startServer({
      store: { location: store, workerFile: join(ROOT, 'dist', 'cli', 'store-worker.js'), rules: { pack66: PACK66 } },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('records: the list (with filters), one record, and the replay, as the commands print them', async () => {
    const list = await get(`${server.url}/v1/records`);
    expect(list.status).toBe(200);
    expect(list.text).toBe(local.list?.out);
    const records = JSON.parse(list.text).records as Array<{ claimId: string; verdict: string }>;
    expect(records.map((r) => `${r.claimId} ${r.verdict}`).sort()).toEqual([
      'AURORA-2026-Q1 originating',
      'BOREALIS-HB-2026-05 not-originating',
    ]);
    const filtered = await get(`${server.url}/v1/records?verdict=originating&hs=8703&latest=true`);
    expect(filtered.text).toBe(local.filtered?.out);
    expect(JSON.parse(filtered.text).records).toHaveLength(1);

    const one = await get(`${server.url}/v1/records/AURORA-2026-Q1`);
    expect(one.status).toBe(200);
    expect(one.text).toBe(local.show?.out);
    expect(JSON.parse(one.text).format).toBe('usmca-roo/record@2');

    const replayed = await get(`${server.url}/v1/records/replay?unreleasedRules=true`);
    expect(replayed.text).toBe(local.replay?.out);
    expect(replayed.headers.get('usmca-roo-exit-code')).toBe(String(local.replay?.code));
    expect(JSON.parse(replayed.text).outcomes.map((o: { status: string }) => o.status)).toEqual([
      'identical',
      'identical',
    ]);
  });

  it('impact of a scenario (RVC at 66 %): the Borealis hatchback, at 68.55 %, flips; as impact --json prints it', async () => {
    const api = await post(`${server.url}/v1/impact`, SCENARIO, { 'content-type': 'application/yaml' });
    expect(api.status, api.text).toBe(200);
    expect(api.text).toBe(local.scenario?.out);
    const flips = JSON.parse(api.text).flips as Array<{ claim: string; from: string; to: string }>;
    expect(flips.find((f) => f.claim === 'BOREALIS-HB-2026-05')).toMatchObject({
      from: 'not-originating',
      to: 'originating',
    });
    // Without a piece of evidence the store does not hold: no body at all, the id as a parameter; refused as the
    // command refuses it (exit 2), with its message.
    const without = await fetch(`${server.url}/v1/impact?withoutEvidence=SEATS-2026`, { method: 'POST' });
    expect(without.status).toBe(422);
    expect(local.without?.code).toBe(2);
    expect(JSON.parse(await without.text()).problems).toEqual([
      {
        code: 'STORE_REFUSED',
        path: 'query',
        file: '(store)',
        message: local.without?.err.replace(/^usmca-roo: /, '').trim(),
      },
    ]);
    const csv = await post(`${server.url}/v1/impact?output=csv`, SCENARIO, { 'content-type': 'application/yaml' });
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text).toMatch(/^claim,record,from,to,requirement/);
  });

  it('impact under a rule pack the operator named (rules=pack66, RVC 66 %): the Borealis hatchback flips, as impact --rules prints it', async () => {
    const api = await fetch(`${server.url}/v1/impact?rules=pack66`, { method: 'POST' });
    const text = await api.text();
    expect(api.status, text).toBe(200);
    expect(text).toBe(local.rules?.out);
    const answer = JSON.parse(text) as {
      change: string;
      counts: { verdictFlips: number };
      flips: Array<{ claim: string; from: string; to: string }>;
    };
    expect(answer.change).toBe('the rule pack in pack66');
    expect(answer.counts.verdictFlips).toBe(1);
    expect(answer.flips.find((f) => f.from !== f.to)).toMatchObject({
      claim: 'BOREALIS-HB-2026-05',
      from: 'not-originating',
      to: 'originating',
    });
    expect(text).not.toContain(DIR);
    // With a scenario too: the scenario applied on that pack.
    const both = await post(`${server.url}/v1/impact?rules=pack66`, SCENARIO, { 'content-type': 'application/yaml' });
    expect(both.status, both.text).toBe(200);
    expect(JSON.parse(both.text).change).toBe('the rule pack in pack66 + scenario scenario.yaml');
  });

  it('impact: a rule pack by a name the server was not given, or by a folder, is refused (400), naming the ones it has', async () => {
    for (const rules of ['pack75', encodeURIComponent('../rules'), encodeURIComponent(PACK66)]) {
      const r = await fetch(`${server.url}/v1/impact?rules=${rules}`, { method: 'POST' });
      const answer = asAnswer({ status: r.status, text: await r.text(), headers: r.headers });
      expect(answer.status).toBe(400);
      expect(problemCodes(answer)).toEqual(['PARAMETER_INVALID']);
    }
    const unknown = await fetch(`${server.url}/v1/impact?rules=pack75`, { method: 'POST' });
    expect(JSON.parse(await unknown.text()).problems[0].message).toBe(
      'no rule pack is named "pack75" on this server: pack66',
    );
    const withEvidence = await fetch(`${server.url}/v1/impact?rules=pack66&withoutEvidence=SEATS-2026`, {
      method: 'POST',
    });
    expect(withEvidence.status).toBe(400);
  });

  it('refusals: no such record 404, bad parameters 400, a broken scenario 422, no scenario nor evidence 400', async () => {
    const none = await get(`${server.url}/v1/records/NOPE-1`);
    expect(none.status).toBe(404);
    expect(problemCodes(asAnswer(none))).toEqual(['NOT_FOUND']);
    const bad = await get(`${server.url}/v1/records?claim=-x&from=yesterday&colour=red`);
    expect(bad.status).toBe(400);
    expect(problemCodes(asAnswer(bad)).sort()).toEqual(['FIELD_UNKNOWN', 'PARAMETER_INVALID', 'PARAMETER_INVALID']);
    const broken = await post(`${server.url}/v1/impact`, 'format: usmca-roo/scenario@1\ntitle: [\n', {
      'content-type': 'application/yaml',
    });
    expect(broken.status).toBe(422);
    expect(problemCodes(broken)).toContain('YAML_SYNTAX');
    const neither = await fetch(`${server.url}/v1/impact`, { method: 'POST' });
    expect(neither.status).toBe(400);
  });

  it('evaluate?store=true keeps the decision as the next version, and answers the decision as --json prints it', async () => {
    const api = await post(
      `${server.url}/v1/evaluate?store=true`,
      form([
        ['claim', join(BOREALIS, 'claim.yaml')],
        ['files', join(BOREALIS, 'producer.yaml')],
      ]),
    );
    expect(api.status, api.text).toBe(200);
    expect(api.headers.get('usmca-roo-verdict')).toBe('not-originating');
    expect(api.text).toBe((await cli(BOREALIS, 'evaluate', 'claim.yaml', '--json')).out);
    const list = JSON.parse((await get(`${server.url}/v1/records`)).text).records as Array<{
      claimId: string;
      version: number;
    }>;
    expect(list.map((r) => `${r.claimId}@${r.version}`).sort()).toEqual([
      'AURORA-2026-Q1@1',
      'BOREALIS-HB-2026-05@1',
      'BOREALIS-HB-2026-05@2',
    ]);
  });
});

describe('a server without a store', () => {
  let bare: Running;
  beforeAll(async () => {
    bare = await startServer({ threads: 1 });
  });
  afterAll(async () => {
    await bare.close();
  });

  it('the store endpoints are 404, saying how to start one', async () => {
    const r = await get(`${bare.url}/v1/records`);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text).problems[0].message).toMatch(/start it with --store DB/);
    const e = await post(`${bare.url}/v1/evaluate?store=true`, form([['claim', join(AURORA, 'claim.yaml')]]));
    expect(e.status).toBe(400);
    const i = await fetch(`${bare.url}/v1/impact?rules=pack66`, { method: 'POST' });
    expect(i.status).toBe(404);
  });
});
