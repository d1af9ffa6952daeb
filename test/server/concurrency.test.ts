/**
 * Many requests at once: identical requests in flight together share one evaluation and each gets the command
 * line's bytes; different claims never get each other's answer; a large upload is evaluated in its own lane with
 * the same answer; a full queue is a 503 SERVER_BUSY with Retry-After, never a 500; /status says how the pool
 * stands. Behaviour only, no timing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/server/app.js';
import { Admission } from '../../src/server/admission.js';
import { RecentAnswers } from '../../src/server/answers.js';
import { InFlight, requestKey } from '../../src/server/inflight.js';
import { bodySample } from '../../src/server/fastlane.js';
import type { ReadBody } from '../../src/server/uploads.js';
import { ENGINE } from '../../src/index.js';
import { cli, EXAMPLES, post, problemCodes } from './helpers.js';

const AURORA = join(EXAMPLES, 'aurora-sedan');
const CLAIM = readFileSync(join(AURORA, 'claim.yaml'), 'utf8');

/** The Aurora sedan under claim id `id`, as a multipart body with its producer document. */
function aurora(id = 'AURORA-2026-Q1'): FormData {
  const f = new FormData();
  f.append('claim', new Blob([CLAIM.replace(/^id: .*$/m, `id: ${id}`)]), 'claim.yaml');
  f.append('files', new Blob([readFileSync(join(AURORA, 'producer.yaml'))]), 'producer.yaml');
  return f;
}

async function start(options: Parameters<typeof buildServer>[0]): Promise<{ server: Server; url: string }> {
  const server = await buildServer(options);
  return { server, url: await server.app.listen({ host: '127.0.0.1', port: 0 }) };
}

/** Counts the tasks a server hands to its pool. */
function countTasks(server: Server): () => number {
  let tasks = 0;
  const run = server.pool.run.bind(server.pool);
  server.pool.run = (task, bytes) => {
    tasks++;
    return run(task, bytes);
  };
  return () => tasks;
}

describe('InFlight: one piece of work for identical requests in flight together', () => {
  it('a second run of the same key while the first is pending gets the first one’s answer; after it, work again', async () => {
    const inflight = new InFlight<string>();
    let calls = 0;
    let finish: (v: string) => void = () => undefined;
    const work = () => {
      calls++;
      return new Promise<string>((r) => (finish = r));
    };
    const a = inflight.run('k', work);
    const b = inflight.run('k', work);
    const other = inflight.run('other', () => Promise.resolve('its own'));
    expect(calls).toBe(1);
    expect(inflight.size).toBe(2);
    finish('answer');
    expect(await a).toBe('answer');
    expect(await b).toBe('answer');
    expect(await other).toBe('its own');
    expect(inflight.size).toBe(0);
    const c = inflight.run('k', () => Promise.resolve('again'));
    expect(await c).toBe('again');
  });

  it('an error reaches every request that shared the work, and is not kept', async () => {
    const inflight = new InFlight<string>();
    let fail: (e: Error) => void = () => undefined;
    const a = inflight.run('k', () => new Promise<string>((_r, j) => (fail = j)));
    const b = inflight.run('k', () => Promise.resolve('never'));
    fail(new Error('refused'));
    await expect(a).rejects.toThrow('refused');
    await expect(b).rejects.toThrow('refused');
    expect(await inflight.run('k', () => Promise.resolve('next'))).toBe('next');
  });

  it('requestKey: equal for the same path, parameters and files; different if any of them differs', () => {
    const body = (files: Array<[string, string, string]>): ReadBody => {
      const b: ReadBody = { files: new Map(), contents: new Map(), fields: {} };
      for (const [field, name, text] of files) {
        b.files.set(field, [...(b.files.get(field) ?? []), name]);
        b.contents.set(name, Buffer.from(text));
      }
      return b;
    };
    const base = requestKey('/v1/evaluate', { output: 'decision' }, body([['claim', 'c.yaml', 'id: A']]));
    expect(requestKey('/v1/evaluate', { output: 'decision' }, body([['claim', 'c.yaml', 'id: A']]))).toBe(base);
    for (const other of [
      requestKey('/v1/advise', { output: 'decision' }, body([['claim', 'c.yaml', 'id: A']])),
      requestKey('/v1/evaluate', { output: 'record' }, body([['claim', 'c.yaml', 'id: A']])),
      requestKey('/v1/evaluate', { output: 'decision' }, body([['claim', 'd.yaml', 'id: A']])),
      requestKey('/v1/evaluate', { output: 'decision' }, body([['claim', 'c.yaml', 'id: B']])),
      requestKey('/v1/evaluate', { output: 'decision' }, body([['files', 'c.yaml', 'id: A']])),
      requestKey(
        '/v1/evaluate',
        { output: 'decision' },
        body([
          ['claim', 'c.yaml', 'id: A'],
          ['files', 'p.yaml', ''],
        ]),
      ),
    ])
      expect(other).not.toBe(base);
  });
});

