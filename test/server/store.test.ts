/**
 * The decision store over HTTP (serve --store): evaluate?store=true keeps the decision; /v1/records,
 * /v1/records/{ref}, /v1/records/replay and /v1/impact answer what `records list|show|replay --json` and
 * `impact --json` print for the same store, byte for byte; a record not there is 404, bad parameters 400, and a
 * server without a store says so.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLES, form, post, problemCodes, ROOT, startServer, type Running } from './helpers.js';

const DIR = mkdtempSync(join(tmpdir(), 'api-store-'));
const STORE = join(DIR, 'decisions');
const AURORA = join(EXAMPLES, 'aurora-sedan');
const BOREALIS = join(EXAMPLES, 'borealis-hatchback');
const SCENARIO = `format: usmca-roo/scenario@1
title: Passenger-vehicle RVC at 66 % from 2026-01-01
changes:
  - { rule: usmca.auto.rvc.passenger_vehicle, from: 2026-01-01, value: "66" }
`;

let server: Running;
let bare: Running;
beforeAll(async () => {
  const first = await cli(AURORA, 'evaluate', 'claim.yaml', '--store', STORE);
  expect(first.code, first.err).toBe(0);
  server = await startServer({
    store: { location: STORE, workerFile: join(ROOT, 'dist', 'cli', 'store-worker.js') },
  });
  bare = await startServer({ threads: 1 });
}, 120_000);
afterAll(async () => {
  await server.close();
  await bare.close();
});

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), headers: res.headers };
};

describe('the decision store over HTTP', () => {
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
  });

  it('records: the list (with filters), one record, and the replay, as the commands print them', async () => {
    const list = await get(`${server.url}/v1/records`);
    expect(list.status).toBe(200);
    const local = await cli(DIR, 'records', 'list', '--store', STORE, '--json');
    expect(list.text).toBe(local.out);
    const records = JSON.parse(list.text).records as Array<{ claimId: string; verdict: string }>;
    expect(records.map((r) => `${r.claimId} ${r.verdict}`).sort()).toEqual([
      'AURORA-2026-Q1 originating',
      'BOREALIS-HB-2026-05 not-originating',
    ]);
    const filtered = await get(`${server.url}/v1/records?verdict=originating&hs=8703&latest=true`);
    expect(filtered.text).toBe(
      (
        await cli(
          DIR,
          'records',
          'list',
          '--store',
          STORE,
          '--json',
          '--verdict',
          'originating',
          '--hs',
          '8703',
          '--latest',
        )
      ).out,
    );
    expect(JSON.parse(filtered.text).records).toHaveLength(1);

    const one = await get(`${server.url}/v1/records/AURORA-2026-Q1`);
    expect(one.status).toBe(200);
    expect(one.text).toBe((await cli(DIR, 'records', 'show', 'AURORA-2026-Q1', '--store', STORE, '--json')).out);
    expect(JSON.parse(one.text).format).toBe('usmca-roo/record@2');

    const replayed = await get(`${server.url}/v1/records/replay?unreleasedRules=true`);
    const replayLocal = await cli(DIR, 'records', 'replay', '--store', STORE, '--json', '--unreleased-rules');
    expect(replayed.text).toBe(replayLocal.out);
    expect(replayed.headers.get('usmca-roo-exit-code')).toBe(String(replayLocal.code));
    expect(JSON.parse(replayed.text).outcomes.map((o: { status: string }) => o.status)).toEqual([
      'identical',
      'identical',
    ]);
  });

  it('impact of a scenario (RVC at 66 %): the Borealis hatchback, at 68.55 %, flips; as impact --json prints it', async () => {
    const api = await post(`${server.url}/v1/impact`, SCENARIO, { 'content-type': 'application/yaml' });
    expect(api.status, api.text).toBe(200);
    writeFileSync(join(DIR, 'scenario.yaml'), SCENARIO);
    const local = await cli(DIR, 'impact', '--scenario', 'scenario.yaml', '--store', STORE, '--json');
    expect(api.text).toBe(local.out);
    const flips = JSON.parse(api.text).flips as Array<{ claim: string; from: string; to: string }>;
    expect(flips.find((f) => f.claim === 'BOREALIS-HB-2026-05')).toMatchObject({
      from: 'not-originating',
      to: 'originating',
    });
    // Without a piece of evidence the store does not hold: no body at all, the id as a parameter; refused as the
    // command refuses it (exit 2), with its message.
    const without = await fetch(`${server.url}/v1/impact?withoutEvidence=SEATS-2026`, { method: 'POST' });
    expect(without.status).toBe(422);
    const local2 = await cli(DIR, 'impact', '--without-evidence', 'SEATS-2026', '--store', STORE, '--json');
    expect(local2.code).toBe(2);
    expect(JSON.parse(await without.text()).problems).toEqual([
      { code: 'STORE_REFUSED', path: 'query', file: '(store)', message: local2.err.replace(/^usmca-roo: /, '').trim() },
    ]);
    const csv = await post(`${server.url}/v1/impact?output=csv`, SCENARIO, { 'content-type': 'application/yaml' });
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text).toMatch(/^claim,record,from,to,requirement/);
  });

  it('refusals: no such record 404, bad parameters 400, a broken scenario 422, no scenario nor evidence 400', async () => {
    const none = await get(`${server.url}/v1/records/NOPE-1`);
    expect(none.status).toBe(404);
    expect(problemCodes({ ...none, type: '', bytes: Buffer.from(none.text) })).toEqual(['NOT_FOUND']);
    const bad = await get(`${server.url}/v1/records?claim=-x&from=yesterday&colour=red`);
    expect(bad.status).toBe(400);
    expect(problemCodes({ ...bad, type: '', bytes: Buffer.from(bad.text) }).sort()).toEqual([
      'FIELD_UNKNOWN',
      'PARAMETER_INVALID',
      'PARAMETER_INVALID',
    ]);
    const broken = await post(`${server.url}/v1/impact`, 'format: usmca-roo/scenario@1\ntitle: [\n', {
      'content-type': 'application/yaml',
    });
    expect(broken.status).toBe(422);
    expect(problemCodes(broken)).toContain('YAML_SYNTAX');
    const neither = await fetch(`${server.url}/v1/impact`, { method: 'POST' });
    expect(neither.status).toBe(400);
  });

  it('a server without a store: the store endpoints are 404, saying how to start one', async () => {
    const r = await get(`${bare.url}/v1/records`);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text).problems[0].message).toMatch(/start it with --store DB/);
    const e = await post(`${bare.url}/v1/evaluate?store=true`, form([['claim', join(AURORA, 'claim.yaml')]]));
    expect(e.status).toBe(400);
  });
});
