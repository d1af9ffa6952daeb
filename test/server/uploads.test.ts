/**
 * Large uploads are received onto disk as they arrive, not into the server's memory: from the byte that takes a
 * request's files to largeBytes, the rest goes to a file in a private folder, which the worker is handed (and
 * moves into its own folder) instead of the bytes; the folder is gone once the request is answered. The size
 * limit is enforced as the bytes arrive: over it, 413 BODY_TOO_LARGE, a problem object, and nothing left on disk.
 * A body that comes too slowly (under the minimum rate after a grace period) is refused with 408 BODY_TOO_SLOW, so
 * that a client sending a byte at a time cannot hold the places of requests being read.
 * The server's temporary folder is one of this file's own (TMPDIR), so that what is left in it can be seen.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Server } from '../../src/server/app.js';
import { Receiver } from '../../src/server/receive.js';
import type { StagedTask } from '../../src/server/task.js';
import { cli, EXAMPLES, post, problemCodes } from './helpers.js';

const AURORA = join(EXAMPLES, 'aurora-sedan');
const CLAIM = readFileSync(join(AURORA, 'claim.yaml'), 'utf8');
const PRODUCER = readFileSync(join(AURORA, 'producer.yaml'));
/** The claim padded with a YAML comment to `bytes`: the same claim to the reader. */
const padded = (bytes: number) => `${CLAIM}\n# ${'x'.repeat(bytes - CLAIM.length)}\n`;

const SAVED_TMPDIR = process.env.TMPDIR;
function restoreTmpdir(): void {
  if (SAVED_TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = SAVED_TMPDIR;
}

const LARGE = 64 * 1024;
const LIMIT = 512 * 1024;

describe('Receiver: bytes in memory up to spillFrom, then onto disk; refused beyond max', () => {
  const chunks = (sizes: number[]) => Readable.from(sizes.map((n, i) => Buffer.alloc(n, 97 + i)));
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'receive-test-'));
    process.env.TMPDIR = tmp;
  });
  afterAll(() => {
    restoreTmpdir();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a file of 30 bytes with spillFrom 100: its bytes; then one of 40 + 40 (total 110): a file of 80 bytes on disk', async () => {
    const r = new Receiver(1000, 100);
    const small = await r.receive(chunks([10, 20]));
    expect(Buffer.isBuffer(small) && small.toString()).toBe(`${'a'.repeat(10)}${'b'.repeat(20)}`);
    const large = await r.receive(chunks([40, 40]));
    expect(Buffer.isBuffer(large)).toBe(false);
    const { path, length } = large as { path: string; length: number };
    expect(length).toBe(80);
    expect(readFileSync(path, 'utf8')).toBe(`${'a'.repeat(40)}${'b'.repeat(40)}`);
    expect(r.total).toBe(110);
    await r.remove();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('max 100: 60 + 41 bytes is refused with BODY_TOO_LARGE at the 101st; 60 + 40 is not', async () => {
    await expect(new Receiver(100, 1000).receive(chunks([60, 41]))).rejects.toMatchObject({
      status: 413,
      problems: [{ code: 'BODY_TOO_LARGE' }],
    });
    const exact = await new Receiver(100, 1000).receive(chunks([60, 40]));
    expect(exact.length).toBe(100);
  });
});