describe('RecentAnswers: the last answers, bounded in entries and bytes, least recently used first out', () => {
  it('keeps 2 entries: a third drops the least recently used; reading one makes it the most recent', () => {
    const kept = new RecentAnswers<string>({ entries: 2, bytes: 100 });
    kept.set('a', 'A', 10);
    kept.set('b', 'B', 10);
    expect(kept.get('a')).toBe('A');
    kept.set('c', 'C', 10);
    expect([kept.get('a'), kept.get('b'), kept.get('c'), kept.size, kept.bytes]).toEqual(['A', undefined, 'C', 2, 20]);
  });

  it('keeps 100 bytes: an answer of 70 after two of 40 drops both older; one over 100 is never kept', () => {
    const kept = new RecentAnswers<string>({ entries: 10, bytes: 100 });
    kept.set('a', 'A', 40);
    kept.set('b', 'B', 40);
    kept.set('c', 'C', 70);
    expect([kept.get('a'), kept.get('b'), kept.get('c'), kept.bytes]).toEqual([undefined, undefined, 'C', 70]);
    kept.set('d', 'D', 101);
    expect([kept.get('d'), kept.get('c'), kept.bytes]).toEqual([undefined, 'C', 70]);
    kept.set('c', 'C2', 30);
    expect([kept.get('c'), kept.size, kept.bytes]).toEqual(['C2', 1, 30]);
  });

  it('keeps nothing with 0 entries', () => {
    const kept = new RecentAnswers<string>({ entries: 0, bytes: 100 });
    kept.set('a', 'A', 1);
    expect([kept.get('a'), kept.size]).toEqual([undefined, 0]);
  });
});

describe('the server under many requests at once', () => {
  let server: Server;
  let url: string;
  let tasks: () => number;
  let expected: string;
  beforeAll(async () => {
    ({ server, url } = await start({ threads: 2, limits: { largeBytes: 64 * 1024 } }));
    tasks = countTasks(server);
    expected = (await cli(AURORA, 'evaluate', 'claim.yaml', '--json')).out;
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
  });

  it('40 identical requests at once: every one the command line’s bytes, from fewer evaluations than requests', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(`${url}/v1/evaluate`, aurora())));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.text).toBe(expected);
    }
    expect(tasks()).toBeGreaterThanOrEqual(1);
    expect(tasks()).toBeLessThan(40);
  });

  it('the same evaluate request again, after its answer: the kept bytes, without a task; not under another pack', async () => {
    const id = 'AURORA-2026-Q1-AGAIN';
    const first = await post(`${url}/v1/evaluate`, aurora(id));
    const before = tasks();
    const again = await post(`${url}/v1/evaluate`, aurora(id));
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('usmca-roo-verdict')).toBe(first.headers.get('usmca-roo-verdict'));
    expect(tasks()).toBe(before);
    // Another output is another request: evaluated.
    const worksheet = await post(`${url}/v1/evaluate?output=worksheet`, aurora(id));
    expect(worksheet.status).toBe(200);
    expect(tasks()).toBe(before + 1);
    // An answer computed under a rule pack other than the server's is not kept.
    const rules = server.rulesSha256;
    server.rulesSha256 = 'another pack';
    try {
      await post(`${url}/v1/evaluate`, aurora(`${id}-OTHER`));
      await post(`${url}/v1/evaluate`, aurora(`${id}-OTHER`));
      expect(tasks()).toBe(before + 3);
    } finally {
      server.rulesSha256 = rules;
    }
  });

  it('different claims at once: each answer is its own claim’s', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `AURORA-2026-Q1-${i}`);
    const answers = await Promise.all(ids.map((id) => post(`${url}/v1/evaluate`, aurora(id))));
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(JSON.parse(a.text).claim.id).toBe(ids[i]);
    });
  });

  it('an upload over largeBytes is evaluated in the large lane, with the same answer', async () => {
    // The claim padded with a YAML comment past 64 KiB: the same claim to the reader.
    const padded = new FormData();
    padded.append('claim', new Blob([`${CLAIM}\n# ${'x'.repeat(70 * 1024)}\n`]), 'claim.yaml');
    padded.append('files', new Blob([readFileSync(join(AURORA, 'producer.yaml'))]), 'producer.yaml');
    const lanes: number[] = [];
    const run = server.pool.run.bind(server.pool);
    server.pool.run = (task, bytes) => {
      lanes.push(bytes);
      return run(task, bytes);
    };
    const a = await post(`${url}/v1/evaluate`, padded);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text).verdict).toBe(JSON.parse(expected).verdict);
    expect(lanes[0]).toBeGreaterThanOrEqual(64 * 1024);
    const health = JSON.parse(await (await fetch(`${url}/health`)).text());
    expect(health).toEqual({ status: 'ok', engine: ENGINE, workers: 2, largeWorkers: 1 });
    const status = JSON.parse(await (await fetch(`${url}/status`)).text());
    expect(status).toMatchObject({ status: 'ok', engine: ENGINE, workers: 2, largeWorkers: 1, queued: 0, inFlight: 0 });
    expect(Object.keys(status).sort()).toEqual([
      'active',
      'engine',
      'inFlight',
      'largeWorkers',
      'queued',
      'status',
      'waiting',
      'workers',
    ]);
  });
});

