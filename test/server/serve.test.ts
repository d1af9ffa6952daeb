/**
 * `usmca-roo serve` as a process: it refuses to listen beyond loopback without a token, refuses a guessable
 * token, and on SIGTERM lets the request in flight finish (a whole answer) before it exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript module of the benchmark, without types
import { generate } from '../../bench/generate.mjs';
import { cli, ROOT } from './helpers.js';

describe('serve: where it may listen', () => {
  it('beyond loopback without --token-file: refused, exit 2', async () => {
    const r = await cli(ROOT, 'serve', '--host', '0.0.0.0', '--port', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refusing to listen on 0\.0\.0\.0 without --token-file/);
  });

  it('a token shorter than 16 characters, a bad port: refused, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-token-'));
    writeFileSync(join(dir, 'token'), 'short\n');
    const r = await cli(ROOT, 'serve', '--token-file', join(dir, 'token'), '--port', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at least 16 characters/);
    const p = await cli(ROOT, 'serve', '--port', '70000');
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/--port takes a whole number from 1 to 65535/);
  });
});

describe('serve --rules-dir NAME=DIR: rule packs for POST /v1/impact, checked before listening', () => {
  it.each([
    [
      'a folder that is not a rule pack',
      ['--rules-dir', 'next=examples'],
      /--rules-dir next: .* is not a rule pack that loads/,
    ],
    ['no NAME', ['--rules-dir', 'rules/usmca'], /--rules-dir takes NAME=DIR/],
    ['a NAME with a slash', ['--rules-dir', 'a/b=rules/usmca'], /--rules-dir takes NAME=DIR/],
    ['one NAME twice', ['--rules-dir', 'p=rules/usmca', '--rules-dir', 'p=rules/usmca'], /names "p" twice/],
  ])('%s: refused, exit 2', async (_what, options, message) => {
    const store = join(mkdtempSync(join(tmpdir(), 'serve-rules-')), 'db');
    const r = await cli(ROOT, 'serve', '--port', '0', '--store', store, ...options);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('without --store: refused, exit 2 (impact needs the decision store)', async () => {
    const r = await cli(ROOT, 'serve', '--port', '0', '--rules-dir', 'p=rules/usmca');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--rules-dir is for POST \/v1\/impact, which needs the decision store/);
  });
});

/** Resolves once the server at `url` is reading or working on an engine request (GET /status: active). */
async function inFlight(url: string): Promise<void> {
  for (;;) {
    const status = (await (await fetch(`${url}/status`)).json()) as { active: number };
    if (status.active > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('serve: SIGTERM', () => {
  it('finishes the evaluation in flight, answers it whole, then exits 0', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'usmca-roo.js'), 'serve', '--port', '0', '--workers', '1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (test: () => boolean) => {
      while (!test()) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(() => /listening on (http:\/\/\S+)/.test(err));
    const url = /listening on (http:\/\/\S+)/.exec(err)?.[1] as string;

    const claim = JSON.stringify(generate(20_000));
    const answer = fetch(`${url}/v1/evaluate`, {
      method: 'POST',
      body: claim,
      headers: { 'content-type': 'application/json' },
    }).then(async (res) => ({ status: res.status, text: await res.text() }));
    await inFlight(url);
    child.kill('SIGTERM');
    const done = await answer;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.text)).toMatchObject({ format: 'usmca-roo/decision@1' });
    expect(await exited).toBe(0);
    expect(err).toMatch(/SIGTERM: finishing the requests in flight, then stopping/);
    // The request log, written in batches, has every line by the exit: the evaluation's among them.
    const answered = out
      .split('\n')
      .filter((line) => line.includes('"msg":"answered"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answered).toContainEqual(
      expect.objectContaining({ method: 'POST', url: '/v1/evaluate', status: 200, cached: false, shared: false }),
    );
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('serve --store: SIGTERM', () => {
  it('finishes the evaluation being stored, then exits 0: the record is whole and checks against its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-store-'));
    const store = join(dir, 'decisions');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'usmca-roo.js'), 'serve', '--port', '0', '--workers', '1', '--store', store],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (test: () => boolean) => {
      while (!test()) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(() => /listening on (http:\/\/\S+)/.test(err));
    const url = /listening on (http:\/\/\S+)/.exec(err)?.[1] as string;

    const doc = generate(5_000) as { id: string };
    const answer = fetch(`${url}/v1/evaluate?store=true`, {
      method: 'POST',
      body: JSON.stringify(doc),
      headers: { 'content-type': 'application/json' },
    }).then(async (res) => ({ status: res.status, text: await res.text() }));
    await inFlight(url);
    child.kill('SIGTERM');
    const done = await answer;
    expect(done.status, done.text).toBe(200);
    expect(await exited).toBe(0);
    // The store, opened again after the server stopped: the record is there, whole, its hash checked.
    const shown = await cli(dir, 'records', 'show', doc.id, '--store', store);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/sha256 [0-9a-f]{64} \(checked\)/);
  }, 120_000);
});