describe('the server receiving large uploads', () => {
  let server: Server;
  let url: string;
  let tmp: string;
  const handed: StagedTask[] = [];
  /** The request folders left in the temporary folder (the workers' own are elsewhere). */
  const leftOver = () => readdirSync(tmp).filter((f) => f.startsWith('usmca-roo-upload-'));
  /** Waits until the server has removed what an answered request left (it does so once the answer is sent). */
  async function settled(): Promise<string[]> {
    for (let i = 0; i < 100 && leftOver().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    return leftOver();
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'uploads-test-'));
    process.env.TMPDIR = tmp;
    server = await buildServer({ threads: 1, limits: { largeBytes: LARGE, bodyBytes: LIMIT } });
    const run = server.pool.run.bind(server.pool);
    server.pool.run = (task, bytes) => {
      handed.push(task);
      return run(task, bytes);
    };
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    restoreTmpdir();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a multipart claim of 100 KiB: the worker gets the file on disk, the answer is the command line’s', async () => {
    const expected = (await cli(AURORA, 'evaluate', 'claim.yaml', '--json')).out;
    const f = new FormData();
    f.append('files', new Blob([PRODUCER]), 'producer.yaml');
    f.append('claim', new Blob([padded(100 * 1024)]), 'claim.yaml');
    const a = await post(`${url}/v1/evaluate`, f);
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text)).toEqual(JSON.parse(expected));
    const files = new Map(handed.at(-1)?.files);
    // The producer document came first, under largeBytes: its bytes; the claim took the request past it: a file.
    expect(files.get('producer.yaml')).toBeInstanceOf(Uint8Array);
    expect(files.get('claim.yaml')).toMatchObject({ path: expect.stringContaining(tmp) });
    expect(await settled()).toEqual([]);
  });

  it('a one-document body of 100 KiB (YAML): received onto disk, read by the worker under its name', async () => {
    const a = await post(`${url}/v1/evaluate`, padded(100 * 1024), { 'content-type': 'application/yaml' });
    // The claim names its producer document, which a one-document body cannot bring: the reader says so.
    expect(a.status).toBe(422);
    expect(JSON.parse(a.text).problems[0]).toMatchObject({ code: 'FILE_NOT_UPLOADED', file: 'claim.yaml' });
    expect(new Map(handed.at(-1)?.files).get('claim.yaml')).toMatchObject({ path: expect.stringContaining(tmp) });
    expect(await settled()).toEqual([]);
  });

  it('over the 512 KiB limit: 413 BODY_TOO_LARGE as a problem object, one-document and multipart; nothing left', async () => {
    const big = padded(LIMIT + 1);
    const a = await post(`${url}/v1/evaluate`, big, { 'content-type': 'application/yaml' });
    expect(a.status).toBe(413);
    expect(problemCodes(a)).toEqual(['BODY_TOO_LARGE']);
    // Sent in chunks without a length: refused as the bytes arrive.
    const chunked = await fetch(`${url}/v1/evaluate`, {
      method: 'POST',
      body: Readable.toWeb(Readable.from([big.slice(0, LIMIT / 2), big.slice(LIMIT / 2)])),
      duplex: 'half',
      headers: { 'content-type': 'application/yaml' },
    } as RequestInit & { duplex: 'half' });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(await chunked.text()).problems.map((p: { code: string }) => p.code)).toEqual(['BODY_TOO_LARGE']);
    const f = new FormData();
    f.append('claim', new Blob([padded(LIMIT / 2)]), 'claim.yaml');
    f.append('files', new Blob([padded(LIMIT / 2)]), 'producer.yaml');
    const m = await post(`${url}/v1/evaluate`, f);
    expect(m.status).toBe(413);
    expect(problemCodes(m)).toEqual(['BODY_TOO_LARGE']);
    expect(await settled()).toEqual([]);
    // The server goes on answering.
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

describe('a body that comes too slowly', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // One request read at a time; a body must average 1,000 bytes a second after its first 300 ms.
    server = await buildServer({
      threads: 1,
      limits: { activeRequests: 1, bodyRate: { graceMs: 300, minBytesPerSecond: 1000 } },
    });
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(url).port);
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
  });

  /** Sends the headers of a POST /v1/evaluate of `length` bytes, then a byte every 100 ms: the whole answer. */
  function drip(length: number, type: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`,
        );
        const timer = setInterval(() => socket.writable && socket.write('#'), 100);
        let answer = '';
        socket.on('data', (d) => (answer += d));
        socket.on('close', () => (clearInterval(timer), resolve(answer)));
        socket.on('error', (err) => (clearInterval(timer), reject(err)));
      });
    });
  }

  it.each([
    ['a YAML body of 100,000 bytes (read on arrival, as a small request)', 100_000, 'application/yaml'],
    ['a YAML body of 2 MiB (read through the server, holding its only place)', 2 * 1024 * 1024, 'application/yaml'],
    ['a multipart body of 2 MiB', 2 * 1024 * 1024, 'multipart/form-data; boundary=b'],
  ])(
    '%s: 408 BODY_TOO_SLOW, a problem object, the connection closed; the next request is answered',
    async (_what, length, type) => {
      const [slow, next] = await Promise.all([
        drip(length, type),
        // Sent just after: it waits for the slow one's place, then is answered.
        new Promise((r) => setTimeout(r, 50)).then(() =>
          post(`http://127.0.0.1:${port}/v1/evaluate`, '{}', { 'content-type': 'application/json' }),
        ),
      ]);
      expect(slow).toMatch(/^HTTP\/1\.1 408 /);
      expect(slow.toLowerCase()).toContain('connection: close');
      const body = JSON.parse(slow.slice(slow.indexOf('\r\n\r\n') + 4)) as { problems: Array<{ code: string }> };
      expect(body.problems.map((p) => p.code)).toEqual(['BODY_TOO_SLOW']);
      expect(next.status).toBe(422);
    },
  );
});