describe('the fast lane: the same evaluate request again, answered on arrival by its exact bytes', () => {
  /** A multipart body of its own bytes (one boundary), so that sending it again sends the same bytes. */
  async function fixed(id: string): Promise<{ body: Buffer; type: string }> {
    const request = new Request('http://x/', { method: 'POST', body: aurora(id) });
    return { body: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type') ?? '' };
  }
  const send = (url: string, { body, type }: { body: Buffer; type: string }, headers: Record<string, string> = {}) =>
    post(`${url}/v1/evaluate`, new Uint8Array(body), { 'content-type': type, ...headers });

  it('20 identical at once, then 5 more: one evaluation; those read on arrival never reach the framework', async () => {
    const { server, url } = await start({ threads: 1 });
    try {
      const tasks = countTasks(server);
      let routed = 0;
      const enter = server.admission.enter.bind(server.admission);
      server.admission.enter = () => (routed++, enter()); // every request the framework reads enters here
      const same = await fixed('AURORA-LANE');
      const burst = await Promise.all(Array.from({ length: 20 }, () => send(url, same)));
      const first = burst[0] as Awaited<ReturnType<typeof post>>;
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text).claim.id).toBe('AURORA-LANE');
      for (const a of burst) {
        expect(a.status).toBe(200);
        expect(a.text).toBe(first.text);
      }
      expect(tasks()).toBe(1);
      const before = routed;
      const again = await Promise.all(Array.from({ length: 5 }, () => send(url, same)));
      for (const a of again) {
        expect(a.text).toBe(first.text);
        expect(a.headers.get('usmca-roo-verdict')).toBe(first.headers.get('usmca-roo-verdict'));
        expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect([routed, tasks()]).toEqual([before, 1]);
      // A claim with problems: every identical request gets them (422), each time.
      const broken = await fixed('AURORA-LANE');
      const bad = {
        ...broken,
        body: Buffer.from(
          broken.body.toString('latin1').replace('format: usmca-roo/claim@1', 'format: nope'),
          'latin1',
        ),
      };
      const refused = await Promise.all(Array.from({ length: 3 }, () => send(url, bad)));
      for (const a of refused) expect(a.status).toBe(422);
    } finally {
      await server.app.close();
    }
  });

  it('two bodies alike in their sample, one byte apart: each gets its own answer, never the other’s', async () => {
    const { server, url } = await start({ threads: 1 });
    try {
      const a = await fixed('AURORA-LANE-SAMPLE-1');
      // The same bytes but one digit of the claim id, under the same boundary: equal in length and sample.
      const at = a.body.indexOf('AURORA-LANE-SAMPLE-1') + 'AURORA-LANE-SAMPLE-'.length;
      const b = { ...a, body: Buffer.from(a.body) };
      b.body[at] = '2'.charCodeAt(0);
      expect(bodySample(b.body)).toBe(bodySample(a.body));
      expect(b.body.equals(a.body)).toBe(false);
      const id = (x: Awaited<ReturnType<typeof post>>) => JSON.parse(x.text).claim.id;
      expect(id(await send(url, a))).toBe('AURORA-LANE-SAMPLE-1');
      expect(id(await send(url, b))).toBe('AURORA-LANE-SAMPLE-2');
      expect(id(await send(url, a))).toBe('AURORA-LANE-SAMPLE-1');
      // At once: neither waits for the other's evaluation.
      const [x, y] = await Promise.all([send(url, b), send(url, a)]);
      expect([id(x as Awaited<ReturnType<typeof post>>), id(y as Awaited<ReturnType<typeof post>>)]).toEqual([
        'AURORA-LANE-SAMPLE-2',
        'AURORA-LANE-SAMPLE-1',
      ]);
    } finally {
      await server.app.close();
    }
  });

  it('with a token: the same bytes without it, or with a wrong one, are refused (401), never answered', async () => {
    const token = 'a-token-of-enough-length';
    const { server, url } = await start({ threads: 1, token });
    try {
      const same = await fixed('AURORA-LANE-TOKEN');
      const ok = await send(url, same, { authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(problemCodes(await send(url, same))).toEqual(['AUTH_REQUIRED']);
      expect(problemCodes(await send(url, same, { authorization: 'Bearer wrong-token-of-length' }))).toEqual([
        'AUTH_INVALID',
      ]);
      expect((await send(url, same, { authorization: `Bearer ${token}` })).text).toBe(ok.text);
    } finally {
      await server.app.close();
    }
  });
});

describe('Admission: so many requests read and worked on at once, the others waiting in turn', () => {
  it('two places: the third waits until one leaves, in the order they came; leaving twice frees one place', async () => {
    const admission = new Admission(2);
    const a = await admission.enter();
    const b = await admission.enter();
    const order: string[] = [];
    const c = admission.enter().then((leave) => (order.push('c'), leave));
    const d = admission.enter().then((leave) => (order.push('d'), leave));
    await Promise.resolve();
    expect([admission.inside, admission.queued, order]).toEqual([2, 2, []]);
    a();
    a();
    const leaveC = await c;
    expect([admission.inside, admission.queued, order]).toEqual([2, 1, ['c']]);
    b();
    const leaveD = await d;
    expect(order).toEqual(['c', 'd']);
    leaveC();
    leaveD();
    expect([admission.inside, admission.queued]).toEqual([0, 0]);
  });

  it('a server reading 2 requests at once: 10 different claims sent together are all answered, each its own', async () => {
    const { server, url } = await start({ threads: 1, limits: { activeRequests: 2 } });
    try {
      const ids = Array.from({ length: 10 }, (_, i) => `AURORA-TURN-${i}`);
      const answers = await Promise.all(ids.map((id) => post(`${url}/v1/evaluate`, aurora(id))));
      answers.forEach((a, i) => {
        expect(a.status).toBe(200);
        expect(JSON.parse(a.text).claim.id).toBe(ids[i]);
      });
      // A bad request waits its turn too, and is answered as ever.
      const bad = await post(`${url}/v1/evaluate?colour=red`, aurora());
      expect(problemCodes(bad)).toEqual(['FIELD_UNKNOWN']);
    } finally {
      await server.app.close();
    }
  });
});

describe('a full queue', () => {
  it.each([
    ['the workers’ queue full (one worker, one place in its queue)', { maxQueue: 1 }],
    ['the requests waiting to be read too many (one read at a time, one waiting)', { maxQueue: 1, activeRequests: 1 }],
  ])(
    '%s: 16 different claims at once, each answered 200 or 503 SERVER_BUSY with Retry-After',
    async (_what, limits) => {
      const { server, url } = await start({ threads: 1, limits });
      try {
        const answers = await Promise.all(
          Array.from({ length: 16 }, (_, i) => post(`${url}/v1/evaluate`, aurora(`AURORA-BUSY-${i}`))),
        );
        const busy = answers.filter((a) => a.status === 503);
        expect(answers.filter((a) => a.status === 200).length + busy.length).toBe(16);
        expect(busy.length).toBeGreaterThan(0);
        for (const a of busy) {
          expect(problemCodes(a)).toEqual(['SERVER_BUSY']);
          expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        }
      } finally {
        await server.app.close();
      }
    },
  );
});
