/**
 * The request log: one line per request answered, the same fields whichever part of the server answered it (the
 * framework's routes, the fast lane of repeated evaluations, /health): method, URL, route, status, time, and
 * whether it was answered from the recent answers (cached) or by an identical request's evaluation (shared).
 * Behaviour only: the time is checked to be a number, never against a figure. Lines to stdout go in batches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/server/app.js';
import { batchedLines, type AnsweredLine } from '../../src/server/request-log.js';
import { EXAMPLES, post } from './helpers.js';

const AURORA = join(EXAMPLES, 'aurora-sedan');
const CLAIM = readFileSync(join(AURORA, 'claim.yaml'), 'utf8');
const PRODUCER = readFileSync(join(AURORA, 'producer.yaml'));

/** The Aurora sedan under claim id `id` as multipart bytes of their own (sending them again sends the same bytes). */
async function aurora(id: string): Promise<{ body: Uint8Array<ArrayBuffer>; type: string }> {
  const f = new FormData();
  f.append('claim', new Blob([CLAIM.replace(/^id: .*$/m, `id: ${id}`)]), 'claim.yaml');
  f.append('files', new Blob([PRODUCER]), 'producer.yaml');
  const request = new Request('http://x/', { method: 'POST', body: f });
  return { body: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type') ?? '' };
}

/** A line of the log as written: the answered request's fields (AnsweredLine) with the logger's level and message. */
type Line = AnsweredLine & { level: number; msg: string };

describe('the request log', () => {
  let server: Server;
  let url: string;
  const lines: Line[] = [];
  beforeAll(async () => {
    server = await buildServer({
      threads: 1,
      logger: { stream: { write: (text: string) => void lines.push(JSON.parse(text) as Line) } },
    });
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
  });

  /** The request lines written from now on, once `n` of them have been written (a line follows the answer). */
  async function linesOf(n: number, send: () => Promise<unknown>): Promise<Line[]> {
    const from = lines.length;
    await send();
    for (let i = 0; i < 500 && lines.slice(from).filter((l) => l.msg === 'answered').length < n; i++)
      await new Promise((r) => setTimeout(r, 10));
    return lines.slice(from).filter((l) => l.msg === 'answered');
  }

  const evaluate = (r: { body: Uint8Array<ArrayBuffer>; type: string }, headers: Record<string, string> = {}) =>
    post(`${url}/v1/evaluate`, r.body, { 'content-type': r.type, ...headers });

  it('an evaluation, then the same bytes again answered on arrival: both logged, the second as cached', async () => {
    const same = await aurora('AURORA-LOG-1');
    const [first] = await linesOf(1, () => evaluate(same));
    expect(first).toMatchObject({
      level: 30,
      method: 'POST',
      url: '/v1/evaluate',
      route: '/v1/evaluate',
      status: 200,
      cached: false,
      shared: false,
    });
    expect(typeof first?.ms).toBe('number');
    expect(first?.aborted).toBeUndefined();
    const again = await linesOf(2, async () => {
      await evaluate(same);
      await evaluate(same);
    });
    expect(again).toHaveLength(2);
    for (const line of again)
      expect(line).toMatchObject({ method: 'POST', route: '/v1/evaluate', status: 200, cached: true, shared: false });
    expect(Object.keys(again[0] as Line)).toEqual(expect.arrayContaining(Object.keys(first as Line)));
  });

  it('the kept answer given through the framework (a body of unknown length, not read on arrival): cached', async () => {
    const same = await aurora('AURORA-LOG-2');
    await linesOf(1, () => evaluate(same));
    // A streamed body has no Content-Length: the fast lane leaves it to the framework, which finds the kept answer.
    const streamed = () =>
      fetch(`${url}/v1/evaluate`, {
        method: 'POST',
        body: new Blob([same.body]).stream(),
        headers: { 'content-type': same.type },
        duplex: 'half',
      } as RequestInit).then((r) => r.arrayBuffer());
    const [line] = await linesOf(1, streamed);
    expect(line).toMatchObject({ route: '/v1/evaluate', status: 200, cached: true, shared: false });
  });

  it('identical requests at once: one evaluated, the others shared, every one logged once', async () => {
    const same = await aurora('AURORA-LOG-3');
    const got = await linesOf(6, () => Promise.all(Array.from({ length: 6 }, () => evaluate(same))));
    expect(got).toHaveLength(6);
    expect(got.every((l) => l.status === 200 && l.route === '/v1/evaluate')).toBe(true);
    // Exactly one evaluation; each other was given its answer in flight, or, arriving after it, the kept one.
    expect(got.filter((l) => !l.cached && !l.shared)).toHaveLength(1);
    expect(got.filter((l) => l.cached && l.shared)).toHaveLength(0);
  });

  it('/health, /status, a problem (422), an unknown path (404) and a route with a parameter: one line each', async () => {
    const broken = await aurora('AURORA-LOG-4');
    const bad = {
      ...broken,
      body: Buffer.from(
        Buffer.from(broken.body).toString('latin1').replace('format: usmca-roo/claim@1', 'format: no'),
        'latin1',
      ),
    };
    const got = await linesOf(5, async () => {
      await (await fetch(`${url}/health`)).arrayBuffer();
      await (await fetch(`${url}/status`)).arrayBuffer();
      await evaluate(bad);
      await (await fetch(`${url}/nowhere?x=1`)).arrayBuffer();
      await (await fetch(`${url}/v1/examples/aurora-sedan/claim.yaml`)).arrayBuffer();
    });
    expect(got.map((l) => [l.method, l.url, l.route, l.status, l.cached, l.shared])).toEqual([
      ['GET', '/health', '/health', 200, false, false],
      ['GET', '/status', '/status', 200, false, false],
      ['POST', '/v1/evaluate', '/v1/evaluate', 422, false, false],
      ['GET', '/nowhere?x=1', '/nowhere', 404, false, false],
      ['GET', '/v1/examples/aurora-sedan/claim.yaml', '/v1/examples/:name/:file', 200, false, false],
    ]);
  });
});

describe('batchedLines: log lines written in batches', () => {
  it('holds lines until 100 bytes or a 20 ms timer, then writes them at once, in order; close writes the rest', async () => {
    const writes: string[] = [];
    const lines = batchedLines({ write: (text: string) => writes.push(text) }, { bytes: 100, ms: 20 });
    lines.write('{"a":1}\n');
    lines.write('{"b":2}\n');
    expect(writes).toEqual([]);
    // The timer writes them (however late a busy machine runs it).
    for (let i = 0; i < 500 && writes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
    const long = `{"c":"${'x'.repeat(100)}"}\n`;
    lines.write('{"d":4}\n');
    lines.write(long);
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n', `{"d":4}\n${long}`]);
    lines.write('{"e":5}\n');
    lines.close();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n', `{"d":4}\n${long}`, '{"e":5}\n']);
  });
});
