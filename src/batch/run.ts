/**
 * Evaluates many claims on worker threads. Each claim's decision goes to its own file, named from the claim
 * file's path, so the outputs are the same files with the same bytes whatever the number of workers; the
 * summary is sorted by file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../paths.js';
import { Worker } from 'node:worker_threads';
import type { JobResult } from './job.js';

export interface BatchOptions {
  files: string[];
  outDir: string;
  jobs: number;
  cwd: string;
  rulesDir?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Output file for each claim: its base name, made unique by its directory when two share one. */
export function outputNames(files: string[], cwd: string): string[] {
  const base = files.map((f) => basename(f).replace(/\.(ya?ml|json)$/i, ''));
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  return files.map((f, i) => {
    const b = base[i] as string;
    const name =
      (counts.get(b) ?? 0) > 1
        ? relative(cwd, resolve(cwd, f))
            .replace(/\.(ya?ml|json)$/i, '')
            .replace(/[^A-Za-z0-9._-]+/g, '_')
        : b;
    return `${name}.decision.json`;
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
  mkdirSync(resolve(cwd, options.outDir), { recursive: true });
  const names = outputNames(files, cwd);
  const results: JobResult[] = new Array(files.length);
  const workerCount = Math.max(1, Math.min(options.jobs, files.length));
  let next = 0;
  let done = 0;
  const workerUrl = workerModule();
  await Promise.all(
    Array.from(
      { length: workerCount },
      () =>
        new Promise<void>((resolveWorker, rejectWorker) => {
          const worker = new Worker(workerUrl, {
            workerData: { rulesDir: options.rulesDir },
            resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
          });
          const send = () => {
            if (next >= files.length) {
              worker.postMessage(null);
              return;
            }
            const index = next++;
            worker.postMessage({
              index,
              file: resolve(cwd, files[index] as string),
              output: resolve(cwd, options.outDir, names[index] as string),
            });
          };
          worker.on('message', (msg: { index: number; result: JobResult }) => {
            results[msg.index] = { ...msg.result, file: files[msg.index] as string };
            done++;
            options.onProgress?.(done, files.length);
            send();
          });
          worker.on('error', rejectWorker);
          worker.on('exit', () => resolveWorker());
          send();
        }),
    ),
  );
  return results;
}
