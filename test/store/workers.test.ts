/**
 * Beyond one machine, and killed processes: two `usmca-roo worker` processes share a queued batch through
 * pg-boss on a real PostgreSQL server (one of them killed in the middle; its job is retried by the other),
 * and an `evaluate-batch --store` process killed in the middle of a batch (into a PGlite folder, and into a
 * PostgreSQL server when there is one). In both, every
 * committed decision is there, whole, and checks against its hash; none is stored twice.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { BACKENDS, PG_URL } from './backends.js';
import { ACCEPT, sedan, writeAll } from './fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'usmca-roo.js');

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => err };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const claims = (n: number) =>
  writeAll(Array.from({ length: n }, (_, i) => [`c${i}.yaml`, sedan(`TERN-${String(i).padStart(2, '0')}`)]));

describe.skipIf(!PG_URL)('queued evaluation on two worker processes (PostgreSQL)', () => {
  it('shares the claims, survives a worker killed mid-run, stores each decision once', async () => {
    const db = await BACKENDS.find((b) => b.name === 'postgres')!.fresh();
    const files = claims(12);
    const workerArgs = ['worker', '--store', db, '--until-idle', '--idle-seconds', '20', '--check-seconds', '1'];
    const w1 = start(workerArgs);
    const submit = runCli('evaluate-batch', ...files, '--store', db, '--queue', '--job-timeout', '3');
    // The first worker runs alone until it has stored two decisions (so it surely has work when it dies), then
    // the second starts and the first is killed while it holds its next job.
    let w1Exit: number | null | undefined;
    void w1.exited.then((code) => (w1Exit = code));
    await until(() => {
      if (w1Exit !== undefined) throw new Error(`the first worker exited (${w1Exit}): ${w1.stderr()}`);
      return (w1.stderr().match(/evaluated TERN/g) ?? []).length >= 2;
    }, 120_000);
    const w2 = start(workerArgs);
    w1.child.kill('SIGKILL');
    const done = await submit;
    expect(done.code, done.err).toBe(1); // every sedan fails its RVC (69 %)
    expect(w2.stderr()).toMatch(/evaluated TERN/);
    w2.child.kill('SIGTERM');
    await w2.exited;
    const listed = JSON.parse((await runCli('records', 'list', '--store', db, '--json')).out);
    // Each claim once: a job retried after its worker died adds no second version.
    expect(listed.records.map((r: { claimId: string; version: number }) => `${r.claimId}@${r.version}`)).toEqual(
      Array.from({ length: 12 }, (_, i) => `TERN-${String(i).padStart(2, '0')}@1`),
    );
    const replay = await runCli('records', 'replay', '--store', db, ...ACCEPT);
    expect(replay.code, replay.out).toBe(0);
  }, 240_000);
});

describe.each(BACKENDS)('a batch killed in the middle ($name)', (backend) => {
  it('keeps every committed decision whole, and nothing half-written', async () => {
    const db = await backend.fresh();
    const files = claims(30);
    const batch = start(['evaluate-batch', ...files, '--store', db, '--jobs', '1']);
    await until(() => (batch.stderr().match(/^stored /gm) ?? []).length >= 3, 120_000);
    batch.child.kill('SIGKILL');
    await batch.exited;
    const announced = (batch.stderr().match(/^stored /gm) ?? []).length;
    const listed = JSON.parse((await runCli('records', 'list', '--store', db, '--json')).out).records;
    expect(listed.length).toBeGreaterThanOrEqual(announced);
    expect(listed.length).toBeLessThan(30);
    const replay = await runCli('records', 'replay', '--store', db, ...ACCEPT);
    expect(replay.code, replay.out).toBe(0);
    expect(replay.out.match(/IDENTICAL/g)).toHaveLength(listed.length);
  }, 240_000);
});
