/**
 * Answers compressed for the clients that ask: gzip when Accept-Encoding accepts it (and not when its quality is
 * 0), the bytes decoded being the command line's; the same compressed bytes for the request evaluated and for the
 * same request again (answered on arrival); problems and clients that do not ask get the bytes as they are.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/server/app.js';
import { acceptsGzip, compressible } from '../../src/server/encoding.js';
import { cli, EXAMPLES } from './helpers.js';

const AURORA = join(EXAMPLES, 'aurora-sedan');

describe('acceptsGzip', () => {
  it('gzip, x-gzip or * with a quality above 0; not gzip;q=0, not identity alone, not a missing header', () => {
    for (const yes of ['gzip', 'gzip, deflate, br', 'br;q=1.0, GZIP;q=0.5', 'x-gzip', '*', 'deflate, *;q=0.1'])
      expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of [undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip; q=0.000', '*;q=0', 'gzip;q=0, *'])
      expect(acceptsGzip(no), String(no)).toBe(false);
  });

  it('compresses JSON and text of 1 KiB or more, never PDFs or spreadsheets', () => {
    expect(compressible('application/json; charset=utf-8', 1024)).toBe(true);
    expect(compressible('text/plain; charset=utf-8', 5000)).toBe(true);
    expect(compressible('application/json; charset=utf-8', 1023)).toBe(false);
    expect(compressible('application/pdf', 50_000)).toBe(false);
    expect(compressible('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 50_000)).toBe(false);
  });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A POST with node:http, which (unlike fetch) neither asks for nor decodes a compressed answer. */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/evaluate`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the server compresses for the clients that ask', () => {
  let server: Server;
  let url: string;
  let expected: string;
  let body: Buffer;
  let type: string;
  beforeAll(async () => {
    server = await buildServer({ threads: 1 });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    expected = (await cli(AURORA, 'evaluate', 'claim.yaml', '--json')).out;
    const f = new FormData();
    f.append('claim', new Blob([readFileSync(join(AURORA, 'claim.yaml'))]), 'claim.yaml');
    f.append('files', new Blob([readFileSync(join(AURORA, 'producer.yaml'))]), 'producer.yaml');
    const r = new Request('http://x/', { method: 'POST', body: f });
    body = Buffer.from(await r.arrayBuffer());
    type = r.headers.get('content-type') ?? '';
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
  });

  it('gzip asked: evaluated, then the same request again answered on arrival, both the same gzip of the command line’s bytes', async () => {
    const first = await post(url, body, { 'content-type': type, 'accept-encoding': 'gzip, deflate' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toBe('accept-encoding');
    expect(Number(first.headers['content-length'])).toBe(first.bytes.length);
    expect(first.bytes.length).toBeLessThan(Buffer.byteLength(expected) / 4);
    expect(gunzipSync(first.bytes).toString('utf8')).toBe(expected);
    const again = await post(url, body, { 'content-type': type, 'accept-encoding': 'gzip' });
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('not asked, or refused with q=0: the bytes as they are, Vary naming Accept-Encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip;q=0, identity' }] as Array<Record<string, string>>) {
      const a = await post(url, body, { 'content-type': type, ...headers });
      expect(a.status).toBe(200);
      expect(a.headers['content-encoding']).toBeUndefined();
      expect(a.headers.vary).toBe('accept-encoding');
      expect(a.bytes.toString('utf8')).toBe(expected);
    }
  });

  it('problems (422) are sent as they are', async () => {
    const bad = Buffer.from(body.toString('latin1').replace('format: usmca-roo/claim@1', 'format: no'), 'latin1');
    for (let i = 0; i < 2; i++) {
      const a = await post(url, bad, { 'content-type': type, 'accept-encoding': 'gzip' });
      expect(a.status).toBe(422);
      expect(a.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(a.bytes.toString('utf8')).format).toBe('usmca-roo/problems@1');
    }
  });
});
