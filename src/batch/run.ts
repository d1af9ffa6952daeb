/**
 * Evaluates many claims on worker threads. Each claim's decision goes to its own file, named from the claim
 * file's path, so the outputs are the same files with the same bytes whatever the number of workers; the
 * summary is sorted by file. A worker that dies (out of memory, a crash in a library) costs only the claim it
 * was evaluating: that claim is reported as failed and a fresh worker takes the rest.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadPolicy } from '../documents/files.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { JobResult } from './job.js';

export interface BatchOptions {
  files: string[];
  outDir: string;
  jobs: number;
  cwd: string;
  rulesDir?: string;
  policy?: ReadPolicy;
  onProgress?: (done: number, total: number) => void;
}

/** Longest stem of a decision file name, before its hash and `.decision.json`. */
const MAX_STEM = 100;

const fold = (name: string) => name.toLowerCase();
const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const clean = (text: string) =>
  text
    .replace(/\.(ya?ml|json)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '') || 'claim';

/**
 * Output file for each claim: its base name; the path relative to `cwd` when two claims share a base name;
 * and a hash of that path whenever names would still meet (also on a case-insensitive file system, or after
 * unusual characters were replaced) or the name is long. Distinct claim paths always get distinct names,
 * each at most about 130 characters; the same path named twice gets -2, -3.
 */
export function outputNames(files: string[], cwd: string): string[] {
  const paths = files.map((f) => relative(cwd, resolve(cwd, f)));
  const groups = <T>(names: string[], f: (n: string) => T) => {
    const counts = new Map<T, number>();
    for (const n of names) counts.set(f(n), (counts.get(f(n)) ?? 0) + 1);
    return (n: string) => (counts.get(f(n)) ?? 0) > 1;
  };
  let names = files.map((f) => clean(basename(f)));
  const shared = groups(names, fold);
  names = names.map((n, i) => (shared(n) ? clean(paths[i] as string) : n));
  const stillShared = groups(names, fold);
  names = names.map((n, i) =>
    stillShared(n) || n.length > MAX_STEM ? `${n.slice(0, MAX_STEM)}-${hash(paths[i] as string)}` : n,
  );
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = fold(n);
    const count = (seen.get(k) ?? 0) + 1;
    seen.set(k, count);
    return `${count === 1 ? n : `${n}-${count}`}.decision.json`;
  });
}

/** The worker's module: its bundle (dist/bundle/worker.mjs) when built, else the compiled module. */
function workerModule(): URL {
  const bundled = join(PACKAGE_ROOT, 'dist', 'bundle', 'worker.mjs');
  return pathToFileURL(existsSync(bundled) ? bundled : join(PACKAGE_ROOT, 'dist', 'batch', 'worker.js'));
}

/**
 * Each claim's data dies once its decision is written. A young generation large enough to hold a claim's
 * allocations lets them die there, instead of being copied into the old generation and collected later:
 * less garbage-collection work per claim, and less memory traffic for the workers to contend over.
 */
const YOUNG_GENERATION_MB = 192;

export async function runBatch(options: BatchOptions): Promise<JobResult[]> {
  const { files, cwd } = options;
  const names = outputNames(files, cwd);
  const results: JobResult[] = new Array(files.length);
  const workerCount = Math.max(1, Math.min(options.jobs, files.length));
  let next = 0;
  let done = 0;
  const workerUrl = workerModule();
  const record = (index: number, result: JobResult) => {
    results[index] = { ...result, file: files[index] as string };
    done++;
    options.onProgress?.(done, files.length);
  };
  const lane = (): Promise<void> =>
    new Promise<void>((resolveLane) => {
      let current: number | undefined;
      let failure: string | undefined;
      const worker = new Worker(workerUrl, {
        workerData: { rulesDir: options.rulesDir, policy: options.policy },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      const send = () => {
        if (next >= files.length) {
          current = undefined;
          worker.postMessage(null);
          return;
        }
        current = next++;
        worker.postMessage({
          index: current,
          file: resolve(cwd, files[current] as string),
          output: resolve(cwd, options.outDir, names[current] as string),
        });
      };
      worker.on('message', (msg: { index: number; result: JobResult }) => {
        record(msg.index, msg.result);
        send();
      });
      worker.on('error', (err: Error & { code?: string }) => {
        failure = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the worker ran out of memory' : err.message.split('\n')[0];
      });
      worker.on('exit', (exitCode) => {
        if (current === undefined) return resolveLane();
        // The worker died with a claim in hand: that claim fails, a fresh worker takes the rest.
        record(current, {
          kind: 'crashed',
          file: files[current] as string,
          error: `worker stopped: ${failure ?? `exit code ${exitCode}`}`,
        });
        current = undefined;
        lane().then(resolveLane, resolveLane);
      });
      send();
    });
  await Promise.all(Array.from({ length: workerCount }, lane));
  return results;
}

/** What a batch came to, worst first: an internal error, then invalid claims, then a failing verdict. */
export type BatchOutcome = 'some-crashed' | 'some-invalid' | 'some-not-originating' | 'all-originating';

/** The counts of a batch's results, and its outcome (a refused decision counts as invalid). */
export function batchOutcome(results: readonly JobResult[]): {
  outcome: BatchOutcome;
  originating: number;
  notOriginating: number;
  invalid: number;
  crashed: number;
} {
  const count = (test: (r: JobResult) => boolean) => results.filter(test).length;
  const crashed = count((r) => r.kind === 'crashed');
  const invalid = count((r) => r.kind === 'invalid' || r.kind === 'refused');
  const notOriginating = count((r) => r.kind === 'decided' && r.verdict === 'not-originating');
  const originating = count((r) => r.kind === 'decided' && r.verdict === 'originating');
  const outcome: BatchOutcome =
    crashed > 0
      ? 'some-crashed'
      : invalid > 0
        ? 'some-invalid'
        : notOriginating > 0
          ? 'some-not-originating'
          : 'all-originating';
  return { outcome, originating, notOriginating, invalid, crashed };
}
