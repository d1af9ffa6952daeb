/**
 * Faults as the API answers them: malformed bodies, wrong content types, oversize uploads, file names with path
 * separators, unknown fields and parameters, files a claim names that were not uploaded with it, a missing or
 * wrong token: each a 4xx with a problem object naming the code, never a 500, never a stack trace or a path of
 * the server's in the body.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLES, form, post, problemCodes, startServer, type Running } from './helpers.js';

const AURORA = join(EXAMPLES, 'aurora-sedan');
const claimForm = () =>
  form([
    ['claim', join(AURORA, 'claim.yaml')],
    ['files', join(AURORA, 'producer.yaml')],
  ]);

let server: Running;
beforeAll(async () => {
  server = await startServer({ limits: { bodyBytes: 4 * 1024 * 1024, files: 5 } });
});
afterAll(async () => {
  await server.close();
});

const yaml = (text: string) => ({ body: text, headers: { 'content-type': 'application/yaml' } });

describe('bad requests: 4xx with problem objects', () => {
  it.each([
    ['a CSV body', 'text/csv', 'a,b\n', 415, 'CONTENT_TYPE_UNSUPPORTED'],
    ['no content type', '', 'x', 415, 'CONTENT_TYPE_UNSUPPORTED'],
    ['an empty JSON body', 'application/json', '', 400, 'BODY_EMPTY'],
    ['a multipart body that is not one', 'multipart/form-data; boundary=xyz', 'garbage', 400, 'BODY_MALFORMED'],
    ['multipart without a boundary', 'multipart/form-data', 'garbage', 400, 'BODY_MALFORMED'],
  ])('%s', async (_what, type, body, status, code) => {
    const a = await post(`${server.url}/v1/evaluate`, body, type ? { 'content-type': type } : {});
    expect(a.status).toBe(status);
    expect(problemCodes(a)).toEqual([code]);
  });

  it('a claim that is not JSON, or not YAML: the readers problem codes, 422', async () => {
    const json = await post(`${server.url}/v1/evaluate`, '{"format": ', { 'content-type': 'application/json' });
    expect(json.status).toBe(422);
    expect(problemCodes(json)).toContain('JSON_SYNTAX');
    const bad = yaml('format: usmca-roo/claim@1\nid: [unclosed\n');
    const y = await post(`${server.url}/v1/evaluate`, bad.body, bad.headers);
    expect(y.status).toBe(422);
    expect(problemCodes(y)).toContain('YAML_SYNTAX');
  });

  it('a body over the limit: 413, as a one-document body and as an upload', async () => {
    const big = `# ${'x'.repeat(4 * 1024 * 1024 + 1)}\n`;
    const a = await post(`${server.url}/v1/evaluate`, big, { 'content-type': 'application/yaml' });
    expect(a.status).toBe(413);
    expect(problemCodes(a)).toEqual(['BODY_TOO_LARGE']);
    const f = new FormData();
    f.append('claim', new Blob([big]), 'claim.yaml');
    const m = await post(`${server.url}/v1/evaluate`, f);
    expect(m.status).toBe(413);
    expect(problemCodes(m)).toEqual(['BODY_TOO_LARGE']);
  });

  it('more files than the limit: 413', async () => {
    const f = new FormData();
    for (let i = 0; i < 7; i++) f.append('files', new Blob(['x']), `f${i}.yaml`);
    const a = await post(`${server.url}/v1/evaluate`, f);
    expect(a.status).toBe(413);
    expect(problemCodes(a)).toEqual(['TOO_MANY_FILES']);
  });

  it.each(['../claim.yaml', '/etc/claim.yaml', 'sub/claim.yaml', 'a\\b.yaml', '.hidden.yaml', '-rf.yaml', '..'])(
    'the file name %j: 400 FILE_NAME_INVALID',
    async (name) => {
      const a = await post(`${server.url}/v1/evaluate`, form([['claim', join(AURORA, 'claim.yaml'), name]]));
      expect(a.status).toBe(400);
      expect(problemCodes(a)).toEqual(['FILE_NAME_INVALID']);
    },
  );

  it('two files of one name, a field the endpoint does not take, a missing claim: 400', async () => {
    const dup = form([
      ['claim', join(AURORA, 'claim.yaml')],
      ['files', join(AURORA, 'claim.yaml')],
    ]);
    expect(problemCodes(await post(`${server.url}/v1/evaluate`, dup))).toEqual(['FILE_DUPLICATE']);
    const unknown = form([
      ['claim', join(AURORA, 'claim.yaml')],
      ['producer', join(AURORA, 'producer.yaml')],
    ]);
    const u = await post(`${server.url}/v1/evaluate`, unknown);
    expect(u.status).toBe(400);
    expect(problemCodes(u)).toEqual(['FIELD_UNKNOWN']);
    const missing = await post(`${server.url}/v1/evaluate`, form([['files', join(AURORA, 'producer.yaml')]]));
    expect(missing.status).toBe(400);
    expect(problemCodes(missing)).toEqual(['PART_MISSING']);
  });

  it('unknown and bad parameters, in the query and as fields: 400, every one', async () => {
    const a = await post(`${server.url}/v1/evaluate?output=pdf&colour=red`, claimForm());
    expect(a.status).toBe(400);
    expect(problemCodes(a).sort()).toEqual(['FIELD_UNKNOWN', 'PARAMETER_INVALID']);
    const f = form(
      [
        ['records', join(AURORA, 'claim.yaml')],
        ['certifier', join(EXAMPLES, 'parties', 'certifier-aurora.yaml')],
      ],
      {
        signedOn: '20 March 2026',
      },
    );
    const c = await post(`${server.url}/v1/certificate`, f);
    expect(c.status).toBe(400);
    expect(problemCodes(c)).toEqual(['PARAMETER_INVALID']);
  });

  it('an unknown field in the claim: 422 with the reader code, as the command line reports it', async () => {
    const text = `format: usmca-roo/claim@1\nid: X\ncolour: red\n`;
    const a = await post(`${server.url}/v1/evaluate`, text, { 'content-type': 'application/yaml' });
    expect(a.status).toBe(422);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'api-unknown-'));
    writeFileSync(join(dir, 'claim.yaml'), text);
    const local = await cli(dir, 'evaluate', 'claim.yaml', '--json');
    expect(local.code).toBe(2);
    expect(a.text).toBe(local.out);
    expect(problemCodes(a)).toContain('FIELD_UNKNOWN');
  });

  it('a claim naming a file that was not uploaded, or a path on the server: 422 FILE_NOT_UPLOADED at its line', async () => {
    const claim = (producer: string) =>
      `format: usmca-roo/claim@1\nid: X\ndecisionDate: "2026-03-16"\ncurrency: USD\nproducer: ${producer}\n`;
    for (const producer of ['producer.yaml', '/etc/passwd', '../../package.json']) {
      const a = await post(`${server.url}/v1/evaluate`, claim(producer), { 'content-type': 'application/yaml' });
      expect(a.status).toBe(422);
      expect(problemCodes(a)).toEqual(['FILE_NOT_UPLOADED']);
      expect(JSON.parse(a.text).problems[0]).toMatchObject({ path: 'producer', line: 5, file: 'claim.yaml' });
      expect(a.text).not.toContain('root:');
    }
    const table = `format: usmca-roo/claim@1\nid: X\nmaterials: { file: /etc/hosts, mapping: bom.mapping.yaml }\n`;
    const t = await post(`${server.url}/v1/evaluate`, table, { 'content-type': 'application/yaml' });
    expect(problemCodes(t)).toEqual(['FILE_NOT_UPLOADED', 'FILE_NOT_UPLOADED']);
  });

  it('no such endpoint, a GET on an engine endpoint: 404 with a problem object', async () => {
    const res = await fetch(`${server.url}/v1/nothing`);
    expect(res.status).toBe(404);
    const get = await fetch(`${server.url}/v1/evaluate`);
    expect(get.status).toBe(404);
    expect(JSON.parse(await get.text()).problems[0].code).toBe('NOT_FOUND');
  });

  it('a replay of something that is not a record, a validate of something that is not a certificate: 422', async () => {
    const r = await post(`${server.url}/v1/replay`, '{"format": "usmca-roo/record@2"}', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(422);
    expect(problemCodes(r).length).toBeGreaterThan(0);
    const v = await post(`${server.url}/v1/validate`, '%PDF-1.3 nothing', { 'content-type': 'application/pdf' });
    expect(v.status).toBe(422);
    expect(problemCodes(v)).toEqual(['CERTIFICATE_UNREADABLE']);
    const n = await post(`${server.url}/v1/validate`, 'not json', { 'content-type': 'application/json' });
    expect(problemCodes(n)).toEqual(['CERTIFICATE_UNREADABLE']);
  });

  it('a certificate with a key written twice is unreadable (422), as validate on the command line says', async () => {
    const twice = '{\n  "format": "usmca-roo/certificate@1",\n  "blanket": "a",\n  "blanket": "b"\n}\n';
    const v = await post(`${server.url}/v1/validate`, twice, { 'content-type': 'application/json' });
    expect(v.status).toBe(422);
    expect(problemCodes(v)).toEqual(['CERTIFICATE_UNREADABLE']);
    expect(v.text).toMatch(/line 4, blanket: \w+: /);
  });

  it('a certificate for a failing good is refused: 422 CERTIFICATE_REFUSED, nothing issued', async () => {
    const dir = join(EXAMPLES, 'sierra-pickup');
    const rec = await post(
      `${server.url}/v1/evaluate?output=record`,
      form([
        ['claim', join(dir, 'claim.yaml')],
        ['files', join(dir, 'producer.yaml')],
      ]),
    );
    expect(rec.status).toBe(200);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'api-refused-'));
    writeFileSync(join(tmp, 'record.json'), rec.bytes);
    const verdict = rec.headers.get('usmca-roo-verdict');
    const c = await post(
      `${server.url}/v1/certificate`,
      form(
        [
          ['records', join(tmp, 'record.json')],
          ['certifier', join(EXAMPLES, 'parties', 'certifier-aurora.yaml')],
        ],
        {
          exporter: 'same',
          signedOn: '2026-03-20',
          unreleasedRules: 'true',
        },
      ),
    );
    expect(c.status).toBe(422);
    if (verdict === 'not-originating') expect(problemCodes(c)).toEqual(['CERTIFICATE_REFUSED']);
    else expect(problemCodes(c).length).toBeGreaterThan(0);
  });
});

describe('bearer token', () => {
  let guarded: Running;
  const TOKEN = 'k3y-0f-at-least-16-chars';
  beforeAll(async () => {
    guarded = await startServer({ token: TOKEN });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it('missing: 401 AUTH_REQUIRED; wrong: 401 AUTH_INVALID; right: 200', async () => {
    const none = await post(`${guarded.url}/v1/evaluate`, claimForm());
    expect(none.status).toBe(401);
    expect(problemCodes(none)).toEqual(['AUTH_REQUIRED']);
    for (const header of [`Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer', TOKEN]) {
      const wrong = await post(`${guarded.url}/v1/evaluate`, claimForm(), { authorization: header });
      expect(wrong.status).toBe(401);
      expect(problemCodes(wrong)).toEqual(['AUTH_INVALID']);
    }
    const right = await post(`${guarded.url}/v1/evaluate`, claimForm(), { authorization: `Bearer ${TOKEN}` });
    expect(right.status).toBe(200);
  });

  it('the examples need it too; /health, the page and the OpenAPI document do not', async () => {
    expect((await fetch(`${guarded.url}/v1/examples`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/health`)).status).toBe(200);
    expect((await fetch(`${guarded.url}/openapi.json`)).status).toBe(200);
  });
});

describe('CORS: off', () => {
  it('no cross-origin header on an answer, and a preflight from another origin is not granted', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    const a = await post(`${server.url}/v1/evaluate`, claimForm(), origin);
    expect(a.status).toBe(200);
    expect([...a.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const preflight = await fetch(`${server.url}/v1/evaluate`, {
      method: 'OPTIONS',
      headers: {
        ...origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(404);
    expect([...preflight.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(JSON.parse(await preflight.text()).problems[0].code).toBe('NOT_FOUND');
  });
});

describe('the time limit', () => {
  let slow: Running;
  beforeAll(async () => {
    slow = await startServer({ threads: 1, limits: { timeoutMs: 200 } });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('an evaluation over it is stopped: 503 TIME_LIMIT, a problem object; the server goes on answering', async () => {
    // @ts-expect-error: a JavaScript module of the benchmark, without types
    const { generate } = await import('../../bench/generate.mjs');
    const body = JSON.stringify(generate(50_000));
    const a = await post(`${slow.url}/v1/evaluate`, body, { 'content-type': 'application/json' });
    expect(a.status).toBe(503);
    expect(problemCodes(a)).toEqual(['TIME_LIMIT']);
    expect(a.text).not.toMatch(/\n\s+at /);
    expect((await fetch(`${slow.url}/health`)).status).toBe(200);
  });
});
